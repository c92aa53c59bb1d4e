// The "Session notes" card: the list for the client's own clinician only.
import { listClientNotes } from '@/lib/db/notes'
import { canAccessClientNotes } from '@/lib/db/scope'
import { NotesSection } from '@/components/notes/notes-section'
import { getClientOr404 } from '../get-client-or-404'
import type { SectionProps } from './section-props'

export async function SessionNotesSection({ actor, clientId }: SectionProps) {
  const client = await getClientOr404(actor, clientId)
  // Only the client's own clinician reads notes; an admin sees that notes exist, never their text.
  const notes = canAccessClientNotes(actor, { primaryClinicianId: client.primaryClinician.id }) ? await listClientNotes(actor, client.id) : null
  return <NotesSection clientId={client.id} notes={notes} />
}
