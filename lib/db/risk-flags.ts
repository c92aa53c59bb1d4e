// Risk flags: raised by a positive risk item, acknowledged and then resolved by a person.
import 'server-only'
import { db } from './client'
import { TX_OPTIONS } from './tx'
import type { Actor } from '@/lib/auth/actor'
import { clientScope } from './scope'
import { ConflictError, NotFoundError } from './errors'
import { actorFields, recordAudit } from '@/lib/audit/record'
import { recordDenied } from '@/lib/audit/denied'
import { isUuid } from '@/lib/validation/uuid'
import type { ClientRiskFlag } from '@/lib/clients/types'

export async function listRiskFlags(actor: Actor, clientId: string): Promise<ClientRiskFlag[]> {
  if (!isUuid(clientId)) throw new NotFoundError('Client')
  return db.riskFlag.findMany({
    where: { clientId, client: clientScope(actor) },
    orderBy: [{ status: 'asc' }, { raisedAt: 'desc' }],
    select: {
      id: true,
      instrumentId: true,
      itemNumber: true,
      itemValue: true,
      status: true,
      raisedAt: true,
      acknowledgedAt: true,
      acknowledgedById: true,
      resolvedAt: true,
      resolvedById: true,
      resolutionNote: true,
    },
  })
}

/** Open (unresolved) flag counts per client, for the caseload. */
export async function countOpenFlags(actor: Actor): Promise<Map<string, number>> {
  const rows = await db.riskFlag.groupBy({
    by: ['clientId'],
    where: { status: { in: ['OPEN', 'ACKNOWLEDGED'] }, client: clientScope(actor) },
    _count: { _all: true },
  })
  return new Map(rows.map((r) => [r.clientId, r._count._all]))
}

export async function acknowledgeRiskFlag(actor: Actor, flagId: string): Promise<void> {
  if (!isUuid(flagId)) throw new NotFoundError('Risk flag')
  const acknowledged = await db.$transaction(async (tx) => {
    const r = await tx.riskFlag.updateMany({
      where: { id: flagId, status: 'OPEN', client: clientScope(actor) },
      data: { status: 'ACKNOWLEDGED', acknowledgedAt: new Date(), acknowledgedById: actor.userId },
    })
    if (r.count !== 1) return false
    const { clientId } = await tx.riskFlag.findUniqueOrThrow({ where: { id: flagId }, select: { clientId: true } })
    await recordAudit({ ...actorFields(actor), action: 'FLAG_ACKNOWLEDGE', targetType: 'RiskFlag', targetId: flagId, clientId }, tx)
    return true
  }, TX_OPTIONS)
  if (acknowledged) return
  const f = await db.riskFlag.findFirst({ where: { id: flagId, client: clientScope(actor) }, select: { status: true } })
  if (!f) {
    await recordDenied(actor, { action: 'FLAG_ACKNOWLEDGE', targetType: 'RiskFlag', targetId: flagId })
    throw new NotFoundError('Risk flag')
  }
  throw new ConflictError('This flag was already acknowledged.')
}

/** Resolving needs a note; an unacknowledged flag is acknowledged by the same person at once. */
export async function resolveRiskFlag(actor: Actor, flagId: string, note: string): Promise<void> {
  if (!isUuid(flagId)) throw new NotFoundError('Risk flag')
  const now = new Date()
  try {
    await db.$transaction(async (tx) => {
      const f = await tx.riskFlag.findFirst({ where: { id: flagId, client: clientScope(actor) }, select: { status: true, clientId: true } })
      if (!f) throw new NotFoundError('Risk flag')
      if (f.status === 'RESOLVED') throw new ConflictError('This flag was already resolved.')
      const r = await tx.riskFlag.updateMany({
        where: { id: flagId, status: { in: ['OPEN', 'ACKNOWLEDGED'] }, client: clientScope(actor) },
        data: {
          status: 'RESOLVED',
          resolvedAt: now,
          resolvedById: actor.userId,
          resolutionNote: note,
          ...(f.status === 'OPEN' ? { acknowledgedAt: now, acknowledgedById: actor.userId } : {}),
        },
      })
      if (r.count !== 1) throw new ConflictError('This flag was already resolved.')
      // The note is clinical text: never in the trail.
      await recordAudit(
        {
          ...actorFields(actor),
          action: 'FLAG_RESOLVE',
          targetType: 'RiskFlag',
          targetId: flagId,
          clientId: f.clientId,
          details: { acknowledgedNow: f.status === 'OPEN' },
        },
        tx,
      )
    }, TX_OPTIONS)
  } catch (e) {
    // Outside the (rolled back) transaction: the refusal is recorded on its own.
    if (e instanceof NotFoundError) await recordDenied(actor, { action: 'FLAG_RESOLVE', targetType: 'RiskFlag', targetId: flagId })
    throw e
  }
}
