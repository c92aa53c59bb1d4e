// The "Session notes" card on a client's page: a link to write a new note and the notes so far
// (latest version of each, no text). Plain data in; renders on the server.
import Link from 'next/link'
import { buttonStyles } from '@/components/ui/button-styles'
import { formatDate } from '@/lib/format'
import { templateFor, type NoteFormat } from '@/lib/notes/templates'

export interface NotesSectionItem {
  /** The latest revision's id. */
  id: string
  /** YYYY-MM-DD */
  sessionDate: string
  format: NoteFormat
  status: 'DRAFT' | 'SIGNED'
  revision: number
  amending: boolean
  goalTitles: string[]
}

function statusText(n: NotesSectionItem): string {
  if (n.amending) return `Amendment in progress (version ${n.revision})`
  if (n.status === 'DRAFT') return 'Draft'
  return n.revision > 1 ? `Signed · amended (${n.revision} versions)` : 'Signed'
}

export function NotesSection({ clientId, notes, canWrite = true }: { clientId: string; notes: NotesSectionItem[] | null; canWrite?: boolean }) {
  return (
    <section aria-labelledby="notes-heading" className="rounded-xl border border-stone-200 bg-white p-4 sm:p-6">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="notes-heading" className="text-lg font-semibold">
          Session notes
        </h2>
        {notes && canWrite ? (
          <Link href={`/clients/${clientId}/notes/new`} className={buttonStyles.primary}>
            Write a note
          </Link>
        ) : null}
      </div>
      {notes === null ? (
        <p className="text-stone-600">Session notes are seen only by the client&rsquo;s own clinician.</p>
      ) : notes.length === 0 ? (
        <p className="text-stone-600">No notes yet. Write one after a session: it saves as you type, and you sign it when it is final.</p>
      ) : (
        <ul className="flex flex-col divide-y divide-stone-100">
          {notes.map((n) => (
            <li key={n.id} className="py-3">
              <Link href={`/clients/${clientId}/notes/${n.id}`} className="font-medium text-accent-700 underline underline-offset-4">
                Session {formatDate(`${n.sessionDate}T00:00:00Z`, 'UTC')}
              </Link>
              <p className="text-sm text-stone-700">
                {templateFor(n.format).label} · <span className={n.status === 'DRAFT' ? 'font-medium text-stone-900' : ''}>{statusText(n)}</span>
              </p>
              {n.goalTitles.length > 0 ? <p className="text-sm text-stone-600">Goals: {n.goalTitles.join('; ')}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
