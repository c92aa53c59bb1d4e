import { describe, expect, it } from 'vitest'
import { scoreResponse } from '../../../lib/assessments'
import { scoredVectorWithTotal, toRaw, withValue } from './helpers'

describe('PHQ-9 scoring', () => {
  it.each([
    { answers: [0, 0, 1, 1, 1, 0, 0, 0, 0], total: 3, band: 'minimal', flags: [] },
    { answers: [3, 3, 3, 3, 3, 3, 3, 3, 3], total: 27, band: 'severe', flags: ['risk'] },
    // INSTRUMENTS.md: a public HL7 example says 13 for this vector; the correct total is 10.
    { answers: [0, 0, 0, 1, 2, 1, 3, 2, 1], total: 10, band: 'moderate', flags: ['risk'] },
  ])('published vector $answers → $total $band', ({ answers, total, band, flags }) => {
    expect(scoreResponse('phq9', answers)).toStrictEqual({ complete: true, scores: { total }, band, flags })
  })

  it('does not return 13 for the HL7 example vector', () => {
    expect(scoreResponse('phq9', [0, 0, 0, 1, 2, 1, 3, 2, 1]).scores.total).not.toBe(13)
  })

  // Both sides of every band boundary (item 9 kept at 0 so no risk flag up to 24).
  it.each([
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'moderately severe'],
    [19, 'moderately severe'],
    [20, 'severe'],
    [24, 'severe'],
    [27, 'severe'],
  ])('total %i → %s', (total, band) => {
    const answers = scoredVectorWithTotal(total, 9, 3)
    const result = scoreResponse('phq9', answers)
    expect(result.complete).toBe(true)
    expect(result.scores).toStrictEqual({ total })
    expect(result.band).toBe(band)
  })

  it.each([0, 1, 2, 3])('item 9 = %i sets the risk flag only when > 0, whatever the total', (v) => {
    const result = scoreResponse('phq9', withValue([0, 0, 0, 0, 0, 0, 0, 0, 0], 9, v))
    expect(result.flags).toStrictEqual(v > 0 ? ['risk'] : [])
    expect(result.scores.total).toBe(v)
  })

  it('other items at 3 never raise the risk flag', () => {
    expect(scoreResponse('phq9', [3, 3, 3, 3, 3, 3, 3, 3, 0]).flags).toStrictEqual([])
  })

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9])('item %i missing → incomplete, not scored (no pro-rating)', (n) => {
    const result = scoreResponse('phq9', withValue([1, 1, 1, 1, 1, 1, 1, 1, 0], n, null))
    expect(result).toStrictEqual({ complete: false, scores: {}, flags: [] })
  })

  it('risk item is read even when the response is incomplete', () => {
    const result = scoreResponse('phq9', [null, null, null, null, null, null, null, null, 2])
    expect(result).toStrictEqual({ complete: false, scores: {}, flags: ['risk'] })
  })

  it('all unanswered → incomplete, no flags', () => {
    expect(scoreResponse('phq9', Array<null>(9).fill(null))).toStrictEqual({ complete: false, scores: {}, flags: [] })
  })
})

describe('GAD-7 scoring', () => {
  it.each([
    { answers: [0, 0, 1, 1, 0, 1, 0], total: 3, band: 'minimal' },
    { answers: [3, 3, 2, 3, 2, 3, 2], total: 18, band: 'severe' },
  ])('published vector $answers → $total $band', ({ answers, total, band }) => {
    expect(scoreResponse('gad7', answers)).toStrictEqual({ complete: true, scores: { total }, band, flags: [] })
  })

  it.each([
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'severe'],
    [21, 'severe'],
  ])('total %i → %s', (total, band) => {
    const result = scoreResponse('gad7', scoredVectorWithTotal(total, 7, 3))
    expect(result).toStrictEqual({ complete: true, scores: { total }, band, flags: [] })
  })

  it('has no risk item', () => {
    expect(scoreResponse('gad7', [3, 3, 3, 3, 3, 3, 3]).flags).toStrictEqual([])
  })

  it.each([1, 2, 3, 4, 5, 6, 7])('item %i missing → incomplete', (n) => {
    expect(scoreResponse('gad7', withValue([2, 2, 2, 2, 2, 2, 2], n, null))).toStrictEqual({
      complete: false,
      scores: {},
      flags: [],
    })
  })
})

