'use client'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { AnswerMap } from '@/lib/checkins/types'
import type { SaveDraftFn } from './types'

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed'

const DEBOUNCE_MS = 600

/**
 * Saves the answers to the server ~600 ms after the last change. The server draft (encrypted) is
 * the only copy outside this page: answers are never put in localStorage or sessionStorage.
 * One save at a time; a change made while saving is saved right after.
 */
export function useDraftAutosave(
  token: string,
  answers: AnswerMap,
  saveDraft: SaveDraftFn,
  { enabled, onClosed }: { enabled: boolean; onClosed: () => void },
): SaveState {
  const [state, setState] = useState<SaveState>('idle')
  const initial = useRef(answers)
  const latest = useRef(answers)
  const inFlight = useRef(false)
  const again = useRef(false)
  const closedRef = useRef(onClosed)

  useEffect(() => {
    latest.current = answers
    closedRef.current = onClosed
  })

  const flush = useCallback(async () => {
    if (inFlight.current) {
      again.current = true
      return
    }
    inFlight.current = true
    setState('saving')
    try {
      do {
        again.current = false
        const r = await saveDraft(token, latest.current)
        if (r.status === 'inactive' || r.status === 'not-found') {
          closedRef.current()
          return
        }
        setState(r.status === 'ok' ? 'saved' : 'failed')
      } while (again.current)
    } catch {
      // Network or server trouble: the answers are still on the page; the next change retries.
      setState('failed')
    } finally {
      inFlight.current = false
    }
  }, [saveDraft, token])

  useEffect(() => {
    // Nothing to save until the client changes something (the loaded draft is already saved).
    if (!enabled || answers === initial.current) return
    const timer = setTimeout(() => void flush(), DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [answers, enabled, flush])

  return state
}
