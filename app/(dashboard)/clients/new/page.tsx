import type { Metadata } from 'next'
import Link from 'next/link'
import { requireRole } from '@/lib/auth/session'
import { isAdmin, isClinician } from '@/lib/auth/actor'
import { listPracticeClinicians } from '@/lib/db/users'
import { ClientForm } from '@/components/clients/client-form'
import { createClientAction } from '../actions'

export const metadata: Metadata = { title: 'Add client' }

export default async function NewClientPage() {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  const clinicians = isAdmin(user) ? await listPracticeClinicians(user) : undefined
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href="/clients" className="text-accent-700 underline underline-offset-4">
          ← Back to clients
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">Add client</h1>
      <ClientForm action={createClientAction} mode="create" clinicians={clinicians} allowSelf={isClinician(user)} today={new Date().toISOString().slice(0, 10)} />
    </div>
  )
}
