// The chain step. Appending an audit event is a plain INSERT: no lock, no read of the chain's head,
// so page views and submissions of one practice never queue behind each other. This step then
// chains what was appended, in the order it committed: under the chain's advisory lock it reads the
// head (highest chainSeq), gives each unsealed row of the chain the next position, its prevHash and
// its rowHash, and writes them in one UPDATE. The database trigger allows exactly that update, once
// per row (prisma/migrations/…_audit_chain_sealing).
//
// It runs a moment after each append in the app server (scheduleSeal, started by lib/boot.ts),
// before every checkpoint (lib/audit/checkpoint.ts: the scheduler tick, every minute), and before
// `npm run audit:verify` walks a chain. A row waits for its hash for a fraction of a second normally,
// a minute at most when the instance that wrote it stopped first.
import { Prisma } from '@/lib/db/generated/client'
import { db } from '@/lib/db/client'
import { TX_OPTIONS } from '@/lib/db/tx'
import { logger } from '@/lib/log'
import { BACKGROUND_SQL_TAG, GENESIS_HASH, chainKey, rowHash } from './chain'

type Tx = Prisma.TransactionClient

// Rows sealed per transaction: enough for any burst, small enough to keep the lock short.
const SEAL_BATCH = 2_000
// How long the app waits after an append before sealing: appends close together share one step.
// A step is five round trips (transaction, lock, head, rows, update). At 50 ms, a busy instance
// (about a dozen audited views a second) ran nearly one step per view, as many round trips again
// as the pages themselves; at 250 ms a step seals several views, and a row still gets its hash
// within a fraction of a second.
const SEAL_DELAY_MS = 250
// An append inside a longer transaction (a submission, a note) commits later: a second look then.
const SEAL_AGAIN_MS = 1_000

const whereChain = (practiceId: string | null, alias?: string) => {
  const col = Prisma.raw(alias ? `${alias}."practiceId"` : '"practiceId"')
  return practiceId === null ? Prisma.sql`${col} IS NULL` : Prisma.sql`${col} = ${practiceId}::uuid`
}
// Every statement of the step starts with this comment (BACKGROUND_SQL_TAG): the bench's statement
// counter tells the step's work apart from the page request it happens to overlap.
const tag = Prisma.raw(BACKGROUND_SQL_TAG)

interface PendingRow {
  id: bigint
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
  headSeq: bigint | null
  headHash: string | null
}

/**
 * Seals the chain's unsealed rows, oldest id first, inside `tx`. The caller holds the chain's lock
 * (chainKey). Returns how many rows it sealed.
 */
export async function sealInTx(tx: Tx, practiceId: string | null): Promise<number> {
  let sealed = 0
  for (;;) {
    // One statement: the unsealed rows, oldest first, each carrying the chain's current head.
    const pending = await tx.$queryRaw<PendingRow[]>`${tag}
      WITH head AS (
        SELECT "chainSeq", "rowHash" FROM "AuditEvent"
         WHERE ${whereChain(practiceId)} AND "chainSeq" IS NOT NULL
         ORDER BY "chainSeq" DESC LIMIT 1)
      SELECT e.id, e."practiceId"::text AS "practiceId", e."occurredAt", e."actorType", e."actorId", e."actorRole", e.action,
             e."targetType", e."targetId", e."clientId"::text AS "clientId", e.outcome, e.details, e.ip, e."requestId",
             head."chainSeq" AS "headSeq", head."rowHash" AS "headHash"
        FROM "AuditEvent" e LEFT JOIN head ON true
       WHERE ${whereChain(practiceId, 'e')} AND e."chainSeq" IS NULL
       ORDER BY e.id LIMIT ${SEAL_BATCH}`
    if (pending.length === 0) return sealed
    let prev = pending[0]?.headHash ?? GENESIS_HASH
    let seq = pending[0]?.headSeq ?? 0n
    const ids: bigint[] = []
    const prevs: string[] = []
    const hashes: string[] = []
    const seqs: bigint[] = []
    for (const r of pending) {
      const { id, headSeq: _seq, headHash: _hash, ...fields } = r
      const hash = rowHash(prev, { ...fields, details: fields.details ?? null })
      seq += 1n
      ids.push(id)
      prevs.push(prev)
      hashes.push(hash)
      seqs.push(seq)
      prev = hash
    }
    const updated = await tx.$executeRaw`${tag}
      UPDATE "AuditEvent" AS e SET "prevHash" = v.prev, "rowHash" = v.hash, "chainSeq" = v.seq
        FROM unnest(${ids}::bigint[], ${prevs}::text[], ${hashes}::text[], ${seqs}::bigint[]) AS v(id, prev, hash, seq)
       WHERE e.id = v.id AND e."chainSeq" IS NULL`
    if (updated !== ids.length) throw new Error(`audit chain step: sealed ${updated} of ${ids.length} rows`)
    sealed += updated
    if (pending.length < SEAL_BATCH) return sealed
  }
}

