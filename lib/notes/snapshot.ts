// "Insert scores": the client's scores since baseline, stored in a note as data (pure shaping).
// The snapshot is kept as it was taken, so a note renders the same years later even if scoring or
// the client's later answers change. Read back defensively: stored JSON is parsed, not trusted.
import { changeCategory, getInstrument, INSTRUMENT_IDS, isInstrumentId, type ChangeCategory } from '@/lib/assessments'
import { must } from '@/lib/must'

interface SnapshotPoint {
  value: number
  /** ISO timestamp of the response. */
  date: string
}

export interface SnapshotEntry {
  instrumentId: string
  scoreKey: string
  /** "PHQ-9", "ECR-R anxiety", … */
  label: string
  /** ECR-RS: the relationship the answers are about (a separate series per relationship). */
  relationshipTarget: string | null
  baseline: SnapshotPoint
  latest: SnapshotPoint & { band: string | null }
  /** Change from baseline to latest; null while there is only the baseline. */
  category: ChangeCategory | null
  /** Complete scores in the episode so far. */
  count: number
}

export interface ScoreSnapshot {
  version: 1
  takenAt: string
  /** Start of the episode of care the baseline belongs to (YYYY-MM-DD). */
  episodeStart: string
  instruments: SnapshotEntry[]
}

export interface SnapshotResponse {
  instrumentId: string
  relationshipTarget: string | null
  complete: boolean
  scores: unknown
  band: string | null
  submittedAt: Date
}

const shortLabel: Record<string, string> = { anxiety: 'anxiety', avoidance: 'avoidance' }

function scoreOf(scores: unknown, key: string): number | null {
  if (typeof scores !== 'object' || scores === null) return null
  const v = (scores as Record<string, unknown>)[key]
  return typeof v === 'number' && Number.isFinite(v) ? v : null
}

function categorise(instrumentId: string, key: string, baseline: number, latest: number): ChangeCategory | null {
  try {
    return isInstrumentId(instrumentId) ? changeCategory(instrumentId, baseline, latest, key) : null
  } catch {
    return null // out-of-range stored score: show the numbers without a category
  }
}

/** The episode of care: its first day, and that day's first instant in the practice's time zone. */
export interface SnapshotEpisode {
  episodeStart: string
  episodeFrom: Date
}

/**
 * One entry per instrument (and relationship) and score key with a complete score on or after
 * the episode's first instant (as on the overview): baseline = the first, latest = the last.
 */
export function buildScoreSnapshot(responses: readonly SnapshotResponse[], episode: SnapshotEpisode, takenAt: Date): ScoreSnapshot {
  const inEpisode = responses
    .filter((r) => r.complete && isInstrumentId(r.instrumentId) && r.submittedAt.getTime() >= episode.episodeFrom.getTime())
    .sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime())
  const series = new Map<string, SnapshotResponse[]>()
  for (const r of inEpisode) {
    const k = `${r.instrumentId}\u0000${r.relationshipTarget ?? ''}`
    series.set(k, [...(series.get(k) ?? []), r])
  }
  const order = (id: string) => (INSTRUMENT_IDS as readonly string[]).indexOf(id)
  const keys = [...series.keys()].sort((a, b) => {
    const [ia = '', ta = ''] = a.split('\u0000')
    const [ib = '', tb = ''] = b.split('\u0000')
    return order(ia) - order(ib) || ta.localeCompare(tb)
  })
  const instruments: SnapshotEntry[] = []
  for (const k of keys) {
    const rows = series.get(k)!
    const head = must(rows[0], 'a series has at least one response')
    const def = getInstrument(head.instrumentId as (typeof INSTRUMENT_IDS)[number])
    for (const score of def.scores) {
      const points = rows.flatMap((r) => {
        const value = scoreOf(r.scores, score.key)
        return value === null ? [] : [{ value, r }]
      })
      const first = points[0]
      const last = points.at(-1)
      if (!first || !last) continue
      instruments.push({
        instrumentId: def.id,
        scoreKey: score.key,
        label: score.key === 'total' ? def.abbreviation : `${def.abbreviation} ${shortLabel[score.key] ?? score.label.toLowerCase()}`,
        relationshipTarget: head.relationshipTarget,
        baseline: { value: first.value, date: first.r.submittedAt.toISOString() },
        latest: { value: last.value, date: last.r.submittedAt.toISOString(), band: score.key === 'total' ? last.r.band : null },
        category: points.length > 1 ? categorise(def.id, score.key, first.value, last.value) : null,
        count: points.length,
      })
    }
  }
  return { version: 1, takenAt: takenAt.toISOString(), episodeStart: episode.episodeStart, instruments }
}

const CATEGORIES: readonly ChangeCategory[] = ['recovered', 'improved', 'no reliable change', 'deteriorated']

const isIsoDate = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v))
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

function parseEntry(raw: unknown): SnapshotEntry | null {
  if (typeof raw !== 'object' || raw === null) return null
  const e = raw as Record<string, unknown>
  const b = e.baseline as Record<string, unknown> | null
  const l = e.latest as Record<string, unknown> | null
  if (typeof e.instrumentId !== 'string' || typeof e.scoreKey !== 'string' || typeof e.label !== 'string') return null
  if (!b || !l || !isNum(b.value) || !isIsoDate(b.date) || !isNum(l.value) || !isIsoDate(l.date)) return null
  const category = CATEGORIES.includes(e.category as ChangeCategory) ? (e.category as ChangeCategory) : null
  return {
    instrumentId: e.instrumentId,
    scoreKey: e.scoreKey,
    label: e.label,
    relationshipTarget: typeof e.relationshipTarget === 'string' ? e.relationshipTarget : null,
    baseline: { value: b.value, date: b.date },
    latest: { value: l.value, date: l.date, band: typeof l.band === 'string' ? l.band : null },
    category,
    count: isNum(e.count) ? e.count : 1,
  }
}

/** A stored snapshot, or null when there is none or it is not one this version understands. */
export function parseScoreSnapshot(raw: unknown): ScoreSnapshot | null {
  if (typeof raw !== 'object' || raw === null) return null
  const s = raw as Record<string, unknown>
  if (s.version !== 1 || !isIsoDate(s.takenAt) || !Array.isArray(s.instruments)) return null
  const instruments = s.instruments.map(parseEntry)
  if (instruments.some((e) => e === null)) return null
  return {
    version: 1,
    takenAt: s.takenAt,
    episodeStart: typeof s.episodeStart === 'string' ? s.episodeStart : '',
    instruments: instruments as SnapshotEntry[],
  }
}

/** The change category in words, for people (never colour alone). */
export function changeCategoryText(category: ChangeCategory | null): string {
  switch (category) {
    case 'recovered':
      return 'Recovered (reliable improvement, now below the clinical cut-off)'
    case 'improved':
      return 'Reliably improved'
    case 'deteriorated':
      return 'Reliably worse'
    case 'no reliable change':
      return 'No reliable change'
    default:
      return 'Baseline only (no later score yet)'
  }
}

/** How a score is written: totals as whole numbers, attachment means to two decimals. */
export function formatScore(entry: Pick<SnapshotEntry, 'scoreKey'>, value: number): string {
  return entry.scoreKey === 'total' ? String(value) : value.toFixed(2)
}
