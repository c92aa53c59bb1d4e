// "Details": the client's record in an edit form, folded away; an admin may also reassign the clinician.
import { isAdmin } from '@/lib/auth/actor'
import { listPracticeClinicians } from '@/lib/db/users'
import { isoDay } from '@/lib/format'
import { ClientForm } from '@/components/clients/client-form'
import { updateClientAction } from '../../actions'
import { getClientOr404 } from '../get-client-or-404'
import { card, type SectionProps } from './section-props'

export async function ClientDetailsSection({ actor, clientId }: SectionProps) {
  const [client, clinicians] = await Promise.all([getClientOr404(actor, clientId), isAdmin(actor) ? listPracticeClinicians(actor) : undefined])
  return (
    <details className={card}>
      <summary className="cursor-pointer text-lg font-semibold">Details</summary>
      <div className="mt-4">
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
      </div>
    </details>
  )
}
