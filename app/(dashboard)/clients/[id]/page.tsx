import type { Metadata } from 'next'
import Link from 'next/link'
import { requireRole } from '@/lib/auth/session'
import { getClientOr404 } from './get-client-or-404'
import { isAdmin } from '@/lib/auth/actor'
import { getPractice, listPracticeClinicians } from '@/lib/db/users'
import { listAssignments } from '@/lib/db/assignments'
import { listClientCheckIns, listRecentResponses } from '@/lib/db/client-checkins'
import { listRiskFlags } from '@/lib/db/risk-flags'
import { listOutbox } from '@/lib/email/send'
import { getInstrument, goalProgress, listInstruments } from '@/lib/assessments'
import { anchorLabel, instrumentLabel } from '@/lib/assessments/labels'
import { recurrenceLabel } from '@/lib/validation/assignment'
import { formatCalendarDate, formatDate, formatDateTime, isoDay } from '@/lib/format'
import { ClientForm } from '@/components/clients/client-form'
import { ScoresTable } from '@/components/clients/scores-table'
import { AssignForm } from '@/components/checkins/assign-form'
import { LinkPanel } from '@/components/checkins/link-panel'
import { AssignmentActions } from '@/components/checkins/assignment-actions'
import { EditScheduleForm } from '@/components/checkins/edit-schedule-form'
import { RiskFlagCard } from '@/components/risk/risk-flag-card'
import { goalSuggestions, listGoals } from '@/lib/db/goals'
import { getClientTimeline } from '@/lib/db/timeline'
import { GoalsSection } from '@/components/goals/goals-section'
import { Timeline } from '@/components/timeline/timeline'
import { createGoalAction, updateGoalAction } from './goal-actions'
import { getClientSeries } from '@/lib/db/series'
import { parseSeriesRange } from '@/lib/assessments/series'
import { ClientCharts } from '@/components/charts/client-charts'
import { GoalProgressCards } from '@/components/charts/goal-progress-chart'
import { listGoalProgressSeries } from '@/lib/db/goal-progress'
import { loadResponseDetailAction, startNewEpisodeAction } from './series-actions'
import { canAccessClientNotes, listClientNotes } from '@/lib/db/notes'
import { NotesSection } from '@/components/notes/notes-section'
import { updateClientAction } from '../actions'
import { acknowledgeFlagAction, assignAction, changeAssignmentAction, editAssignmentAction, linkAction, resolveFlagAction } from './checkin-actions'

export const metadata: Metadata = { title: 'Client' }

const card = 'rounded-xl border border-stone-200 bg-white p-4 sm:p-6'
const statusText = { OPEN: 'Open', COMPLETED: 'Completed', EXPIRED: 'Expired', CANCELLED: 'Cancelled' } as const

