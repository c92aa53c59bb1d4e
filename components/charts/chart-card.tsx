'use client'
// One card per questionnaire: its name in its colour, the latest score in words (band and change
// category), a chart/table toggle, and the chart or its table.
import { useId, useState } from 'react'
import { getInstrument } from '@/lib/assessments'
import { quadrantLabel } from '@/lib/assessments/labels'
import type { ClientSeries, InstrumentSeries, SeriesPoint } from '@/lib/assessments/series'
import { SERIES_RANGE_LABELS } from '@/lib/assessments/series'
import { formatDate } from '@/lib/format'
import { CategoryLegend, changeWords, PointMark } from './chart-marks'
import { ChartTable } from './chart-table'
import { DimensionLines } from './dimension-lines'
import { ScoreChart } from './score-chart'
import { ViewToggle, type ChartView } from './view-toggle'

export function ChartCard({
  title,
  colour,
  summary,
  chart,
  table,
}: {
  title: string
  colour?: string
  summary: React.ReactNode
  chart: React.ReactNode
  table: React.ReactNode
}) {
  const [view, setView] = useState<ChartView>('chart')
  const headingId = useId()
  return (
    <article aria-labelledby={headingId} className="min-w-0 rounded-lg border border-stone-200 p-3 sm:p-4">
      <div className="mb-2 flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 id={headingId} className="flex items-center gap-2 font-semibold">
            {colour ? <span aria-hidden="true" className="inline-block size-3 shrink-0 rounded-full" style={{ background: colour }} /> : null}
            {title}
          </h3>
          <div className="text-stone-700">{summary}</div>
        </div>
        <ViewToggle view={view} onChange={setView} label={title} />
      </div>
      {view === 'chart' ? chart : table}
    </article>
  )
}

const fmt = (v: number | undefined, two: boolean) => (v === undefined ? '–' : two ? v.toFixed(2) : String(v))

/** "Latest 9 (mild) on 1 Mar 2026 · recovered since baseline 17 (moderately severe) on 6 Jan 2025". */
function LatestSummary({ s, timeZone }: { s: InstrumentSeries; timeZone: string }) {
  const def = getInstrument(s.instrumentId)
  const latest: SeriesPoint | null = s.latest
  if (!latest) return null
  const two = def.quadrant !== undefined
  const value = two
    ? s.scoreKeys.map((k) => `${k} ${fmt(latest.scores[k], true)}`).join(', ')
    : `${fmt(latest.scores.total, false)}${latest.band ? ` (${latest.band})` : ''}`
  const change = two
    ? latest.isBaseline || !latest.inEpisode
      ? changeWords(latest, s.scoreKeys[0]!)
      : s.scoreKeys.map((k) => `${k} ${latest.categories[k] ?? 'not compared'}`).join(', ') + ' since baseline'
    : changeWords(latest, 'total')
  const base = s.baseline
  return (
    <p>
      Latest <span className="font-medium text-stone-900">{value}</span> on {formatDate(latest.date, timeZone)}
      {latest.quadrant ? ` · ${quadrantLabel(latest.quadrant)}` : ''} · <span className="font-medium text-stone-900">{change}</span>
      {base && !latest.isBaseline ? (
        <span className="text-stone-600">
          {' '}
          (baseline{' '}
          {two
            ? s.scoreKeys.map((k) => `${k} ${fmt(base.scores[k], true)}`).join(', ')
            : `${fmt(base.scores.total, false)}${base.band ? ` (${base.band})` : ''}`}{' '}
          on {formatDate(base.date, timeZone)})
        </span>
      ) : null}
      {!base ? <span className="text-stone-600"> · no baseline in this episode yet</span> : null}
      {latest.risk ? <span className="ml-2 rounded bg-red-50 px-2 py-0.5 text-sm font-medium text-red-900">risk item answered</span> : null}
    </p>
  )
}

