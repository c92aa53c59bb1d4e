// Reading the audit trail: the admin's viewer and CSV export. Always within the admin's own
// practice; viewing and exporting are themselves recorded (after the read, before the data is
// returned, so a failure to record fails the request).
import 'server-only'
import { sealAuditChains } from '@/lib/audit/seal'
import { db } from './client'
import type { Prisma } from './generated/client'
import { NotFoundError } from './errors'
import type { Actor } from '@/lib/auth/actor'
import { assertAdmin } from './scope'
import { addDays, startOfDayInTimeZone, todayInTimeZone } from '@/lib/scheduling/recurrence'
import { AUDIT_MAX_PAGE_SIZE, type AuditFilters, type AuditPage, type AuditRow } from '@/lib/validation/audit'
import { actorFields, recordAudit } from '@/lib/audit/record'
import { csvCell } from '@/lib/assessments/csv'
import { isUuid } from '@/lib/validation/uuid'
import { must } from '@/lib/must'

export type { AuditPage } from '@/lib/validation/audit'

/** Where the request came from, when the caller (a page or route) knows it. */
export interface AuditRequestContext {
  ip?: string | null
  requestId?: string | null
}

async function practiceTimeZone(actor: Actor): Promise<string> {
  const p = await db.practice.findUnique({ where: { id: actor.practiceId }, select: { timeZone: true } })
  if (!p) throw new NotFoundError('Practice')
  return p.timeZone
}

/** The practice scope is set here and nowhere else; filters only narrow it. */
function whereFor(actor: Actor, f: AuditFilters, timeZone: string): Prisma.AuditEventWhereInput {
  const occurredAt: Prisma.DateTimeFilter = {}
  if (f.from) occurredAt.gte = startOfDayInTimeZone(f.from, timeZone)
  if (f.to) occurredAt.lt = startOfDayInTimeZone(addDays(f.to, 1), timeZone)
  return {
    practiceId: actor.practiceId,
    ...(f.userId ? { actorId: f.userId } : {}),
    ...(f.clientId ? { clientId: f.clientId } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.from || f.to ? { occurredAt } : {}),
  }
}

const rowSelect = {
  id: true,
  occurredAt: true,
  actorType: true,
  actorId: true,
  actorRole: true,
  action: true,
  targetType: true,
  targetId: true,
  clientId: true,
  outcome: true,
  details: true,
  ip: true,
  requestId: true,
  prevHash: true,
  rowHash: true,
} satisfies Prisma.AuditEventSelect
type RawRow = Prisma.AuditEventGetPayload<{ select: typeof rowSelect }>

/** Names of the practice's users among the actors (never another practice's). */
async function actorNames(actor: Actor, rows: RawRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.filter((r) => r.actorType === 'USER' && r.actorId && isUuid(r.actorId)).map((r) => r.actorId!))]
  if (ids.length === 0) return new Map()
  const users = await db.user.findMany({ where: { id: { in: ids }, practiceId: actor.practiceId }, select: { id: true, name: true } })
  return new Map(users.map((u) => [u.id, u.name]))
}

const asDetails = (v: Prisma.JsonValue | null): Record<string, unknown> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null

function toRow(r: RawRow, names: Map<string, string>): AuditRow {
  return {
    id: String(r.id),
    occurredAt: r.occurredAt,
    actorType: r.actorType,
    actorId: r.actorId,
    actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
    actorRole: r.actorRole,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    clientId: r.clientId,
    outcome: r.outcome,
    details: asDetails(r.details),
    ip: r.ip,
    requestId: r.requestId,
  }
}

/**
 * The filters as they go into the trail: ids, codes and dates only. A filtered client id stays in
 * details, not in clientId: reading the trail is not a view of the client's record.
 */
const filterDetails = (f: AuditFilters) => ({
  userId: f.userId,
  clientId: f.clientId,
  action: f.action,
  from: f.from,
  to: f.to,
})

