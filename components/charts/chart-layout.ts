// Pure layout decisions of the time charts, kept apart from React so they can be unit tested:
// the x domain, the x ticks for the width at hand, when to thin the point marks, and where the
// labels in the gutter go so they never overlap.
import { dateTimeFormat } from '@/lib/intl-format'

export const DAY = 86_400_000
/** Below this width a chart has no room for band names beside the plot (they go in the legend). */
export const WIDE_CHART = 480
/** Points closer than this (px, on average) are drawn as small dots, with full marks on key points only. */
const THIN_SPACING = 10
/** The plot never spans less than this, so one answer sits well inside a readable axis. */
const MIN_SPAN = 14 * DAY

/**
 * The x domain of a time chart. It starts at the later of the range start and the earlier of the
 * episode start and the first shown point (so a short episode is not drawn against a year of empty
 * axis), ends at now (or the last point), spans at least two weeks (centred on the points) and is
 * padded by 4% each side so edge points are never cut.
 */
export function timeDomain(
  times: readonly number[],
  { rangeFrom, episodeFrom, now }: { rangeFrom: string | null; episodeFrom?: string | null; now: string },
): [number, number] {
  const nowT = Date.parse(now)
  const firstPoint = times.length ? Math.min(...times) : nowT
  const lastPoint = times.length ? Math.max(...times) : nowT
  const episodeT = episodeFrom ? Date.parse(episodeFrom) : Number.NaN
  let start = Number.isFinite(episodeT) ? Math.min(episodeT, firstPoint) : firstPoint
  if (rangeFrom) start = Math.max(start, Date.parse(rangeFrom))
  start = Math.min(start, firstPoint)
  let end = Math.max(nowT, lastPoint)
  if (end - start < MIN_SPAN) {
    const mid = times.length ? (firstPoint + lastPoint) / 2 : (start + end) / 2
    start = Math.min(start, mid - MIN_SPAN / 2)
    end = Math.max(end, mid + MIN_SPAN / 2)
  }
  const pad = (end - start) * 0.04
  return [start - pad, end + pad]
}

export type TickUnit = 'day' | 'week' | 'month'
interface TickStep {
  unit: TickUnit
  every: number
}
const STEPS: readonly TickStep[] = [
  { unit: 'day', every: 1 },
  { unit: 'day', every: 2 },
  { unit: 'week', every: 1 },
  { unit: 'week', every: 2 },
  { unit: 'month', every: 1 },
  { unit: 'month', every: 2 },
  { unit: 'month', every: 3 },
  { unit: 'month', every: 6 },
  { unit: 'month', every: 12 },
  { unit: 'month', every: 24 },
  // Long histories (ten years on a phone).
  { unit: 'month', every: 36 },
  { unit: 'month', every: 60 },
]

/** Rough width of a tick label at 12 px: "8 Dec" and "Dec 2025" (px). */
export function tickLabelWidth(unit: TickUnit): number {
  return unit === 'month' ? 58 : 40
}
/** Space kept between two tick labels (px). */
const TICK_GAP = 14

/**
 * Tick instants from `from` to `to` for one step, counted back from the end so the most recent
 * month (week, day) always has its tick. Months on the 1st and days at 12:00 UTC (the right
 * calendar day in every practice time zone); weeks on Mondays.
 */
function candidates(from: number, to: number, step: TickStep): number[] {
  const ticks: number[] = []
  const end = new Date(to)
  if (step.unit === 'month') {
    let k = end.getUTCFullYear() * 12 + end.getUTCMonth()
    if (Date.UTC(Math.floor(k / 12), k % 12, 1, 12) > to) k -= 1
    for (; ; k -= step.every) {
      const t = Date.UTC(Math.floor(k / 12), ((k % 12) + 12) % 12, 1, 12)
      if (t < from) break
      ticks.push(t)
    }
    return ticks.reverse()
  }
  let t = Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate(), 12)
  if (t > to) t -= DAY
  if (step.unit === 'week') {
    while (new Date(t).getUTCDay() !== 1) t -= DAY
  }
  const stride = (step.unit === 'week' ? 7 : 1) * step.every * DAY
  for (; t >= from; t -= stride) ticks.push(t)
  return ticks.reverse()
}

/**
 * X ticks for a time axis `domain` drawn `plotWidth` px wide: the finest of day, week and month
 * steps whose labels do not overlap (a short span gets "8 Dec" ticks, a long one "Dec 2025").
 * Never more than fit; at least one tick.
 */
export function timeTicks(domain: readonly [number, number], plotWidth: number): { ticks: number[]; unit: TickUnit } {
  const [from, to] = domain
  const span = Math.max(to - from, 1)
  for (const step of STEPS) {
    const ticks = candidates(from, to, step)
    if (ticks.length === 0) continue
    const spacing = ticksMinSpacing(ticks, span, plotWidth)
    if (spacing >= tickLabelWidth(step.unit) + TICK_GAP) return { ticks, unit: step.unit }
  }
  const last = STEPS[STEPS.length - 1]!
  const ticks = candidates(from, to, last)
  return { ticks: ticks.length ? [ticks[0]!] : [(from + to) / 2], unit: ticks.length ? 'month' : 'day' }
}

function ticksMinSpacing(ticks: readonly number[], span: number, plotWidth: number): number {
  if (ticks.length < 2) return Number.POSITIVE_INFINITY
  let min = Number.POSITIVE_INFINITY
  for (let i = 1; i < ticks.length; i++) min = Math.min(min, ((ticks[i]! - ticks[i - 1]!) / span) * plotWidth)
  return min
}

export function tickLabel(t: number, unit: TickUnit, timeZone: string): string {
  const opts: Intl.DateTimeFormatOptions = unit === 'month' ? { month: 'short', year: 'numeric', timeZone } : { day: 'numeric', month: 'short', timeZone }
  return dateTimeFormat('en-GB', opts).format(new Date(t))
}