/** The card for one questionnaire: symptom scores as a banded line, attachment scales as two lines. */
export function InstrumentCard({
  s,
  series,
  size,
}: {
  s: InstrumentSeries
  series: Pick<ClientSeries, 'range' | 'rangeFrom' | 'now' | 'timeZone' | 'episodeStart'>
  size?: { width?: number; height?: number }
}) {
  const def = getInstrument(s.instrumentId)
  const isAttachment = def.quadrant !== undefined
  const common = {
    instrumentId: s.instrumentId,
    points: s.points,
    baseline: s.baseline,
    rangeFrom: series.rangeFrom,
    episodeFrom: `${series.episodeStart}T00:00:00Z`,
    now: series.now,
    timeZone: series.timeZone,
    size,
  }
  const empty = <p className="text-stone-600">No answers in {series.range === 'all' ? 'this period' : `the last ${SERIES_RANGE_LABELS[series.range]}`}.</p>
  return (
    <ChartCard
      title={`${def.abbreviation}${isAttachment ? ': anxiety and avoidance' : ''}`}
      colour={def.colour}
      summary={<LatestSummary s={s} timeZone={series.timeZone} />}
      chart={
        s.points.length === 0 ? (
          empty
        ) : (
          <>
            {isAttachment ? <DimensionLines {...common} /> : <ScoreChart {...common} />}
            <InstrumentLegend instrumentId={s.instrumentId} pointCount={s.points.length} />
          </>
        )
      }
      table={<ChartTable instrumentId={s.instrumentId} points={s.points} timeZone={series.timeZone} />}
    />
  )
}

/** Above this many answers a chart may draw ordinary points as small dots (see shouldThin). */
const MANY_POINTS = 20

function LineSwatch({ colour, dashed, shape }: { colour: string; dashed: boolean; shape: 'circle' | 'square' }) {
  return (
    <svg width="30" height="14" viewBox="0 0 30 14" aria-hidden="true">
      <line x1={1} x2={29} y1={7} y2={7} stroke={colour} strokeWidth={2} strokeDasharray={dashed ? '7 4' : undefined} />
      <PointMark kind="improved" cx={15} cy={7} colour={colour} r={4} shape={shape} />
    </svg>
  )
}

/**
 * A questionnaire chart's legend in words: the change-category marks, and for symptom scales the
 * severity bands with their ranges (a narrow chart has no room to name them beside the plot) and
 * the cutoff; for attachment scales which line is which, by shape and words as well as dash.
 */
export function InstrumentLegend({ instrumentId, pointCount }: { instrumentId: InstrumentSeries['instrumentId']; pointCount: number }) {
  const def = getInstrument(instrumentId)
  const score = def.scores[0]!
  const bands = score.bands ?? []
  const small =
    pointCount > MANY_POINTS ? (
      <li className="flex items-center gap-1.5">
        <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
          <PointMark kind="improved" cx={9} cy={9} colour={def.colour} small />
        </svg>
        small dot: an answer on a crowded chart (baseline, latest, risk and deterioration keep their marks)
      </li>
    ) : null
  if (def.quadrant !== undefined) {
    return (
      <CategoryLegend
        colour={def.colour}
        showRisk={def.items.some((i) => i.risk)}
        extra={
          <>
            <li className="flex items-center gap-1.5">
              <LineSwatch colour={def.colour} dashed={false} shape="circle" />
              anxiety: solid line, round points
            </li>
            <li className="flex items-center gap-1.5">
              <LineSwatch colour={def.colour} dashed shape="square" />
              avoidance: dashed line, square points
            </li>
            <li>dotted line: the baseline date, one diamond per dimension · grey line: midpoint 4</li>
            {small}
          </>
        }
      />
    )
  }
  return (
    <CategoryLegend
      colour={def.colour}
      showRisk={def.items.some((i) => i.risk)}
      extra={
        <>
          {bands.length ? (
            <li>
              shading, light to dark: {bands.map((b, i) => `${b.label} ${b.min}–${i === bands.length - 1 ? score.max : bands[i + 1]!.min - 1}`).join(' · ')}
            </li>
          ) : null}
          {score.clinicalCutoff !== undefined ? <li>dashed line: clinical cutoff {score.clinicalCutoff}</li> : null}
          {small}
        </>
      }
    />
  )
}
