// Mail to the client; without a mail server, messages wait here for the clinician to pass on.
import { formatDateTime } from '@/lib/format'
import { getClientOverviewOr404 } from '../get-client-or-404'
import { card, type SectionProps } from './section-props'

export async function OutboxSection({ actor, clientId, timeZone }: SectionProps) {
  const { outbox } = await getClientOverviewOr404(actor, clientId)
  if (outbox.length === 0) return null
  return (
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
              To {m.toAddress} · {formatDateTime(m.createdAt, timeZone)} ·{' '}
              {m.status === 'SENT' ? 'sent' : m.status === 'OUTBOX' ? 'in outbox (not sent)' : 'could not be sent'}
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
  )
}
