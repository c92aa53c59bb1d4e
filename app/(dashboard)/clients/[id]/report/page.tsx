import type { Metadata } from 'next'
import Link from 'next/link'
import { currentPractice, requireRole } from '@/lib/auth/session'
import { getClientOr404 } from '../get-client-or-404'
import { getClientSeries } from '@/lib/db/series'
import { listGoals } from '@/lib/db/goals'
import { listGoalProgressSeries } from '@/lib/db/goal-progress'
import { getInstrument, goalProgress } from '@/lib/assessments'
import { quadrantLabel } from '@/lib/assessments/labels'
import type { InstrumentSeries, SeriesBaseline, SeriesPoint } from '@/lib/assessments/series'
import { formatCalendarDate, formatDate } from '@/lib/format'
import { AttachmentPath, AttachmentPathLegend, AttachmentPathTable } from '@/components/charts/attachment-path'
import { InstrumentLegend } from '@/components/charts/chart-card'
import { ChartTable } from '@/components/charts/chart-table'
import { DimensionLines } from '@/components/charts/dimension-lines'
import { PrintButton } from '@/components/charts/print-button'
import { ScoreChart } from '@/components/charts/score-chart'

export const metadata: Metadata = { title: 'Progress report' }

// On screen the charts take the width they have (a phone shows the whole episode); printed, a fixed
// width keeps them sharp and the same on every printer (A4 and Letter fit 680 px).
const CHART_SIZE = { height: 250, printWidth: 680 }
const PATH_SIZE = { height: 380, printWidth: 460 }
const section = 'flex flex-col gap-3 border-t border-stone-200 pt-4'
const GOAL_STATUS = { ACTIVE: 'Active', PAUSED: 'Paused', ACHIEVED: 'Achieved' } as const

// Tables stack on phones (< 640 px): each row becomes a block, each cell shows its column's name
// above its value. The explicit roles keep the table semantics that display:block would drop.
const stackTable = 'w-full text-left max-sm:block'
const stackHead = 'border-b border-stone-300 text-sm text-stone-700 max-sm:sr-only'
const stackRow = 'border-b border-stone-100 align-top max-sm:block max-sm:py-2'
const stackCell = 'py-2 pr-3 max-sm:block max-sm:py-0.5'

/** A body cell with its column's name shown above the value on phones (hidden from screen readers: they have the header). */
function Cell({ label, className = '', children }: { label: string; className?: string; children: React.ReactNode }) {
  return (
    <td role="cell" className={`${stackCell} ${className}`}>
      <span aria-hidden="true" className="block text-sm font-normal text-stone-600 sm:hidden">
        {label}
      </span>
      {children}
    </td>
  )
}

function scoreText(instrumentId: InstrumentSeries['instrumentId'], p: Pick<SeriesBaseline, 'scores' | 'band'>): string {
  if (getInstrument(instrumentId).quadrant) return `anxiety ${p.scores.anxiety?.toFixed(2) ?? '–'}, avoidance ${p.scores.avoidance?.toFixed(2) ?? '–'}`
  return `${p.scores.total ?? '–'}${p.band ? ` (${p.band})` : ''}`
}

function changeText(s: InstrumentSeries, latest: SeriesPoint): string {
  if (latest.isBaseline) return 'baseline only so far'
  return s.scoreKeys
    .map((k) => (s.scoreKeys.length > 1 ? `${k}: ${latest.categories[k] ?? 'not compared'}` : (latest.categories[k] ?? 'not compared')))
    .join(' · ')
}

