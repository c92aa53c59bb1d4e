// Signed heads of the audit chains. The hash chain shows an edited or removed row only when a row
// after it remains, so removing events from the END of a chain goes unseen. A checkpoint records a
// chain's length and last event under an HMAC whose key (SECUREBASE_AUDIT_KEY) is not in the
// database: whoever can edit the database can remove events, but cannot sign a shorter head.
import crypto from 'node:crypto'
import { Prisma } from '@/lib/db/generated/client'
import { db } from '@/lib/db/client'
import { env } from '@/lib/env'
import { logger } from '@/lib/log'
import { TX_OPTIONS } from '@/lib/db/tx'
// The key the chain step (seal.ts) locks while sealing, so a head is read between steps.
import { chainKey } from './chain'
import { sealAuditChains, sealInTx } from './seal'
import { isUuid } from '@/lib/validation/uuid'

export interface Checkpoint {
  practiceId: string | null
  eventCount: number
  lastEventId: bigint
  lastHash: string
  createdAt: Date
  mac: string
}

type Tx = Prisma.TransactionClient
type CheckpointRow = Omit<Checkpoint, 'eventCount'> & { eventCount: bigint | number }

const DEFAULT_MIN_AGE_MS = 5 * 60_000
const LINE_PREFIX = 'audit-checkpoint v1'
const LINE = new RegExp(
  `^${LINE_PREFIX} practice=(global|[0-9a-f-]{36}) events=([1-9][0-9]{0,14}) last=([1-9][0-9]{0,18}) ` +
    'hash=([0-9a-f]{64}) at=(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z) mac=([0-9a-f]{64})$',
)

function canonical(c: Omit<Checkpoint, 'mac'>): string {
  return ['securebase audit checkpoint v1', c.practiceId ?? 'global', String(c.eventCount), String(c.lastEventId), c.lastHash, c.createdAt.toISOString()].join(
    '\n',
  )
}

function sign(c: Omit<Checkpoint, 'mac'>): string {
  return crypto.createHmac('sha256', env.auditKey).update(canonical(c)).digest('hex')
}

/** True when the checkpoint was signed with the configured SECUREBASE_AUDIT_KEY and not altered. */
export function checkpointSignatureValid(c: Checkpoint): boolean {
  const given = Buffer.from(c.mac, 'hex')
  const expected = Buffer.from(sign(c), 'hex')
  return given.length === expected.length && crypto.timingSafeEqual(given, expected)
}

function fromRow(r: CheckpointRow): Checkpoint {
  return { practiceId: r.practiceId, eventCount: Number(r.eventCount), lastEventId: r.lastEventId, lastHash: r.lastHash, createdAt: r.createdAt, mac: r.mac }
}

/** One line an operator keeps off the database (printed by `npm run audit:verify -- --checkpoint`). */
export function checkpointLine(c: Checkpoint): string {
  return `${LINE_PREFIX} practice=${c.practiceId ?? 'global'} events=${c.eventCount} last=${c.lastEventId} hash=${c.lastHash} at=${c.createdAt.toISOString()} mac=${c.mac}`
}

export class CheckpointLineError extends Error {}

/** Parses a line from checkpointLine(); the signature is checked by the verifier, not here. */
export function parseCheckpointLine(line: string): Checkpoint {
  const m = LINE.exec(line.trim())
  const [, practice, events, lastId, lastHash, at, mac] = m ?? []
  if (
    practice === undefined ||
    events === undefined ||
    lastId === undefined ||
    lastHash === undefined ||
    at === undefined ||
    mac === undefined ||
    (practice !== 'global' && !isUuid(practice))
  ) {
    throw new CheckpointLineError(`not a checkpoint line (expected "${LINE_PREFIX} practice=… events=… last=… hash=… at=… mac=…")`)
  }
  const createdAt = new Date(at)
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== at) throw new CheckpointLineError('checkpoint line has an invalid time')
  return { practiceId: practice === 'global' ? null : practice, eventCount: Number(events), lastEventId: BigInt(lastId), lastHash, createdAt, mac }
}

/** Parses and checks the signature of an operator's line. */
export function checkCheckpointLine(line: string): { checkpoint: Checkpoint; signatureValid: boolean } {
  const checkpoint = parseCheckpointLine(line)
  return { checkpoint, signatureValid: checkpointSignatureValid(checkpoint) }
}

/** Newest checkpoint of one chain (highest id), or null. */
export async function latestCheckpoint(practiceId: string | null, client: Tx = db): Promise<Checkpoint | null> {
  const row = await client.auditCheckpoint.findFirst({ where: { practiceId }, orderBy: { id: 'desc' } })
  return row ? fromRow(row) : null
}

/**
 * The practice ids (null = the global chain) that have rows in AuditEvent or AuditCheckpoint.
 * A loose index scan over (practiceId, id): one index probe per chain, not a read of every row,
 * because the scheduler asks every minute.
 */
export async function chainIds(table: 'AuditEvent' | 'AuditCheckpoint'): Promise<(string | null)[]> {
  const t = Prisma.raw(`"${table}"`)
  const rows = await db.$queryRaw<{ practiceId: string | null }[]>`
    WITH RECURSIVE chains AS (
      (SELECT "practiceId" FROM ${t} WHERE "practiceId" IS NOT NULL ORDER BY "practiceId" LIMIT 1)
      UNION ALL
      SELECT (SELECT n."practiceId" FROM ${t} n WHERE n."practiceId" > c."practiceId" ORDER BY n."practiceId" LIMIT 1)
      FROM chains c WHERE c."practiceId" IS NOT NULL
    )
    SELECT "practiceId"::text AS "practiceId" FROM chains WHERE "practiceId" IS NOT NULL
    UNION ALL
    SELECT NULL WHERE EXISTS (SELECT 1 FROM ${t} WHERE "practiceId" IS NULL)`
  return rows.map((r) => r.practiceId)
}

