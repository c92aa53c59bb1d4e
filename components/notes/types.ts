// The contract between the note editor (client) and its server actions. Plain data only.
import type { ScoreSnapshot } from '@/lib/notes/snapshot'
import type { NoteBody, NoteFormat } from '@/lib/notes/templates'
import type { ActionState, SaveResult } from '@/lib/actions/result'

export interface NotePayload {
  sessionDate: string
  format: NoteFormat
  body: NoteBody
  goals: { goalId: string; rating: number | null; comment: string }[]
  signs: string[]
}

/** Where a save goes: the existing draft at the version the editor last saw, or a new draft. */
export type NoteSaveTarget = { noteId: string; expectedVersion: number } | { draftId: string }

export type NoteSaveResult = SaveResult

/** Scores are taken on the server: nothing the user typed can be invalid here. */
export type NoteScoresResult = Exclude<SaveResult<{ snapshot: ScoreSnapshot | null }>, { status: 'invalid' }>

export type SaveNoteFn = (target: NoteSaveTarget, payload: NotePayload) => Promise<NoteSaveResult>
export type NoteScoresFn = (noteId: string, expectedVersion: number, mode: 'insert' | 'remove') => Promise<NoteScoresResult>
export type SignNoteFn = (noteId: string, expectedVersion: number) => Promise<ActionState>

/** What the editor starts from: a saved draft, or nothing yet (a new note). */
export interface EditorInitial {
  noteId: string | null
  version: number
  payload: NotePayload
  snapshot: ScoreSnapshot | null
  /** Revision > 1: this draft amends a signed note. */
  revision: number
}
