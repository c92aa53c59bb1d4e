import type { Metadata } from 'next'
import Link from 'next/link'
import { requireRole } from '@/lib/auth/session'
import { listAccounts } from '@/lib/db/admin-users'
import { getPractice } from '@/lib/db/users'
import { formatDate, formatDateTime } from '@/lib/format'
import { roleLabel } from '@/lib/validation/admin'
import { ScrollRegion } from '@/components/ui/scroll-region'
import { AdminNav } from '@/components/admin/admin-nav'
import { AccountActions } from '@/components/admin/account-actions'
import {
  changeRolesAction,
  deactivateUserAction,
  reactivateUserAction,
  resendInviteAction,
  resetPasswordAction,
} from './actions'

export const metadata: Metadata = { title: 'Accounts' }

const statusLabel = { ACTIVE: 'Active', INVITED: 'Invited', DEACTIVATED: 'Deactivated' } as const
const statusStyle = {
  ACTIVE: 'bg-accent-50 text-accent-800',
  INVITED: 'bg-amber-50 text-amber-900',
  DEACTIVATED: 'bg-stone-200 text-stone-800',
} as const

export default async function AdminPage() {
  const admin = await requireRole('ADMIN')
  const [accounts, practice] = await Promise.all([listAccounts(admin), getPractice(admin)])
  const active = accounts.filter((a) => a.status === 'ACTIVE').length
  const invited = accounts.filter((a) => a.status === 'INVITED').length
  const stranded = accounts.filter((a) => a.status === 'DEACTIVATED' && a.activeClients > 0)
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-3">
        <h1 className="text-2xl font-semibold">Practice admin</h1>
        <AdminNav />
      </div>
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
          {stranded.map((s) => s.name).join(', ')} {stranded.length === 1 ? 'is' : 'are'} deactivated but still{' '}
          {stranded.length === 1 ? 'has' : 'have'} active clients.{' '}
          <Link
            href={stranded.length === 1 && stranded[0] ? `/admin/transfer?from=${stranded[0].id}` : '/admin/transfer'}
            className="font-medium underline underline-offset-4"
          >
            Transfer their clients
          </Link>{' '}
          so someone follows them up.
        </p>
      ) : null}
      <ScrollRegion label="Accounts table" className="rounded-xl border border-stone-200 bg-white">
        <table className="w-full min-w-[44rem] text-left">
          <caption className="sr-only">Accounts of the practice, with their roles, status and actions</caption>
          <thead className="border-b border-stone-200 bg-stone-100 text-sm text-stone-700">
            <tr>
              <th scope="col" className="px-4 py-3 font-semibold">Name</th>
              <th scope="col" className="px-4 py-3 font-semibold">Roles</th>
              <th scope="col" className="px-4 py-3 font-semibold">Status</th>
              <th scope="col" className="px-4 py-3 font-semibold">Active clients</th>
              <th scope="col" className="px-4 py-3 font-semibold">Last sign-in</th>
              <th scope="col" className="px-4 py-3 font-semibold">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id} className="border-b border-stone-100 align-top last:border-0">
                <th scope="row" className="min-w-[14rem] px-4 py-3 text-left font-normal">
                  <span className="font-medium">{a.name}</span>
                  {a.isSelf ? <span className="text-stone-600"> (you)</span> : null}
                  <span className="block text-sm text-stone-600 [overflow-wrap:anywhere]">{a.email}</span>
                </th>
                <td className="px-4 py-3">{a.roles.map((r) => roleLabel[r]).join(', ')}</td>
                <td className="px-4 py-3">
                  <span className={`inline-block rounded px-2 py-0.5 text-sm font-medium ${statusStyle[a.status]}`}>{statusLabel[a.status]}</span>
                  {a.status === 'INVITED' ? (
                    <span className="block text-sm text-stone-600">
                      {a.inviteExpiresAt ? `Link open until ${formatDateTime(a.inviteExpiresAt, practice.timeZone)}` : 'Invitation expired'}
                    </span>
                  ) : null}
                  {a.status === 'ACTIVE' && a.hasMfa ? <span className="block text-sm text-stone-600">Two-step verification on</span> : null}
                </td>
                <td className="px-4 py-3">{a.activeClients}</td>
                <td className="px-4 py-3 text-stone-700">{a.lastSignInAt ? formatDate(a.lastSignInAt, practice.timeZone) : 'Never'}</td>
                <td className="px-4 py-3">
                  <AccountActions
                    name={a.name}
                    status={a.status}
                    roles={a.roles}
                    isSelf={a.isSelf}
                    activeClients={a.activeClients}
                    changeRoles={changeRolesAction.bind(null, a.id)}
                    deactivate={deactivateUserAction.bind(null, a.id)}
                    reactivate={reactivateUserAction.bind(null, a.id)}
                    resetPassword={resetPasswordAction.bind(null, a.id)}
                    resendInvite={resendInviteAction.bind(null, a.id)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  )
}
