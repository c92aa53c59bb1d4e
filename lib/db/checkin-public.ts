// The client's side of a check-in. There is no Actor here: the link's token is the only credential,
// so every function starts from HMAC(token) and reaches exactly one check-in through its link.
// Opening the link reads only; saving a draft and submitting are conditional writes on OPEN.
// Audit: LINK_OPEN is recorded with the first saved answer of a check-in, not on GET (opening, or
// a mail scanner prefetching, changes nothing); CHECKIN_SUBMIT inside the winning submission.
// A goal-progress item asks about the client's goals as they stood when the link was issued
// (goalItemsForCheckIn with asOf = link.createdAt), so a link always shows and stores the same
// goals; an item with no goals then has nothing to ask and is left out (no Response for it).
import 'server-only'
import { db } from './client'
import { TX_OPTIONS } from './tx'
import { Prisma } from './generated/client'
import { RISK_FLAG, ScoringInputError } from '@/lib/assessments'
import { systemClock, type Clock } from '@/lib/clock'
import { decryptField, encryptField, type Aad } from '@/lib/crypto/field'
import { hashToken, isWellFormedToken } from '@/lib/crypto/tokens'
import { logger } from '@/lib/log'
import { recordAudit } from '@/lib/audit/record'
import { fitGoalDrafts, isGoalProgressItem, parseAnswerMap, responseColumns, scoreCheckIn } from '@/lib/assessments/checkin-answers'
import { goalItemsForCheckIn } from './goal-progress'
import type { AnswerMap, CheckInItemView, SaveDraftResult, SubmitResult } from '@/lib/checkins/types'
import type { GoalItem } from '@/lib/goals/types'
import { isUuid } from '@/lib/validation/uuid'

/** Shown when a risk item is answered above zero and the practice has not written its own text. */
export const DEFAULT_CRISIS_RESOURCES = [
  'If you are in danger right now or feel you might act on thoughts of harming yourself, call 999 or go to your nearest A&E.',
  'Samaritans: call 116 123, free, any time of day or night, to talk to someone who will listen.',
  'NHS 111: call 111 and choose option 2 for urgent mental health support.',
  'Shout: text SHOUT to 85258 for free, confidential support by text, any time.',
  'Your practice does not see your answers as you send them, so please reach out to one of these now rather than waiting to hear from them.',
].join('\n')

export type PublicCheckIn =
  | { state: 'inactive'; practiceName: string }
  | {
      state: 'open'
      practiceName: string
      timeZone: string
      crisisResources: string
      expiresAt: Date
      items: CheckInItemView[]
      draft: AnswerMap | null
    }

const draftAad = (checkInId: string, practiceId: string): Aad => ['CheckIn', checkInId, 'draft', practiceId]

const itemsSelect = {
  orderBy: { position: 'asc' },
  select: { id: true, instrumentId: true, relationshipTarget: true },
} satisfies Prisma.CheckIn$itemsArgs

const linkSelect = {
  id: true,
  revokedAt: true,
  createdAt: true,
  checkIn: {
    select: {
      id: true,
      practiceId: true,
      clientId: true,
      status: true,
      expiresAt: true,
      submissionKey: true,
      items: itemsSelect,
    },
  },
} satisfies Prisma.CheckInLinkSelect

function findLink(token: string) {
  if (!isWellFormedToken(token)) return null
  return db.checkInLink.findUnique({ where: { tokenHash: hashToken(token) }, select: linkSelect })
}

const isOpen = (c: { status: string; expiresAt: Date }, now: Date) => c.status === 'OPEN' && c.expiresAt > now

type Tx = Prisma.TransactionClient
type RawItem = { id: string; instrumentId: string; relationshipTarget: string | null }
type ResolvedItem = RawItem & { goals?: GoalItem[] }

/**
 * The items as this link asks them: a goal-progress item gets the goals that were active when the
 * link was created (in that wording); without any it is dropped. Inside a transaction pass its
 * client, so the goals read are those of the same snapshot as the rest of the submission.
 */
async function resolveItems(items: readonly RawItem[], clientId: string, linkCreatedAt: Date, client?: Tx): Promise<ResolvedItem[]> {
  if (!items.some(isGoalProgressItem)) return [...items]
  const goals = await goalItemsForCheckIn(clientId, { asOf: linkCreatedAt, client })
  return items.flatMap((i) => (isGoalProgressItem(i) ? (goals.length > 0 ? [{ ...i, goals }] : []) : [i]))
}

