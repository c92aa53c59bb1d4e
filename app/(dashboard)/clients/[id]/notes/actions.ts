'use server'
// Session note actions. Each starts with the guard, parses its ids and input, and makes one scoped
// call; "not yours" and "missing" are the same answer. Note text never reaches the logs.
import { redirect } from 'next/navigation'
import { revalidatePath } from 'next/cache'
import type { z } from 'zod'
import { requireRole } from '@/lib/auth/session'
import { amendNote, createNoteDraft, saveNoteDraft, setNoteScores, signNote } from '@/lib/db/notes'
import { expectedVersionInput, noteFieldErrors, noteInput, noteSaveInput } from '@/lib/validation/note'
import { parseIds } from '@/lib/validation/uuid'
import { ok, recordNotFound, type ActionState, type SaveRefusal } from '@/lib/actions/result'
import { fromKnownError, saveRefusalFromKnownError } from '@/lib/actions/known-errors'
import type { NoteSaveResult, NoteSaveTarget, NoteScoresResult } from '@/components/notes/types'

const GONE = 'This note is no longer available to you. Copy your text before leaving this page.'
const gone = (): SaveRefusal => ({ status: 'not-found', message: GONE })

const notSaved = (error: z.ZodError, raw: unknown): NoteSaveResult => ({
  status: 'invalid',
  message: 'Not saved: please correct the highlighted fields.',
  fieldErrors: noteFieldErrors(error, raw),
})

const saved = (id: string, version: number) => ({ status: 'saved' as const, id, version, savedAt: new Date().toISOString() })

/** Autosave and "save": creates the draft on the first save, then saves it at the version seen. */
export async function saveNoteDraftAction(clientId: string, target: NoteSaveTarget, payload: unknown): Promise<NoteSaveResult> {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  if (typeof target !== 'object' || target === null) return gone()
  // A new draft's id is made by the editor, so a retried first save cannot create two drafts.
  const noteId = 'noteId' in target ? target.noteId : 'draftId' in target ? target.draftId : null
  if (!parseIds({ clientId, noteId })) return gone()
  const raw = typeof payload === 'object' && payload !== null ? payload : {}
  try {
    if ('noteId' in target) {
      const parsed = noteSaveInput.safeParse({ ...raw, expectedVersion: target.expectedVersion })
      if (!parsed.success) return notSaved(parsed.error, raw)
      return saved(target.noteId, (await saveNoteDraft(user, target.noteId, parsed.data)).version)
    }
    const parsed = noteInput.safeParse(raw)
    if (!parsed.success) return notSaved(parsed.error, raw)
    const r = await createNoteDraft(user, clientId, parsed.data, { id: target.draftId })
    return saved(r.id, r.version)
  } catch (e) {
    return saveRefusalFromKnownError(e, GONE)
  }
}

/** "Insert scores" / "Remove scores": the snapshot is taken on the server and stored in the draft. */
export async function noteScoresAction(clientId: string, noteId: string, expectedVersion: number, mode: 'insert' | 'remove'): Promise<NoteScoresResult> {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  const version = expectedVersionInput.safeParse(expectedVersion)
  if (!parseIds({ clientId, noteId }) || !version.success || (mode !== 'insert' && mode !== 'remove')) return gone()
  try {
    const r = await setNoteScores(user, noteId, version.data, mode)
    return { ...saved(noteId, r.version), snapshot: r.snapshot }
  } catch (e) {
    return saveRefusalFromKnownError(e, GONE)
  }
}

export async function signNoteAction(clientId: string, noteId: string, expectedVersion: number): Promise<ActionState> {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  const version = expectedVersionInput.safeParse(expectedVersion)
  if (!parseIds({ clientId, noteId }) || !version.success) return recordNotFound('Note')
  try {
    await signNote(user, noteId, version.data)
  } catch (e) {
    return fromKnownError(e, 'Note')
  }
  revalidatePath(`/clients/${clientId}`)
  revalidatePath(`/clients/${clientId}/notes/${noteId}`)
  return ok('Signed.')
}

/** Starts (or reopens) the amendment of a signed note and opens it in the editor. */
export async function amendNoteAction(clientId: string, noteId: string, _prev?: ActionState): Promise<ActionState> {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  if (!parseIds({ clientId, noteId })) return recordNotFound('Note')
  let id: string
  try {
    id = (await amendNote(user, noteId)).id
  } catch (e) {
    return fromKnownError(e, 'Note')
  }
  revalidatePath(`/clients/${clientId}`)
  redirect(`/clients/${clientId}/notes/${id}`)
}