/**
 * True when the points, drawn `plotWidth` px wide over `domain`, are on average closer than
 * THIN_SPACING px (and there are more than a handful): then only key points keep their full mark.
 */
export function shouldThin(times: readonly number[], domain: readonly [number, number], plotWidth: number): boolean {
  // A handful of answers always keep their marks.
  if (times.length <= MIN_TO_THIN) return false
  const first = Math.min(...times)
  const last = Math.max(...times)
  const pxPerMs = plotWidth / Math.max(domain[1] - domain[0], 1)
  return ((last - first) * pxPerMs) / (times.length - 1) < THIN_SPACING
}

/** Never thin this many points or fewer. */
const MIN_TO_THIN = 6

/** Which points keep their full change-category mark when the marks are thinned. */
export function isKeyPoint(p: { isBaseline: boolean; risk: boolean; kinds: readonly string[] }, isLatest: boolean): boolean {
  return isLatest || p.isBaseline || p.risk || p.kinds.includes('deteriorated')
}

export interface GutterLabel {
  /** Wanted vertical centre (px). */
  y: number
  /** Height it needs (px). */
  height: number
}

/**
 * Vertical centres for labels stacked in a gutter: each as near its wanted `y` as possible, none
 * overlapping the next, all within [top, bottom]. Order of the input is kept in the output.
 */
export function spreadLabels(labels: readonly GutterLabel[], top: number, bottom: number): number[] {
  const order = labels.map((l, i) => ({ ...l, i })).sort((a, b) => a.y - b.y)
  const placed = order.map((l) => ({ ...l, c: Math.min(Math.max(l.y, top + l.height / 2), bottom - l.height / 2) }))
  // Push down past the one above, then pull back up from the bottom edge.
  for (let k = 1; k < placed.length; k++) {
    const prev = placed[k - 1]!
    const cur = placed[k]!
    const min = prev.c + prev.height / 2 + cur.height / 2
    if (cur.c < min) cur.c = min
  }
  for (let k = placed.length - 1; k >= 0; k--) {
    const cur = placed[k]!
    const next = placed[k + 1]
    const max = next ? next.c - next.height / 2 - cur.height / 2 : bottom - cur.height / 2
    if (cur.c > max) cur.c = max
  }
  const out: number[] = new Array<number>(labels.length)
  for (const p of placed) out[p.i] = p.c
  return out
}

/**
 * Where a point's text label goes so it stays inside the plot: right of and above the point by
 * default, flipped to the left near the right edge and below near the top edge.
 */
export function placePointLabel(
  p: { x: number; y: number; r: number },
  textWidth: number,
  bounds: { left: number; right: number; top: number; bottom: number },
  fontSize = 11,
): { x: number; y: number; anchor: 'start' | 'end' } {
  const gap = 4
  let anchor: 'start' | 'end' = 'start'
  let x = p.x + p.r + gap
  if (x + textWidth > bounds.right) {
    anchor = 'end'
    x = p.x - p.r - gap
  }
  if (anchor === 'end' && x - textWidth < bounds.left) x = bounds.left + textWidth
  // The text's baseline: above the point, or below it near the top edge.
  let y = p.y - p.r - 2
  if (y - fontSize < bounds.top) y = p.y + p.r + fontSize + 2
  if (y > bounds.bottom) y = bounds.bottom
  return { x, y, anchor }
}

/** Rough text width at `fontSize` px in the UI font, erring wide (px). */
export function textWidth(text: string, fontSize = 11): number {
  return Math.ceil(text.length * fontSize * 0.66)
}

/** Width of a right gutter that holds the longest of `labels` (8 px before the text, 6 after). */
export function gutterFor(labels: readonly string[]): number {
  return 14 + Math.max(0, ...labels.map((l) => textWidth(l)))
}

/** Height recharts gives an XAxis by default (px). */
const X_AXIS_HEIGHT = 30

export interface TimeChartLayout {
  margin: { top: number; right: number; bottom: number; left: number }
  yAxisWidth: number
  plot: { left: number; right: number; top: number; bottom: number; width: number; height: number }
  domain: [number, number]
  ticks: number[]
  unit: TickUnit
  /** Pixel x of instant `t`, pixel y of value `v` (the same linear scales recharts draws with). */
  x: (t: number) => number
  y: (v: number) => number
}

/**
 * Geometry of a time chart `width` × `height` px: the plot area between the y axis on the left,
 * a `gutter` for labels on the right and a `top` margin for labels above the plot, and the x ticks
 * that fit the plot's width.
 */
export function timeChartLayout(o: {
  width: number
  height: number
  yAxisWidth: number
  gutter: number
  top: number
  domain: [number, number]
  yDomain: readonly [number, number]
}): TimeChartLayout {
  const margin = { top: o.top, right: o.gutter, bottom: 4, left: 0 }
  const left = margin.left + o.yAxisWidth
  const right = o.width - margin.right
  const top = margin.top
  const bottom = o.height - margin.bottom - X_AXIS_HEIGHT
  const plot = { left, right, top, bottom, width: Math.max(right - left, 1), height: Math.max(bottom - top, 1) }
  const { ticks, unit } = timeTicks(o.domain, plot.width)
  const [d0, d1] = o.domain
  const [y0, y1] = o.yDomain
  return {
    margin,
    yAxisWidth: o.yAxisWidth,
    plot,
    domain: o.domain,
    ticks,
    unit,
    x: (t) => left + ((t - d0) / (d1 - d0)) * plot.width,
    y: (v) => bottom - ((v - y0) / (y1 - y0)) * plot.height,
  }
}
