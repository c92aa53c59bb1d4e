import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { requireRole } from '@/lib/auth/session'
import { isAdmin } from '@/lib/auth/actor'
import { getClient } from '@/lib/db/clients'
import { NotFoundError } from '@/lib/db/errors'
import { getPractice, listPracticeClinicians } from '@/lib/db/users'
import { formatCalendarDate, formatDate, isoDay } from '@/lib/format'
import { ClientForm } from '@/components/clients/client-form'
import { updateClientAction } from '../actions'

export const metadata: Metadata = { title: 'Client' }

export default async function ClientPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  const { id } = await params
  const query = await searchParams
  let client
  try {
    client = await getClient(user, id)
  } catch (e) {
    if (e instanceof NotFoundError) notFound()
    throw e
  }
  const [practice, clinicians] = await Promise.all([getPractice(user), isAdmin(user) ? listPracticeClinicians(user) : undefined])
  const display = client.preferredName ? `${client.firstName} (${client.preferredName}) ${client.lastName}` : `${client.firstName} ${client.lastName}`

  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href="/clients" className="text-accent-700 underline underline-offset-4">
          ← Back to clients
        </Link>
      </p>
      {query.created ? (
        <p role="status" className="rounded-md bg-accent-50 px-3 py-2 text-accent-800">
          Client added.
        </p>
      ) : null}
      <div>
        <h1 className="text-2xl font-semibold">{display}</h1>
        <p className="text-stone-600">
          {client.status === 'ACTIVE' ? 'Active' : 'Discharged'} · Clinician {client.primaryClinician.name} · Episode of care since{' '}
          {formatCalendarDate(client.episodeStart)} · Added {formatDate(client.createdAt, practice.timeZone)}
        </p>
      </div>
      <section aria-labelledby="details-heading" className="rounded-xl border border-stone-200 bg-white p-4 sm:p-6">
        <h2 id="details-heading" className="mb-4 text-lg font-semibold">
          Details
        </h2>
        <ClientForm
          action={updateClientAction.bind(null, client.id)}
          mode="edit"
          clinicians={clinicians}
          today={isoDay(new Date())}
          initial={{
            firstName: client.firstName,
            lastName: client.lastName,
            preferredName: client.preferredName,
            email: client.email,
            phone: client.phone,
            dateOfBirth: isoDay(client.dateOfBirth),
            episodeStart: isoDay(client.episodeStart),
            status: client.status,
            primaryClinicianId: client.primaryClinician.id,
          }}
        />
      </section>
    </div>
  )
}
