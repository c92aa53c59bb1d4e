import { describe, expect, it } from 'vitest'
import { forCharts, prepareSeries, type ClientSeries, type SeriesRow } from '../../../lib/assessments/series'
import { packChartSeries, unpackChartSeries } from '../../../lib/assessments/series-wire'
import { RISK_FLAG } from '../../../lib/assessments/scoring'
import { seriesRow as row } from './helpers'

// Every kind of point the charts draw: before the episode, the baseline, reliable change both
// ways, a risk answer, two dimensions with a quadrant and a relationship, and one dimension only.
const rows: SeriesRow[] = [
  row('phq9', '2025-11-01T10:00:00Z', { total: 25 }, { band: 'severe' }),
  row('phq9', '2026-01-05T10:00:00Z', { total: 17 }, { band: 'moderately severe' }),
  row('phq9', '2026-02-05T10:00:00Z', { total: 9 }, { band: 'mild' }),
  row('phq9', '2026-03-12T10:00:00Z', { total: 11 }, { band: 'moderate', flags: [RISK_FLAG] }),
  row('phq9', '2026-04-05T10:00:00Z', { total: 26 }, { band: 'severe' }),
  row('gad7', '2026-01-05T10:00:00Z', { total: 0 }, { band: 'minimal' }),
  row('ecr-rs', '2025-12-01T10:00:00Z', { anxiety: 6.1, avoidance: 5.9 }, { quadrant: 'fearful', relationshipTarget: 'your mother' }),
  row('ecr-rs', '2026-01-06T10:00:00Z', { anxiety: 5.67, avoidance: 5.5 }, { quadrant: 'fearful', relationshipTarget: 'your romantic partner' }),
  row('ecr-rs', '2026-03-06T10:00:00Z', { anxiety: 2.1, avoidance: 4.33 }, { quadrant: 'avoidant', relationshipTarget: 'your romantic partner' }),
  row('ecr-rs', '2026-04-06T10:00:00Z', { anxiety: 3 }, { relationshipTarget: 'your romantic partner' }),
]

function series(rangeFrom: Date | null): ClientSeries {
  const prepared = prepareSeries(rows, { episodeFrom: new Date('2026-01-01T00:00:00Z'), rangeFrom })
  return {
    ...prepared,
    range: rangeFrom ? '3m' : 'all',
    timeZone: 'Europe/London',
    episodeStart: '2026-01-01',
    rangeFrom: rangeFrom?.toISOString() ?? null,
    now: '2026-04-20T12:00:00.000Z',
  }
}

describe('the chart series on the wire', () => {
  it.each([
    ['the whole history', null],
    ['a range that leaves the baseline and earlier answers out', new Date('2026-03-01T00:00:00Z')],
  ])('unpacks to exactly the series it was packed from: %s', (_, rangeFrom) => {
    const s = forCharts(series(rangeFrom))
    // The fixture covers what the format has to carry.
    const points = s.instruments.flatMap((i) => i.points)
    if (rangeFrom === null) {
      expect(points.some((p) => !p.inEpisode)).toBe(true)
      expect(points.some((p) => p.isBaseline)).toBe(true)
    }
    expect(points.some((p) => p.risk)).toBe(true)
    expect(points.some((p) => Object.values(p.categories).some((c) => c !== null))).toBe(true)
    expect(points.some((p) => p.quadrant !== null && p.relationshipTarget !== null)).toBe(true)
    expect(points.some((p) => Object.keys(p.scores).length === 1 && p.instrumentId === 'ecr-rs')).toBe(true)

    const wire = packChartSeries(s)
    // Through JSON, as the page sends it.
    expect(unpackChartSeries(JSON.parse(JSON.stringify(wire)))).toEqual(s)
  })

  it('is much smaller than the points it carries', () => {
    const s = forCharts(series(null))
    expect(JSON.stringify(packChartSeries(s)).length).toBeLessThan(JSON.stringify(s).length * 0.6)
  })

  it('refuses a point that does not fit its series rather than drop what it cannot carry', () => {
    const s = forCharts(series(null))
    const phq9 = s.instruments.find((i) => i.instrumentId === 'phq9')!
    const odd = { ...phq9, points: [{ ...phq9.points[0]!, scores: { total: 3, extra: 1 } }] }
    expect(() => packChartSeries({ ...s, instruments: [odd] })).toThrow(/outside scoreKeys/)
    const foreign = { ...phq9, points: [{ ...phq9.points[0]!, instrumentId: 'gad7' as const }] }
    expect(() => packChartSeries({ ...s, instruments: [foreign] })).toThrow(/instrument/)
  })
})
