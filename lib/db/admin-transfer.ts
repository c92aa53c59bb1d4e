// Moving clients from one clinician to another (a departing clinician, a rebalanced caseload).
// Only the client's primary clinician changes: assignments, check-ins and their open links belong
// to the client, so they follow it and keep working. One transaction, one audit row.
import 'server-only'
import { db } from './client'
import type { Actor } from '@/lib/auth/actor'
import { actorFields, recordAudit } from '@/lib/audit/record'
import { systemClock, type Clock } from '@/lib/clock'
import { AccountRuleError, NotFoundError } from './errors'
import { assertAdmin } from './scope'
import { TX_OPTIONS } from './tx'
import { isUuid } from '@/lib/validation/uuid'
import type { TransferChoice } from '@/lib/accounts/types'

export interface TransferRequest {
  fromClinicianId: string
  toClinicianId: string
  /** Omitted: the whole caseload (active and discharged). */
  clientIds?: string[]
}

/**
 * Returns how many clients moved. The receiving clinician must be an active clinician of the same
 * practice; every named client must belong to the sending clinician in this practice, or nothing
 * moves.
 */
export async function transferClients(admin: Actor, req: TransferRequest, clock: Clock = systemClock): Promise<number> {
  await assertAdmin(admin, 'Clinician')
  const ids = req.clientIds ? [...new Set(req.clientIds)] : undefined
  if (!isUuid(req.fromClinicianId) || !isUuid(req.toClinicianId) || req.fromClinicianId === req.toClinicianId) throw new NotFoundError('Clinician')
  if (ids && (ids.length === 0 || !ids.every(isUuid))) throw new NotFoundError('Client')
  // Separation of duties: becoming a client's clinician opens their session notes, so an admin
  // cannot move clients to themselves; another admin must.
  if (req.toClinicianId === admin.userId) {
    throw new AccountRuleError(
      'You cannot transfer clients to yourself. Ask another admin, so that access to session notes stays with a second person’s decision.',
    )
  }
  const now = clock()
  return db.$transaction(async (tx) => {
    const from = await tx.user.findFirst({ where: { id: req.fromClinicianId, practiceId: admin.practiceId }, select: { id: true } })
    if (!from) throw new NotFoundError('Clinician')
    const to = await tx.user.findFirst({
      where: { id: req.toClinicianId, practiceId: admin.practiceId, status: 'ACTIVE', roles: { has: 'CLINICIAN' } },
      select: { id: true },
    })
    if (!to) throw new NotFoundError('Clinician')
    const moving = await tx.client.findMany({
      where: { practiceId: admin.practiceId, primaryClinicianId: from.id, ...(ids ? { id: { in: ids } } : {}) },
      select: { id: true },
      orderBy: { id: 'asc' },
    })
    if (ids && moving.length !== ids.length) throw new NotFoundError('Client')
    if (moving.length === 0) return 0
    const r = await tx.client.updateMany({
      where: { practiceId: admin.practiceId, primaryClinicianId: from.id, id: { in: moving.map((c) => c.id) } },
      data: { primaryClinicianId: to.id },
    })
    if (r.count !== moving.length) throw new NotFoundError('Client')
    await recordAudit(
      {
        ...actorFields(admin),
        action: 'CLIENT_TRANSFER',
        targetType: 'User',
        targetId: to.id,
        // One client: filed under the client too, so "who changed this client" finds it.
        clientId: moving.length === 1 ? (moving[0]?.id ?? null) : null,
        details: {
          changed: ['primaryClinicianId'],
          fromClinicianId: from.id,
          toClinicianId: to.id,
          scope: ids ? 'selected' : 'caseload',
          count: r.count,
          clientIds: moving.map((c) => c.id),
        },
        occurredAt: now,
      },
      tx,
    )
    return r.count
  }, TX_OPTIONS)
}

/** What the transfer page offers: everyone who holds clients or could receive them, with clients. */
export async function listTransferChoices(admin: Actor): Promise<TransferChoice[]> {
  await assertAdmin(admin, 'Page')
  const users = await db.user.findMany({
    where: { practiceId: admin.practiceId, OR: [{ roles: { has: 'CLINICIAN' } }, { caseload: { some: {} } }] },
    orderBy: [{ status: 'asc' }, { name: 'asc' }],
    select: {
      id: true,
      name: true,
      status: true,
      roles: true,
      caseload: {
        where: { practiceId: admin.practiceId },
        orderBy: [{ status: 'asc' }, { lastName: 'asc' }, { firstName: 'asc' }],
        select: { id: true, firstName: true, lastName: true, preferredName: true, status: true },
      },
    },
  })
  return users.map((u) => ({
    id: u.id,
    name: u.name,
    status: u.status,
    canReceive: u.status === 'ACTIVE' && u.roles.includes('CLINICIAN'),
    clients: u.caseload.map((c) => ({
      id: c.id,
      label: `${c.preferredName ?? c.firstName} ${c.lastName}`,
      status: c.status,
    })),
  }))
}
