'use client'
// The "Scores over time" section of a client's overview: the date range (kept in the URL), one
// card per questionnaire, the attachment path, the report and CSV links, and a new episode of care.
import Link from 'next/link'
import { useMemo, useState } from 'react'
import type { ResponseDetailResult } from '@/lib/assessments/response-detail'
import { attachmentPathOf, SERIES_RANGE_LABELS, SERIES_RANGES } from '@/lib/assessments/series'
import { unpackChartSeries, type WireChartSeries } from '@/lib/assessments/series-wire'
import { formatCalendarDate } from '@/lib/format'
import type { ActionState } from '@/lib/actions/result'
import { ConfirmAction } from '@/components/ui/confirm-action'
import { FormMessage } from '@/components/ui/field'
import { AttachmentPath, AttachmentPathLegend, AttachmentPathTable } from './attachment-path'
import { ChartCard, InstrumentCard } from './chart-card'
import { ResponseDetailProvider } from './response-detail'

const linkStyle = 'inline-flex min-h-11 items-center text-accent-700 underline underline-offset-4'

export function ClientCharts({
  clientId,
  series: wire,
  loadDetail,
  startNewEpisode,
  goalProgress,
}: {
  clientId: string
  /**
   * Without the attachment path (drawn from the ECR answers here, see forCharts), in the compact
   * form of lib/assessments/series-wire.ts.
   */
  series: WireChartSeries
  /** Server action: the item-level answers of one response of this client. */
  loadDetail: (responseId: string) => Promise<ResponseDetailResult>
  /** Server action: start a new episode of care today. Absent: the control is not shown. */
  startNewEpisode?: () => Promise<ActionState>
  /**
   * Extension point for goal-progress ratings over time (one line per goal). Goals arrive in a
   * later issue; pass the rendered card here and it is shown after the attachment path.
   */
  goalProgress?: React.ReactNode
}) {
  const series = useMemo(() => unpackChartSeries(wire), [wire])
  const hasAnswers = series.instruments.length > 0
  const everAttachment = series.instruments.some((s) => s.instrumentId === 'ecr-r' || s.instrumentId === 'ecr-rs')
  const attachmentPath = useMemo(() => attachmentPathOf(series.instruments), [series.instruments])
  return (
    <section aria-labelledby="charts-heading" className="rounded-xl border border-stone-200 bg-white p-4 sm:p-6">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <h2 id="charts-heading" className="text-lg font-semibold">
          Scores over time
        </h2>
        {hasAnswers ? (
          <nav aria-label="Date range" className="no-print">
            <ul className="flex flex-wrap gap-1">
              {SERIES_RANGES.map((r) => {
                const current = r === series.range
                return (
                  <li key={r}>
                    <Link
                      href={`/clients/${clientId}?range=${r}`}
                      scroll={false}
                      aria-current={current ? 'page' : undefined}
                      className={`inline-flex min-h-11 items-center rounded-md px-3 text-sm font-medium ${
                        current ? 'bg-accent-700 text-white' : 'border border-stone-300 text-stone-800 hover:bg-stone-100'
                      }`}
                    >
                      {SERIES_RANGE_LABELS[r]}
                    </Link>
                  </li>
                )
              })}
            </ul>
          </nav>
        ) : null}
      </div>
      <p className="mb-4 text-stone-600">
        Episode of care since {formatCalendarDate(`${series.episodeStart}T00:00:00Z`)}. Change is measured against each questionnaire&apos;s first answers in
        this episode (its baseline).
      </p>

      {!hasAnswers ? (
        goalProgress ? (
          <div className="min-w-0">{goalProgress}</div>
        ) : (
          <p className="text-stone-700">No answers yet: assign a questionnaire below.</p>
        )
      ) : (
        <ResponseDetailProvider load={loadDetail}>
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
            {series.instruments.map((s) => (
              <InstrumentCard key={s.instrumentId} s={s} series={series} />
            ))}
            {everAttachment ? (
              <div className="min-w-0 lg:col-span-2">
                <ChartCard
                  title="Attachment path"
                  summary={<p>Where each answer lies on the attachment plane, joined in time order. Lower left is the secure region.</p>}
                  chart={
                    attachmentPath.length === 0 ? (
                      <p className="text-stone-600">No attachment answers in this period.</p>
                    ) : (
                      <>
                        <div className="mx-auto max-w-xl">
                          <AttachmentPath points={attachmentPath} timeZone={series.timeZone} />
                        </div>
                        <AttachmentPathLegend points={attachmentPath} />
                      </>
                    )
                  }
                  table={<AttachmentPathTable points={attachmentPath} timeZone={series.timeZone} />}
                />
              </div>
            ) : null}
            {goalProgress ? <div className="min-w-0 lg:col-span-2">{goalProgress}</div> : null}
          </div>
        </ResponseDetailProvider>
      )}

      <div className="no-print mt-4 flex flex-wrap items-center gap-x-6 gap-y-1">
        <Link href={`/clients/${clientId}/report`} className={linkStyle}>
          Progress report (printable)
        </Link>
        {hasAnswers ? (
          <a href={`/clients/${clientId}/export`} download className={linkStyle}>
            Download scores (CSV)
          </a>
        ) : null}
        {/* The whole record (details, answers, scores, goals), so it is there even before any answers. */}
        <a href={`/clients/${clientId}/fhir`} download className={linkStyle}>
          Download FHIR record (JSON)
        </a>
      </div>
      {startNewEpisode ? <NewEpisodeControl action={startNewEpisode} /> : null}
    </section>
  )
}

function NewEpisodeControl({ action }: { action: () => Promise<ActionState> }) {
  const [state, setState] = useState<ActionState>({ status: 'idle' })
  return (
    <div className="no-print mt-4 flex flex-col items-start gap-2 border-t border-stone-100 pt-4">
      <ConfirmAction
        label="Start a new episode of care"
        confirmLabel="Start new episode"
        explanation="Change will be measured from the next answers onwards: the first answers from today become each questionnaire's new baseline. Earlier answers stay in the history and on the charts."
        action={action}
        onDone={setState}
      />
      <FormMessage status={state.status} message={state.message} />
    </div>
  )
}
