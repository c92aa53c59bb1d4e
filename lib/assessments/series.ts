// Scores over time, prepared for charts, tables, the progress report and the CSV export. Pure:
// the caller (lib/db/series.ts) fetches the rows and turns calendar days into instants.
import { changeCategory } from './change'
import { getInstrument, INSTRUMENT_IDS, isInstrumentId } from './registry'
import { RISK_FLAG } from './scoring'
import type { ChangeCategory, InstrumentId, Quadrant } from './types'

export type SeriesRange = '3m' | '6m' | '12m' | 'all'
export const SERIES_RANGES: readonly SeriesRange[] = ['3m', '6m', '12m', 'all']
export const DEFAULT_SERIES_RANGE: SeriesRange = '12m'
export const SERIES_RANGE_LABELS: Readonly<Record<SeriesRange, string>> = {
  '3m': '3 months',
  '6m': '6 months',
  '12m': '12 months',
  all: 'All',
}
const RANGE_MONTHS: Readonly<Record<Exclude<SeriesRange, 'all'>, number>> = { '3m': 3, '6m': 6, '12m': 12 }

/** A `?range=` value from the URL; anything unknown falls back to the default. */
export function parseSeriesRange(value: unknown): SeriesRange {
  const v = Array.isArray(value) ? value[0] : value
  return (SERIES_RANGES as readonly unknown[]).includes(v) ? (v as SeriesRange) : DEFAULT_SERIES_RANGE
}

/**
 * First calendar day shown for a range, counted back from the practice's `today` ('YYYY-MM-DD'):
 * the same day N months earlier, clamped to the month's end (31 May − 3 months → 28/29 Feb).
 * null for 'all'.
 */
