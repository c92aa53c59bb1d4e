// The audit log as a table: local time in the practice's zone (UTC in the tooltip and the
// machine-readable datetime), who, what, which record, which client, outcome and address.
// Everything shown is an id, a code or a staff member's name: the trail holds no client data.
import Link from 'next/link'
import type { AuditRow } from '@/lib/validation/audit'
import { ScrollRegion } from '@/components/ui/scroll-region'

const th = 'px-3 py-3 font-semibold'
const td = 'px-3 py-2 align-top'

function localTime(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZone,
  }).format(d)
}

const shortId = (id: string) => (id.length > 12 ? `${id.slice(0, 8)}…` : id)

function ActorCell({ row }: { row: AuditRow }) {
  if (row.actorType === 'USER') {
    return (
      <>
        <span className="font-medium">{row.actorName ?? 'Unknown user'}</span>
        {row.actorRole ? <span className="block text-sm text-stone-600">{row.actorRole.toLowerCase().replaceAll('+', ', ')}</span> : null}
      </>
    )
  }
  const label = row.actorType === 'CLIENT_LINK' ? 'Client (check-in link)' : row.actorType === 'SYSTEM' ? 'System' : 'Not signed in'
  return <span className="text-stone-700">{label}</span>
}

function Outcome({ value }: { value: string }) {
  const tone = value === 'SUCCESS' ? 'bg-accent-50 text-accent-800' : 'bg-red-50 text-red-900'
  const text = value === 'SUCCESS' ? 'Success' : value === 'DENIED' ? 'Denied' : value === 'FAILURE' ? 'Failed' : value
  return <span className={`rounded px-2 py-0.5 text-sm font-medium ${tone}`}>{text}</span>
}

function Details({ details }: { details: Record<string, unknown> | null }) {
  if (!details) return null
  const entries = Object.entries(details).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))
  if (entries.length === 0) return null
  return (
    <dl className="text-sm text-stone-700">
      {entries.map(([k, v]) => (
        <div key={k} className="flex gap-1">
          <dt className="text-stone-600">{k}:</dt>
          <dd className="break-all">{Array.isArray(v) ? v.join(', ') : String(v)}</dd>
        </div>
      ))}
    </dl>
  )
}

export function AuditTable({ rows, timeZone }: { rows: AuditRow[]; timeZone: string }) {
  return (
    <ScrollRegion label="Audit events" className="rounded-xl border border-stone-200 bg-white">
      <table className="w-full min-w-[64rem] text-left">
        <caption className="sr-only">Audit events, newest first. Times are in {timeZone}.</caption>
        <thead className="border-b border-stone-200 bg-stone-100 text-sm text-stone-700">
          <tr>
            <th scope="col" className={th}>
              Time <span className="font-normal">({timeZone})</span>
            </th>
            <th scope="col" className={th}>User</th>
            <th scope="col" className={th}>Action</th>
            <th scope="col" className={th}>Target</th>
            <th scope="col" className={th}>Client</th>
            <th scope="col" className={th}>Outcome</th>
            <th scope="col" className={th}>IP address</th>
            <th scope="col" className={th}>Details</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const utc = r.occurredAt.toISOString()
            return (
              <tr key={r.id} className="border-b border-stone-100 last:border-0">
                <td className={`${td} whitespace-nowrap`}>
                  <time dateTime={utc} title={`${utc.slice(0, 19).replace('T', ' ')} UTC`}>
                    {localTime(r.occurredAt, timeZone)}
                  </time>
                </td>
                <td className={td}>
                  <ActorCell row={r} />
                </td>
                <td className={td}>
                  <code className="text-sm">{r.action}</code>
                </td>
                <td className={td}>
                  {r.targetType ? <span className="block text-sm">{r.targetType}</span> : null}
                  {r.targetId ? (
                    <code className="text-sm text-stone-700" title={r.targetId}>
                      {shortId(r.targetId)}
                    </code>
                  ) : null}
                </td>
                <td className={td}>
                  {r.clientId ? (
                    <Link href={`/clients/${r.clientId}`} className="text-accent-700 underline underline-offset-4" title={r.clientId}>
                      <code className="text-sm">{shortId(r.clientId)}</code>
                      <span className="sr-only"> (open client {r.clientId})</span>
                    </Link>
                  ) : null}
                </td>
                <td className={td}>
                  <Outcome value={r.outcome} />
                </td>
                <td className={`${td} whitespace-nowrap text-sm text-stone-700`}>{r.ip ?? ''}</td>
                <td className={td}>
                  <Details details={r.details} />
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </ScrollRegion>
  )
}
