// The audit log as a table: local time in the practice's zone (UTC in the tooltip and the
// machine-readable datetime), who, what, which record, which client, outcome and address.
// Everything shown is an id, a code (with its words) or a staff member's name: the trail holds no
// client data. A table from md up; on a phone each event is a card.
import Link from 'next/link'
import type { AuditRow } from '@/lib/validation/audit'
import { auditActionLabel, isAuditAction } from '@/lib/audit/actions'
import { ScrollRegion } from '@/components/ui/scroll-region'
import { dateTimeFormat } from '@/lib/intl-format'

const th = 'px-3 py-3 font-semibold'
// On a phone each event is a card: the cells stacked, each with its column's name (CellLabel); an
// empty cell stays (so cells keep their columns for screen readers) but takes no room.
const td = 'block px-4 py-0.5 align-top md:table-cell md:px-3 md:py-2'

/** On a phone, where the header row is not shown: the column's name before the value (screen readers get the header). */
function CellLabel({ children }: { children: string }) {
  return (
    <span aria-hidden="true" className="mr-1 text-sm font-medium text-stone-600 md:hidden">
      {children}:
    </span>
  )
}

/** What happened, in words; the code stays beside it (smaller) for admins who search or filter by it. */
function Action({ code }: { code: string }) {
  return (
    <>
      <span className="font-medium">{auditActionLabel(code)}</span>
      {isAuditAction(code) ? (
        <code className="block text-xs text-stone-600" title="Action code">
          {code}
        </code>
      ) : null}
    </>
  )
}

function localTime(d: Date, timeZone: string): string {
  return dateTimeFormat('en-GB', {
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

const detailEntries = (details: Record<string, unknown> | null) =>
  Object.entries(details ?? {}).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))
const hasDetails = (details: Record<string, unknown> | null) => detailEntries(details).length > 0

function Details({ details }: { details: Record<string, unknown> | null }) {
  const entries = detailEntries(details)
  if (entries.length === 0) return null
  return (
    <dl className="text-sm text-stone-700">
      {entries.map(([k, v]) => (
        <div key={k} className="flex gap-1">
          <dt className="text-stone-600">{k}:</dt>
          {/* A refusal names what was tried by its code: give its words too. */}
          <dd className="break-all">
            {k === 'attempted' && typeof v === 'string' && isAuditAction(v) ? `${auditActionLabel(v)} (${v})` : Array.isArray(v) ? v.join(', ') : String(v)}
          </dd>
        </div>
      ))}
    </dl>
  )
}

export function AuditTable({ rows, timeZone }: { rows: AuditRow[]; timeZone: string }) {
  return (
    <ScrollRegion label="Audit events" className="rounded-xl border border-stone-200 bg-white">
      {/* The roles keep the table's meaning for screen readers when a phone shows it as cards. */}
      <table role="table" className="block w-full text-left md:table md:min-w-[64rem]">
        <caption className="sr-only">Audit events, newest first. Times are in {timeZone}.</caption>
        <thead role="rowgroup" className="border-b border-stone-200 bg-stone-100 text-sm text-stone-700 max-md:sr-only">
          <tr role="row">
            <th role="columnheader" scope="col" className={th}>
              Time <span className="font-normal">({timeZone})</span>
            </th>
            <th role="columnheader" scope="col" className={th}>
              User
            </th>
            <th role="columnheader" scope="col" className={th}>
              Action
            </th>
            <th role="columnheader" scope="col" className={th}>
              Target
            </th>
            <th role="columnheader" scope="col" className={th}>
              Client
            </th>
            <th role="columnheader" scope="col" className={th}>
              Outcome
            </th>
            <th role="columnheader" scope="col" className={th}>
              IP address
            </th>
            <th role="columnheader" scope="col" className={th}>
              Details
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup" className="block md:table-row-group">
          {rows.map((r) => {
            const utc = r.occurredAt.toISOString()
            return (
              <tr role="row" key={r.id} className="block border-b border-stone-200 py-3 last:border-0 md:table-row md:border-stone-100 md:py-0">
                <td role="cell" className={`${td} text-sm text-stone-700 md:whitespace-nowrap md:text-base md:text-stone-900`}>
                  <time dateTime={utc} title={`${utc.slice(0, 19).replace('T', ' ')} UTC`}>
                    {localTime(r.occurredAt, timeZone)}
                  </time>
                </td>
                <td role="cell" className={td}>
                  <CellLabel>User</CellLabel>
                  <ActorCell row={r} />
                </td>
                <td role="cell" className={td}>
                  <CellLabel>Action</CellLabel>
                  <Action code={r.action} />
                </td>
                <td role="cell" className={`${td} ${r.targetType || r.targetId ? '' : 'max-md:p-0'}`}>
                  {r.targetType || r.targetId ? <CellLabel>Target</CellLabel> : null}
                  {r.targetType ? <span className="text-sm md:block">{r.targetType} </span> : null}
                  {r.targetId ? (
                    <code className="text-sm text-stone-700" title={r.targetId}>
                      {shortId(r.targetId)}
                    </code>
                  ) : null}
                </td>
                <td role="cell" className={`${td} ${r.clientId ? '' : 'max-md:p-0'}`}>
                  {r.clientId ? <CellLabel>Client</CellLabel> : null}
                  {r.clientId ? (
                    <Link href={`/clients/${r.clientId}`} className="text-accent-700 underline underline-offset-4" title={r.clientId}>
                      <code className="text-sm">{shortId(r.clientId)}</code>
                      <span className="sr-only"> (open client {r.clientId})</span>
                    </Link>
                  ) : null}
                </td>
                <td role="cell" className={td}>
                  <CellLabel>Outcome</CellLabel>
                  <Outcome value={r.outcome} />
                </td>
                <td role="cell" className={`${td} text-sm text-stone-700 md:whitespace-nowrap ${r.ip ? '' : 'max-md:p-0'}`}>
                  {r.ip ? <CellLabel>IP address</CellLabel> : null}
                  {r.ip ?? ''}
                </td>
                <td role="cell" className={`${td} ${hasDetails(r.details) ? '' : 'max-md:p-0'}`}>
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
