import type { Metadata } from 'next'
import Link from 'next/link'
import { currentPractice, requireRole } from '@/lib/auth/session'
import { isAdmin, isClinician } from '@/lib/auth/actor'
import { listPracticeClinicians } from '@/lib/db/users'
import { todayInTimeZone } from '@/lib/scheduling/recurrence'
import { ClientForm } from '@/components/clients/client-form'
import { createClientAction } from '../actions'

export const metadata: Metadata = { title: 'Add client' }

export default async function NewClientPage() {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  const [clinicians, practice] = await Promise.all([isAdmin(user) ? listPracticeClinicians(user) : undefined, currentPractice()])
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href="/clients" className="text-accent-700 underline underline-offset-4">
          ← Back to clients
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">Add client</h1>
      <ClientForm
        action={createClientAction}
        mode="create"
        clinicians={clinicians}
        allowSelf={isClinician(user)}
        today={todayInTimeZone(new Date(), practice.timeZone)}
      />
    </div>
  )
}
