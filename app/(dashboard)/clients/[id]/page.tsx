import type { Metadata } from 'next'
import Link from 'next/link'
import { Suspense } from 'react'
import { currentPractice, requireRole } from '@/lib/auth/session'
import { parseSeriesRange } from '@/lib/assessments/series'
import { formatCalendarDate, formatDate } from '@/lib/format'
import { CreatedNotice } from '@/components/clients/created-notice'
import { getClientOverviewOr404 } from './get-client-or-404'
import { AssignSection } from './sections/assign-section'
import { CheckInsSection } from './sections/check-ins-section'
import { ClientDetailsSection } from './sections/client-details-section'
import { ClientGoalsSection } from './sections/client-goals-section'
import { OutboxSection } from './sections/outbox-section'
import { RecentScoresSection } from './sections/recent-scores-section'
import { RiskFlagsSection } from './sections/risk-flags-section'
import { ScoresOverTimeSection } from './sections/scores-over-time-section'
import { SessionNotesSection } from './sections/session-notes-section'
import { skeletons } from './sections/skeletons'
import { TimelineSection } from './sections/timeline-section'

export const metadata: Metadata = { title: 'Client' }

const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : null)

/**
 * The client overview: the header here; every other part is a section that reads its own data and
 * streams in under Suspense, with a skeleton of its size until then.
 */
export default async function ClientPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const actor = await requireRole('CLINICIAN', 'ADMIN')
  const { id } = await params
  const query = await searchParams
  // Found (or 404) before anything is sent: a section streamed later could no longer set the status.
  const [{ client }, practice] = await Promise.all([getClientOverviewOr404(actor, id), currentPractice()])
  const s = { actor, clientId: client.id, timeZone: practice.timeZone }
  const display = client.preferredName ? `${client.firstName} (${client.preferredName}) ${client.lastName}` : `${client.firstName} ${client.lastName}`

  return (
    <div className="flex flex-col gap-6">
      <p className="no-print">
        <Link href="/clients" className="text-accent-700 underline underline-offset-4">
          ← Back to clients
        </Link>
      </p>
      {query.created ? <CreatedNotice /> : null}
      <div>
        <h1 className="text-2xl font-semibold">{display}</h1>
        <p className="text-stone-600">
          {client.status === 'ACTIVE' ? 'Active' : 'Discharged'} · Clinician {client.primaryClinician.name} · Episode of care since{' '}
          {formatCalendarDate(client.episodeStart)} · Added {formatDate(client.createdAt, s.timeZone)}
        </p>
      </div>
      {/* Not under Suspense: open risk flags come with the page, never after it. */}
      <RiskFlagsSection {...s} />
      <Suspense fallback={skeletons.charts}>
        <ScoresOverTimeSection {...s} range={parseSeriesRange(query.range)} />
      </Suspense>
      <Suspense fallback={skeletons.checkIns}>
        <CheckInsSection {...s} />
      </Suspense>
      <Suspense fallback={skeletons.scores}>
        <RecentScoresSection {...s} />
      </Suspense>
      <Suspense fallback={skeletons.notes}>
        <SessionNotesSection {...s} />
      </Suspense>
      <Suspense fallback={skeletons.goals}>
        <ClientGoalsSection {...s} />
      </Suspense>
      <Suspense fallback={skeletons.assign}>
        <AssignSection {...s} />
      </Suspense>
      <Suspense fallback={skeletons.timeline}>
        <TimelineSection {...s} goalId={one(query.goal)} range={one(query.range)} view={one(query.timeline)} />
      </Suspense>
      <Suspense fallback={skeletons.details}>
        <OutboxSection {...s} />
        <ClientDetailsSection {...s} />
      </Suspense>
    </div>
  )
}