/**
 * Seals one chain. With `wait: false` (the app's background step) it gives up at once when another
 * step or a checkpoint holds the chain: that one seals these rows too, or the next append's step.
 */
export async function sealChain(practiceId: string | null, opts: { wait?: boolean } = {}): Promise<number | 'busy'> {
  return db.$transaction(async (tx): Promise<number | 'busy'> => {
    if (opts.wait === false) {
      const [got] = await tx.$queryRaw<{ locked: boolean }[]>`${tag} SELECT pg_try_advisory_xact_lock(hashtext(${chainKey(practiceId)})) AS locked`
      if (!got?.locked) return 'busy'
    } else {
      await tx.$executeRaw`${tag} SELECT pg_advisory_xact_lock(hashtext(${chainKey(practiceId)}))`
    }
    return sealInTx(tx, practiceId)
  }, TX_OPTIONS)
}

/** Whether the chain has rows still waiting for their hash (one index probe). */
async function hasUnsealed(practiceId: string | null): Promise<boolean> {
  const [r] = await db.$queryRaw<{ any: boolean }[]>`${tag}
    SELECT EXISTS (SELECT 1 FROM "AuditEvent" WHERE ${whereChain(practiceId)} AND "chainSeq" IS NULL) AS any`
  return r?.any ?? false
}

/** Seals each of the given chains that has unsealed rows, waiting for its lock. Returns the rows sealed. */
export async function sealAuditChains(chains: readonly (string | null)[]): Promise<number> {
  let n = 0
  for (const practiceId of chains) {
    if (!(await hasUnsealed(practiceId))) continue
    const sealed = await sealChain(practiceId)
    if (typeof sealed === 'number') n += sealed
  }
  return n
}

// --- the app server's background step ----------------------------------------------------------
// Kept on globalThis: Next bundles routes and instrumentation separately, and both must see one queue.
interface SealQueue {
  enabled: boolean
  pending: Set<string>
  later: Set<string>
  timer: ReturnType<typeof setTimeout> | null
  laterTimer: ReturnType<typeof setTimeout> | null
  running: Promise<void> | null
}
const store = globalThis as typeof globalThis & { __securebaseAuditSeal?: SealQueue }
const queue = (): SealQueue =>
  (store.__securebaseAuditSeal ??= { enabled: false, pending: new Set(), later: new Set(), timer: null, laterTimer: null, running: null })
const GLOBAL = 'global'

/** Called once by the server boot: from then on every append is sealed a moment later. */
export function startBackgroundSealing(): void {
  queue().enabled = true
}

/** Stops the background step and seals what is queued (the server's shutdown). */
export async function stopBackgroundSealing(): Promise<void> {
  const q = queue()
  q.enabled = false
  for (const t of [q.timer, q.laterTimer]) if (t) clearTimeout(t)
  q.timer = null
  q.laterTimer = null
  for (const k of q.later) q.pending.add(k)
  q.later.clear()
  await q.running
  await drain(q)
}

async function drain(q: SealQueue): Promise<void> {
  const chains = [...q.pending].map((k) => (k === GLOBAL ? null : k))
  q.pending.clear()
  for (const practiceId of chains) {
    try {
      // Busy: another instance's step or a checkpoint holds the chain and seals what it sees; what
      // committed after it looked gets a second look.
      if ((await sealChain(practiceId, { wait: false })) === 'busy') scheduleSeal(practiceId, { inTransaction: true })
    } catch (e) {
      // Not lost: the row stays unsealed until the next step, checkpoint or verify seals it.
      logger.warn('audit chain step failed', { practiceId, error: e instanceof Error ? e.name : 'unknown' })
    }
  }
}

/** After an append: seal its chain shortly, and again a second later when it was inside a transaction (no-op outside the app server). */
export function scheduleSeal(practiceId: string | null, opts: { inTransaction?: boolean } = {}): void {
  const q = queue()
  if (!q.enabled) return
  const key = practiceId ?? GLOBAL
  q.pending.add(key)
  if (!q.timer) {
    q.timer = setTimeout(() => {
      q.timer = null
      q.running = (q.running ?? Promise.resolve()).then(() => drain(q))
    }, SEAL_DELAY_MS)
    q.timer.unref()
  }
  if (!opts.inTransaction) return
  q.later.add(key)
  if (q.laterTimer) return
  q.laterTimer = setTimeout(() => {
    q.laterTimer = null
    for (const k of q.later) q.pending.add(k)
    q.later.clear()
    q.running = (q.running ?? Promise.resolve()).then(() => drain(q))
  }, SEAL_AGAIN_MS)
  q.laterTimer.unref()
}