/** What the link page shows. Pure read: opening (or prefetching) the link changes nothing. */
export async function getCheckInForToken(token: string, clock: Clock = systemClock): Promise<PublicCheckIn | null> {
  if (!isWellFormedToken(token)) return null
  const link = await db.checkInLink.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      revokedAt: true,
      createdAt: true,
      checkIn: {
        select: {
          id: true,
          practiceId: true,
          clientId: true,
          status: true,
          expiresAt: true,
          draftEnc: true,
          practice: { select: { name: true, timeZone: true, crisisResources: true } },
          items: itemsSelect,
        },
      },
    },
  })
  if (!link) return null
  const { checkIn } = link
  const practiceName = checkIn.practice.name
  if (link.revokedAt || !isOpen(checkIn, clock())) return { state: 'inactive', practiceName }
  const resolved = await resolveItems(checkIn.items, checkIn.clientId, link.createdAt)
  const items: CheckInItemView[] = resolved.map((i) => ({
    itemId: i.id,
    instrumentId: i.instrumentId,
    relationshipTarget: i.relationshipTarget,
    ...(i.goals ? { goals: i.goals.map((g) => ({ goalId: g.goalId, title: g.title })) } : {}),
  }))
  return {
    state: 'open',
    practiceName,
    timeZone: checkIn.practice.timeZone,
    crisisResources: checkIn.practice.crisisResources?.trim() || DEFAULT_CRISIS_RESOURCES,
    expiresAt: checkIn.expiresAt,
    items,
    draft: readDraft(checkIn, resolved),
  }
}

function readDraft(c: { id: string; practiceId: string; draftEnc: string | null; items: RawItem[] }, resolved: readonly ResolvedItem[]) {
  if (!c.draftEnc) return null
  try {
    const raw: unknown = JSON.parse(decryptField(c.draftEnc, draftAad(c.id, c.practiceId)))
    return parseAnswerMap(resolved, fitGoalDrafts(raw, c.items, resolved))
  } catch (e) {
    // A draft that cannot be read is dropped (the client answers again), never shown half-decoded.
    logger.warn('checkin.draft.unreadable', { checkInId: c.id, error: e instanceof Error ? e.name : 'unknown' })
    return null
  }
}

/** Keeps the answers so far (encrypted), so a reload resumes where the client stopped. */
export async function saveCheckInDraft(token: string, draft: unknown, clock: Clock = systemClock): Promise<SaveDraftResult> {
  const link = await findLink(token)
  if (!link) return { status: 'not-found' }
  const { checkIn } = link
  const now = clock()
  if (link.revokedAt || !isOpen(checkIn, now)) return { status: 'inactive' }
  const items = await resolveItems(checkIn.items, checkIn.clientId, link.createdAt)
  const parsed = parseAnswerMap(items, draft)
  if (!parsed) return { status: 'invalid' }
  const draftEnc = encryptField(JSON.stringify(parsed), draftAad(checkIn.id, checkIn.practiceId))
  // Conditional on the state at write time: a draft never lands on a submitted, expired or
  // revoked check-in, whatever happened since the read above.
  const where = { id: checkIn.id, status: 'OPEN' as const, expiresAt: { gt: now }, links: { some: { id: link.id, revokedAt: null } } }
  const data = { draftEnc, draftUpdatedAt: now }
  // Usual case, one statement: a draft already exists, so the client has opened it before.
  const later = await db.checkIn.updateMany({ where: { ...where, draftEnc: { not: null } }, data })
  if (later.count === 1) return { status: 'ok' }
  // First answers of this check-in: the client has really opened it (a prefetch never gets here).
  // The update that finds no draft is the one that records LINK_OPEN; a concurrent first save
  // waits on the row lock, then finds the draft and saves without a second event.
  const saved = await db.$transaction(async (tx) => {
    const first = await tx.checkIn.updateMany({ where: { ...where, draftEnc: null }, data })
    if (first.count === 1) {
      await recordAudit(
        {
          practiceId: checkIn.practiceId,
          actorType: 'CLIENT_LINK',
          actorId: link.id,
          action: 'LINK_OPEN',
          targetType: 'CheckIn',
          targetId: checkIn.id,
          clientId: checkIn.clientId,
        },
        tx,
      )
      return true
    }
    return (await tx.checkIn.updateMany({ where, data })).count === 1
  }, TX_OPTIONS)
  return saved ? { status: 'ok' } : { status: 'inactive' }
}

function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002'
}

/** The answer for a check-in that is no longer OPEN: the same key again is a replay. */
async function settled(tx: Tx, checkInId: string, submissionKey: string): Promise<SubmitResult> {
  const c = await tx.checkIn.findUnique({ where: { id: checkInId }, select: { status: true, submissionKey: true } })
  if (c?.status !== 'COMPLETED' || c.submissionKey !== submissionKey) return { status: 'inactive' }
  const flagged = await tx.response.count({ where: { checkInId, flags: { has: RISK_FLAG } } })
  return { status: 'submitted', crisis: flagged > 0, replay: true }
}

