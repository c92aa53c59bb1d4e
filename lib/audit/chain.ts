// The hash chain of the audit trail: rowHash = sha256(prevHash + "\n" + canonical(row)), per
// practice, starting from GENESIS_HASH. Pure: the chain step (seal.ts) and the verifier (verify.ts)
// compute it the same way.
import crypto from 'node:crypto'

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

/** The advisory-lock key of a practice's chain: the chain step and checkpoint writers take it. */
export const chainKey = (practiceId: string | null) => `audit:${practiceId ?? 'global'}`

/**
 * The SQL comment each statement of the background chain step starts with. Tells the step's
 * statements apart from a page's own (the bench's statement counter, pg_stat_activity).
 */
export const BACKGROUND_SQL_TAG = '/* securebase:background audit-chain-step */'
