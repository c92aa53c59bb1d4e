// The chart series as it travels from the server to the overview's (client-side) charts. The
// charts get every answer of the range (the table lists them all), so over ten years of weekly
// answers the points were most of the page: each repeated its instrument, every key, and the
// nulls and falses of an ordinary answer (~280 bytes, 160 KiB of a 330 KiB page). On the wire a
// point keeps only what is not implied: its scores in the instrument's key order, and the flags,
// band, quadrant, categories and relationship only when they say something. packChartSeries on
// the server, unpackChartSeries in the browser; unpack(pack(s)) is `s` again, field for field.
import type { ChartSeries, InstrumentSeries, SeriesPoint } from './series'
import type { ChangeCategory, InstrumentId, Quadrant } from './types'

const BASELINE = 1
const BEFORE_EPISODE = 2
const RISK = 4

/** One answer; the instrument is its series'. */
interface WirePoint {
  /** Response id. */
  i: string
  /** ISO instant. */
  d: string
  /** Scores in the order of the series' scoreKeys (null where an answer has no such score). */
  s: (number | null)[]
  /** Band, when there is one. */
  b?: string
  q?: Quadrant
  /** Change categories in scoreKeys order, when any is set. */
  c?: (ChangeCategory | null)[]
  /** BASELINE | BEFORE_EPISODE | RISK, when any is set. */
  f?: number
  r?: string
}

interface WireInstrumentSeries extends Omit<InstrumentSeries, 'points' | 'latest'> {
  points: WirePoint[]
  latest: WirePoint | null
}

export interface WireChartSeries extends Omit<ChartSeries, 'instruments'> {
  instruments: WireInstrumentSeries[]
}

function packPoint(p: SeriesPoint, keys: readonly string[]): WirePoint {
  const w: WirePoint = { i: p.responseId, d: p.date, s: keys.map((k) => p.scores[k] ?? null) }
  if (p.band !== null) w.b = p.band
  if (p.quadrant !== null) w.q = p.quadrant
  // Every point has a category (or null) for each score key, in the same order (series.ts toPoints).
  if (Object.keys(p.categories).join() !== keys.join()) throw new Error('series point: categories are not one per score key')
  if (keys.some((k) => p.categories[k] !== null)) w.c = keys.map((k) => p.categories[k] ?? null)
  const f = (p.isBaseline ? BASELINE : 0) | (p.inEpisode ? 0 : BEFORE_EPISODE) | (p.risk ? RISK : 0)
  if (f !== 0) w.f = f
  if (p.relationshipTarget !== null) w.r = p.relationshipTarget
  return w
}

function unpackPoint(w: WirePoint, instrumentId: InstrumentId, keys: readonly string[]): SeriesPoint {
  const scores: Record<string, number> = {}
  keys.forEach((k, n) => {
    const v = w.s[n]
    if (v !== null && v !== undefined) scores[k] = v
  })
  const categories: Record<string, ChangeCategory | null> = {}
  keys.forEach((k, n) => (categories[k] = w.c?.[n] ?? null))
  const f = w.f ?? 0
  return {
    responseId: w.i,
    instrumentId,
    date: w.d,
    scores,
    band: w.b ?? null,
    quadrant: w.q ?? null,
    categories,
    isBaseline: (f & BASELINE) !== 0,
    inEpisode: (f & BEFORE_EPISODE) === 0,
    risk: (f & RISK) !== 0,
    relationshipTarget: w.r ?? null,
  }
}

/** The series for the wire (server side). Throws on a point that does not fit the format. */
export function packChartSeries(series: ChartSeries): WireChartSeries {
  return {
    ...series,
    instruments: series.instruments.map((s) => {
      for (const p of [...s.points, ...(s.latest ? [s.latest] : [])]) {
        if (p.instrumentId !== s.instrumentId) throw new Error('series point: not of its series’ instrument')
        if (Object.keys(p.scores).some((k) => !s.scoreKeys.includes(k))) throw new Error('series point: a score outside scoreKeys')
      }
      return {
        ...s,
        points: s.points.map((p) => packPoint(p, s.scoreKeys)),
        latest: s.latest ? packPoint(s.latest, s.scoreKeys) : null,
      }
    }),
  }
}

/** The series as the charts use it (browser side). */
export function unpackChartSeries(wire: WireChartSeries): ChartSeries {
  return {
    ...wire,
    instruments: wire.instruments.map((s) => ({
      ...s,
      points: s.points.map((p) => unpackPoint(p, s.instrumentId, s.scoreKeys)),
      latest: s.latest ? unpackPoint(s.latest, s.instrumentId, s.scoreKeys) : null,
    })),
  }
}
