import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { currentPractice, requireRole } from '@/lib/auth/session'
import { getClientOr404 } from '../../get-client-or-404'
import { NotFoundError } from '@/lib/db/errors'
import { getNote, listNoteGoalOptions, listNoteVersions, type NoteDetail } from '@/lib/db/notes'
import { templateFor } from '@/lib/notes/templates'
import { todayInTimeZone } from '@/lib/scheduling/recurrence'
import { formatDate, formatDateTime } from '@/lib/format'
import { NoteEditor } from '@/components/notes/note-editor'
import { NoteView } from '@/components/notes/note-view'
import { VersionHistory } from '@/components/notes/version-history'
import { AmendButton } from '@/components/notes/amend-button'
import { amendNoteAction, noteScoresAction, saveNoteDraftAction, signNoteAction } from '../actions'
import { must } from '@/lib/must'

export const metadata: Metadata = { title: 'Session note' }

async function load<T>(p: Promise<T>): Promise<T> {
  try {
    return await p
  } catch (e) {
    if (e instanceof NotFoundError) notFound()
    throw e
  }
}

/** A draft the user wrote opens in the editor; anything else (signed, or an older version) is read-only. */
export default async function NotePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; noteId: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  const { id, noteId } = await params
  const query = await searchParams
  let note: NoteDetail = await load(getNote(user, noteId))
  if (note.clientId !== id) notFound()
  const [client, practice, versions] = await Promise.all([getClientOr404(user, id), currentPractice(), load(listNoteVersions(user, note.rootId))])
  const wanted = typeof query.revision === 'string' ? Number.parseInt(query.revision, 10) : null
  if (wanted !== null) {
    const v = versions.find((x) => x.revision === wanted)
    if (!v) notFound()
    if (v.id !== note.id) note = await load(getNote(user, v.id))
  }
  const tz = practice.timeZone
  const name = client.preferredName ? `${client.preferredName} ${client.lastName}` : `${client.firstName} ${client.lastName}`
  // A note has at least one version: the one loaded above.
  const latest = must(versions.at(-1), 'the latest version of the note')
  const showHistory = versions.length > 1 || note.status === 'SIGNED'
  const history = (
    <VersionHistory
      baseHref={`/clients/${id}/notes/${latest.id}`}
      current={note.revision}
      timeZone={tz}
      versions={versions.map((v) => ({
        revision: v.revision,
        status: v.status,
        author: v.author,
        createdAt: v.createdAt.toISOString(),
        signedAt: v.signedAt?.toISOString() ?? null,
        signedBy: v.signedBy,
      }))}
    />
  )
  const header = (
    <>
      <p className="no-print">
        <Link href={`/clients/${id}`} className="text-accent-700 underline underline-offset-4">
          ← Back to {name}
        </Link>
      </p>
      <div>
        <h1 className="text-2xl font-semibold">Session note · {formatDate(`${note.sessionDate}T00:00:00Z`, 'UTC')}</h1>
        <p className="text-stone-600">
          {name} · {templateFor(note.format).label} · version {note.revision} ·{' '}
          {note.status === 'SIGNED'
            ? `signed by ${note.signedBy?.name ?? note.author.name} on ${formatDateTime(note.signedAt ?? note.updatedAt, tz)}`
            : `draft by ${note.author.name}, last saved ${formatDateTime(note.updatedAt, tz)}`}
        </p>
      </div>
    </>
  )

  if (note.canEdit) {
    const today = todayInTimeZone(new Date(), tz)
    const goals = await listNoteGoalOptions(user, id)
    return (
      <div className="flex max-w-3xl flex-col gap-4">
        {header}
        <NoteEditor
          key={note.id}
          clientId={id}
          draftId={note.id}
          initial={{
            noteId: note.id,
            version: note.version,
            revision: note.revision,
            snapshot: note.snapshot,
            payload: {
              sessionDate: note.sessionDate,
              format: note.format,
              body: note.body,
              goals: note.goals.map((g) => ({ goalId: g.goalId, rating: g.rating, comment: g.comment })),
              signs: note.signs,
            },
          }}
          goals={goals}
          today={today}
          timeZone={tz}
          save={saveNoteDraftAction.bind(null, id)}
          scores={noteScoresAction.bind(null, id)}
          sign={signNoteAction.bind(null, id)}
        />
        {versions.length > 1 ? history : null}
      </div>
    )
  }

  return (
    <div className="flex max-w-3xl flex-col gap-6">
      {header}
      {!note.isLatest ? (
        <p className="rounded-md bg-stone-100 px-3 py-2 text-stone-800">
          This is an earlier version.{' '}
          <Link href={`/clients/${id}/notes/${latest.id}`} className="text-accent-700 underline underline-offset-4">
            Open the latest version ({latest.revision})
          </Link>
        </p>
      ) : null}
      {note.status === 'DRAFT' ? (
        <p className="rounded-md bg-stone-100 px-3 py-2 text-stone-800">
          This draft was started by {note.author.name} and has not been signed. Only its author can edit it.
        </p>
      ) : null}
      <article aria-label="Note" className="rounded-xl border border-stone-200 bg-white p-4 sm:p-6">
        <NoteView note={note} timeZone={tz} />
      </article>
      {note.status === 'SIGNED' && note.isLatest ? <AmendButton amend={amendNoteAction.bind(null, id, note.id)} /> : null}
      {showHistory ? history : null}
    </div>
  )
}