/** The chain's last sealed event: its head. */
async function head(practiceId: string | null, client: Tx = db): Promise<{ id: bigint; rowHash: string; chainSeq: bigint } | null> {
  const top = await client.auditEvent.findFirst({
    where: { practiceId, chainSeq: { not: null } },
    orderBy: { chainSeq: 'desc' },
    select: { id: true, rowHash: true, chainSeq: true },
  })
  return top?.rowHash && top.chainSeq !== null ? { id: top.id, rowHash: top.rowHash, chainSeq: top.chainSeq } : null
}

/** Why a chain got no new checkpoint: nothing to do, or a state the tick must not sign over. */
type SkipReason = 'UNCHANGED' | 'TOO_RECENT' | 'NO_EVENTS' | 'CHECKPOINT_SIGNATURE_INVALID' | 'CHECKPOINTED_HEAD_MISSING'

export interface CheckpointRun {
  written: Checkpoint[]
  skipped: { practiceId: string | null; reason: SkipReason }[]
}

function skipReason(last: Checkpoint | null, top: { id: bigint } | null, minAgeMs: number, now: number): SkipReason | null {
  if (!top) return last ? 'NO_EVENTS' : 'UNCHANGED'
  if (!last) return null
  if (last.lastEventId === top.id) return 'UNCHANGED'
  if (now - last.createdAt.getTime() < minAgeMs) return 'TOO_RECENT'
  return null
}

async function checkpointChain(practiceId: string | null, minAgeMs: number): Promise<Checkpoint | SkipReason> {
  return db.$transaction(async (tx) => {
    // The chain step holds this lock while it seals, so the head read here is one it finished, and
    // two instances ticking at once cannot both sign the same head. What committed since is sealed first.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${chainKey(practiceId)}))`
    await sealInTx(tx, practiceId)
    const last = await latestCheckpoint(practiceId, tx)
    const top = await head(practiceId, tx)
    const skip = skipReason(last, top, minAgeMs, Date.now())
    if (skip || !top) return skip ?? 'UNCHANGED'
    if (last) {
      // Refuses to sign over a chain whose previously signed head is gone (the truncation
      // checkpoints exist to catch).
      if (!checkpointSignatureValid(last)) return 'CHECKPOINT_SIGNATURE_INVALID'
      const anchor = await tx.auditEvent.findFirst({
        where: { id: last.lastEventId, practiceId, rowHash: last.lastHash, chainSeq: BigInt(last.eventCount) },
        select: { id: true },
      })
      if (!anchor) return 'CHECKPOINTED_HEAD_MISSING'
    }
    // The head's position is the chain's length: positions run 1, 2, 3… (verify.ts checks it).
    const eventCount = Number(top.chainSeq)
    const unsigned = { practiceId, eventCount, lastEventId: top.id, lastHash: top.rowHash, createdAt: new Date() }
    const mac = sign(unsigned)
    await tx.auditCheckpoint.create({ data: { ...unsigned, eventCount: BigInt(eventCount), mac } })
    return { ...unsigned, mac }
  }, TX_OPTIONS)
}

/**
 * Signs the head of every chain (or one: practiceId, null = global) that moved since its last
 * checkpoint, if that checkpoint is at least minAgeMs old (0 = whenever the head moved).
 */
export async function writeCheckpoints(opts: { minAgeMs?: number; practiceId?: string | null } = {}): Promise<CheckpointRun> {
  const minAgeMs = opts.minAgeMs ?? DEFAULT_MIN_AGE_MS
  const chains = opts.practiceId !== undefined ? [opts.practiceId] : [...new Set([...(await chainIds('AuditEvent')), ...(await chainIds('AuditCheckpoint'))])]
  const run: CheckpointRun = { written: [], skipped: [] }
  // Events appended since the last step get their place first, so the head below includes them.
  await sealAuditChains(chains)
  for (const practiceId of chains) {
    // Unlocked look first: most chains do not qualify, and the lock would queue their appenders.
    const quick = skipReason(await latestCheckpoint(practiceId), await head(practiceId), minAgeMs, Date.now())
    const result = quick ?? (await checkpointChain(practiceId, minAgeMs))
    if (typeof result === 'string') run.skipped.push({ practiceId, reason: result })
    else run.written.push(result)
  }
  return run
}

const ALARMING: SkipReason[] = ['NO_EVENTS', 'CHECKPOINT_SIGNATURE_INVALID', 'CHECKPOINTED_HEAD_MISSING']

/**
 * For the scheduler tick: periodic checkpoints that never fail the tick. Ids and codes only in the
 * log; a chain that cannot be signed is left for `npm run audit:verify` to report in full.
 */
export async function checkpointTick(scope: { practiceId?: string } = {}): Promise<void> {
  try {
    const run = await writeCheckpoints({ practiceId: scope.practiceId })
    for (const s of run.skipped) {
      if (ALARMING.includes(s.reason)) logger.warn('audit checkpoint refused', { practiceId: s.practiceId, reason: s.reason })
    }
  } catch (e) {
    const err = e as { name?: string; code?: string }
    logger.error('audit checkpoint failed', { error: err?.name ?? 'Error', code: err?.code ?? null })
  }
}
