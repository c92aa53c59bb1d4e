'use client'
// One symptom questionnaire over time: severity bands shaded behind the line, the clinical cutoff,
// the baseline, and each point shaped by its change category. Points open their answers.
import { CartesianGrid, ComposedChart, Line, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
import { getInstrument, type InstrumentId } from '@/lib/assessments'
import type { SeriesBaseline, SeriesPoint } from '@/lib/assessments/series'
import { formatDate } from '@/lib/format'
import { ChartFrame, type ChartSize } from './chart-frame'
import { changeWords, INK, monthLabel, monthTicks, pointKind, timeDomain } from './chart-marks'
import { PointNavigation, renderPointDot, type DotDatum } from './point-navigation'
import { useResponseDetail } from './response-detail'

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
  now,
  timeZone,
  size,
}: {
  instrumentId: InstrumentId
  points: readonly SeriesPoint[]
  baseline: SeriesBaseline | null
  rangeFrom: string | null
  now: string
  timeZone: string
  size?: ChartSize
}) {
  const def = getInstrument(instrumentId)
  const score = def.scores[0]!
  const key = score.key
  const open = useResponseDetail()
  const data: Datum[] = points.map((p, i) => ({
    t: Date.parse(p.date),
    value: p.scores[key] ?? null,
    point: p,
    i,
    label: pointSummary(p, key, timeZone),
    colour: def.colour,
    risk: p.risk,
    kinds: { value: pointKind(p, key) },
    primaryKey: 'value',
  }))
  const domain = timeDomain(data.map((d) => d.t), rangeFrom, now)
  const bands = score.bands ?? []
  const baselineT = baseline ? Date.parse(baseline.date) : null
  const cutoff = score.clinicalCutoff
  // Ticks at the band boundaries read better than evenly spaced numbers (0, 5, 10, 15, 20, 27).
  const yTicks = bands.length ? [...bands.map((b) => b.min), score.max] : undefined

  const description =
    `${def.abbreviation} scores over time (${score.min} to ${score.max}, higher is worse), ${points.length} answers` +
    (cutoff !== undefined ? `, clinical cutoff ${cutoff}` : '') +
    (baseline ? `, baseline ${baseline.scores[key]} on ${formatDate(baseline.date, timeZone)}` : ', no baseline in this episode yet') +
    (open ? '. Use the arrow keys to move between points and Enter to open the answers.' : '.') +
    ' The table view lists the same data.'

  return (
    <PointNavigation count={points.length} onOpen={open ? (i, el) => open(points[i]!.responseId, el) : null}>
      <ChartFrame description={description} size={size}>
        {({ width, height }) => (
          <ComposedChart width={width} height={height} data={data} margin={{ top: 12, right: 12, bottom: 4, left: 0 }} accessibilityLayer={false}>
            {bands.map((b, i) => (
              <ReferenceArea
                key={b.label}
                y1={b.min}
                y2={i === bands.length - 1 ? score.max : bands[i + 1]!.min}
                fill={def.colour}
                fillOpacity={0.025 + i * 0.03}
                stroke="none"
                ifOverflow="hidden"
                label={{ value: b.label, position: 'insideLeft', fill: '#57534E', fontSize: 11 }}
              />
            ))}
            <CartesianGrid vertical={false} stroke="#E7E5E4" strokeOpacity={0.6} />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={domain}
              ticks={monthTicks(domain[0], domain[1], 5)}
              tickFormatter={(t: number) => monthLabel(t, timeZone)}
              tick={{ fontSize: 12, fill: '#57534E' }}
              allowDataOverflow
            />
            <YAxis domain={[score.min, score.max]} ticks={yTicks} width={34} tick={{ fontSize: 12, fill: '#57534E' }} allowDecimals={false} />
            {cutoff !== undefined ? (
              <ReferenceLine
                y={cutoff}
                stroke={INK}
                strokeDasharray="6 4"
                label={{ value: `clinical cutoff ${cutoff}`, position: 'insideBottomRight', fill: INK, fontSize: 11 }}
              />
            ) : null}
            {baselineT !== null && baselineT >= domain[0] ? (
              <ReferenceLine x={baselineT} stroke="#78716C" strokeDasharray="2 3" label={{ value: 'baseline', position: 'insideTopLeft', fill: INK, fontSize: 11 }} />
            ) : null}
            <Tooltip
              isAnimationActive={false}
              cursor={{ stroke: '#A8A29E' }}
              content={({ active, payload }) => {
                const d = active ? (payload?.[0]?.payload as Datum | undefined) : undefined
                if (!d) return null
                return (
                  <div className="max-w-64 rounded-md border border-stone-300 bg-white px-3 py-2 text-sm shadow">
                    <p className="font-medium">{formatDate(d.point.date, timeZone)}</p>
                    <p>
                      {def.abbreviation} {d.value ?? '–'}
                      {d.point.band ? ` (${d.point.band})` : ''}
                    </p>
                    <p>{changeWords(d.point, key)}</p>
                    {d.point.risk ? <p className="font-medium text-red-900">risk item answered</p> : null}
                    {open ? <p className="text-stone-600">Select the point to see the answers.</p> : null}
                  </div>
                )
              }}
            />
            <Line dataKey="value" stroke={def.colour} strokeWidth={2} isAnimationActive={false} dot={renderPointDot} activeDot={false} connectNulls />
          </ComposedChart>
        )}
      </ChartFrame>
    </PointNavigation>
  )
}
