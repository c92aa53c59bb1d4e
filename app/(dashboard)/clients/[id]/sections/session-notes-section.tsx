// The "Session notes" card: the list for the client's own clinician only.
import { NotesSection } from '@/components/notes/notes-section'
import { getClientOverviewOr404 } from '../get-client-or-404'
import type { SectionProps } from './section-props'

export async function SessionNotesSection({ actor, clientId }: SectionProps) {
  // Only the client's own clinician reads notes (null for anyone else); an admin sees that notes
  // exist, never their text.
  const { client, notes } = await getClientOverviewOr404(actor, clientId)
  return <NotesSection clientId={client.id} notes={notes} />
}
