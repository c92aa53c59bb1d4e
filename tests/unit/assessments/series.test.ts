import { describe, expect, it } from 'vitest'
import { changeCategory } from '../../../lib/assessments'
import {
  attachmentPathOf,
  forCharts,
  DEFAULT_SERIES_RANGE,
  findBaselines,
  parseSeriesRange,
  prepareSeries,
  rangeStartDay,
  readScores,
  toPoints,
} from '../../../lib/assessments/series'
import { describeAnswers } from '../../../lib/assessments/response-detail'
import { seriesRow as row } from './helpers'

const episodeFrom = new Date('2026-01-01T00:00:00Z')

describe('ranges', () => {
  it('parses known values and falls back to the default', () => {
    expect(parseSeriesRange('3m')).toBe('3m')
    expect(parseSeriesRange(['all', '3m'])).toBe('all')
    expect(parseSeriesRange('24m')).toBe(DEFAULT_SERIES_RANGE)
    expect(parseSeriesRange(undefined)).toBe(DEFAULT_SERIES_RANGE)
  })

  it.each([
    ['3m', '2026-05-15', '2026-02-15'],
    ['6m', '2026-05-15', '2025-11-15'],
    ['12m', '2026-05-15', '2025-05-15'],
    ['3m', '2026-05-31', '2026-02-28'], // clamped to the month's end
    ['3m', '2024-05-31', '2024-02-29'], // leap year
    ['12m', '2024-02-29', '2023-02-28'],
    ['6m', '2026-03-10', '2025-09-10'], // across a year
  ] as const)('%s before %s starts on %s', (range, today, start) => {
    expect(rangeStartDay(range, today)).toBe(start)
  })

  it('"all" has no start', () => expect(rangeStartDay('all', '2026-05-15')).toBeNull())
  it('refuses a malformed day', () => expect(() => rangeStartDay('3m', '15/05/2026')).toThrow(RangeError))
})

describe('readScores', () => {
  it('keeps only the instrument’s finite scores', () => {
    expect(readScores('ecr-rs', { anxiety: 4.5, avoidance: 'x', other: 3 })).toEqual({ anxiety: 4.5 })
    expect(readScores('phq9', null)).toEqual({})
    expect(readScores('phq9', [12])).toEqual({})
  })
})

describe('baseline selection', () => {
  it('is the first complete answer on or after the episode start, per instrument', () => {
    const before = row('phq9', '2025-12-31T23:59:59Z', { total: 20 })
    const first = row('phq9', '2026-01-01T00:00:00Z', { total: 18 })
    const later = row('phq9', '2026-01-08T09:00:00Z', { total: 11 })
    const gad = row('gad7', '2026-02-01T09:00:00Z', { total: 9 })
    const baselines = findBaselines([later, gad, first, before], episodeFrom)
    expect(baselines.get('phq9')?.id).toBe(first.id)
    expect(baselines.get('gad7')?.id).toBe(gad.id)
  })

  it('skips rows without usable scores and unknown instruments', () => {
    const broken = row('phq9', '2026-01-02T00:00:00Z', {})
    const goal = row('goal-progress', '2026-01-02T00:00:00Z', { total: 3 })
    const ok = row('phq9', '2026-01-03T00:00:00Z', { total: 12 })
    const baselines = findBaselines([broken, goal, ok], episodeFrom)
    expect(baselines.get('phq9')?.id).toBe(ok.id)
    expect(baselines.size).toBe(1)
  })

  it('is absent when nothing was answered in the episode', () => {
    expect(findBaselines([row('phq9', '2025-06-01T00:00:00Z', { total: 12 })], episodeFrom).size).toBe(0)
  })
})

