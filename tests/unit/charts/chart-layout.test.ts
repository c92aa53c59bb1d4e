import { describe, expect, it } from 'vitest'
import {
  DAY,
  isKeyPoint,
  placePointLabel,
  shouldThin,
  spreadLabels,
  tickLabel,
  tickLabelWidth,
  timeChartLayout,
  timeDomain,
  timeTicks,
} from '@/components/charts/chart-layout'

const NOW = '2026-12-06T03:00:00.000Z'
const t = (iso: string) => Date.parse(iso)

describe('timeDomain', () => {
  it('puts a single answer given today well inside the axis, not on its edge', () => {
    const [from, to] = timeDomain([t('2026-12-06T02:30:00Z')], { rangeFrom: '2025-12-06T00:00:00Z', episodeFrom: '2026-12-06T00:00:00Z', now: NOW })
    const x = (t('2026-12-06T02:30:00Z') - from) / (to - from)
    expect(x).toBeGreaterThan(0.4)
    expect(x).toBeLessThan(0.6)
    expect(to - from).toBeGreaterThanOrEqual(14 * DAY)
  })

  it('starts at the episode when the episode is shorter than the range', () => {
    const episode = '2026-09-01T00:00:00Z'
    const [from] = timeDomain([t('2026-09-08T10:00:00Z'), t('2026-11-30T10:00:00Z')], { rangeFrom: '2025-12-06T00:00:00Z', episodeFrom: episode, now: NOW })
    expect(from).toBeLessThan(t(episode))
    expect(from).toBeGreaterThan(t('2026-08-20T00:00:00Z'))
  })

  it('starts at the range when the episode began before it', () => {
    const range = '2026-09-06T00:00:00Z'
    const [from] = timeDomain([t('2026-09-08T10:00:00Z')], { rangeFrom: range, episodeFrom: '2025-01-01T00:00:00Z', now: NOW })
    expect(from).toBeLessThan(t(range))
    expect(from).toBeGreaterThan(t('2026-09-01T00:00:00Z'))
  })

  it('includes a shown answer from before the episode', () => {
    const [from] = timeDomain([t('2026-06-01T10:00:00Z')], { rangeFrom: '2025-12-06T00:00:00Z', episodeFrom: '2026-09-01T00:00:00Z', now: NOW })
    expect(from).toBeLessThan(t('2026-06-01T10:00:00Z'))
  })

  it('pads both ends so the first and last points are never on the edge', () => {
    const first = t('2026-01-05T10:00:00Z')
    const [from, to] = timeDomain([first, t(NOW)], { rangeFrom: null, now: NOW })
    expect(first - from).toBeGreaterThan(7 * DAY)
    expect(to - t(NOW)).toBeGreaterThan(7 * DAY)
  })
})

describe('timeTicks', () => {
  const year: [number, number] = [t('2025-12-20T00:00:00Z'), t('2026-12-20T00:00:00Z')]

  it('gives day or week ticks ("8 Dec") for a two-week span, never a single month', () => {
    const { ticks, unit } = timeTicks([t('2026-11-29T00:00:00Z'), t('2026-12-13T00:00:00Z')], 230)
    expect(unit === 'day' || unit === 'week').toBe(true)
    expect(ticks.length).toBeGreaterThanOrEqual(2)
    expect(tickLabel(ticks[0]!, unit, 'Europe/London')).toMatch(/^\d{1,2} [A-Z][a-z]{2}$/)
  })

  it('gives ten years several month ticks on a phone, not one', () => {
    const decade: [number, number] = [t('2016-12-01T00:00:00Z'), t('2026-12-20T00:00:00Z')]
    for (const width of [200, 320, 500]) {
      const { ticks, unit } = timeTicks(decade, width)
      expect(unit).toBe('month')
      expect(ticks.length).toBeGreaterThanOrEqual(2)
      const spacing = ((ticks[1]! - ticks[0]!) / (decade[1] - decade[0])) * width
      expect(spacing).toBeGreaterThanOrEqual(tickLabelWidth('month'))
    }
  })

  it('fits a year on a phone with labels that do not overlap', () => {
    for (const width of [200, 230, 300, 450, 700]) {
      const { ticks, unit } = timeTicks(year, width)
      const span = year[1] - year[0]
      for (let i = 1; i < ticks.length; i++) {
        expect(((ticks[i]! - ticks[i - 1]!) / span) * width).toBeGreaterThanOrEqual(tickLabelWidth(unit))
      }
    }
  })

  it('uses more ticks on a wider chart', () => {
    expect(timeTicks(year, 700).ticks.length).toBeGreaterThan(timeTicks(year, 230).ticks.length)
    expect(timeTicks(year, 230).ticks.length).toBeGreaterThanOrEqual(2)
  })

  it('always labels the most recent month, with its year, in the practice time zone', () => {
    for (const width of [230, 700]) {
      const { ticks, unit } = timeTicks(year, width)
      expect(unit).toBe('month')
      expect(tickLabel(ticks.at(-1)!, unit, 'Europe/London')).toBe('Dec 2026')
    }
  })
})

