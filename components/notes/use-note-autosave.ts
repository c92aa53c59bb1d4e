'use client'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { NotePayload, NoteSaveResult, SaveNoteFn } from './types'

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'invalid'; message: string }
  | { kind: 'offline'; message: string }
  | { kind: 'stopped'; message: string }
  | { kind: 'done'; message: string }

const DEBOUNCE_MS = 2_000
const RETRY_MS = 5_000

/** What an operation run after the pending save sees: the saved note and its version. */
export type NoteOp<T> = (noteId: string, version: number) => Promise<T>

/**
 * Autosave for the note editor. Saves ~2 s after the last change, and at once when a field loses
 * focus or the tab is hidden. One request at a time (a chain), each naming the version it edited;
 * the first save creates the draft. On a conflict, autosave stops for good and the text stays on
 * screen: the user copies it and reloads, nothing is overwritten.
 */
export function useNoteAutosave({
  payload,
  initialNoteId,
  initialVersion,
  draftId,
  save,
  onCreated,
}: {
  payload: NotePayload
  initialNoteId: string | null
  initialVersion: number
  draftId: string
  save: SaveNoteFn
  onCreated: (noteId: string) => void
}) {
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' })
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const latest = useRef(payload)
  const saved = useRef(payload) // the payload the server has (identity: payloads are memoised)
  const noteId = useRef(initialNoteId)
  const version = useRef(initialVersion)
  const stopped = useRef(false)
  const chain = useRef<Promise<unknown>>(Promise.resolve())
  const created = useRef(onCreated)

  useEffect(() => {
    latest.current = payload
    created.current = onCreated
  })

  const stop = useCallback((message: string) => {
    stopped.current = true
    setStatus({ kind: 'stopped', message })
  }, [])

  /** Applies a result; true when the note is saved as sent. */
  const apply = useCallback(
    (r: NoteSaveResult, sent?: NotePayload): boolean => {
      if (r.status === 'saved') {
        version.current = r.version
        if (!noteId.current) {
          noteId.current = r.id
          created.current(r.id)
        }
        if (sent) saved.current = sent
        setFieldErrors({})
        setStatus({ kind: 'saved', at: r.savedAt })
        return true
      }
      if (r.status === 'invalid') {
        setFieldErrors(r.fieldErrors)
        setStatus({ kind: 'invalid', message: r.message })
        return false
      }
      stop(r.message)
      return false
    },
    [stop],
  )

  // Not chained itself: only ever called from inside the chain.
  const saveIfDirty = useCallback(async (): Promise<boolean> => {
    if (stopped.current) return false
    const sent = latest.current
    if (!noteId.current && isBlank(sent)) return true // nothing typed yet: nothing to create
    if (sent === saved.current) return true
    setStatus({ kind: 'saving' })
    try {
      const target = noteId.current ? { noteId: noteId.current, expectedVersion: version.current } : { draftId }
      return apply(await save(target, sent), sent)
    } catch {
      // Network or server trouble: the text is still on the page; try again shortly.
      setStatus({ kind: 'offline', message: 'Not saved yet: the server could not be reached. Trying again…' })
      return false
    }
  }, [apply, draftId, save])

  const enqueue = useCallback(<T>(task: () => Promise<T>): Promise<T> => {
    const next = chain.current.then(task, task)
    chain.current = next.catch(() => undefined)
    return next
  }, [])

  const flush = useCallback(() => enqueue(saveIfDirty), [enqueue, saveIfDirty])

  /**
   * Runs an operation (sign, insert scores) after saving what is on screen, with the version that
   * save produced. Returns null when the note could not be saved first (the status says why).
   */
  const run = useCallback(
    <T>(op: NoteOp<T>, opts: { createIfNew?: boolean } = {}): Promise<T | null> =>
      enqueue(async () => {
        if (opts.createIfNew && !noteId.current && !stopped.current) {
          // An empty new note is still created when an operation needs it (e.g. insert scores).
          setStatus({ kind: 'saving' })
          try {
            const sent = latest.current
            if (!apply(await save({ draftId }, sent), sent)) return null
          } catch {
            setStatus({ kind: 'offline', message: 'Not saved yet: the server could not be reached. Try again in a moment.' })
            return null
          }
        }
        if (!(await saveIfDirty()) || !noteId.current) return null
        return op(noteId.current, version.current)
      }),
    [apply, draftId, enqueue, save, saveIfDirty],
  )

  /** After an operation that changed the note (new version), without a text change. */
  const acknowledge = useCallback((r: Exclude<NoteSaveResult, { status: 'invalid' }>) => apply(r), [apply])

  // Debounced autosave after typing.
  useEffect(() => {
    if (stopped.current || payload === saved.current) return
    const t = setTimeout(() => void flush(), DEBOUNCE_MS)
    return () => clearTimeout(t)
  }, [payload, flush])

  // Retry after a network failure (the text is still only on this page).
  useEffect(() => {
    if (status.kind !== 'offline') return
    const t = setTimeout(() => void flush(), RETRY_MS)
    return () => clearTimeout(t)
  }, [status, flush])

  // Leaving: save at once when the tab is hidden; warn before closing with unsaved text.
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') void flush()
    }
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!stopped.current && latest.current !== saved.current && !(isBlank(latest.current) && !noteId.current)) {
        void flush()
        e.preventDefault()
      }
    }
    document.addEventListener('visibilitychange', onHide)
    window.addEventListener('pagehide', onHide)
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => {
      document.removeEventListener('visibilitychange', onHide)
      window.removeEventListener('pagehide', onHide)
      window.removeEventListener('beforeunload', onBeforeUnload)
    }
  }, [flush])

  /** The note is finished (signed): no more saves; the status says so without alarm. */
  const finish = useCallback((message: string) => {
    stopped.current = true
    setStatus({ kind: 'done', message })
  }, [])

  return { status, fieldErrors, flush, run, acknowledge, finish }
}

/** A new note with nothing written, rated or ticked: no reason to create a draft. */
function isBlank(p: NotePayload): boolean {
  return Object.values(p.body).every((v) => v.trim() === '') && p.goals.length === 0 && p.signs.length === 0
}
