import { describe, expect, it } from 'vitest'
import { markBudget, MAX_MARKS, shownWords, thinSeries } from '@/components/charts/thin-series'
import { prng } from '@/lib/seeded-random'

const WEEK = 7 * 86_400_000
const T0 = Date.parse('2016-04-04T09:00:00Z')

/** `n` weekly answers with scores from `score(i)`. */
function weekly(n: number, score: (i: number) => number) {
  const times = Array.from({ length: n }, (_, i) => T0 + i * WEEK)
  const values = Array.from({ length: n }, (_, i) => score(i))
  return { times, values }
}

/** Ten years of a noisy weekly PHQ-9 (0-27), the same every run. */
function tenYears() {
  const rand = prng(42)
  return weekly(520, (i) => Math.max(0, Math.min(27, Math.round(14 - i / 60 + (rand() - 0.5) * 10))))
}

describe('thinSeries', () => {
  it('draws every answer of a series that fits', () => {
    const { times, values } = weekly(52, (i) => i % 27)
    expect(thinSeries({ times, tracks: [values], max: 120 })).toEqual(Array.from({ length: 52 }, (_, i) => i))
    expect(thinSeries({ times: times.slice(0, 120), tracks: [values], max: 120 })).toHaveLength(52)
    expect(thinSeries({ times: [], tracks: [[]], max: 120 })).toEqual([])
  })

  it('draws at most max points of ten years, in time order, first and latest included', () => {
    const { times, values } = tenYears()
    for (const max of [24, 57, 120]) {
      const shown = thinSeries({ times, tracks: [values], max })
      expect(shown.length).toBeLessThanOrEqual(max)
      // Not needlessly sparse: most of the budget is used.
      expect(shown.length).toBeGreaterThan(max * 0.6)
      expect(shown).toEqual([...shown].sort((a, b) => a - b))
      expect(new Set(shown).size).toBe(shown.length)
      expect(shown[0]).toBe(0)
      expect(shown.at(-1)).toBe(519)
    }
  })

  it('keeps every risk answer and the baseline, and the deteriorated ones while they fit', () => {
    const { times, values } = tenYears()
    const risk = new Set([3, 4, 5, 200, 201, 388, 517])
    const baseline = 300
    const deteriorated = new Set([50, 51, 52, 53, 410, 411])
    const shown = thinSeries({ times, tracks: [values], max: 40, must: (i) => risk.has(i) || i === baseline, key: (i) => deteriorated.has(i) })
    expect(shown.length).toBeLessThanOrEqual(40)
    for (const i of [...risk, baseline, ...deteriorated]) expect(shown).toContain(i)
  })

  it('keeps the worst and the best score of every period, so no peak vanishes', () => {
    // Flat at 8 with one single-week spike to 27 and one dip to 0 somewhere in each year.
    const spikes = new Set<number>()
    const dips = new Set<number>()
    for (let y = 0; y < 10; y++) {
      spikes.add(y * 52 + ((y * 17) % 50) + 1)
      dips.add(y * 52 + ((y * 29 + 7) % 50) + 1)
    }
    const { times, values } = weekly(520, (i) => (spikes.has(i) ? 27 : dips.has(i) ? 0 : 8))
    const shown = thinSeries({ times, tracks: [values], max: 60 })
    expect(shown.length).toBeLessThanOrEqual(60)
    for (const i of [...spikes, ...dips]) expect(shown).toContain(i)
    // The highest and the lowest score of the whole history are on the chart.
    const drawn = shown.map((i) => values[i]!)
    expect(Math.max(...drawn)).toBe(Math.max(...values))
    expect(Math.min(...drawn)).toBe(Math.min(...values))
  })

  it('keeps the extremes of every track when there are two lines', () => {
    const rand = prng(7)
    const { times } = weekly(260, () => 0)
    const anxiety = times.map((_, i) => (i === 133 ? 7 : 3 + rand()))
    const avoidance = times.map((_, i) => (i === 71 ? 1 : 3 + rand()))
    const shown = thinSeries({ times, tracks: [anxiety, avoidance], max: 48 })
    expect(shown.length).toBeLessThanOrEqual(48)
    expect(shown).toContain(133)
    expect(shown).toContain(71)
  })

  it('when every answer is deteriorated, still draws at most max, one deteriorated peak per period', () => {
    const { times, values } = tenYears()
    const shown = thinSeries({ times, tracks: [values], max: 60, key: () => true })
    expect(shown.length).toBeLessThanOrEqual(60)
  })

  it('never drops a risk answer, even when there are more of them than the budget', () => {
    const { times, values } = weekly(300, (i) => i % 20)
    const shown = thinSeries({ times, tracks: [values], max: 30, must: (i) => i % 5 === 0 })
    expect(shown.filter((i) => i % 5 === 0)).toHaveLength(60)
  })

  it('is deterministic and ignores answers without a value', () => {
    const { times, values } = tenYears()
    const gappy = values.map((v, i) => (i % 3 === 0 ? null : v))
    const a = thinSeries({ times, tracks: [gappy], max: 50 })
    const b = thinSeries({ times: [...times], tracks: [[...gappy]], max: 50 })
    expect(a).toEqual(b)
    expect(a.length).toBeLessThanOrEqual(50)
    // Only the first and the latest are drawn without a value of their own.
    expect(a.filter((i) => gappy[i] === null && i !== 0 && i !== 519)).toEqual([])
  })

  it('copes with answers all at one instant', () => {
    const times = Array.from({ length: 200 }, () => T0)
    const values = times.map((_, i) => (i === 150 ? 27 : 5))
    const shown = thinSeries({ times, tracks: [values], max: 20 })
    expect(shown).toContain(150)
    expect(shown.length).toBeLessThanOrEqual(20)
  })
})

describe('markBudget', () => {
  it('keeps points at least 4 px apart, between 24 and 120 points', () => {
    expect(markBudget(200)).toBe(50)
    expect(markBudget(60)).toBe(24)
    expect(markBudget(1200)).toBe(MAX_MARKS)
  })
})

describe('shownWords', () => {
  it('says how many answers the chart shows and that the table has them all', () => {
    expect(shownWords(520, 120)).toBe('520 answers, 120 shown on the chart; the table lists every answer')
    expect(shownWords(52, 52)).toBe('52 answers')
    expect(shownWords(1, 1)).toBe('1 answer')
    expect(shownWords(300, 90, { one: 'rating', many: 'ratings' })).toBe('300 ratings, 90 shown on the chart; the table lists every rating')
  })
})
