// What the clinician sees of a client's check-ins and scores (never the link tokens).
import 'server-only'
import { db } from './client'
import type { Actor } from '@/lib/auth/actor'
import { clientScope } from './scope'
import { NotFoundError } from './errors'
import { actorFields, recordAudit } from '@/lib/audit/record'
import { recordDenied } from '@/lib/audit/denied'
import { generateDueCheckIns } from './system/due-checkins'
import { isUuid } from '@/lib/validation/uuid'
import type { ClientCheckIn, ClientResponse } from '@/lib/clients/types'

export async function listClientCheckIns(actor: Actor, clientId: string, take = 20): Promise<ClientCheckIn[]> {
  if (!isUuid(clientId)) throw new NotFoundError('Client')
  const rows = await db.checkIn.findMany({
    where: { clientId, client: clientScope(actor) },
    orderBy: [{ dueDate: 'desc' }, { createdAt: 'desc' }],
    take,
    select: {
      id: true,
      dueDate: true,
      status: true,
      expiresAt: true,
      completedAt: true,
      reminderSentAt: true,
      items: { orderBy: { position: 'asc' }, select: { id: true, instrumentId: true, relationshipTarget: true } },
      _count: { select: { links: { where: { revokedAt: null } } } },
    },
  })
  return rows.map(({ _count, ...c }) => ({ ...c, liveLinks: _count.links }))
}

export async function listRecentResponses(actor: Actor, clientId: string, take = 30): Promise<ClientResponse[]> {
  if (!isUuid(clientId)) throw new NotFoundError('Client')
  const rows = await db.response.findMany({
    where: { clientId, client: clientScope(actor) },
    orderBy: { submittedAt: 'desc' },
    take,
    select: {
      id: true,
      instrumentId: true,
      relationshipTarget: true,
      scores: true,
      band: true,
      quadrant: true,
      flags: true,
      complete: true,
      submittedAt: true,
    },
  })
  // An empty answer is the same for "no responses yet" and "not your client"; only the audit tells
  // them apart (one extra query, only when the list is empty).
  if (rows.length === 0 && (await db.client.count({ where: { id: clientId, ...clientScope(actor) } })) === 0) {
    await recordDenied(actor, { action: 'RESULTS_VIEW', targetType: 'Client', targetId: clientId })
    return []
  }
  // Recorded before the results are returned (fail closed).
  await recordAudit({
    ...actorFields(actor),
    action: 'RESULTS_VIEW',
    targetType: 'Client',
    targetId: clientId,
    clientId,
    details: { count: rows.length },
  })
  // scores is JSON written only by lib/assessments (scale name → number).
  return rows.map((r) => ({ ...r, scores: r.scores as Record<string, number> }))
}

/**
 * Creates the client's check-ins that are due now (after assigning, resuming or rescheduling), so
 * one due today does not wait for the next scheduler tick. The actor's scope is part of the query
 * that finds what is due: a client outside it gets nothing.
 */
export async function generateClientCheckIns(actor: Actor, clientId: string): Promise<{ created: string[] }> {
  return generateDueCheckIns({ clientId, within: clientScope(actor) })
}
