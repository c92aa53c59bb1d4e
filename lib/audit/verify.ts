// Walks each practice's chain in chain order (chainSeq 1, 2, 3…, after sealing what is pending) and
// reports the first row whose hash or position does not follow,
// then holds the chain against its newest signed checkpoint (and any the operator kept elsewhere):
// the hash chain alone cannot show events removed from its end.
import { db } from '@/lib/db/client'
import { GENESIS_HASH, rowHash } from './chain'
import { sealAuditChains } from './seal'
import { chainIds, checkpointSignatureValid, latestCheckpoint, type Checkpoint } from './checkpoint'
import { must } from '@/lib/must'

export interface ChainReport {
  practiceId: string | null
  checked: number
  ok: boolean
  firstBrokenId?: string
  problem?: string
  /** Time (ISO) of the newest checkpoint in the database the chain was checked against. */
  checkpointAt?: string
  /** How many operator-kept checkpoint lines (--expect) the chain was checked against. */
  expectedChecked?: number
}

export interface VerifyOptions {
  batch?: number
  /** Only this chain (null = the global chain). */
  practiceId?: string | null
  /** Checkpoints kept outside the database; they catch the removal of the newest checkpoints too. */
  expect?: Checkpoint[]
}

interface Anchor {
  cp: Checkpoint
  what: string
  /** The event found at position cp.eventCount during the walk. */
  seen?: { id: bigint; rowHash: string }
}

type Walk = { checked: number; firstBrokenId?: string; problem?: string }

async function walk(practiceId: string | null, batch: number, anchors: Anchor[]): Promise<Walk> {
  let prev = GENESIS_HASH
  let checked = 0
  let cursor: bigint | undefined
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: { practiceId, chainSeq: cursor !== undefined ? { gt: cursor } : { not: null } },
      orderBy: { chainSeq: 'asc' },
      take: batch,
    })
    if (rows.length === 0) return { checked }
    for (const r of rows) {
      checked++
      if (r.prevHash !== prev || r.rowHash === null) {
        return { checked, firstBrokenId: String(r.id), problem: 'previous hash does not match (a row before it was changed or removed)' }
      }
      if (r.chainSeq !== BigInt(checked)) {
        return {
          checked,
          firstBrokenId: String(r.id),
          problem: `the row is at position ${r.chainSeq} of the chain where ${checked} was expected (a row was removed)`,
        }
      }
      const expected = rowHash(prev, {
        practiceId: r.practiceId,
        occurredAt: r.occurredAt,
        actorType: r.actorType,
        actorId: r.actorId,
        actorRole: r.actorRole,
        action: r.action,
        targetType: r.targetType,
        targetId: r.targetId,
        clientId: r.clientId,
        outcome: r.outcome,
        details: r.details ?? null,
        ip: r.ip,
        requestId: r.requestId,
      })
      if (r.rowHash !== expected) {
        return { checked, firstBrokenId: String(r.id), problem: 'row content does not match its hash (the row was changed)' }
      }
      for (const a of anchors) if (a.cp.eventCount === checked) a.seen = { id: r.id, rowHash: r.rowHash }
      prev = r.rowHash
    }
    cursor = must(rows.at(-1)?.chainSeq ?? undefined, 'the position of the last row of a non-empty batch')
  }
}

function anchorProblem(a: Anchor, checked: number): Pick<ChainReport, 'firstBrokenId' | 'problem'> | null {
  const { cp } = a
  if (!checkpointSignatureValid(cp)) return { problem: `${a.what} signature invalid: forged, or SECUREBASE_AUDIT_KEY changed` }
  const recorded = `${a.what} of ${cp.createdAt.toISOString()} recorded ${cp.eventCount}`
  if (checked === 0) return { problem: `all events were removed: the chain has no events, ${recorded}` }
  if (checked < cp.eventCount) return { problem: `events were removed from the end: the chain has ${checked} events, ${recorded}` }
  if (!a.seen || a.seen.id !== cp.lastEventId || a.seen.rowHash !== cp.lastHash) {
    return {
      ...(a.seen ? { firstBrokenId: String(a.seen.id) } : {}),
      problem: `events were removed from the end and others appended: event ${cp.eventCount} of the chain is not event ${cp.lastEventId}, which ${a.what} of ${cp.createdAt.toISOString()} recorded there`,
    }
  }
  return null
}

export async function verifyAuditChains(opts: VerifyOptions = {}): Promise<ChainReport[]> {
  const batch = opts.batch ?? 2000
  const expect = opts.expect ?? []
  const only = opts.practiceId
  const chains =
    only !== undefined ? [only] : [...new Set([...(await chainIds('AuditEvent')), ...(await chainIds('AuditCheckpoint')), ...expect.map((c) => c.practiceId)])]
  const reports: ChainReport[] = []
  for (const practiceId of chains) {
    // The checkpoint is read before the walk: every event it counts was committed before it, so the
    // walk's later reads see them all. Read after, a checkpoint of events appended meanwhile would
    // look like a truncation.
    // Chained first: what the app appended and has not sealed yet gets its place, as the next
    // chain step would give it.
    await sealAuditChains([practiceId])
    const newest = await latestCheckpoint(practiceId)
    const given = expect.filter((c) => c.practiceId === practiceId)
    const anchors: Anchor[] = [
      ...(newest ? [{ cp: newest, what: 'a signed checkpoint' }] : []),
      ...given.map((cp) => ({ cp, what: 'an expected checkpoint line' })),
    ]
    const w = await walk(practiceId, batch, anchors)
    const extra: Partial<ChainReport> = {
      ...(newest ? { checkpointAt: newest.createdAt.toISOString() } : {}),
      ...(given.length > 0 ? { expectedChecked: given.length } : {}),
    }
    if (w.problem) {
      reports.push({ practiceId, checked: w.checked, ok: false, ...(w.firstBrokenId ? { firstBrokenId: w.firstBrokenId } : {}), problem: w.problem, ...extra })
      continue
    }
    const broken = anchors.map((a) => anchorProblem(a, w.checked)).find((p) => p !== null)
    if (broken) reports.push({ practiceId, checked: w.checked, ok: false, ...broken, ...extra })
    else reports.push({ practiceId, checked: w.checked, ok: true, ...extra })
  }
  return reports
}