describe('change categories per point', () => {
  const rows = [
    row('phq9', '2025-11-01T10:00:00Z', { total: 25 }, { band: 'severe' }), // previous episode
    row('phq9', '2026-01-05T10:00:00Z', { total: 17 }, { band: 'moderately severe' }), // baseline
    row('phq9', '2026-02-05T10:00:00Z', { total: 14 }, { band: 'moderate' }),
    row('phq9', '2026-03-05T10:00:00Z', { total: 9 }, { band: 'mild' }),
    row('phq9', '2026-03-12T10:00:00Z', { total: 11 }, { band: 'moderate', flags: ['risk'] }),
    row('phq9', '2026-04-05T10:00:00Z', { total: 24 }, { band: 'severe' }),
    row('ecr-rs', '2026-01-06T10:00:00Z', { anxiety: 5.67, avoidance: 5.5 }, { quadrant: 'fearful', relationshipTarget: 'your romantic partner' }),
    row('ecr-rs', '2026-03-06T10:00:00Z', { anxiety: 4.33, avoidance: 5.33 }, { quadrant: 'avoidant', relationshipTarget: 'your romantic partner' }),
  ]
  const points = toPoints(rows, episodeFrom)
  const phq = points.filter((p) => p.instrumentId === 'phq9')

  it('leaves the baseline and answers from before the episode without a category', () => {
    expect(phq[0]).toMatchObject({ inEpisode: false, isBaseline: false, categories: { total: null } })
    expect(phq[1]).toMatchObject({ inEpisode: true, isBaseline: true, categories: { total: null } })
  })

  it('compares every later point with the baseline, as changeCategory does', () => {
    expect(phq.slice(2).map((p) => p.categories.total)).toEqual(['no reliable change', 'recovered', 'improved', 'deteriorated'])
    for (const p of phq.slice(2)) expect(p.categories.total).toBe(changeCategory('phq9', 17, p.scores.total!))
  })

  it('gives each attachment dimension its own category', () => {
    const ecr = points.filter((p) => p.instrumentId === 'ecr-rs')
    expect(ecr[1]!.categories).toEqual({
      anxiety: changeCategory('ecr-rs', 5.67, 4.33, 'anxiety'),
      avoidance: changeCategory('ecr-rs', 5.5, 5.33, 'avoidance'),
    })
    expect(ecr[1]!.categories.anxiety).toBe('improved')
    expect(ecr[1]!.categories.avoidance).toBe('no reliable change')
  })

  it('carries risk, band and quadrant', () => {
    expect(phq[4]).toMatchObject({ risk: true, band: 'moderate' })
    expect(points.find((p) => p.instrumentId === 'ecr-rs')?.quadrant).toBe('fearful')
  })

  it('gives no category for a stored score outside the instrument’s range instead of throwing', () => {
    const odd = toPoints([row('phq9', '2026-01-02T00:00:00Z', { total: 10 }), row('phq9', '2026-01-09T00:00:00Z', { total: 99 })], episodeFrom)
    expect(odd[1]!.categories.total).toBeNull()
  })
})

