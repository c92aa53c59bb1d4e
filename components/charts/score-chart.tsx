'use client'
// One symptom questionnaire over time: severity bands shaded behind the line, the clinical cutoff,
// the baseline, and each point shaped by its change category. Points open their answers.
import { CartesianGrid, ComposedChart, Line, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
import { getInstrument, type InstrumentId } from '@/lib/assessments'
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
  value: number | null
  point: SeriesPoint
}

function pointSummary(p: SeriesPoint, scoreKey: string, timeZone: string): string {
  const v = p.scores[scoreKey]
  return `${formatDate(p.date, timeZone)}: ${v ?? '–'}${p.band ? ` (${p.band})` : ''}, ${changeWords(p, scoreKey)}${p.risk ? ', risk item answered' : ''}`
}

export function ScoreChart({
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
  /** ISO instant the current episode of care starts: the axis starts there when that is later than the range start. */
  episodeFrom?: string | null
  now: string
  timeZone: string
  size?: ChartSize
}) {
  const def = getInstrument(instrumentId)
  const score = def.scores[0]!
  const key = score.key
  const open = useResponseDetail()
  const times = points.map((p) => Date.parse(p.date))
  const values = points.map((p) => p.scores[key] ?? null)
  const domain = timeDomain(times, { rangeFrom, episodeFrom, now })
  const bands = score.bands ?? []
  const baselineT = baseline ? Date.parse(baseline.date) : null
  const cutoff = score.clinicalCutoff
  // Ticks at the band boundaries read better than evenly spaced numbers (0, 5, 10, 15, 20, 27).
  const yTicks = bands.length ? [...bands.map((b) => b.min), score.max] : undefined
  const bandTop = (i: number) => (i === bands.length - 1 ? score.max : bands[i + 1]!.min)

  /** Everything that depends on the width the chart really has. */
  const draw = (width: number, height: number) => {
    // Wide: band names and the cutoff in a gutter right of the plot. Narrow: only "cutoff" there;
    // the band names are in the legend.
    const wide = width >= WIDE_CHART
    const cutoffText = cutoff === undefined ? null : wide ? `cutoff ${cutoff}` : 'cutoff'
    const gutter = Math.max(12, gutterFor([...(wide ? bands.map((b) => b.label) : []), ...(cutoffText ? [cutoffText] : [])]))
    const layout = timeChartLayout({ width, height, yAxisWidth: 34, gutter, top: 22, domain, yDomain: [score.min, score.max] })
    // A long history draws at most what the plot's width can show (the table lists every answer).
    const last = points.length - 1
    const keyPoint = (i: number) => isKeyPoint({ isBaseline: points[i]!.isBaseline, risk: points[i]!.risk, kinds: [pointKind(points[i]!, key)] }, i === last)
    const shown = thinSeries({
      times,
      tracks: [values],
      max: markBudget(layout.plot.width),
      must: (i) => points[i]!.isBaseline || points[i]!.risk,
      key: keyPoint,
    })
    const thin = shouldThin(
      shown.map((i) => times[i]!),
      domain,
      layout.plot.width,
    )
    const data: Datum[] = shown.map((i, j) => {
      const p = points[i]!
      return {
        t: times[i]!,
        value: values[i] ?? null,
        point: p,
        i: j,
        label: pointSummary(p, key, timeZone),
        colour: def.colour,
        risk: p.risk,
        kinds: { value: pointKind(p, key) },
        primaryKey: 'value',
        small: { value: thin && !keyPoint(i) },
      }
    })
    const gutterItems: GutterItem[] = wide ? bands.map((b, i) => ({ key: `band-${b.label}`, text: b.label, value: (b.min + bandTop(i)) / 2 })) : []
    if (cutoff !== undefined && cutoffText) gutterItems.push({ key: 'cutoff', text: cutoffText, value: cutoff, fill: INK, fontWeight: 600 })
    return { layout, data, gutterItems, shown }
  }

  const describe = (shown: number) =>
    `${def.abbreviation} scores over time (${score.min} to ${score.max}, higher is worse), ${shownWords(points.length, shown)}` +
    (cutoff !== undefined ? `, clinical cutoff ${cutoff}` : '') +
    (baseline ? `, baseline ${baseline.scores[key]} on ${formatDate(baseline.date, timeZone)}` : ', no baseline in this episode yet') +
    (bands.length ? `; bands ${bands.map((b, i) => `${b.label} ${b.min} to ${i === bands.length - 1 ? score.max : bands[i + 1]!.min - 1}`).join(', ')}` : '') +
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
              <ComposedChart width={width} height={height} data={data} margin={layout.margin} accessibilityLayer={false}>
                {bands.map((b, i) => (
                  <ReferenceArea key={b.label} y1={b.min} y2={bandTop(i)} fill={def.colour} fillOpacity={0.025 + i * 0.03} stroke="none" ifOverflow="hidden" />
                ))}
                <CartesianGrid vertical={false} stroke="#E7E5E4" strokeOpacity={0.6} />
                <XAxis {...timeXAxisProps(domain, layout, timeZone)} />
                <YAxis
                  domain={[score.min, score.max]}
                  ticks={yTicks}
                  width={layout.yAxisWidth}
                  tick={{ fontSize: 12, fill: '#57534E' }}
                  allowDecimals={false}
                />
                {cutoff !== undefined ? <ReferenceLine y={cutoff} stroke={INK} strokeDasharray="6 4" /> : null}
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
                          {def.abbreviation} {d.value ?? '–'}
                          {d.point.band ? ` (${d.point.band})` : ''}
                        </p>
                        <p>{changeWords(d.point, key)}</p>
                        {d.point.risk ? <p className="font-medium text-red-900">risk item answered</p> : null}
                        {open ? <p className="text-stone-600">Select the point to see the answers.</p> : null}
                      </TooltipBox>
                    )
                  }}
                />
                <Line dataKey="value" stroke={def.colour} strokeWidth={2} isAnimationActive={false} dot={renderPointDot} activeDot={false} connectNulls />
              </ComposedChart>
            </PointNavigation>
          ),
        }
      }}
    </ChartFrame>
  )
}
