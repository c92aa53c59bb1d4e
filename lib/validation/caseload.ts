// The caseload's URL: its query, defaults and links. Pure and free of zod, because the caseload's
// client components import it (zod would add ~30 KiB gzip to the page); the lenient parsing of a
// URL into a query lives in ./caseload-parse.ts, on the server only.
import type { ChangeCategory, InstrumentId, Quadrant } from '@/lib/assessments/types'

export const CASELOAD_SORTS = ['name', 'phq9', 'gad7', 'core10', 'change', 'lastCheckIn', 'overdue', 'flags', 'clinician'] as const
export type CaseloadSort = (typeof CASELOAD_SORTS)[number]
export type SortDir = 'asc' | 'desc'
export const CASELOAD_STATUSES = ['active', 'discharged', 'all'] as const
type CaseloadStatus = (typeof CASELOAD_STATUSES)[number]
/** Score columns of the table, in display order. */
export const SCORE_INSTRUMENTS = ['phq9', 'gad7', 'core10'] as const
export type ScoreInstrumentId = (typeof SCORE_INSTRUMENTS)[number]

export const DEFAULT_PAGE_SIZE = 25
export const MAX_PAGE_SIZE = 100
export const PAGE_SIZES = [25, 50, 100] as const
export const MAX_SEARCH_LENGTH = 100
export const MAX_PAGE = 100_000

export interface CaseloadQuery {
  q: string
  sort: CaseloadSort
  dir: SortDir
  risk: boolean
  overdue: boolean
  deteriorated: boolean
  instrument: InstrumentId | null
  clinician: string | null
  status: CaseloadStatus
  page: number
  pageSize: number
  /** 'all' widens an admin who is also a clinician to the whole practice. */
  scope: 'own' | 'all'
}

/** Names read A→Z first; numbers (scores, counts, change, dates) most-attention-first. */
export function defaultDir(sort: CaseloadSort): SortDir {
  return sort === 'name' || sort === 'clinician' ? 'asc' : 'desc'
}

export const DEFAULT_CASELOAD_QUERY: CaseloadQuery = {
  q: '',
  sort: 'name',
  dir: 'asc',
  risk: false,
  overdue: false,
  deteriorated: false,
  instrument: null,
  clinician: null,
  status: 'active',
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
  scope: 'own',
}

/** True when a search or filter narrows the list (the empty state then offers "Clear filters"). */
export function hasActiveFilters(q: CaseloadQuery): boolean {
  return Boolean(q.q || q.risk || q.overdue || q.deteriorated || q.instrument || q.clinician || q.status !== 'active')
}

/** Search params for a query, leaving out defaults so URLs stay short and shareable. */
function caseloadSearchParams(q: CaseloadQuery): URLSearchParams {
  const s = new URLSearchParams()
  if (q.scope === 'all') s.set('scope', 'all')
  if (q.q) s.set('q', q.q)
  if (q.status !== 'active') s.set('status', q.status)
  if (q.risk) s.set('risk', '1')
  if (q.overdue) s.set('overdue', '1')
  if (q.deteriorated) s.set('deteriorated', '1')
  if (q.instrument) s.set('instrument', q.instrument)
  if (q.clinician) s.set('clinician', q.clinician)
  if (q.sort !== 'name') s.set('sort', q.sort)
  if (q.dir !== defaultDir(q.sort)) s.set('dir', q.dir)
  if (q.pageSize !== DEFAULT_PAGE_SIZE) s.set('pageSize', String(q.pageSize))
  if (q.page !== 1) s.set('page', String(q.page))
  return s
}

/** '/clients?…' for the query with some fields changed. */
export function caseloadHref(q: CaseloadQuery, patch: Partial<CaseloadQuery> = {}): string {
  const s = caseloadSearchParams({ ...q, ...patch }).toString()
  return s ? `/clients?${s}` : '/clients'
}

/** The same view (scope, sort, page size) with every search and filter removed. */
export function clearedFilters(q: CaseloadQuery): CaseloadQuery {
  return { ...DEFAULT_CASELOAD_QUERY, scope: q.scope, sort: q.sort, dir: q.dir, pageSize: q.pageSize }
}

// Rows as lib/db returns them (types only live here so components never import lib/db).
interface ScoreCell {
  score: number
  band: string | null
  date: Date
}

interface ChangeCell {
  instrumentId: ScoreInstrumentId
  baseline: number
  latest: number
  category: ChangeCategory
}

export interface CaseloadRow {
  id: string
  firstName: string
  lastName: string
  preferredName: string | null
  status: 'ACTIVE' | 'DISCHARGED'
  /** Filled for admins (who may see several clinicians' clients); null for clinicians. */
  clinician: { id: string; name: string } | null
  scores: Record<ScoreInstrumentId, ScoreCell | null>
  change: ChangeCell | null
  quadrant: { quadrant: Quadrant; instrumentId: 'ecr-r' | 'ecr-rs'; date: Date } | null
  lastCheckIn: Date | null
  /** Calendar date (YYYY-MM-DD) in the practice's time zone. */
  nextDue: string | null
  overdue: number
  openFlags: number
}

export interface CaseloadPage {
  rows: CaseloadRow[]
  total: number
  page: number
  pageSize: number
  scope: 'practice' | 'own'
  /** The practice's calendar date the page was computed for (for relative hints). */
  today: string
}
