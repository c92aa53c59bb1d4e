// Walks each practice's chain in id order and reports the first row whose hash does not follow.
import { db } from '@/lib/db/client'
import { GENESIS_HASH, rowHash } from './record'

export interface ChainReport {
  practiceId: string | null
  checked: number
  ok: boolean
  firstBrokenId?: string
  problem?: string
}

export async function verifyAuditChains(batch = 2000): Promise<ChainReport[]> {
  const practices = await db.auditEvent.findMany({ distinct: ['practiceId'], select: { practiceId: true } })
  const reports: ChainReport[] = []
  for (const { practiceId } of practices) {
    let prev = GENESIS_HASH
    let checked = 0
    let cursor: bigint | undefined
    let report: ChainReport = { practiceId, checked: 0, ok: true }
    outer: for (;;) {
      const rows = await db.auditEvent.findMany({
        where: { practiceId, ...(cursor !== undefined ? { id: { gt: cursor } } : {}) },
        orderBy: { id: 'asc' },
        take: batch,
      })
      if (rows.length === 0) break
      for (const r of rows) {
        checked++
        if (r.prevHash !== prev) {
          report = { practiceId, checked, ok: false, firstBrokenId: String(r.id), problem: 'previous hash does not match (a row before it was changed or removed)' }
          break outer
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
          report = { practiceId, checked, ok: false, firstBrokenId: String(r.id), problem: 'row content does not match its hash (the row was changed)' }
          break outer
        }
        prev = r.rowHash
      }
      cursor = rows[rows.length - 1].id
    }
    reports.push(report.ok ? { practiceId, checked, ok: true } : report)
  }
  return reports
}
