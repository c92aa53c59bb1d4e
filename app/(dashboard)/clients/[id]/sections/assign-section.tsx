// "Assign questionnaires": the form (active clients only) and the assignments with their controls.
import { goalProgress, listInstruments } from '@/lib/assessments'
import { instrumentLabel } from '@/lib/assessments/labels'
import { formatCalendarDate, formatDate, isoDay } from '@/lib/format'
import { todayInTimeZone } from '@/lib/scheduling/recurrence'
import { recurrenceLabel } from '@/lib/validation/assignment'
import { AssignForm } from '@/components/checkins/assign-form'
import { AssignmentActions } from '@/components/checkins/assignment-actions'
import { EditScheduleForm } from '@/components/checkins/edit-schedule-form'
import { assignAction, changeAssignmentAction, editAssignmentAction } from '../checkin-actions'
import { getClientOverviewOr404 } from '../get-client-or-404'
import { card, type SectionProps } from './section-props'

const instruments = () => [
  ...listInstruments().map((i) => ({ id: i.id, abbreviation: i.abbreviation, name: i.name, minutes: i.minutesToComplete })),
  { id: 'goal-progress', abbreviation: 'Goal progress', name: 'Goal progress check-in (not a validated scale)', minutes: goalProgress.minutesToComplete },
]

export async function AssignSection({ actor, clientId, timeZone }: SectionProps) {
  const { client, assignments } = await getClientOverviewOr404(actor, clientId)
  return (
    <section aria-labelledby="assign-heading" className={card}>
      <h2 id="assign-heading" className="mb-3 text-lg font-semibold">
        Assign questionnaires
      </h2>
      {client.status === 'ACTIVE' ? (
        <AssignForm
          action={assignAction.bind(null, client.id)}
          today={todayInTimeZone(new Date(), timeZone)}
          defaultTarget="your romantic partner"
          instruments={instruments()}
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
                    {a.status === 'ACTIVE' ? 'Active' : a.status === 'PAUSED' ? 'Paused' : `Ended ${a.endedAt ? formatDate(a.endedAt, timeZone) : ''}`}
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
  )
}