/** One page of the practice's trail, newest first. */
export async function listAuditEvents(admin: Actor, filters: AuditFilters, ctx: AuditRequestContext = {}): Promise<AuditPage> {
  // Only admins read the trail; anyone else is refused, and the refusal is itself recorded.
  await assertAdmin(admin, 'Page', { attempted: 'AUDIT_VIEW', targetType: 'AuditLog' })
  const timeZone = await practiceTimeZone(admin)
  const pageSize = Math.min(Math.max(1, Math.floor(filters.pageSize) || 1), AUDIT_MAX_PAGE_SIZE)
  const page = Math.max(1, Math.floor(filters.page) || 1)
  const where = whereFor(admin, filters, timeZone)
  const [total, raw] = await Promise.all([
    db.auditEvent.count({ where }),
    // id is the append (and chain) order.
    db.auditEvent.findMany({ where, orderBy: { id: 'desc' }, skip: (page - 1) * pageSize, take: pageSize, select: rowSelect }),
  ])
  const names = await actorNames(admin, raw)
  await recordAudit({
    ...actorFields(admin),
    action: 'AUDIT_VIEW',
    targetType: 'AuditLog',
    details: { ...filterDetails(filters), page, shown: raw.length },
    ip: ctx.ip,
    requestId: ctx.requestId,
  })
  return { rows: raw.map((r) => toRow(r, names)), total, page, pageSize, timeZone }
}

/** What the filter form offers: the practice's users and the actions present in its trail. */
export async function listAuditFilterOptions(admin: Actor): Promise<{ users: { id: string; name: string }[]; actions: string[] }> {
  await assertAdmin(admin, 'Page', { attempted: 'AUDIT_VIEW', targetType: 'AuditLog' })
  const [users, actions] = await Promise.all([
    db.user.findMany({ where: { practiceId: admin.practiceId }, orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    db.auditEvent.findMany({ where: { practiceId: admin.practiceId }, distinct: ['action'], orderBy: { action: 'asc' }, select: { action: true } }),
  ])
  return { users, actions: actions.map((a) => a.action) }
}

// One CSV cell encoder for the whole app (RFC 4180, formula-injection safe).
export { csvCell }

const AUDIT_CSV_HEADER = [
  'id',
  'occurred_at_utc',
  'actor_type',
  'actor_id',
  'actor_name',
  'actor_role',
  'action',
  'target_type',
  'target_id',
  'client_id',
  'outcome',
  'ip',
  'request_id',
  'details',
  'prev_hash',
  'row_hash',
] as const

const EXPORT_BATCH = 2000

export interface AuditCsv {
  filename: string
  csv: string
  rows: number
}

/**
 * Every event matching the filters (all pages), oldest first, as CSV with CRLF line ends. The
 * hashes are included so a copy kept elsewhere can be checked against the chain.
 */
export async function auditCsv(admin: Actor, filters: AuditFilters, ctx: AuditRequestContext = {}, now: Date = new Date()): Promise<AuditCsv> {
  await assertAdmin(admin, 'Page', { attempted: 'AUDIT_EXPORT', targetType: 'AuditLog' })
  // The export carries the hashes: events appended a moment ago get their place in the chain first.
  await sealAuditChains([admin.practiceId])
  const timeZone = await practiceTimeZone(admin)
  const where = whereFor(admin, filters, timeZone)
  const lines = [AUDIT_CSV_HEADER.join(',')]
  let cursor: bigint | undefined
  let count = 0
  for (;;) {
    const batch = await db.auditEvent.findMany({
      where: cursor === undefined ? where : { AND: [where, { id: { gt: cursor } }] },
      orderBy: { id: 'asc' },
      take: EXPORT_BATCH,
      select: rowSelect,
    })
    if (batch.length === 0) break
    const names = await actorNames(admin, batch)
    for (const r of batch) {
      lines.push(
        [
          String(r.id),
          r.occurredAt.toISOString(),
          r.actorType,
          r.actorId,
          r.actorId ? (names.get(r.actorId) ?? null) : null,
          r.actorRole,
          r.action,
          r.targetType,
          r.targetId,
          r.clientId,
          r.outcome,
          r.ip,
          r.requestId,
          r.details === null ? null : JSON.stringify(r.details),
          r.prevHash,
          r.rowHash,
        ]
          .map(csvCell)
          .join(','),
      )
    }
    count += batch.length
    cursor = must(batch.at(-1), 'the last row of a non-empty batch').id
    if (batch.length < EXPORT_BATCH) break
  }
  await recordAudit({
    ...actorFields(admin),
    action: 'AUDIT_EXPORT',
    targetType: 'AuditLog',
    details: { ...filterDetails(filters), rows: count },
    ip: ctx.ip,
    requestId: ctx.requestId,
  })
  return { filename: `audit-${todayInTimeZone(now, timeZone)}.csv`, csv: lines.join('\r\n') + '\r\n', rows: count }
}
