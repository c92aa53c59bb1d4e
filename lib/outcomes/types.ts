// Practice outcomes: the filter, the aggregates the database returns, and the small-cell rule.
// Pure (no I/O): the page, the CSV route, the client components and the tests share it.
import type { InstrumentId } from '@/lib/assessments/types'

/** Symptom measures (a total with a point threshold and a clinical cutoff). */
export const SYMPTOM_INSTRUMENTS = ['phq9', 'gad7', 'core10'] as const satisfies readonly InstrumentId[]
/** Attachment scales (two dimensions, no cutoff). */
const ATTACHMENT_INSTRUMENTS = ['ecr-r', 'ecr-rs'] as const satisfies readonly InstrumentId[]
export const OUTCOME_INSTRUMENTS: readonly InstrumentId[] = [...SYMPTOM_INSTRUMENTS, ...ATTACHMENT_INSTRUMENTS]

export const isSymptomInstrument = (id: InstrumentId): boolean => (SYMPTOM_INSTRUMENTS as readonly string[]).includes(id)

/**
 * Cells counting 1-4 clients are shown as "< 5", and so is any rate or median computed over fewer
 * than 5 clients: in a small practice a count of 1 or 2 can identify a person.
 */
export const SMALL_CELL_MIN = 5
const SUPPRESSED = '< 5'

export interface OutcomesQuery {
  /** 'YYYY-MM-DD', inclusive, in the practice's time zone. */
  from: string
  to: string
  /** null: every instrument. */
  instrument: InstrumentId | null
  /** Admins only (ignored for a clinician, whose own caseload is the scope). */
  clinician: string | null
  /** Only clients whose current episode of care started in this range (inclusive; either may be open). */
  episodeFrom: string | null
  episodeTo: string | null
}

/** One group: an instrument over the whole scope (clinicianId null) or over one clinician's clients. */
export interface OutcomesGroup {
  instrumentId: InstrumentId
  clinicianId: string | null
  clinicianName: string | null
  /** Clients with a baseline and a later score in the period. */
  clients: number
  // Symptom measures (null for attachment scales).
  improved: number | null
  noChange: number | null
  deteriorated: number | null
  /** Reliably improved and crossed the cutoff (a subset of improved). */
  recovered: number | null
  /** At or above the clinical cutoff at baseline: the denominator of the recovery rate. */
  caseness: number | null
  /** Median of latest − baseline (negative = fewer symptoms). */
  medianChange: number | null
  // Attachment scales (null for symptom measures).
  medianAnxietyChange: number | null
  medianAvoidanceChange: number | null
  secureAtBaseline: number | null
  secureAtLatest: number | null
  // This instrument's items of check-ins that closed in the period: answered in it, or expired in it unanswered.
  sent: number
  completed: number
  /** Clients those check-ins were sent to (the base of the completion rate's suppression). */
  sentClients: number
  /** Check-ins answered per client they were sent to (completed / sentClients). */
  meanAnswered: number | null
}

export interface OutcomesResult {
  query: OutcomesQuery
  scope: 'practice' | 'own'
  /** Practice-wide first, then per clinician, per instrument in display order. */
  groups: OutcomesGroup[]
}

/** A count as shown: 0 and 5+ as themselves, 1-4 as "< 5". */
export function countCell(n: number | null): string {
  if (n === null) return '—'
  return n > 0 && n < SMALL_CELL_MIN ? SUPPRESSED : String(n)
}

/** A value computed over `base` clients: "< 5" when that base is 1-4, "—" when there is nothing. */
export function overCell(base: number, value: number | null, format: (v: number) => string): string {
  if (base <= 0 || value === null) return '—'
  if (base < SMALL_CELL_MIN) return SUPPRESSED
  return format(value)
}

export const percent = (num: number, den: number): number | null => (den > 0 ? (100 * num) / den : null)
export const formatPercent = (v: number) => `${Math.round(v)}%`
export const formatChange = (v: number) => (v > 0 ? `+${trim(v)}` : trim(v))
export const formatMean = (v: number) => trim(v, 1)

function trim(v: number, decimals = 2): string {
  return String(Number(v.toFixed(decimals)))
}
