// Submitting a check-in: scored and stored in one transaction with its state change, idempotent
// per submissionKey. CHECKIN_SUBMIT is recorded inside the winning submission only.
import 'server-only'
import { db } from '../client'
import { Prisma } from '../generated/client'
import { RISK_FLAG, ScoringInputError } from '@/lib/assessments'
import { systemClock, type Clock } from '@/lib/clock'
import { hashToken, isWellFormedToken } from '@/lib/crypto/tokens'
import { logger } from '@/lib/log'
import { recordAudit } from '@/lib/audit/record'
import { responseColumns, scoreCheckIn } from '@/lib/assessments/checkin-answers'
import type { SubmitResult } from '@/lib/checkins/types'
import { isUuid } from '@/lib/validation/uuid'
import { TX_OPTIONS } from '../tx'
import { isOpen, linkSelect, resolveItems, type Tx } from './checkin-token'

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
export async function submitCheckIn(token: string, submissionKey: string, answers: unknown, clock: Clock = systemClock): Promise<SubmitResult> {
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