describe('prepareSeries', () => {
  const rows = [
    row('gad7', '2025-10-01T10:00:00Z', { total: 15 }), // before the episode and the range
    row('gad7', '2026-01-03T10:00:00Z', { total: 14 }), // baseline, before the range
    row('gad7', '2026-03-01T10:00:00Z', { total: 12 }),
    row('gad7', '2026-04-01T10:00:00Z', { total: 6 }),
    row('phq9', '2025-12-01T10:00:00Z', { total: 8 }), // latest PHQ-9, older than the range
    row('ecr-r', '2026-03-02T10:00:00Z', { anxiety: 4.78, avoidance: 2.33 }, { quadrant: 'anxious' }),
    row('ecr-rs', '2026-03-20T10:00:00Z', { anxiety: 3.1, avoidance: 3.5 }, { quadrant: 'secure', relationshipTarget: 'the person you feel closest to' }),
    row('ecr-rs', '2026-02-20T10:00:00Z', { anxiety: 4.1, avoidance: 4.5 }, { quadrant: 'avoidant' }),
  ]
  const rangeFrom = new Date('2026-02-15T00:00:00Z')
  const s = prepareSeries(rows, { episodeFrom, rangeFrom })

  it('lists instruments in display order', () => {
    expect(s.instruments.map((i) => i.instrumentId)).toEqual(['phq9', 'gad7', 'ecr-r', 'ecr-rs'])
  })

  it('keeps points inside the range but computes the baseline from the whole episode', () => {
    const gad = s.instruments.find((i) => i.instrumentId === 'gad7')!
    expect(gad.points.map((p) => p.scores.total)).toEqual([12, 6])
    expect(gad.baseline).toMatchObject({ scores: { total: 14 }, date: '2026-01-03T10:00:00.000Z' })
    expect(gad.points.map((p) => p.categories.total)).toEqual(['no reliable change', 'recovered'])
    expect(gad.latest?.scores.total).toBe(6)
  })

  it('keeps an instrument answered only before the range, with its latest answer and no points', () => {
    const phq = s.instruments.find((i) => i.instrumentId === 'phq9')!
    expect(phq.points).toEqual([])
    expect(phq.baseline).toBeNull()
    expect(phq.latest).toMatchObject({ inEpisode: false, scores: { total: 8 } })
  })

  it('builds the attachment path from ECR-R and ECR-RS in time order', () => {
    expect(s.attachmentPath.map((p) => [p.instrumentId, p.anxiety, p.avoidance])).toEqual([
      ['ecr-rs', 4.1, 4.5],
      ['ecr-r', 4.78, 2.33],
      ['ecr-rs', 3.1, 3.5],
    ])
    expect(s.attachmentPath[2]).toMatchObject({ quadrant: 'secure', relationshipTarget: 'the person you feel closest to' })
  })

  it('lets the charts derive the same attachment path, so the overview sends each answer once', () => {
    const series = { ...s, range: 'all' as const, timeZone: 'Europe/London', episodeStart: '2026-01-01', rangeFrom: null, now: '2026-06-01T00:00:00.000Z' }
    const charts = forCharts(series)
    expect(charts).not.toHaveProperty('attachmentPath')
    expect(attachmentPathOf(charts.instruments)).toEqual(s.attachmentPath)
  })

  it('shows everything for "all"', () => {
    const all = prepareSeries(rows, { episodeFrom, rangeFrom: null })
    expect(all.instruments.find((i) => i.instrumentId === 'gad7')!.points).toHaveLength(4)
  })

  it('is empty without answers', () => {
    expect(prepareSeries([], { episodeFrom, rangeFrom: null })).toEqual({ instruments: [], attachmentPath: [] })
  })

  it('treats a range boundary as inclusive', () => {
    const edge = prepareSeries([row('phq9', '2026-02-15T00:00:00Z', { total: 3 })], { episodeFrom, rangeFrom })
    expect(edge.instruments[0]!.points).toHaveLength(1)
  })
})

describe('describeAnswers', () => {
  it('pairs verbatim item texts with the raw answers in words and marks risk items', () => {
    const items = describeAnswers('phq9', [0, 1, 2, 3, 0, 0, 0, null, 1])
    expect(items).toHaveLength(9)
    expect(items[0]).toEqual({ number: 1, text: 'Little interest or pleasure in doing things', value: 0, label: 'Not at all', risk: false })
    expect(items[3]).toMatchObject({ value: 3, label: 'Nearly every day' })
    expect(items[7]).toMatchObject({ value: null, label: 'Not answered' })
    expect(items[8]).toMatchObject({ number: 9, risk: true, value: 1, label: 'Several days' })
    expect(items.filter((i) => i.risk).map((i) => i.number)).toEqual([9])
  })

  it('shows raw values of reverse-keyed items as given, and survives malformed storage', () => {
    expect(describeAnswers('core10', [0, 4, 4, 0, 0, 0, 0, 0, 0, 0])[1]).toMatchObject({ value: 4, label: 'Most or all of the time' })
    expect(describeAnswers('core10', [0, 4, 4, 0, 0, 1, 0, 0, 0, 0]).find((i) => i.risk)?.number).toBe(6)
    expect(describeAnswers('gad7', 'oops').every((i) => i.value === null)).toBe(true)
  })
})
