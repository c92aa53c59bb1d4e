/** Test helpers (not a test file). */
import type { SeriesRow } from '../../../lib/assessments/series'

let seriesRowCount = 0
/** A complete response as the series reads it, with a fresh id (ids follow creation order). */
export function seriesRow(instrumentId: string, iso: string, scores: unknown, extra: Partial<SeriesRow> = {}): SeriesRow {
  seriesRowCount++
  return {
    id: `00000000-0000-4000-8000-${String(seriesRowCount).padStart(12, '0')}`,
    instrumentId,
    submittedAt: new Date(iso),
    scores,
    band: null,
    quadrant: null,
    flags: [],
    relationshipTarget: null,
    ...extra,
  }
}

/** Scored values for `count` items on 0..max summing to `total`, filled greedily from item 1. */
export function scoredVectorWithTotal(total: number, count: number, max: number): number[] {
  if (total > count * max) throw new Error(`cannot reach ${total}`)
  let left = total
  return Array.from({ length: count }, () => {
    const v = Math.min(max, left)
    left -= v
    return v
  })
}

/** Convert scored values back to raw answers for reversed items (1-based numbers) on min..max. */
export function toRaw(scored: readonly number[], reversed: readonly number[], min: number, max: number): number[] {
  return scored.map((v, i) => (reversed.includes(i + 1) ? min + max - v : v))
}

export function withValue<T>(values: readonly T[], itemNumber: number, value: T): T[] {
  const copy = [...values]
  copy[itemNumber - 1] = value
  return copy
}

export const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i)
