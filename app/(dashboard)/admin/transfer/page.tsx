import type { Metadata } from 'next'
import { requireRole } from '@/lib/auth/session'
import { listTransferChoices } from '@/lib/db/admin-users'
import { AdminNav } from '@/components/admin/admin-nav'
import { TransferForm } from '@/components/admin/transfer-form'
import { transferClientsAction } from '../actions'

export const metadata: Metadata = { title: 'Transfer clients' }

export default async function TransferPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireRole('ADMIN')
  const params = await searchParams
  const clinicians = await listTransferChoices(admin)
  const from = typeof params.from === 'string' ? params.from : undefined
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-3">
        <h1 className="text-2xl font-semibold">Practice admin</h1>
        <AdminNav />
      </div>
      <div>
        <h2 className="text-xl font-semibold">Transfer clients</h2>
        <p className="max-w-2xl text-stone-600">
          Move one client, several, or a whole caseload to another active clinician, for example when someone leaves the practice. The receiving clinician sees
          them at once.
        </p>
      </div>
      <TransferForm clinicians={clinicians} initialFrom={from} action={transferClientsAction} />
    </div>
  )
}
