// "Details": the client's record in an edit form, folded away; an admin may also reassign the clinician.
import { isoDay } from '@/lib/format'
import { todayInTimeZone } from '@/lib/scheduling/recurrence'
import { ClientForm } from '@/components/clients/client-form'
import { updateClientAction } from '../../actions'
import { getClientOverviewOr404 } from '../get-client-or-404'
import { card, type SectionProps } from './section-props'

export async function ClientDetailsSection({ actor, clientId, timeZone }: SectionProps) {
  const { client, clinicians } = await getClientOverviewOr404(actor, clientId)
  return (
    <details className={card}>
      <summary className="cursor-pointer text-lg font-semibold">Details</summary>
      <div className="mt-4">
        <ClientForm
          action={updateClientAction.bind(null, client.id)}
          mode="edit"
          clinicians={clinicians}
          today={todayInTimeZone(new Date(), timeZone)}
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
