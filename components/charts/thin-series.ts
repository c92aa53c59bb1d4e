// Which answers a time chart draws when a long history has more than its width can show. Pure, so
// it can be unit tested: the chart draws (and gives a keyboard stop to) at most `max` points, the
// table beside it keeps every answer.
//
// The rule: the first and the latest answer and every `must` point (baseline, risk) are always
// drawn; the `key` points (e.g. deteriorated) too, as long as they all fit. The rest of the budget
// goes to equal time buckets across the history, and each bucket keeps its highest and lowest
// value on every track (min-max thinning): the worst and the best score of every period stay on
// the chart, so the line keeps its peaks and troughs. O(n), deterministic (ties go to the earliest
// answer), and the result is in the input's (time) order.

/** Above this many drawn points a chart is no easier to read, only heavier. */
export const MAX_MARKS = 120
/** A narrow chart still draws this many (its marks are small dots by then). */
const MIN_MARKS = 24
/** Points drawn no closer than this on average (px). */
const MARK_SPACING = 4

/** How many points a time chart whose plot is `plotWidth` px wide draws at most. */
export function markBudget(plotWidth: number): number {
  return Math.max(MIN_MARKS, Math.min(MAX_MARKS, Math.floor(plotWidth / MARK_SPACING)))
}

export interface ThinInput {
  /** Instants (ms) of the points, oldest first. */
  times: readonly number[]
  /** One or more value tracks (e.g. anxiety and avoidance), each as long as `times`; null: no value. */
  tracks: readonly (readonly (number | null | undefined)[])[]
  /** At most this many indices are returned, unless the `must` points alone are more. */
  max: number
  /** Always drawn (the first and the latest are, whatever this says). */
  must?: (i: number) => boolean
  /** Drawn when every one of them fits in `max` with the `must` points; otherwise thinned like the rest. */
  key?: (i: number) => boolean
}

/**
 * Indices (ascending) of the points to draw: every index when there are no more than `max`.
 * The result has at most max(`max`, number of must points + 2) entries.
 */
export function thinSeries({ times, tracks, max, must, key }: ThinInput): number[] {
  const n = times.length
  if (n <= max) return Array.from({ length: n }, (_, i) => i)
  const keep = new Uint8Array(n)
  let kept = 0
  const mark = (i: number) => {
    if (keep[i]) return
    keep[i] = 1
    kept++
  }
  mark(0)
  mark(n - 1)
  if (must) for (let i = 0; i < n; i++) if (must(i)) mark(i)
  if (key) {
    const extra: number[] = []
    for (let i = 0; i < n; i++) if (!keep[i] && key(i)) extra.push(i)
    if (kept + extra.length <= max) for (const i of extra) mark(i)
  }

  // Each bucket adds up to two points (its lowest and highest) per track.
  const perBucket = 2 * Math.max(1, tracks.length)
  const buckets = Math.floor((max - kept) / perBucket)
  if (buckets > 0) {
    const t0 = times[0]!
    const span = times[n - 1]! - t0
    for (const track of tracks) {
      const lo = new Int32Array(buckets).fill(-1)
      const hi = new Int32Array(buckets).fill(-1)
      for (let i = 0; i < n; i++) {
        const v = track[i]
        if (v === null || v === undefined || !Number.isFinite(v)) continue
        const b = span > 0 ? Math.min(buckets - 1, Math.floor(((times[i]! - t0) / span) * buckets)) : 0
        const l = lo[b]!
        const h = hi[b]!
        // Strict comparisons: on a tie the earliest answer stays.
        if (l < 0 || v < track[l]!) lo[b] = i
        if (h < 0 || v > track[h]!) hi[b] = i
      }
      for (let b = 0; b < buckets; b++) {
        if (lo[b]! >= 0) mark(lo[b]!)
        if (hi[b]! >= 0) mark(hi[b]!)
      }
    }
  }
  const out: number[] = []
  for (let i = 0; i < n; i++) if (keep[i]) out.push(i)
  return out
}

/** "520 answers, 120 shown on the chart; the table lists every answer" (or "52 answers" when all are drawn). */
export function shownWords(total: number, shown: number, noun: { one: string; many: string } = { one: 'answer', many: 'answers' }): string {
  const all = `${total} ${total === 1 ? noun.one : noun.many}`
  return shown < total ? `${all}, ${shown} shown on the chart; the table lists every ${noun.one}` : all
}
