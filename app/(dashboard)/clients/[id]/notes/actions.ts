'use server'
// Session note actions. Each starts with requireUser(), validates its input with zod, and makes one
// scoped call; "not yours" and "missing" are the same answer. Note text never reaches the logs.
import { redirect } from 'next/navigation'
import { revalidatePath } from 'next/cache'
import { requireUser } from '@/lib/auth/session'
import { ConflictError, NotFoundError } from '@/lib/db/errors'
import { amendNote, createNoteDraft, saveNoteDraft, setNoteScores, signNote } from '@/lib/db/notes'
import { expectedVersionInput, noteFieldErrors, noteInput, noteSaveInput } from '@/lib/validation/note'
import { isUuid } from '@/lib/validation/uuid'
import type { ActionState } from '@/lib/validation/action-state'
import type { NoteSaveResult, NoteSaveTarget, NoteScoresResult } from '@/components/notes/types'

const GONE = 'This note is no longer available to you. Copy your text before leaving this page.'

function known(e: unknown): { status: 'conflict' | 'not-found'; message: string } {
  if (e instanceof ConflictError) return { status: 'conflict', message: e.message }
  if (e instanceof NotFoundError) return { status: 'not-found', message: GONE }
  throw e
}

/** Autosave and "save": creates the draft on the first save, then saves it at the version seen. */
export async function saveNoteDraftAction(clientId: string, target: NoteSaveTarget, payload: unknown): Promise<NoteSaveResult> {
  const user = await requireUser()
  if (!isUuid(clientId) || typeof target !== 'object' || target === null) return { status: 'not-found', message: GONE }
  const raw = typeof payload === 'object' && payload !== null ? payload : {}
  try {
    if ('noteId' in target) {
      if (!isUuid(target.noteId)) return { status: 'not-found', message: GONE }
      const parsed = noteSaveInput.safeParse({ ...raw, expectedVersion: target.expectedVersion })
      if (!parsed.success) return { status: 'invalid', message: 'Not saved: please correct the highlighted fields.', fieldErrors: noteFieldErrors(parsed.error, raw) }
      const r = await saveNoteDraft(user, target.noteId, parsed.data)
      return { status: 'saved', id: target.noteId, version: r.version, savedAt: new Date().toISOString() }
    }
    if (!('draftId' in target) || !isUuid(target.draftId)) return { status: 'not-found', message: GONE }
    const parsed = noteInput.safeParse(raw)
    if (!parsed.success) return { status: 'invalid', message: 'Not saved: please correct the highlighted fields.', fieldErrors: noteFieldErrors(parsed.error, raw) }
    const r = await createNoteDraft(user, clientId, parsed.data, { id: target.draftId })
    return { status: 'saved', id: r.id, version: r.version, savedAt: new Date().toISOString() }
  } catch (e) {
    return known(e)
  }
}

/** "Insert scores" / "Remove scores": the snapshot is taken on the server and stored in the draft. */
export async function noteScoresAction(clientId: string, noteId: string, expectedVersion: number, mode: 'insert' | 'remove'): Promise<NoteScoresResult> {
  const user = await requireUser()
  const version = expectedVersionInput.safeParse(expectedVersion)
  if (!isUuid(clientId) || !isUuid(noteId) || !version.success || (mode !== 'insert' && mode !== 'remove')) return { status: 'not-found', message: GONE }
  try {
    const r = await setNoteScores(user, noteId, version.data, mode)
    return { status: 'saved', id: noteId, version: r.version, savedAt: new Date().toISOString(), snapshot: r.snapshot }
  } catch (e) {
    return known(e)
  }
}

export async function signNoteAction(clientId: string, noteId: string, expectedVersion: number): Promise<ActionState> {
  const user = await requireUser()
  const version = expectedVersionInput.safeParse(expectedVersion)
  if (!isUuid(clientId) || !isUuid(noteId) || !version.success) return { status: 'error', message: 'Note not found.' }
  try {
    await signNote(user, noteId, version.data)
  } catch (e) {
    const k = known(e)
    return { status: 'error', message: k.status === 'not-found' ? 'Note not found.' : k.message }
  }
  revalidatePath(`/clients/${clientId}`)
  revalidatePath(`/clients/${clientId}/notes/${noteId}`)
  return { status: 'success', message: 'Signed.' }
}

/** Starts (or reopens) the amendment of a signed note and opens it in the editor. */
export async function amendNoteAction(clientId: string, noteId: string, _prev?: ActionState): Promise<ActionState> {
  const user = await requireUser()
  if (!isUuid(clientId) || !isUuid(noteId)) return { status: 'error', message: 'Note not found.' }
  let id: string
  try {
    id = (await amendNote(user, noteId)).id
  } catch (e) {
    const k = known(e)
    return { status: 'error', message: k.status === 'not-found' ? 'Note not found.' : k.message }
  }
  revalidatePath(`/clients/${clientId}`)
  redirect(`/clients/${clientId}/notes/${id}`)
}