describe('CORE-10 scoring', () => {
  const published = [3, 1, 1, 2, 2, 0, 3, 2, 3, 1]

  it('published vector → scored [3,3,3,2,2,0,3,2,3,1] → 22 moderate-to-severe', () => {
    expect(scoreResponse('core10', published)).toStrictEqual({
      complete: true,
      scores: { total: 22 },
      band: 'moderate-to-severe',
      flags: [],
    })
  })

  it('published vector with item 5 missing → pro-rated 22.2', () => {
    expect(scoreResponse('core10', withValue(published, 5, null))).toStrictEqual({
      complete: true,
      scores: { total: 22.2 },
      band: 'moderate-to-severe',
      flags: [],
    })
  })

  it('pro-rating uses reverse-scored values (item 2 missing: 19 / 9 × 10 = 21.1)', () => {
    expect(scoreResponse('core10', withValue(published, 2, null)).scores).toStrictEqual({ total: 21.1 })
  })

  it.each([
    [0, 'healthy'],
    [5, 'healthy'],
    [6, 'low'],
    [10, 'low'],
    [11, 'mild'],
    [14, 'mild'],
    [15, 'moderate'],
    [19, 'moderate'],
    [20, 'moderate-to-severe'],
    [24, 'moderate-to-severe'],
    [25, 'severe'],
    [40, 'severe'],
  ])('total %i → %s', (total, band) => {
    const raw = toRaw(scoredVectorWithTotal(total, 10, 4), [2, 3], 0, 4)
    const result = scoreResponse('core10', raw)
    expect(result.complete).toBe(true)
    expect(result.scores).toStrictEqual({ total })
    expect(result.band).toBe(band)
  })

  // One item (item 10) missing; 9 answered scored items sum to `sum`.
  it.each([
    [5, 5.6, 'healthy'],
    [6, 6.7, 'low'],
    [9, 10, 'low'],
    [10, 11.1, 'mild'],
    [13, 14.4, 'mild'],
    [14, 15.6, 'moderate'],
    [17, 18.9, 'moderate'],
    [18, 20, 'moderate-to-severe'],
    [22, 24.4, 'moderate-to-severe'],
    [23, 25.6, 'severe'],
    [36, 40, 'severe'],
  ])('pro-rated: 9 answered summing to %i → %d %s', (sum, total, band) => {
    const scored = [...scoredVectorWithTotal(sum, 9, 4), 0]
    const raw: (number | null)[] = withValue(toRaw(scored, [2, 3], 0, 4), 10, null)
    expect(scoreResponse('core10', raw)).toMatchObject({ complete: true, scores: { total }, band })
  })

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])('exactly one missing (item %i) → pro-rated and complete', (n) => {
    const allOnes = toRaw(Array<number>(10).fill(1), [2, 3], 0, 4)
    expect(scoreResponse('core10', withValue<number | null>(allOnes, n, null))).toMatchObject({
      complete: true,
      scores: { total: 10 },
      band: 'low',
    })
  })

  it.each([
    [1, 2],
    [2, 3],
    [5, 10],
  ])('two missing (items %i and %i) → not scored', (a, b) => {
    const answers = withValue(withValue<number | null>(published, a, null), b, null)
    expect(scoreResponse('core10', answers)).toStrictEqual({ complete: false, scores: {}, flags: [] })
  })

  describe('reverse keying of items 2 and 3 (scored = 4 - raw)', () => {
    const zeroScored = toRaw(Array<number>(10).fill(0), [2, 3], 0, 4) // [0,4,4,0,...]
    it.each([
      [2, 0, 4],
      [2, 1, 3],
      [2, 4, 0],
      [3, 0, 4],
      [3, 3, 1],
      [3, 4, 0],
    ])('item %i raw %i → scored %i', (item, raw, scored) => {
      expect(scoreResponse('core10', withValue(zeroScored, item, raw)).scores.total).toBe(scored)
    })
    it.each([1, 4, 5, 6, 7, 8, 9, 10])('item %i is not reversed (raw 4 → +4)', (item) => {
      expect(scoreResponse('core10', withValue(zeroScored, item, 4)).scores.total).toBe(4)
    })
  })

  describe('risk item 6', () => {
    it.each([0, 1, 2, 3, 4])('item 6 = %i → risk flag only when > 0', (v) => {
      expect(scoreResponse('core10', withValue(published, 6, v)).flags).toStrictEqual(v > 0 ? ['risk'] : [])
    })
    it('flag still raised when the response cannot be scored', () => {
      const answers = [null, null, null, null, null, 1, null, null, null, null]
      expect(scoreResponse('core10', answers)).toStrictEqual({ complete: false, scores: {}, flags: ['risk'] })
    })
    it('flag with a pro-rated score', () => {
      expect(scoreResponse('core10', withValue(withValue<number | null>(published, 6, 2), 5, null)).flags).toStrictEqual(['risk'])
    })
    it('item 6 itself missing → no flag', () => {
      expect(scoreResponse('core10', withValue<number | null>(published, 6, null)).flags).toStrictEqual([])
    })
  })
})
