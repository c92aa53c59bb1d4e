// The audit trail: who did what, to which record, when (UTC), from where, with what outcome.
// Append-only (a database trigger rejects UPDATE/DELETE/TRUNCATE) and hash-chained per practice:
// rowHash = sha256(prevHash + canonical(row)), so an edited or removed row breaks the chain. The
// chain is computed just after the append commits, by the chain step in seal.ts.
// Ids and codes only — never names, answers, note text, tokens or passwords.
import { db } from '@/lib/db/client'
import { scheduleSeal } from './seal'
import type { ChainedFields } from './chain'
import type { Prisma } from '@/lib/db/generated/client'
import type { AuditAction } from './actions'

type AuditOutcome = 'SUCCESS' | 'DENIED' | 'FAILURE'

export interface AuditInput {
  practiceId: string | null
  actorType: 'USER' | 'CLIENT_LINK' | 'SYSTEM' | 'ANONYMOUS'
  actorId?: string | null
  actorRole?: string | null
  /** e.g. CLIENT_VIEW, NOTE_SIGN, LOGIN_FAIL, AUTHZ_DENIED: one of AUDIT_ACTIONS (lib/audit/actions.ts), which has words for each. */
  action: AuditAction
  targetType?: string | null
  targetId?: string | null
  clientId?: string | null
  outcome?: AuditOutcome
  /** Ids, counts and field names only. */
  details?: Record<string, string | number | boolean | null | string[]> | null
  ip?: string | null
  requestId?: string | null
  occurredAt?: Date
}

type Tx = Prisma.TransactionClient

/** "From where": the caller's address and the request id, when the event happens inside a request. */
async function requestContext(): Promise<{ ip: string | null; requestId: string | null }> {
  try {
    const { headers } = await import('next/headers')
    const { auditRequestContext } = await import('@/lib/auth/request-ip')
    return auditRequestContext(await headers())
  } catch {
    return { ip: null, requestId: null } // outside a request (scheduler, scripts, tests)
  }
}

function eventFields(e: AuditInput): ChainedFields {
  return {
    practiceId: e.practiceId,
    occurredAt: e.occurredAt ?? new Date(),
    actorType: e.actorType,
    actorId: e.actorId ?? null,
    actorRole: e.actorRole ?? null,
    action: e.action,
    targetType: e.targetType ?? null,
    targetId: e.targetId ?? null,
    clientId: e.clientId ?? null,
    outcome: e.outcome ?? 'SUCCESS',
    details: e.details ?? null,
    ip: e.ip ?? null,
    requestId: e.requestId ?? null,
  }
}

// A plain insert, no lock and no read of the chain's head: the chain step (seal.ts) gives the row
// its place in the chain once it has committed, so concurrent requests never wait for each other.
async function append(client: Tx | typeof db, e: AuditInput): Promise<void> {
  const fields = eventFields(e)
  await client.auditEvent.create({ data: { ...fields, details: (fields.details ?? undefined) as Prisma.InputJsonValue | undefined }, select: { id: true } })
}

/**
 * Records an event. Pass the transaction of the change it describes (`tx`) so that the change and
 * its audit row commit or roll back together; without one, the event gets its own short
 * transaction (for views and sign-in events). A failure to audit fails the request (fail closed).
 */
export async function recordAudit(e: AuditInput, tx?: Tx): Promise<void> {
  if (e.ip === undefined || e.requestId === undefined) {
    const ctx = await requestContext()
    e = { ...e, ip: e.ip === undefined ? ctx.ip : e.ip, requestId: e.requestId === undefined ? ctx.requestId : e.requestId }
  }
  await append(tx ?? db, e)
  // Inside a caller's transaction the row is visible only once that commits: look again later too.
  scheduleSeal(e.practiceId, { inTransaction: tx !== undefined })
}

/**
 * Records several events of one request (e.g. a page's CLIENT_VIEW and RESULTS_VIEW) with one
 * insert, in the order given. Outside a caller's transaction, like the views it is meant for.
 */
export async function recordAudits(events: AuditInput[]): Promise<void> {
  if (events.length === 0) return
  const ctx = events.some((e) => e.ip === undefined || e.requestId === undefined) ? await requestContext() : null
  const rows = events.map((e) => {
    const fields = eventFields({ ...e, ip: e.ip === undefined ? ctx?.ip : e.ip, requestId: e.requestId === undefined ? ctx?.requestId : e.requestId })
    return { ...fields, details: (fields.details ?? undefined) as Prisma.InputJsonValue | undefined }
  })
  await db.auditEvent.createMany({ data: rows })
  for (const practiceId of new Set(events.map((e) => e.practiceId))) scheduleSeal(practiceId, { inTransaction: false })
}

/** Actor fields for a signed-in user. */
export function actorFields(actor: { userId: string; practiceId: string; roles: string[] }) {
  return { practiceId: actor.practiceId, actorType: 'USER' as const, actorId: actor.userId, actorRole: actor.roles.join('+') }
}
