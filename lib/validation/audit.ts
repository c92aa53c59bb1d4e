// The audit log's URL filters, parsed leniently: a hand-edited or stale URL falls back to the
// defaults instead of failing. Pure: used by the page, the export route, lib/audit and components.
import { z } from 'zod'
import { lenientPositiveInt } from './search-params'
import { isUuid } from './uuid'

const AUDIT_DEFAULT_PAGE_SIZE = 50
export const AUDIT_MAX_PAGE_SIZE = 200
export const AUDIT_PAGE_SIZES = [25, 50, 100, 200] as const
const MAX_PAGE = 100_000

export interface AuditFilters {
  userId: string | null
  clientId: string | null
  action: string | null
  /** Calendar days (YYYY-MM-DD) in the practice's time zone, both inclusive. */
  from: string | null
  to: string | null
  page: number
  pageSize: number
}

export const DEFAULT_AUDIT_FILTERS: AuditFilters = {
  userId: null,
  clientId: null,
  action: null,
  from: null,
  to: null,
  page: 1,
  pageSize: AUDIT_DEFAULT_PAGE_SIZE,
}

const ACTION = /^[A-Z][A-Z0-9_]{0,63}$/

function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

const id = z
  .string()
  .trim()
  .refine(isUuid)
  .transform((s) => s.toLowerCase())
  .nullable()
  .catch(null)
const day = z.string().trim().refine(isCalendarDate).nullable().catch(null)

const schema = z.object({
  userId: id,
  clientId: id,
  action: z.string().trim().regex(ACTION).nullable().catch(null),
  from: day,
  to: day,
  page: lenientPositiveInt(1, MAX_PAGE),
  pageSize: lenientPositiveInt(AUDIT_DEFAULT_PAGE_SIZE, AUDIT_MAX_PAGE_SIZE),
})

type Params = URLSearchParams | Record<string, string | string[] | undefined>

/** Parses the audit log's search params; never throws. Repeated keys use their first value; empty ones are unset. */
export function parseAuditFilters(params: Params): AuditFilters {
  const get = (key: string): string | null => {
    const v = params instanceof URLSearchParams ? params.get(key) : params[key]
    const first = Array.isArray(v) ? v[0] : v
    return first === undefined || first === null || first.trim() === '' ? null : first
  }
  const raw = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, get(k)]))
  const f = schema.parse({ ...raw, page: raw.page ?? undefined, pageSize: raw.pageSize ?? undefined })
  // A range typed backwards is read the way it was meant.
  if (f.from && f.to && f.from > f.to) return { ...f, from: f.to, to: f.from }
  return f
}

/** True when any filter narrows the trail (the empty state then offers "Clear filters"). */
export function hasAuditFilters(f: AuditFilters): boolean {
  return Boolean(f.userId || f.clientId || f.action || f.from || f.to)
}

/** Search params for the filters, leaving out defaults so URLs stay short. */
function auditSearchParams(f: AuditFilters, { withPage = true }: { withPage?: boolean } = {}): URLSearchParams {
  const s = new URLSearchParams()
  if (f.userId) s.set('userId', f.userId)
  if (f.clientId) s.set('clientId', f.clientId)
  if (f.action) s.set('action', f.action)
  if (f.from) s.set('from', f.from)
  if (f.to) s.set('to', f.to)
  if (withPage && f.pageSize !== AUDIT_DEFAULT_PAGE_SIZE) s.set('pageSize', String(f.pageSize))
  if (withPage && f.page !== 1) s.set('page', String(f.page))
  return s
}

export function auditHref(f: AuditFilters, patch: Partial<AuditFilters> = {}): string {
  const s = auditSearchParams({ ...f, ...patch }).toString()
  return s ? `/admin/audit?${s}` : '/admin/audit'
}

/** The CSV export of the same filters (every matching event, not just this page). */
export function auditExportHref(f: AuditFilters): string {
  const s = auditSearchParams(f, { withPage: false }).toString()
  return s ? `/admin/audit/export?${s}` : '/admin/audit/export'
}

// Rows as lib/audit returns them (the types live here so components never import lib/db or lib/audit).
export interface AuditRow {
  id: string
  occurredAt: Date
  actorType: string
  actorId: string | null
  /** From User by id, for display; the trail itself stores ids only. */
  actorName: string | null
  actorRole: string | null
  action: string
  targetType: string | null
  targetId: string | null
  clientId: string | null
  outcome: string
  /** Ids, counts and field names only. */
  details: Record<string, unknown> | null
  ip: string | null
  requestId: string | null
}

export interface AuditPage {
  rows: AuditRow[]
  total: number
  page: number
  pageSize: number
  timeZone: string
}
