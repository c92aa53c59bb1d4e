// Issuing links to check-ins, for the scheduler (first email, reminder) and, through
// issueCheckInLink in lib/db/checkin-links.ts, for a clinician. A link carries a 256-bit random
// token; only HMAC(pepper, token) is stored, so the token exists only in the URL handed to the
// client (never logged, never stored, never returned twice).
import 'server-only'
import { db } from '../client'
import type { Prisma } from '../generated/client'
import { clientScope } from '../scope'
import { ConflictError, NotFoundError } from '../errors'
import type { Actor } from '@/lib/auth/actor'
import { checkInUrl, hashToken, newToken } from '@/lib/crypto/tokens'
import { checkInEmail } from '@/lib/email/messages'
import { deliverEmail, type EmailStatus } from '@/lib/email/send'
import { logger } from '@/lib/log'
import { actorFields, recordAudit, type AuditInput } from '@/lib/audit/record'
import { recordDenied } from '@/lib/audit/denied'
import { isUuid } from '@/lib/validation/uuid'
import { TX_OPTIONS } from '../tx'

type LinkReason = 'new' | 'reissue' | 'reminder'

export interface IssueLinkOptions {
  /** Email the link to the client's address on file (if there is one). */
  send?: boolean
  /** 'reissue' revokes every live link first; 'reminder' sends the reminder wording. */
  reason?: LinkReason
  now?: Date
}

export interface IssuedLink {
  url: string
  /** Present only when sending was asked for and the client has an email address. */
  email?: { status: EmailStatus }
}

export const CHECKIN_CLOSED_MESSAGE = 'This check-in is no longer open.'

type Tx = Prisma.TransactionClient

/** Serialises link issuing per check-in across app instances (PostgreSQL and PGlite alike). */
async function lockCheckIn(tx: Tx, checkInId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`check-in-link:${checkInId}`}))`
}

/** Who the trail names: the signed-in user, or the scheduler (SYSTEM) in the check-in's practice. */
const auditActor = (actor: Actor | null, practiceId: string): Pick<AuditInput, 'practiceId' | 'actorType' | 'actorId' | 'actorRole'> =>
  actor ? actorFields(actor) : { practiceId, actorType: 'SYSTEM' }

// With an actor, the check-in must be one of the actor's clients' (in every statement below).
const scopeOf = (actor: Actor | null, checkInId: string): Prisma.CheckInWhereInput =>
  actor ? { id: checkInId, client: clientScope(actor) } : { id: checkInId }

const issueSelect = {
  id: true,
  practiceId: true,
  clientId: true,
  status: true,
  expiresAt: true,
  client: { select: { email: true } },
  practice: { select: { name: true, timeZone: true } },
} satisfies Prisma.CheckInSelect

interface IssueCore extends IssueLinkOptions {
  /** Scheduler: issue only if the check-in has never had a link (the first email goes out once). */
  onlyIfNoLinks?: boolean
}

/**
 * Issues a link (and emails it with `send`). `actor` null is the scheduler, which has already chosen
 * the row; lib/db/checkin-links.ts issueCheckInLink is the scoped entry point for people. Out of
 * scope or missing → NotFoundError; no longer open → ConflictError; null only with onlyIfNoLinks.
 */
export async function issueLink(actor: Actor | null, checkInId: string, opts: IssueCore): Promise<IssuedLink | null> {
  const now = opts.now ?? new Date()
  const reason = opts.reason ?? 'new'
  if (!isUuid(checkInId)) throw new NotFoundError('Check-in')
  const where = scopeOf(actor, checkInId)
  const checkIn = await db.checkIn.findFirst({ where, select: issueSelect })
  if (!checkIn) {
    if (actor) await recordDenied(actor, { action: 'LINK_ISSUE', targetType: 'CheckIn', targetId: checkInId })
    throw new NotFoundError('Check-in')
  }
  if (checkIn.status !== 'OPEN' || checkIn.expiresAt <= now) throw new ConflictError(CHECKIN_CLOSED_MESSAGE)

  const token = newToken()
  const actorId = actor?.userId ?? null
  const issued = await db.$transaction(async (tx) => {
    await lockCheckIn(tx, checkIn.id)
    // Re-checked under the lock, in the scope, so a check-in closed meanwhile gets no new link.
    const open = await tx.checkIn.count({ where: { ...where, status: 'OPEN', expiresAt: { gt: now } } })
    if (open !== 1) throw new ConflictError(CHECKIN_CLOSED_MESSAGE)
    if (opts.onlyIfNoLinks && (await tx.checkInLink.count({ where: { checkInId: checkIn.id } })) > 0) return false
    let revoked = 0
    if (reason === 'reissue') {
      const r = await tx.checkInLink.updateMany({
        where: { checkInId: checkIn.id, revokedAt: null },
        data: { revokedAt: now, revokedById: actorId },
      })
      revoked = r.count
    }
    const link = await tx.checkInLink.create({
      data: { checkInId: checkIn.id, tokenHash: hashToken(token), createdById: actorId, createdAt: now },
      select: { id: true },
    })
    // The link's row id, never the token or its hash.
    await recordAudit(
      {
        ...auditActor(actor, checkIn.practiceId),
        action: 'LINK_ISSUE',
        targetType: 'CheckInLink',
        targetId: link.id,
        clientId: checkIn.clientId,
        details: { reason, checkInId: checkIn.id, ...(reason === 'reissue' ? { revokedLinks: revoked } : {}) },
      },
      tx,
    )
    return true
  }, TX_OPTIONS)
  if (!issued) return null
  logger.info('check-in link issued', { checkInId: checkIn.id, reason, actorId })

  const url = checkInUrl(token)
  const to = checkIn.client.email
  if (!opts.send || !to) return { url }
  const content = checkInEmail({
    practiceName: checkIn.practice.name,
    url,
    expiresAt: checkIn.expiresAt,
    timeZone: checkIn.practice.timeZone,
    kind: reason === 'reminder' ? 'reminder' : 'new',
  })
  const delivery = await deliverEmail({
    practiceId: checkIn.practiceId,
    clientId: checkIn.clientId,
    checkInId: checkIn.id,
    kind: reason === 'reminder' ? 'checkin-reminder' : 'checkin',
    to,
    subject: content.subject,
    text: content.text,
    now,
  })
  return { url, email: { status: delivery.status } }
}

/** Scheduler: email the first link of a check-in that has never had one. Null if it already has. */
export async function sendFirstCheckInLink(checkInId: string, now: Date = new Date()): Promise<IssuedLink | null> {
  return issueLink(null, checkInId, { send: true, reason: 'new', now, onlyIfNoLinks: true })
}

/** Scheduler: the one reminder of a check-in, with a new link (earlier links stay valid). */
export async function sendReminderLink(checkInId: string, now: Date = new Date()): Promise<IssuedLink> {
  return (await issueLink(null, checkInId, { send: true, reason: 'reminder', now }))!
}