export default async function ProgressReportPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  const { id } = await params
  const client = await getClientOr404(user, id)
  const [practice, series, goals, goalSeries] = await Promise.all([
    currentPractice(),
    getClientSeries(user, client.id, 'all'),
    listGoals(user, client.id),
    listGoalProgressSeries(user, client.id),
  ])
  const latestRating = new Map(goalSeries.map((g) => [g.goalId, g.points.at(-1)]))
  const tz = practice.timeZone
  const name = client.preferredName ? `${client.firstName} (${client.preferredName}) ${client.lastName}` : `${client.firstName} ${client.lastName}`
  // The report covers the current episode of care: from each questionnaire's baseline onwards.
  const instruments = series.instruments.map((s) => ({ ...s, points: s.points.filter((p) => p.inEpisode) })).filter((s) => s.points.length > 0)
  const inEpisode = new Set(instruments.flatMap((s) => s.points.map((p) => p.responseId)))
  const path = series.attachmentPath.filter((p) => inEpisode.has(p.responseId))

  return (
    <article className="mx-auto flex max-w-3xl flex-col gap-5 bg-white p-4 sm:p-6 print:max-w-none print:p-0">
      <div className="no-print flex flex-wrap items-center justify-between gap-3">
        <Link href={`/clients/${client.id}`} className="text-accent-700 underline underline-offset-4">
          ← Back to {client.firstName}
        </Link>
        <PrintButton />
      </div>

      <header className="flex flex-col gap-1">
        <p className="text-stone-600">{practice.name}</p>
        <h1 className="text-2xl font-semibold">Progress report: {name}</h1>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 text-stone-800">
          <dt className="text-stone-600">Clinician</dt>
          <dd>{client.primaryClinician.name}</dd>
          <dt className="text-stone-600">Episode of care since</dt>
          <dd>{formatCalendarDate(client.episodeStart)}</dd>
          <dt className="text-stone-600">Printed</dt>
          <dd>{formatDate(new Date(), tz)}</dd>
        </dl>
      </header>

      <section aria-labelledby="summary-heading" className={`${section} break-inside-avoid`}>
        <h2 id="summary-heading" className="text-lg font-semibold">
          Since baseline
        </h2>
        {instruments.length === 0 ? (
          <p className="text-stone-700">No answers in this episode of care yet.</p>
        ) : (
          <table role="table" className={stackTable}>
            <caption className="sr-only">Baseline and latest score per questionnaire, with the change category</caption>
            <thead role="rowgroup" className={stackHead}>
              <tr role="row">
                <th role="columnheader" scope="col" className="py-2 pr-3">
                  Questionnaire
                </th>
                <th role="columnheader" scope="col" className="py-2 pr-3">
                  Baseline
                </th>
                <th role="columnheader" scope="col" className="py-2 pr-3">
                  Latest
                </th>
                <th role="columnheader" scope="col" className="py-2 pr-3">
                  Change
                </th>
              </tr>
            </thead>
            <tbody role="rowgroup" className="max-sm:block">
              {instruments.map((s) => {
                const latest = s.points[s.points.length - 1]!
                return (
                  <tr role="row" key={s.instrumentId} className={stackRow}>
                    <th role="rowheader" scope="row" className={`${stackCell} font-medium`}>
                      <span
                        aria-hidden="true"
                        className="mr-2 inline-block size-3 rounded-full print:[print-color-adjust:exact]"
                        style={{ background: getInstrument(s.instrumentId).colour }}
                      />
                      {getInstrument(s.instrumentId).abbreviation}
                    </th>
                    <Cell label="Baseline">{s.baseline ? `${scoreText(s.instrumentId, s.baseline)}, ${formatDate(s.baseline.date, tz)}` : '–'}</Cell>
                    <Cell label="Latest">
                      {scoreText(s.instrumentId, latest)}, {formatDate(latest.date, tz)}
                      {latest.quadrant ? ` · ${quadrantLabel(latest.quadrant)}` : ''}
                    </Cell>
                    <Cell label="Change" className="font-medium">
                      {changeText(s, latest)}
                    </Cell>
                  </tr>
                )
              })}
            </tbody>
          </table>
        )}
      </section>

      {instruments.map((s) => {
        const def = getInstrument(s.instrumentId)
        const common = {
          instrumentId: s.instrumentId,
          points: s.points,
          baseline: s.baseline,
          rangeFrom: null,
          episodeFrom: `${series.episodeStart}T00:00:00Z`,
          now: series.now,
          timeZone: tz,
          size: CHART_SIZE,
        }
        return (
          <section key={s.instrumentId} aria-labelledby={`report-${s.instrumentId}`} className={section}>
            <h2 id={`report-${s.instrumentId}`} className="text-lg font-semibold">
              {def.abbreviation}: {def.name}
            </h2>
            {/* The chart and its legend stay on one printed page; the table may run on. */}
            <div className="break-inside-avoid">
              {def.quadrant ? <DimensionLines {...common} /> : <ScoreChart {...common} />}
              <InstrumentLegend instrumentId={s.instrumentId} pointCount={s.points.length} />
            </div>
            <ChartTable instrumentId={s.instrumentId} points={s.points} timeZone={tz} caption={`${def.abbreviation} scores since baseline, newest first`} />
          </section>
        )
      })}

      {path.length > 0 ? (
        <section aria-labelledby="report-path" className={section}>
          <h2 id="report-path" className="text-lg font-semibold">
            Attachment path
          </h2>
          <p className="text-stone-700">
            Where each answer lies on the anxiety × avoidance plane, joined in time order. The regions describe, they do not diagnose.
          </p>
          <div className="break-inside-avoid">
            <div className="max-w-xl print:max-w-none">
              <AttachmentPath points={path} timeZone={tz} size={PATH_SIZE} />
            </div>
            <AttachmentPathLegend points={path} />
          </div>
          <AttachmentPathTable points={path} timeZone={tz} />
        </section>
      ) : null}

      <section aria-labelledby="report-goals" className={section}>
        <h2 id="report-goals" className="text-lg font-semibold">
          Current goals
        </h2>
        {goals.length === 0 ? (
          <p className="text-stone-700">No goals recorded yet.</p>
        ) : (
          <>
            <table role="table" className={stackTable}>
              <caption className="sr-only">The client&apos;s goals in their own words, with status and latest goal-progress rating</caption>
              <thead role="rowgroup" className={stackHead}>
                <tr role="row">
                  <th role="columnheader" scope="col" className="py-2 pr-3">
                    Goal
                  </th>
                  <th role="columnheader" scope="col" className="py-2 pr-3">
                    Status
                  </th>
                  <th role="columnheader" scope="col" className="py-2 pr-3">
                    Latest rating
                  </th>
                </tr>
              </thead>
              <tbody role="rowgroup" className="max-sm:block">
                {goals.map((g) => {
                  const latest = latestRating.get(g.id)
                  return (
                    <tr role="row" key={g.id} className={stackRow}>
                      <th role="rowheader" scope="row" className={`${stackCell} font-medium`}>
                        &ldquo;{g.title}&rdquo;
                      </th>
                      <Cell label="Status">{GOAL_STATUS[g.status]}</Cell>
                      <Cell label="Latest rating">{latest ? `${latest.rating} of 10, ${formatDate(latest.date, tz)}` : 'not rated yet'}</Cell>
                    </tr>
                  )
                })}
              </tbody>
            </table>
            <p className="text-sm text-stone-600">Ratings are the client&apos;s own, 0 (none) to 10 (a great deal). {goalProgress.validationNote}</p>
          </>
        )}
      </section>

      <footer className="border-t border-stone-200 pt-3 text-sm text-stone-600">
        Change categories compare each answer with the first answer of this episode of care (the baseline): reliable change uses the published thresholds (PHQ-9
        6 points, GAD-7 4, CORE-10 6), and recovered also means moving from at or above to below the clinical cutoff. ECR-R and ECR-RS have no published
        thresholds: a change of about 0.88 on a dimension counts as reliable (a product setting), and they are never &ldquo;recovered&rdquo;.
      </footer>
    </article>
  )
}
