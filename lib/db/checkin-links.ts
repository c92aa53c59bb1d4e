// The clinician's operations on a check-in's links: issue (copy, email, reissue), revoke, cancel.
// Every read and write is scoped to the actor's clients in the same statement; the token handling
// itself (shared with the scheduler) is lib/db/system/checkin-link-issue.ts.
import 'server-only'
import { db } from './client'
import type { Prisma } from './generated/client'
import { clientScope } from './scope'
import { ConflictError, NotFoundError } from './errors'
import type { Actor } from '@/lib/auth/actor'
import { logger } from '@/lib/log'
import { actorFields, recordAudit } from '@/lib/audit/record'
import { recordDenied } from '@/lib/audit/denied'
import { CHECKIN_CLOSED_MESSAGE, issueLink, type IssueLinkOptions, type IssuedLink } from './system/checkin-link-issue'
import { TX_OPTIONS } from './tx'
import { isUuid } from '@/lib/validation/uuid'

const scopeOf = (actor: Actor, checkInId: string): Prisma.CheckInWhereInput => ({ id: checkInId, client: clientScope(actor) })

/**
 * A new link to an open check-in; the URL is returned once and never stored. With `send`, it is
 * also emailed (SMTP, or the outbox without SMTP). Out of scope or missing → NotFoundError;
 * no longer open → ConflictError.
 */
export async function issueCheckInLink(actor: Actor, checkInId: string, opts: IssueLinkOptions = {}): Promise<IssuedLink> {
  return (await issueLink(actor, checkInId, opts))!
}

/** Revokes every live link of a check-in in the actor's scope; returns how many. */
export async function revokeCheckInLinks(actor: Actor, checkInId: string, now: Date = new Date()): Promise<number> {
  if (!isUuid(checkInId)) throw new NotFoundError('Check-in')
  const where = scopeOf(actor, checkInId)
  const checkIn = await db.checkIn.findFirst({ where, select: { id: true, clientId: true } })
  if (!checkIn) {
    await recordDenied(actor, { action: 'LINK_REVOKE', targetType: 'CheckIn', targetId: checkInId })
    throw new NotFoundError('Check-in')
  }
  const r = await db.$transaction(async (tx) => {
    const revoked = await tx.checkInLink.updateMany({
      where: { checkInId, revokedAt: null, checkIn: where },
      data: { revokedAt: now, revokedById: actor.userId },
    })
    // Only a change is an event: revoking when no link is live writes nothing.
    if (revoked.count > 0) {
      await recordAudit(
        {
          ...actorFields(actor),
          action: 'LINK_REVOKE',
          targetType: 'CheckIn',
          targetId: checkInId,
          clientId: checkIn.clientId,
          details: { revokedLinks: revoked.count },
        },
        tx,
      )
    }
    return revoked
  }, TX_OPTIONS)
  if (r.count) logger.info('check-in links revoked', { checkInId, count: r.count, actorId: actor.userId })
  return r.count
}

/** OPEN → CANCELLED with all its links revoked. Items stay, so the scheduler never re-creates it. */
export async function cancelCheckIn(actor: Actor, checkInId: string, now: Date = new Date()): Promise<void> {
  if (!isUuid(checkInId)) throw new NotFoundError('Check-in')
  const where = scopeOf(actor, checkInId)
  const cancelled = await db.$transaction(async (tx) => {
    const r = await tx.checkIn.updateMany({ where: { ...where, status: 'OPEN' }, data: { status: 'CANCELLED' } })
    if (r.count !== 1) return false
    const revoked = await tx.checkInLink.updateMany({
      where: { checkInId, revokedAt: null },
      data: { revokedAt: now, revokedById: actor.userId },
    })
    const { clientId } = await tx.checkIn.findUniqueOrThrow({ where: { id: checkInId }, select: { clientId: true } })
    await recordAudit(
      {
        ...actorFields(actor),
        action: 'CHECKIN_CANCEL',
        targetType: 'CheckIn',
        targetId: checkInId,
        clientId,
        details: { revokedLinks: revoked.count },
      },
      tx,
    )
    return true
  }, TX_OPTIONS)
  if (cancelled) {
    logger.info('check-in cancelled', { checkInId, actorId: actor.userId })
    return
  }
  if (!(await db.checkIn.findFirst({ where, select: { id: true } }))) {
    await recordDenied(actor, { action: 'CHECKIN_CANCEL', targetType: 'CheckIn', targetId: checkInId })
    throw new NotFoundError('Check-in')
  }
  throw new ConflictError(CHECKIN_CLOSED_MESSAGE)
}