async function submitInTx(tx: Tx, tokenHash: string, submissionKey: string, raw: unknown, now: Date): Promise<SubmitResult> {
  const link = await tx.checkInLink.findUnique({ where: { tokenHash }, select: linkSelect })
  if (!link) return { status: 'not-found' }
  const { checkIn } = link
  if (link.revokedAt) return { status: 'inactive' }
  if (checkIn.status === 'COMPLETED' && checkIn.submissionKey === submissionKey) return settled(tx, checkIn.id, submissionKey)
  if (!isOpen(checkIn, now)) return { status: 'inactive' }

  const items = await resolveItems(checkIn.items, checkIn.clientId, link.createdAt, tx)
  // Checked and scored once, in pure code; only a complete, valid submission is written.
  const scoring = scoreCheckIn(items, raw)
  if (scoring.status !== 'complete') return scoring
  const { scored } = scoring

  // The state change is the lock: of any number of concurrent submits exactly one flips OPEN.
  const flip = await tx.checkIn.updateMany({
    where: { id: checkIn.id, status: 'OPEN', expiresAt: { gt: now } },
    data: { status: 'COMPLETED', completedAt: now, submissionKey, draftEnc: null, draftUpdatedAt: null },
  })
  if (flip.count !== 1) return settled(tx, checkIn.id, submissionKey)

  const base = { practiceId: checkIn.practiceId, clientId: checkIn.clientId }
  const responses = await tx.response.createManyAndReturn({
    data: scored.map((s) => ({
      ...base,
      checkInId: checkIn.id,
      checkInItemId: s.item.id,
      relationshipTarget: s.item.relationshipTarget,
      ...responseColumns(s),
      submittedAt: now,
    })),
    select: { id: true, checkInItemId: true },
  })
  const responseIdOf = new Map(responses.map((r) => [r.checkInItemId, r.id]))
  const flags = scored.flatMap((s) =>
    s.risks.map((r) => ({
      ...base,
      responseId: responseIdOf.get(s.item.id)!,
      instrumentId: s.instrumentId,
      itemNumber: r.itemNumber,
      itemValue: r.itemValue,
      status: 'OPEN' as const,
      raisedAt: now,
    })),
  )
  if (flags.length > 0) await tx.riskFlag.createMany({ data: flags })
  // Only the winning submission gets here (replays and losers return above): one event, ids only.
  await recordAudit(
    {
      practiceId: checkIn.practiceId,
      actorType: 'CLIENT_LINK',
      actorId: link.id,
      action: 'CHECKIN_SUBMIT',
      targetType: 'CheckIn',
      targetId: checkIn.id,
      clientId: checkIn.clientId,
      details: { responseIds: responses.map((r) => r.id) },
    },
    tx,
  )
  logger.info('checkin.submitted', { checkInId: checkIn.id, responses: responses.length, riskFlags: flags.length })
  return { status: 'submitted', crisis: flags.length > 0, replay: false }
}

/**
 * Scores and stores a check-in in one transaction with its state change. Idempotent per
 * submissionKey: a double click, a retry or a second tab stores exactly one set of responses.
 */
export async function submitCheckIn(
  token: string,
  submissionKey: string,
  answers: unknown,
  clock: Clock = systemClock,
): Promise<SubmitResult> {
  if (!isWellFormedToken(token)) return { status: 'not-found' }
  if (typeof submissionKey !== 'string' || !isUuid(submissionKey)) return { status: 'invalid' }
  const tokenHash = hashToken(token)
  const now = clock()
  try {
    return await db.$transaction((tx) => submitInTx(tx, tokenHash, submissionKey, answers, now), TX_OPTIONS)
  } catch (e) {
    if (e instanceof ScoringInputError) return { status: 'invalid' }
    if (!isUniqueViolation(e)) throw e
    // Lost a race the conditional update did not catch (the unique constraints are the
    // backstop): answer from the committed state instead of failing the client.
    const again = await db.$transaction(async (tx) => {
      const link = await tx.checkInLink.findUnique({
        where: { tokenHash },
        select: { revokedAt: true, checkIn: { select: { id: true, status: true, expiresAt: true } } },
      })
      if (!link) return { status: 'not-found' } as const
      if (link.revokedAt) return { status: 'inactive' } as const
      // Still open: the key is already used by another check-in (a reused key), not a lost race.
      if (isOpen(link.checkIn, now)) return { status: 'invalid' } as const
      return settled(tx, link.checkIn.id, submissionKey)
    }, TX_OPTIONS)
    logger.warn('checkin.submit.race', { result: again.status })
    return again
  }
}
