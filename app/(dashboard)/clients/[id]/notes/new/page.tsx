import crypto from 'node:crypto'
import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { currentPractice, requireRole } from '@/lib/auth/session'
import { getClientOr404 } from '../../get-client-or-404'
import { listNoteGoalOptions } from '@/lib/db/notes'
import { canAccessClientNotes } from '@/lib/db/scope'
import { emptyBody } from '@/lib/notes/templates'
import { todayInTimeZone } from '@/lib/scheduling/recurrence'
import { NoteEditor } from '@/components/notes/note-editor'
import { noteScoresAction, saveNoteDraftAction, signNoteAction } from '../actions'

export const metadata: Metadata = { title: 'New session note' }

/** Shows an empty editor. Nothing is written until the first autosave creates the draft. */
export default async function NewNotePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  const { id } = await params
  const client = await getClientOr404(user, id)
  // Notes belong to the client's own clinician only (an admin who can see the client cannot).
  if (!canAccessClientNotes(user, { primaryClinicianId: client.primaryClinician.id })) notFound()
  const [practice, goals] = await Promise.all([currentPractice(), listNoteGoalOptions(user, client.id)])
  const today = todayInTimeZone(new Date(), practice.timeZone)
  const name = client.preferredName ? `${client.preferredName} ${client.lastName}` : `${client.firstName} ${client.lastName}`

  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <p className="no-print">
        <Link href={`/clients/${client.id}`} className="text-accent-700 underline underline-offset-4">
          ← Back to {name}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">New session note</h1>
      <p className="text-stone-600">For {name}. The note saves as you type and stays a draft, visible only to you, until you sign it.</p>
      <NoteEditor
        clientId={client.id}
        draftId={crypto.randomUUID()}
        initial={{
          noteId: null,
          version: 0,
          revision: 1,
          snapshot: null,
          payload: { sessionDate: today, format: 'FREE', body: emptyBody('FREE'), goals: [], signs: [] },
        }}
        goals={goals}
        today={today}
        timeZone={practice.timeZone}
        save={saveNoteDraftAction.bind(null, client.id)}
        scores={noteScoresAction.bind(null, client.id)}
        sign={signNoteAction.bind(null, client.id)}
      />
    </div>
  )
}
