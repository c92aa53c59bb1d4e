import type { Metadata } from 'next'
import Link from 'next/link'
import { currentPractice, requireRole } from '@/lib/auth/session'
import { listAccounts } from '@/lib/db/admin-users'
import { formatDate, formatDateTime } from '@/lib/format'
import { roleLabel } from '@/lib/validation/admin'
import { ScrollRegion } from '@/components/ui/scroll-region'
import { AdminNav } from '@/components/admin/admin-nav'
import { AccountActions } from '@/components/admin/account-actions'
import { FhirExportPanel } from '@/components/admin/fhir-export-panel'
import { PracticeGlanceSection } from './sections/practice-glance-section'

export const metadata: Metadata = { title: 'Accounts' }

const statusLabel = { ACTIVE: 'Active', INVITED: 'Invited', DEACTIVATED: 'Deactivated' } as const
const statusStyle = {
  ACTIVE: 'bg-accent-50 text-accent-800',
  INVITED: 'bg-amber-50 text-amber-900',
  DEACTIVATED: 'bg-stone-200 text-stone-800',
} as const

const th = 'px-4 py-3 font-semibold'
const td = 'block px-4 py-1 md:table-cell md:py-3'

/** On a phone, where the header row is not shown: the column's name before the value (screen readers get the header). */
function CellLabel({ children }: { children: string }) {
  return (
    <span aria-hidden="true" className="mr-1 text-sm font-medium text-stone-600 md:hidden">
      {children}:
    </span>
  )
}

export default async function AdminPage() {
  const admin = await requireRole('ADMIN')
  const [accounts, practice] = await Promise.all([listAccounts(admin), currentPractice()])
  const active = accounts.filter((a) => a.status === 'ACTIVE').length
  const invited = accounts.filter((a) => a.status === 'INVITED').length
  const stranded = accounts.filter((a) => a.status === 'DEACTIVATED' && a.activeClients > 0)
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-3">
        <h1 className="text-2xl font-semibold">Practice admin</h1>
        <AdminNav />
      </div>
      <PracticeGlanceSection actor={admin} timeZone={practice.timeZone} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 className="text-xl font-semibold">Accounts</h2>
          <p className="text-stone-600">
            {practice.name} · {active} active{invited ? ` · ${invited} invited` : ''} · sessions end after {practice.idleTimeoutMinutes} minutes without
            activity
          </p>
        </div>
        <Link href="/admin/invite" className="inline-flex min-h-11 items-center rounded-md bg-accent-700 px-4 py-2 font-medium text-white hover:bg-accent-800">
          Invite someone
        </Link>
      </div>
      {stranded.length > 0 ? (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950">
          {stranded.map((s) => s.name).join(', ')} {stranded.length === 1 ? 'is' : 'are'} deactivated but still {stranded.length === 1 ? 'has' : 'have'} active
          clients.{' '}
          <Link
            href={stranded.length === 1 && stranded[0] ? `/admin/transfer?from=${stranded[0].id}` : '/admin/transfer'}
            className="font-medium underline underline-offset-4"
          >
            Transfer their clients
          </Link>{' '}
          so someone follows them up.
        </p>
      ) : null}
      {/* A table from md up; on a phone each account is a card (the same cells, stacked, each with its
          column's name). The roles keep the table's meaning for screen readers whatever its display. */}
      <ScrollRegion label="Accounts table" className="rounded-xl border border-stone-200 bg-white">
        <table role="table" className="block w-full text-left md:table md:min-w-[44rem]">
          <caption className="sr-only">Accounts of the practice, with their roles, status and actions</caption>
          <thead role="rowgroup" className="border-b border-stone-200 bg-stone-100 text-sm text-stone-700 max-md:sr-only">
            <tr role="row">
              <th role="columnheader" scope="col" className={th}>
                Name
              </th>
              <th role="columnheader" scope="col" className={th}>
                Roles
              </th>
              <th role="columnheader" scope="col" className={th}>
                Status
              </th>
              <th role="columnheader" scope="col" className={th}>
                Active clients
              </th>
              <th role="columnheader" scope="col" className={th}>
                Last sign-in
              </th>
              <th role="columnheader" scope="col" className={th}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup" className="block md:table-row-group">
            {accounts.map((a) => (
              <tr role="row" key={a.id} className="block border-b border-stone-200 py-2 align-top last:border-0 md:table-row md:border-stone-100 md:py-0">
                <th role="rowheader" scope="row" className="block px-4 py-2 text-left font-normal md:table-cell md:min-w-[14rem] md:py-3">
                  <span className="font-medium">{a.name}</span>
                  {a.isSelf ? <span className="text-stone-600"> (you)</span> : null}
                  <span className="block text-sm text-stone-600 [overflow-wrap:anywhere]">{a.email}</span>
                </th>
                <td role="cell" className={td}>
                  <CellLabel>Roles</CellLabel>
                  {a.roles.map((r) => roleLabel[r]).join(', ')}
                </td>
                <td role="cell" className={td}>
                  <CellLabel>Status</CellLabel>
                  <span className={`inline-block rounded px-2 py-0.5 text-sm font-medium ${statusStyle[a.status]}`}>{statusLabel[a.status]}</span>
                  {a.status === 'INVITED' ? (
                    <span className="block text-sm text-stone-600">
                      {a.inviteExpiresAt ? `Link open until ${formatDateTime(a.inviteExpiresAt, practice.timeZone)}` : 'Invitation expired'}
                    </span>
                  ) : null}
                  {a.status === 'ACTIVE' && a.hasMfa ? <span className="block text-sm text-stone-600">Two-step verification on</span> : null}
                </td>
                <td role="cell" className={td}>
                  <CellLabel>Active clients</CellLabel>
                  {a.activeClients}
                </td>
                <td role="cell" className={`${td} text-stone-700`}>
                  <CellLabel>Last sign-in</CellLabel>
                  {a.lastSignInAt ? formatDate(a.lastSignInAt, practice.timeZone) : 'Never'}
                </td>
                <td role="cell" className={td}>
                  <AccountActions userId={a.id} name={a.name} status={a.status} roles={a.roles} isSelf={a.isSelf} activeClients={a.activeClients} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <FhirExportPanel />
    </div>
  )
}