describe('thinning', () => {
  const weekly = Array.from({ length: 48 }, (_, i) => t('2026-01-05T10:00:00Z') + i * 7 * DAY)
  const domain = timeDomain(weekly, { rangeFrom: null, now: NOW })

  it('thins a year of weekly answers on a phone but not on a wide chart', () => {
    expect(shouldThin(weekly, domain, 230)).toBe(true)
    expect(shouldThin(weekly, domain, 900)).toBe(false)
  })

  it('never thins a handful of points', () => {
    expect(shouldThin(weekly.slice(0, 1), domain, 50)).toBe(false)
    expect(shouldThin(weekly.slice(0, 2), domain, 50)).toBe(false)
    expect(shouldThin(weekly.slice(0, 6), domain, 50)).toBe(false)
  })

  it('keeps full marks for baseline, latest, risk and deterioration only', () => {
    const plain = { isBaseline: false, risk: false, kinds: ['improved'] }
    expect(isKeyPoint(plain, false)).toBe(false)
    expect(isKeyPoint(plain, true)).toBe(true)
    expect(isKeyPoint({ ...plain, isBaseline: true }, false)).toBe(true)
    expect(isKeyPoint({ ...plain, risk: true }, false)).toBe(true)
    expect(isKeyPoint({ ...plain, kinds: ['deteriorated'] }, false)).toBe(true)
  })
})

describe('spreadLabels', () => {
  const overlaps = (ys: number[], h: number) => {
    const sorted = [...ys].sort((a, b) => a - b)
    return sorted.some((y, i) => i > 0 && y - sorted[i - 1]! < h - 1e-9)
  }

  it('leaves labels that do not collide where they are', () => {
    expect(
      spreadLabels(
        [
          { y: 20, height: 14 },
          { y: 80, height: 14 },
        ],
        0,
        200,
      ),
    ).toEqual([20, 80])
  })

  it('pushes colliding labels apart, keeping the input order', () => {
    const ys = spreadLabels(
      [
        { y: 101, height: 14 },
        { y: 100, height: 14 },
        { y: 102, height: 14 },
      ],
      0,
      200,
    )
    expect(overlaps(ys, 14)).toBe(false)
    expect(ys[1]).toBeLessThan(ys[0]!)
  })

  it('keeps labels inside the bounds, even at the edges', () => {
    const ys = spreadLabels(
      [
        { y: 195, height: 14 },
        { y: 198, height: 14 },
        { y: -5, height: 14 },
      ],
      0,
      200,
    )
    expect(overlaps(ys, 14)).toBe(false)
    for (const y of ys) {
      expect(y - 7).toBeGreaterThanOrEqual(0)
      expect(y + 7).toBeLessThanOrEqual(200)
    }
  })
})

describe('placePointLabel', () => {
  const bounds = { left: 40, right: 300, top: 10, bottom: 250 }

  it('goes right of and above the point by default', () => {
    expect(placePointLabel({ x: 100, y: 100, r: 7 }, 40, bounds)).toEqual({ x: 111, y: 91, anchor: 'start' })
  })

  it('flips to the left near the right edge and below near the top', () => {
    const at = placePointLabel({ x: 290, y: 14, r: 7 }, 40, bounds)
    expect(at.anchor).toBe('end')
    expect(at.x).toBeLessThanOrEqual(290 - 7)
    expect(at.x - 40).toBeGreaterThanOrEqual(bounds.left)
    expect(at.y - 11).toBeGreaterThanOrEqual(bounds.top)
  })
})

describe('timeChartLayout', () => {
  it('maps the domain onto the plot between the y axis and the gutter', () => {
    const domain: [number, number] = [0, 1000]
    const l = timeChartLayout({ width: 400, height: 260, yAxisWidth: 34, gutter: 50, top: 22, domain, yDomain: [0, 27] })
    expect(l.x(0)).toBe(34)
    expect(l.x(1000)).toBe(350)
    expect(l.y(27)).toBe(22)
    expect(l.y(0)).toBe(260 - 4 - 30)
  })
})
