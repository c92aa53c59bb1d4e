import type { Metadata } from 'next'
import { requireRole } from '@/lib/auth/session'
import { listPracticeUsers, getPractice } from '@/lib/db/users'
import { formatDate } from '@/lib/format'
import { ScrollRegion } from '@/components/ui/scroll-region'

export const metadata: Metadata = { title: 'Accounts' }

const roleLabel = { ADMIN: 'Admin', CLINICIAN: 'Clinician' } as const

export default async function AdminPage() {
  const user = await requireRole('ADMIN')
  const [users, practice] = await Promise.all([listPracticeUsers(user), getPractice(user)])
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Accounts</h1>
        <p className="text-stone-600">
          {practice.name} · {users.filter((u) => u.status === 'ACTIVE').length} active accounts · sessions end after{' '}
          {practice.idleTimeoutMinutes} minutes without activity
        </p>
      </div>
      <ScrollRegion label="Accounts table" className="rounded-xl border border-stone-200 bg-white">
        <table className="w-full min-w-[36rem] text-left">
          <caption className="sr-only">Accounts of the practice</caption>
          <thead className="border-b border-stone-200 bg-stone-100 text-sm text-stone-700">
            <tr>
              <th scope="col" className="px-4 py-3 font-semibold">Name</th>
              <th scope="col" className="px-4 py-3 font-semibold">Email</th>
              <th scope="col" className="px-4 py-3 font-semibold">Roles</th>
              <th scope="col" className="px-4 py-3 font-semibold">Status</th>
              <th scope="col" className="px-4 py-3 font-semibold">Active clients</th>
              <th scope="col" className="px-4 py-3 font-semibold">Last sign-in</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-b border-stone-100 last:border-0">
                <td className="px-4 py-3 font-medium">{u.name}</td>
                <td className="px-4 py-3 text-stone-700">{u.email}</td>
                <td className="px-4 py-3">{u.roles.map((r) => roleLabel[r]).join(', ')}</td>
                <td className="px-4 py-3">{u.status === 'ACTIVE' ? 'Active' : 'Deactivated'}</td>
                <td className="px-4 py-3">{u._count.caseload}</td>
                <td className="px-4 py-3 text-stone-700">{u.lastSignInAt ? formatDate(u.lastSignInAt, practice.timeZone) : 'Never'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <p className="text-stone-600">Inviting, deactivating and transferring accounts is coming to this page.</p>
    </div>
  )
}
