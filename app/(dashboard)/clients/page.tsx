import type { Metadata } from 'next'
import Link from 'next/link'
import { requireRole } from '@/lib/auth/session'
import { isAdmin, isClinician } from '@/lib/auth/actor'
import { listClients } from '@/lib/db/clients'
import { getPractice } from '@/lib/db/users'
import { countOpenFlags } from '@/lib/db/risk-flags'
import { formatDate } from '@/lib/format'
import { buttonStyles } from '@/components/ui/button'
import { ScrollRegion } from '@/components/ui/scroll-region'

export const metadata: Metadata = { title: 'Clients' }

export default async function ClientsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  const params = await searchParams
  const admin = isAdmin(user)
  // An admin who also sees clients starts on their own caseload and can widen to the practice.
  const showAll = admin && (!isClinician(user) || params.scope === 'all')
  const [clients, practice, flags] = await Promise.all([listClients(user, { mine: !showAll }), getPractice(user), countOpenFlags(user)])
  const active = clients.filter((c) => c.status === 'ACTIVE').length

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{showAll ? 'All clients' : 'My caseload'}</h1>
          <p className="text-stone-600">
            {practice.name} · {active} active {active === 1 ? 'client' : 'clients'}
          </p>
        </div>
        <div className="flex flex-wrap gap-3">
          {admin && isClinician(user) ? (
            <Link href={showAll ? '/clients' : '/clients?scope=all'} className={buttonStyles.secondary}>
              {showAll ? 'Show my caseload' : 'Show all practice clients'}
            </Link>
          ) : null}
          <Link href="/clients/new" className={buttonStyles.primary}>
            Add client
          </Link>
        </div>
      </div>

      {clients.length === 0 ? (
        <div className="rounded-xl border border-dashed border-stone-300 bg-white p-8 text-center">
          <h2 className="text-lg font-semibold">No clients yet</h2>
          <p className="mt-1 text-stone-600">Add your first client to start assigning check-ins and tracking progress.</p>
          <Link href="/clients/new" className={`${buttonStyles.primary} mt-4`}>
            Add a client
          </Link>
        </div>
      ) : (
        <ScrollRegion label="Clients table" className="rounded-xl border border-stone-200 bg-white">
          <table className="w-full min-w-[32rem] text-left">
            <caption className="sr-only">
              {showAll ? 'All clients of the practice' : 'Clients on your caseload'}, sorted by status then last name
            </caption>
            <thead className="border-b border-stone-200 bg-stone-100 text-sm text-stone-700">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">Client</th>
                <th scope="col" className="px-4 py-3 font-semibold">Status</th>
                <th scope="col" className="px-4 py-3 font-semibold">Risk</th>
                {showAll ? <th scope="col" className="px-4 py-3 font-semibold">Clinician</th> : null}
                <th scope="col" className="px-4 py-3 font-semibold">Added</th>
              </tr>
            </thead>
            <tbody>
              {clients.map((c) => (
                <tr key={c.id} className={`border-b border-stone-100 last:border-0 ${flags.get(c.id) ? 'bg-red-50' : 'hover:bg-stone-50'}`}>
                  <td className="px-4 py-3">
                    <Link href={`/clients/${c.id}`} className="font-medium text-accent-800 underline-offset-4 hover:underline">
                      {c.lastName}, {c.firstName}
                    </Link>
                    {c.preferredName ? <span className="text-stone-600"> ({c.preferredName})</span> : null}
                  </td>
                  <td className="px-4 py-3">
                    <StatusBadge status={c.status} />
                  </td>
                  <td className="px-4 py-3">
                    {flags.get(c.id) ? (
                      <span className="rounded-full border border-red-700 bg-white px-2 py-1 text-sm font-semibold text-red-900">
                        {flags.get(c.id)} open risk {flags.get(c.id) === 1 ? 'flag' : 'flags'}
                      </span>
                    ) : (
                      <span className="text-stone-600">None</span>
                    )}
                  </td>
                  {showAll ? <td className="px-4 py-3 text-stone-700">{c.primaryClinician.name}</td> : null}
                  <td className="px-4 py-3 text-stone-700">{formatDate(c.createdAt, practice.timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </div>
  )
}

function StatusBadge({ status }: { status: 'ACTIVE' | 'DISCHARGED' }) {
  return status === 'ACTIVE' ? (
    <span className="rounded-full bg-accent-50 px-2 py-1 text-sm font-medium text-accent-800">Active</span>
  ) : (
    <span className="rounded-full bg-stone-100 px-2 py-1 text-sm font-medium text-stone-700">Discharged</span>
  )
}
