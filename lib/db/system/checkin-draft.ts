// Saving a client's answers so far (encrypted), so a reload resumes where they stopped. The first
// saved answers of a check-in record LINK_OPEN: the client has really opened it.
import 'server-only'
import { db } from '../client'
import { systemClock, type Clock } from '@/lib/clock'
import { encryptField } from '@/lib/crypto/field'
import { recordAudit } from '@/lib/audit/record'
import { parseAnswerMap } from '@/lib/assessments/checkin-answers'
import type { SaveDraftResult } from '@/lib/checkins/types'
import { TX_OPTIONS } from '../tx'
import { draftAad, findLink, isOpen, resolveItems } from './checkin-token'

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