export default async function ClientPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  const { id } = await params
  const query = await searchParams
  const client = await getClientOr404(user, id)
  const [practice, clinicians, assignments, checkIns, responses, flags, outbox, goals, suggestions, timeline, series, goalSeries] = await Promise.all([
    getPractice(user),
    isAdmin(user) ? listPracticeClinicians(user) : undefined,
    listAssignments(user, client.id),
    listClientCheckIns(user, client.id),
    listRecentResponses(user, client.id),
    listRiskFlags(user, client.id),
    listOutbox(user, client.id),
    listGoals(user, client.id),
    goalSuggestions(user, client.id),
    getClientTimeline(user, client.id, { goalId: typeof query.goal === 'string' ? query.goal : null }),
    getClientSeries(user, client.id, parseSeriesRange(query.range)),
    listGoalProgressSeries(user, client.id),
  ])
  // Only the client's own clinician reads notes; an admin sees that notes exist, never their text.
  const notes = canAccessClientNotes(user, { primaryClinicianId: client.primaryClinician.id }) ? await listClientNotes(user, client.id) : null
  const tz = practice.timeZone
  const display = client.preferredName ? `${client.firstName} (${client.preferredName}) ${client.lastName}` : `${client.firstName} ${client.lastName}`
  const openFlags = flags.filter((f) => f.status !== 'RESOLVED')
  const openCheckIns = checkIns.filter((c) => c.status === 'OPEN')
  const pastCheckIns = checkIns.filter((c) => c.status !== 'OPEN')
  // Goal ratings in the chosen range; a goal that is no longer active and has none there is left out.
  const goalCharts = goalSeries
    .map((g) => ({ ...g, points: g.points.filter((p) => !series.rangeFrom || p.date >= series.rangeFrom), latest: g.points.at(-1) ?? null }))
    .filter((g) => g.points.length > 0 || g.status === 'ACTIVE')

  return (
    <div className="flex flex-col gap-6">
      <p className="no-print">
        <Link href="/clients" className="text-accent-700 underline underline-offset-4">
          ← Back to clients
        </Link>
      </p>
      {query.created ? (
        <p role="status" className="rounded-md bg-accent-50 px-3 py-2 text-accent-800">
          Client added.
        </p>
      ) : null}
      <div>
        <h1 className="text-2xl font-semibold">{display}</h1>
        <p className="text-stone-600">
          {client.status === 'ACTIVE' ? 'Active' : 'Discharged'} · Clinician {client.primaryClinician.name} · Episode of care since{' '}
          {formatCalendarDate(client.episodeStart)} · Added {formatDate(client.createdAt, tz)}
        </p>
      </div>

      {openFlags.length > 0 ? (
        <section aria-labelledby="flags-heading" className="flex flex-col gap-3">
          <h2 id="flags-heading" className="text-lg font-semibold text-red-900">
            Open risk {openFlags.length === 1 ? 'flag' : 'flags'}
          </h2>
          <ul className="flex flex-col gap-3">
            {openFlags.map((f) => (
              <RiskFlagCard
                key={f.id}
                flag={{
                  id: f.id,
                  status: f.status,
                  title: `${instrumentLabel(f.instrumentId)} question ${f.itemNumber}: “${anchorLabel(f.instrumentId, f.itemValue)}”`,
                  detail: getInstrument(f.instrumentId as 'phq9').items[f.itemNumber - 1]?.text ?? '',
                  history: `Raised ${formatDateTime(f.raisedAt, tz)}${f.acknowledgedAt ? ` · acknowledged ${formatDateTime(f.acknowledgedAt, tz)}` : ' · not yet acknowledged'}`,
                }}
                acknowledge={acknowledgeFlagAction.bind(null, client.id, f.id)}
                resolve={resolveFlagAction.bind(null, client.id, f.id)}
              />
            ))}
          </ul>
        </section>
      ) : null}

      <ClientCharts
        clientId={client.id}
        series={series}
        loadDetail={loadResponseDetailAction.bind(null, client.id)}
        startNewEpisode={startNewEpisodeAction.bind(null, client.id)}
        goalProgress={
          goalCharts.length > 0 ? (
            <GoalProgressCards goals={goalCharts} range={series.range} rangeFrom={series.rangeFrom} now={series.now} timeZone={series.timeZone} />
          ) : undefined
        }
      />

      <section aria-labelledby="checkins-heading" className={card}>
        <h2 id="checkins-heading" className="mb-3 text-lg font-semibold">
          Check-ins
        </h2>
        {openCheckIns.length === 0 ? (
          <p className="text-stone-600">No open check-in. Assign a questionnaire below; a check-in opens on its due date.</p>
        ) : (
          <ul className="flex flex-col gap-4">
            {openCheckIns.map((c) => (
              <li key={c.id} className="rounded-lg border border-stone-200 p-3">
                <p className="font-medium">
                  Due {formatCalendarDate(c.dueDate)} · {c.items.map((i) => instrumentLabel(i.instrumentId)).join(' + ')}
                </p>
                <p className="mb-3 text-sm text-stone-600">
                  Open until {formatDateTime(c.expiresAt, tz)} · {c._count.links} live {c._count.links === 1 ? 'link' : 'links'}
                  {c.reminderSentAt ? ` · reminder sent ${formatDate(c.reminderSentAt, tz)}` : ''}
                </p>
                <LinkPanel action={linkAction.bind(null, client.id, c.id)} liveLinks={c._count.links} />
              </li>
            ))}
          </ul>
        )}
        {pastCheckIns.length > 0 ? (
          <details className="mt-4">
            <summary className="cursor-pointer py-2 font-medium">Earlier check-ins ({pastCheckIns.length})</summary>
            <ul className="mt-2 flex flex-col gap-1">
              {pastCheckIns.map((c) => (
                <li key={c.id} className="text-stone-700">
                  {formatCalendarDate(c.dueDate)} · {c.items.map((i) => instrumentLabel(i.instrumentId)).join(' + ')} · {statusText[c.status]}
                  {c.completedAt ? ` ${formatDate(c.completedAt, tz)}` : ''}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="scores-heading" className={card}>
        <h2 id="scores-heading" className="mb-3 text-lg font-semibold">
          Recent scores
        </h2>
        <ScoresTable
          rows={responses.filter((r) => r.instrumentId !== 'goal-progress').map((r) => ({
            id: r.id,
            instrumentId: r.instrumentId,
            relationshipTarget: r.relationshipTarget,
            scores: r.scores as Record<string, number>,
            band: r.band,
            quadrant: r.quadrant,
            risk: r.flags.includes('risk'),
            submitted: formatDate(r.submittedAt, tz),
          }))}
        />
      </section>

      <NotesSection clientId={client.id} notes={notes} />

      <GoalsSection
        goals={goals}
        suggestions={suggestions}
        timeZone={tz}
        createAction={createGoalAction.bind(null, client.id)}
        updateAction={updateGoalAction.bind(null, client.id)}
        readOnly={client.status !== 'ACTIVE'}
      />

      <section aria-labelledby="assign-heading" className={card}>
        <h2 id="assign-heading" className="mb-3 text-lg font-semibold">
          Assign questionnaires
        </h2>
        {client.status === 'ACTIVE' ? (
          <AssignForm
            action={assignAction.bind(null, client.id)}
            today={isoDay(new Date())}
            defaultTarget="your romantic partner"
            instruments={[
              ...listInstruments().map((i) => ({ id: i.id, abbreviation: i.abbreviation, name: i.name, minutes: i.minutesToComplete })),
              { id: 'goal-progress', abbreviation: 'Goal progress', name: 'Goal progress check-in (not a validated scale)', minutes: goalProgress.minutesToComplete },
            ]}
          />
        ) : (
          <p className="text-stone-600">This client is discharged. Make them active again (Details below) to assign questionnaires.</p>
        )}
        {assignments.length > 0 ? (
          <>
            <h3 className="mb-2 mt-6 font-semibold">Assignments</h3>
            <ul className="flex flex-col gap-3">
              {assignments.map((a) => (
                <li key={a.id} className="flex flex-col gap-2 border-b border-stone-100 pb-3 last:border-0">
                  <p>
                    <span className="font-medium">{instrumentLabel(a.instrumentId)}</span>
                    {a.relationshipTarget ? ` about ${a.relationshipTarget}` : ''} · {recurrenceLabel[a.recurrence]} from {formatCalendarDate(a.startDate)}
                    {a.endDate ? ` to ${formatCalendarDate(a.endDate)}` : ''} ·{' '}
                    <span className={a.status === 'ACTIVE' ? 'text-accent-800' : 'text-stone-600'}>
                      {a.status === 'ACTIVE' ? 'Active' : a.status === 'PAUSED' ? 'Paused' : `Ended ${a.endedAt ? formatDate(a.endedAt, tz) : ''}`}
                    </span>
                  </p>
                  <AssignmentActions status={a.status} action={changeAssignmentAction.bind(null, client.id, a.id)} />
                  {a.status !== 'ENDED' ? (
                    <EditScheduleForm
                      id={`schedule-${a.id}`}
                      action={editAssignmentAction.bind(null, a.id)}
                      initial={{ recurrence: a.recurrence, startDate: isoDay(a.startDate), endDate: a.endDate ? isoDay(a.endDate) : '' }}
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <Timeline clientId={client.id} timeline={timeline} preserve={typeof query.range === 'string' ? { range: query.range } : {}} />

      {outbox.length > 0 ? (
        <section aria-labelledby="outbox-heading" className={card}>
          <h2 id="outbox-heading" className="mb-1 text-lg font-semibold">
            Emails to this client
          </h2>
          <p className="mb-3 text-sm text-stone-600">Without a mail server configured, messages wait here for you to pass on.</p>
          <ul className="flex flex-col gap-3">
            {outbox.map((m) => (
              <li key={m.id} className="rounded-lg border border-stone-200 p-3">
                <p className="font-medium">{m.subject}</p>
                <p className="text-sm text-stone-600">
                  To {m.toAddress} · {formatDateTime(m.createdAt, tz)} · {m.status === 'SENT' ? 'sent' : m.status === 'OUTBOX' ? 'in outbox (not sent)' : 'could not be sent'}
                </p>
                {m.body ? (
                  <details className="mt-2">
                    <summary className="cursor-pointer py-1">Show message</summary>
                    <pre className="mt-2 whitespace-pre-wrap break-words font-sans text-stone-800">{m.body}</pre>
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <details className={card}>
        <summary className="cursor-pointer text-lg font-semibold">Details</summary>
        <div className="mt-4">
          <ClientForm
            action={updateClientAction.bind(null, client.id)}
            mode="edit"
            clinicians={clinicians}
            today={isoDay(new Date())}
            initial={{
              firstName: client.firstName,
              lastName: client.lastName,
              preferredName: client.preferredName,
              email: client.email,
              phone: client.phone,
              dateOfBirth: isoDay(client.dateOfBirth),
              episodeStart: isoDay(client.episodeStart),
              status: client.status,
              primaryClinicianId: client.primaryClinician.id,
            }}
          />
        </div>
      </details>
    </div>
  )
}
