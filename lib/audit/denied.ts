// Authorization refusals in the audit trail. The caller still answers "not found" (another
// person's record must look exactly like a missing one); the trail records that the record exists
// and that this actor was refused, so an admin can see probing or a mistaken link.
import { db } from '@/lib/db/client'
import type { Actor } from '@/lib/auth/actor'
import { isInClientScope } from '@/lib/db/scope'
import { logger } from '@/lib/log'
import { actorFields, recordAudit } from './record'
import { isUuid } from '@/lib/validation/uuid'
import type { AuditAction } from './actions'

type DeniedTargetType = 'Client' | 'Assignment' | 'RiskFlag' | 'CheckIn'

export interface DeniedAttempt {
  /** What the actor tried, e.g. CLIENT_VIEW; stored as details.attempted. */
  action: AuditAction
  targetType: DeniedTargetType
  targetId: string
}

interface Owner {
  practiceId: string
  clientId: string
  primaryClinicianId: string
}

const ownerSelect = { id: true, practiceId: true, primaryClinicianId: true } as const

/** Who a record belongs to, by primary key only (this is the one unscoped read, and it leaves here as a boolean). */
async function findOwner(targetType: DeniedTargetType, id: string): Promise<Owner | null> {
  const viaClient = (c: { id: string; practiceId: string; primaryClinicianId: string } | null | undefined) =>
    c ? { practiceId: c.practiceId, clientId: c.id, primaryClinicianId: c.primaryClinicianId } : null
  switch (targetType) {
    case 'Client':
      return viaClient(await db.client.findUnique({ where: { id }, select: ownerSelect }))
    case 'Assignment':
      return viaClient((await db.assignment.findUnique({ where: { id }, select: { client: { select: ownerSelect } } }))?.client)
    case 'RiskFlag':
      return viaClient((await db.riskFlag.findUnique({ where: { id }, select: { client: { select: ownerSelect } } }))?.client)
    case 'CheckIn':
      return viaClient((await db.checkIn.findUnique({ where: { id }, select: { client: { select: ownerSelect } } }))?.client)
  }
}

/**
 * Call where a lib/db function is about to throw NotFoundError for a well-formed id. Records an
 * AUTHZ_DENIED event only when the record exists but is outside the actor's scope (a missing
 * record, or one in scope but in the wrong state, records nothing). Never throws: the caller's
 * answer stays exactly "not found" whatever happens here. Must not be called inside an open
 * transaction (the embedded database has one connection).
 * Returns whether an event was recorded.
 */
export async function recordDenied(actor: Actor, attempt: DeniedAttempt): Promise<boolean> {
  if (!isUuid(attempt.targetId)) return false
  try {
    const owner = await findOwner(attempt.targetType, attempt.targetId)
    if (!owner || isInClientScope(actor, owner)) return false
    const samePractice = owner.practiceId === actor.practiceId
    await recordAudit({
      ...actorFields(actor),
      action: 'AUTHZ_DENIED',
      outcome: 'DENIED',
      targetType: attempt.targetType,
      targetId: attempt.targetId,
      // "Who tried to reach this client" belongs to the client's own practice; another practice's
      // client id is kept out of this practice's trail (the target id still shows the probe).
      clientId: samePractice ? owner.clientId : null,
      details: { attempted: attempt.action, ...(samePractice ? {} : { otherPractice: true }) },
    })
    return true
  } catch (e) {
    logger.error('audit.denied.failed', { action: attempt.action, error: e instanceof Error ? e.name : 'unknown' })
    return false
  }
}
