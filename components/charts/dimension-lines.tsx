'use client'
// Attachment anxiety and avoidance (1-7) over time, one line each, with the baseline, the scale's
// midpoint, and each point shaped by its change category on that dimension.
import { CartesianGrid, LineChart, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
import { getInstrument, type InstrumentId } from '@/lib/assessments'
import { quadrantLabel } from '@/lib/assessments/labels'
import type { SeriesBaseline, SeriesPoint } from '@/lib/assessments/series'
import { formatDate } from '@/lib/format'
import { ChartFrame, type ChartSize } from './chart-frame'
import { BaselineLabel, GutterLabels, TooltipBox, timeXAxisProps, type GutterItem } from './chart-labels'
import { gutterFor, isKeyPoint, shouldThin, timeChartLayout, timeDomain, WIDE_CHART } from './chart-layout'
import { changeWords, INK, pointKind } from './chart-marks'
import { PointNavigation, renderPointDot, type DotDatum } from './point-navigation'
import { useResponseDetail } from './response-detail'
import { markBudget, shownWords, thinSeries } from './thin-series'

interface Datum extends DotDatum {
  t: number
  anxiety: number | null
  avoidance: number | null
  point: SeriesPoint
}

const fixed = (v: number | undefined) => (v === undefined ? '–' : v.toFixed(2))

function dimensionSummary(p: SeriesPoint, timeZone: string): string {
  return (
    `${formatDate(p.date, timeZone)}: anxiety ${fixed(p.scores.anxiety)} (${changeWords(p, 'anxiety')}), ` +
    `avoidance ${fixed(p.scores.avoidance)} (${changeWords(p, 'avoidance')})${p.quadrant ? `, ${quadrantLabel(p.quadrant)}` : ''}`
  )
}

export function DimensionLines({
  instrumentId,
  points,
  baseline,
  rangeFrom,
  episodeFrom,
  now,
  timeZone,
  size,
}: {
  instrumentId: InstrumentId
  points: readonly SeriesPoint[]
  baseline: SeriesBaseline | null
  rangeFrom: string | null
  /** ISO instant the current episode of care starts (see timeDomain). */
  episodeFrom?: string | null
  now: string
  timeZone: string
  size?: ChartSize
}) {
  const def = getInstrument(instrumentId)
  const open = useResponseDetail()
  const times = points.map((p) => Date.parse(p.date))
  const domain = timeDomain(times, { rangeFrom, episodeFrom, now })
  const baselineT = baseline ? Date.parse(baseline.date) : null

  /** Everything that depends on the width the chart really has. */
  const draw = (width: number, height: number) => {
    // Each line is named at its end, in a gutter right of the plot: with its value when wide.
    const wide = width >= WIDE_CHART
    const layout = timeChartLayout({
      width,
      height,
      yAxisWidth: 30,
      gutter: gutterFor([wide ? 'avoidance 7.00' : 'avoidance']),
      top: 22,
      domain,
      yDomain: [1, 7],
    })
    const last = points.length - 1
    const keyOn = (i: number, k: 'anxiety' | 'avoidance') =>
      isKeyPoint({ isBaseline: points[i]!.isBaseline, risk: points[i]!.risk, kinds: [pointKind(points[i]!, k)] }, i === last)
    // A long history draws at most what the plot's width can show, each dimension's highs and lows
    // included (the table lists every answer).
    const shown = thinSeries({
      times,
      tracks: [points.map((p) => p.scores.anxiety), points.map((p) => p.scores.avoidance)],
      max: markBudget(layout.plot.width),
      must: (i) => points[i]!.isBaseline || points[i]!.risk,
      key: (i) => keyOn(i, 'anxiety') || keyOn(i, 'avoidance'),
    })
    const thin = shouldThin(
      shown.map((i) => times[i]!),
      domain,
      layout.plot.width,
    )
    // Anxiety dots carry the keyboard stop and the description of both dimensions.
    const data: Datum[] = shown.map((i, j) => {
      const p = points[i]!
      const kinds = { anxiety: pointKind(p, 'anxiety'), avoidance: pointKind(p, 'avoidance') }
      const small = (k: 'anxiety' | 'avoidance') => thin && !keyOn(i, k)
      return {
        t: times[i]!,
        anxiety: p.scores.anxiety ?? null,
        avoidance: p.scores.avoidance ?? null,
        point: p,
        i: j,
        label: dimensionSummary(p, timeZone),
        colour: def.colour,
        risk: p.risk,
        kinds,
        primaryKey: 'anxiety',
        shapes: { anxiety: 'circle', avoidance: 'square' },
        small: { anxiety: small('anxiety'), avoidance: small('avoidance') },
      }
    })
    const gutterItems: GutterItem[] = []
    for (const k of ['anxiety', 'avoidance'] as const) {
      const end = data.findLast((d) => d[k] !== null)
      if (!end || end[k] === null) continue
      gutterItems.push({
        key: k,
        text: wide ? `${k} ${end[k].toFixed(2)}` : k,
        value: end[k],
        fill: INK,
        fontWeight: 600,
        from: { x: layout.x(end.t), y: layout.y(end[k]) },
      })
    }
    if (wide) gutterItems.push({ key: 'midpoint', text: 'midpoint', value: 4 })
    return { layout, data, gutterItems, shown }
  }
  const describe = (shown: number) =>
    `${def.abbreviation} attachment anxiety (solid line, round points) and avoidance (dashed line, square points) over time, 1 to 7, lower is more secure, ${shownWords(points.length, shown)}` +
    (baseline ? `, baseline on ${formatDate(baseline.date, timeZone)}` : ', no baseline in this episode yet') +
    (open ? '. Use the arrow keys to move between points and Enter to open the answers.' : '.') +
    ' The table view lists the same data.'

  return (
    <ChartFrame size={size}>
      {({ width, height }) => {
        const { layout, data, gutterItems, shown } = draw(width, height)
        return {
          description: describe(shown.length),
          chart: (
            <PointNavigation count={shown.length} onOpen={open ? (j, el) => open(points[shown[j]!]!.responseId, el) : null}>
              <LineChart width={width} height={height} data={data} margin={layout.margin} accessibilityLayer={false}>
                <CartesianGrid vertical={false} stroke="#E7E5E4" />
                <XAxis {...timeXAxisProps(domain, layout, timeZone)} />
                <YAxis domain={[1, 7]} ticks={[1, 2, 3, 4, 5, 6, 7]} width={layout.yAxisWidth} tick={{ fontSize: 12, fill: '#57534E' }} />
                <ReferenceLine y={4} stroke="#A8A29E" />
                {baselineT !== null && baselineT >= domain[0] ? <ReferenceLine x={baselineT} stroke="#78716C" strokeDasharray="2 3" /> : null}
                {baselineT !== null && baselineT >= domain[0] ? <BaselineLabel layout={layout} t={baselineT} width={width} /> : null}
                <GutterLabels layout={layout} items={gutterItems} />
                <Tooltip
                  isAnimationActive={false}
                  cursor={{ stroke: '#A8A29E' }}
                  content={({ active, payload }) => {
                    const d = active ? (payload?.[0]?.payload as Datum | undefined) : undefined
                    if (!d) return null
                    return (
                      <TooltipBox>
                        <p className="font-medium">{formatDate(d.point.date, timeZone)}</p>
                        <p>
                          anxiety {fixed(d.anxiety ?? undefined)}: {changeWords(d.point, 'anxiety')}
                        </p>
                        <p>
                          avoidance {fixed(d.avoidance ?? undefined)}: {changeWords(d.point, 'avoidance')}
                        </p>
                        {d.point.quadrant ? <p className="text-stone-700">{quadrantLabel(d.point.quadrant)}</p> : null}
                      </TooltipBox>
                    )
                  }}
                />
                <Line
                  name="anxiety"
                  dataKey="anxiety"
                  stroke={def.colour}
                  strokeWidth={2}
                  isAnimationActive={false}
                  dot={renderPointDot}
                  activeDot={false}
                  connectNulls
                />
                <Line
                  name="avoidance"
                  dataKey="avoidance"
                  stroke={def.colour}
                  strokeWidth={2}
                  strokeDasharray="7 4"
                  isAnimationActive={false}
                  dot={renderPointDot}
                  activeDot={false}
                  connectNulls
                />
              </LineChart>
            </PointNavigation>
          ),
        }
      }}
    </ChartFrame>
  )
}
