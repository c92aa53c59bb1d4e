// The audit trail: who did what, to which record, when (UTC), from where, with what outcome.
// Append-only (a database trigger rejects UPDATE/DELETE/TRUNCATE) and hash-chained per practice:
// rowHash = sha256(prevHash + canonical(row)), so an edited or removed row breaks the chain.
// Ids and codes only — never names, answers, note text, tokens or passwords.
import crypto from 'node:crypto'
import { db } from '@/lib/db/client'
import { TX_OPTIONS } from '@/lib/db/tx'
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

export const GENESIS_HASH = '0'.repeat(64)

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null)
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
}

export interface ChainedFields {
  practiceId: string | null
  occurredAt: Date
  actorType: string
  actorId: string | null
  actorRole: string | null
  action: string
  targetType: string | null
  targetId: string | null
  clientId: string | null
  outcome: string
  details: unknown
  ip: string | null
  requestId: string | null
}

export function rowHash(prevHash: string, f: ChainedFields): string {
  const body = canonical({ ...f, occurredAt: f.occurredAt.toISOString() })
  return crypto.createHash('sha256').update(prevHash).update('\n').update(body).digest('hex')
}

/** The advisory-lock key of a practice's chain: appenders and checkpoint writers take it. */
export const chainKey = (practiceId: string | null) => `audit:${practiceId ?? 'global'}`

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

async function append(tx: Tx, e: AuditInput): Promise<void> {
  // One writer at a time per practice chain, for the length of this transaction.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${chainKey(e.practiceId)}))`
  const last = await tx.auditEvent.findFirst({
    where: { practiceId: e.practiceId },
    orderBy: { id: 'desc' },
    select: { rowHash: true },
  })
  const fields: ChainedFields = {
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
  const prevHash = last?.rowHash ?? GENESIS_HASH
  await tx.auditEvent.create({
    data: {
      ...fields,
      details: (fields.details ?? undefined) as Prisma.InputJsonValue | undefined,
      prevHash,
      rowHash: rowHash(prevHash, fields),
    },
  })
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
  if (tx) return append(tx, e)
  await db.$transaction((t) => append(t, e), TX_OPTIONS)
}

/** Actor fields for a signed-in user. */
export function actorFields(actor: { userId: string; practiceId: string; roles: string[] }) {
  return { practiceId: actor.practiceId, actorType: 'USER' as const, actorId: actor.userId, actorRole: actor.roles.join('+') }
}