export function rangeStartDay(range: SeriesRange, today: string): string | null {
  if (range === 'all') return null
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today)
  if (!m) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${today}`)
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 - RANGE_MONTHS[range]
  const year = Math.floor(index / 12)
  const month = index - year * 12 + 1
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const day = Math.min(Number(m[3]), lastDay)
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** A complete response as read for the series (never its item answers). */
export interface SeriesRow {
  id: string
  instrumentId: string
  submittedAt: Date
  scores: unknown
  band: string | null
  quadrant: string | null
  flags: readonly string[]
  relationshipTarget: string | null
}

type Categories = Record<string, ChangeCategory | null>

export interface SeriesPoint {
  responseId: string
  instrumentId: InstrumentId
  /** ISO 8601 instant (UTC). */
  date: string
  scores: Record<string, number>
  band: string | null
  quadrant: Quadrant | null
  /** Per score key, against the episode's baseline; null for the baseline itself and for answers before this episode. */
  categories: Categories
  isBaseline: boolean
  /** False for answers from before the current episode of care (kept in the history, not compared). */
  inEpisode: boolean
  risk: boolean
  relationshipTarget: string | null
}

export interface SeriesBaseline {
  responseId: string
  date: string
  scores: Record<string, number>
  band: string | null
}

export interface InstrumentSeries {
  instrumentId: InstrumentId
  scoreKeys: string[]
  /** First complete answer on or after the episode start (may lie before the shown range). */
  baseline: SeriesBaseline | null
  /** Answers within the range, oldest first. */
  points: SeriesPoint[]
  /** The most recent answer, even when it is older than the range. */
  latest: SeriesPoint | null
}

export interface AttachmentPathPoint {
  responseId: string
  date: string
  anxiety: number
  avoidance: number
  instrumentId: 'ecr-r' | 'ecr-rs'
  relationshipTarget: string | null
  quadrant: Quadrant | null
}

export interface PreparedSeries {
  instruments: InstrumentSeries[]
  attachmentPath: AttachmentPathPoint[]
}

/** What the overview, the report and the charts receive: plain data, dates as ISO strings. */
export interface ClientSeries extends PreparedSeries {
  range: SeriesRange
  /** Practice time zone the dates are shown in. */
  timeZone: string
  /** 'YYYY-MM-DD' start of the current episode of care. */
  episodeStart: string
  /** ISO instant the range starts at; null for 'all'. */
  rangeFrom: string | null
  /** ISO instant the series was prepared at (the right edge of the charts). */
  now: string
  // Extension point: goal-progress ratings over time (one line per goal) arrive with goals, as
  // `goals: GoalSeries[]` here and a GoalProgressChart in components/charts.
}

export interface SeriesWindow {
  /** First instant of the current episode of care (episodeStart in the practice's time zone). */
  episodeFrom: Date
  /** First instant of the range; null shows everything. */
  rangeFrom: Date | null
}

const QUADRANTS: readonly string[] = ['secure', 'anxious', 'avoidant', 'fearful']

/** The stored scores of a row, keeping only the instrument's finite numeric scores. */
export function readScores(instrumentId: InstrumentId, raw: unknown): Record<string, number> {
  const out: Record<string, number> = {}
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out
  for (const def of getInstrument(instrumentId).scores) {
    const v = (raw as Record<string, unknown>)[def.key]
    if (typeof v === 'number' && Number.isFinite(v)) out[def.key] = v
  }
  return out
}

function byTime(a: SeriesRow, b: SeriesRow): number {
  return a.submittedAt.getTime() - b.submittedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** A stored value that cannot be compared (out of range, missing) gives no category instead of breaking the page. */
function safeCategory(id: InstrumentId, key: string, baseline: number | undefined, latest: number | undefined): ChangeCategory | null {
  if (baseline === undefined || latest === undefined) return null
  try {
    return changeCategory(id, baseline, latest, key)
  } catch {
    return null
  }
}

/**
 * Baseline per instrument: its first complete answer on or after the start of the current episode.
 * Rows must be complete responses; unknown instruments are ignored.
 */
export function findBaselines(rows: readonly SeriesRow[], episodeFrom: Date): Map<InstrumentId, SeriesRow> {
  const result = new Map<InstrumentId, SeriesRow>()
  for (const row of [...rows].sort(byTime)) {
    if (!isInstrumentId(row.instrumentId) || row.submittedAt < episodeFrom) continue
    if (Object.keys(readScores(row.instrumentId, row.scores)).length === 0) continue
    if (!result.has(row.instrumentId)) result.set(row.instrumentId, row)
  }
  return result
}

/** Every row as a point with its change categories against the current episode's baseline. */
export function toPoints(rows: readonly SeriesRow[], episodeFrom: Date): SeriesPoint[] {
  const baselines = findBaselines(rows, episodeFrom)
  const points: SeriesPoint[] = []
  for (const row of [...rows].sort(byTime)) {
    if (!isInstrumentId(row.instrumentId)) continue
    const id = row.instrumentId
    const scores = readScores(id, row.scores)
    if (Object.keys(scores).length === 0) continue
    const baseline = baselines.get(id)
    const isBaseline = baseline?.id === row.id
    const inEpisode = row.submittedAt >= episodeFrom
    const baseScores = baseline ? readScores(id, baseline.scores) : {}
    const categories: Categories = {}
    for (const def of getInstrument(id).scores) {
      categories[def.key] = isBaseline || !inEpisode ? null : safeCategory(id, def.key, baseScores[def.key], scores[def.key])
    }
    points.push({
      responseId: row.id,
      instrumentId: id,
      date: row.submittedAt.toISOString(),
      scores,
      band: row.band,
      quadrant: row.quadrant && QUADRANTS.includes(row.quadrant) ? (row.quadrant as Quadrant) : null,
      categories,
      isBaseline,
      inEpisode,
      risk: row.flags.includes(RISK_FLAG),
      relationshipTarget: row.relationshipTarget,
    })
  }
  return points
}

/**
 * Group rows into one series per instrument (display order) and the attachment path. `rows` may
 * include answers older than the range (the baseline, the latest answer): they set the baseline
 * and `latest` but are not plotted.
 */
export function prepareSeries(rows: readonly SeriesRow[], window: SeriesWindow): PreparedSeries {
  const all = toPoints(rows, window.episodeFrom)
  const inRange = (p: SeriesPoint) => window.rangeFrom === null || Date.parse(p.date) >= window.rangeFrom.getTime()
  const instruments: InstrumentSeries[] = []
  for (const instrumentId of INSTRUMENT_IDS) {
    const mine = all.filter((p) => p.instrumentId === instrumentId)
    if (mine.length === 0) continue
    const base = mine.find((p) => p.isBaseline)
    instruments.push({
      instrumentId,
      scoreKeys: getInstrument(instrumentId).scores.map((s) => s.key),
      baseline: base ? { responseId: base.responseId, date: base.date, scores: base.scores, band: base.band } : null,
      points: mine.filter(inRange),
      latest: mine[mine.length - 1] ?? null,
    })
  }
  return { instruments, attachmentPath: attachmentPathOf(instruments) }
}

/**
 * The attachment path of the series' points (ECR-R and ECR-RS answers with both dimensions), in
 * time order. The overview's charts derive it in the browser, so each answer crosses once.
 */
export function attachmentPathOf(instruments: readonly InstrumentSeries[]): AttachmentPathPoint[] {
  const path: AttachmentPathPoint[] = []
  for (const s of instruments) {
    for (const p of s.points) {
      const id = p.instrumentId
      if ((id !== 'ecr-r' && id !== 'ecr-rs') || p.scores.anxiety === undefined || p.scores.avoidance === undefined) continue
      path.push({
        responseId: p.responseId,
        date: p.date,
        anxiety: p.scores.anxiety,
        avoidance: p.scores.avoidance,
        instrumentId: id,
        relationshipTarget: p.relationshipTarget,
        quadrant: p.quadrant,
      })
    }
  }
  // Oldest first, like the rows (submittedAt, then id); ISO instants sort as text.
  return path.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.responseId < b.responseId ? -1 : a.responseId > b.responseId ? 1 : 0))
}

/** What the overview's charts receive: everything but the attachment path, which they derive (attachmentPathOf). */
export type ChartSeries = Omit<ClientSeries, 'attachmentPath'>

/** The series without its attachment path, for the overview's (client-side) charts. */
export function forCharts({ attachmentPath: _derived, ...series }: ClientSeries): ChartSeries {
  return series
}
