// Open check-ins with their links, and the earlier ones folded away.
import { instrumentLabel } from '@/lib/assessments/labels'
import { formatCalendarDate, formatDate, formatDateTime } from '@/lib/format'
import { LinkPanel } from '@/components/checkins/link-panel'
import { linkAction } from '../checkin-actions'
import { getClientOverviewOr404 } from '../get-client-or-404'
import { card, type SectionProps } from './section-props'

const statusText = { OPEN: 'Open', COMPLETED: 'Completed', EXPIRED: 'Expired', CANCELLED: 'Cancelled' } as const

export async function CheckInsSection({ actor, clientId, timeZone }: SectionProps) {
  const { checkIns } = await getClientOverviewOr404(actor, clientId)
  const openCheckIns = checkIns.filter((c) => c.status === 'OPEN')
  const pastCheckIns = checkIns.filter((c) => c.status !== 'OPEN')
  return (
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
                Open until {formatDateTime(c.expiresAt, timeZone)} · {c.liveLinks} live {c.liveLinks === 1 ? 'link' : 'links'}
                {c.reminderSentAt ? ` · reminder sent ${formatDate(c.reminderSentAt, timeZone)}` : ''}
              </p>
              <LinkPanel action={linkAction.bind(null, clientId, c.id)} liveLinks={c.liveLinks} />
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
                {c.completedAt ? ` ${formatDate(c.completedAt, timeZone)}` : ''}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  )
}
