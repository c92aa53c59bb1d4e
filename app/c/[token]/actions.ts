'use server'
// Public endpoints of the check-in page. Server actions are reachable by anyone, so the token is
// the only credential, every input is parsed here, and failures come back as plain results:
// never an exception or an error message from the server.
import { z } from 'zod'
import { saveCheckInDraft, submitCheckIn } from '@/lib/db/checkin-public'
import { logger } from '@/lib/log'

export type SaveDraftActionResult = { status: 'ok' | 'inactive' | 'not-found' | 'invalid' | 'error' }

export type SubmitActionResult =
  | { status: 'submitted'; crisis: boolean; replay: boolean }
  | { status: 'incomplete'; missing: Record<string, number[]> }
  | { status: 'inactive' | 'not-found' | 'invalid' | 'error' }

// Shapes only; lib/db checks the answers against the check-in's own items and instruments.
const token = z.string().min(1).max(64)
const answerMap = z
  .record(z.uuid(), z.array(z.number().int().min(0).max(100).nullable()).max(100))
  .refine((m) => Object.keys(m).length <= 20)
const submissionKey = z.uuid()

export async function saveCheckInDraftAction(rawToken: unknown, draft: unknown): Promise<SaveDraftActionResult> {
  const t = token.safeParse(rawToken)
  if (!t.success) return { status: 'not-found' }
  const d = answerMap.safeParse(draft)
  if (!d.success) return { status: 'invalid' }
  try {
    return await saveCheckInDraft(t.data, d.data)
  } catch (e) {
    logger.error('checkin.draft.failed', { error: e instanceof Error ? e.name : 'unknown' })
    return { status: 'error' }
  }
}

export async function submitCheckInAction(rawToken: unknown, rawKey: unknown, answers: unknown): Promise<SubmitActionResult> {
  const t = token.safeParse(rawToken)
  if (!t.success) return { status: 'not-found' }
  const k = submissionKey.safeParse(rawKey)
  const a = answerMap.safeParse(answers)
  if (!k.success || !a.success) return { status: 'invalid' }
  try {
    const r = await submitCheckIn(t.data, k.data, a.data)
    // Copy field by field: only plain, expected data goes back to the browser.
    switch (r.status) {
      case 'submitted':
        return { status: 'submitted', crisis: r.crisis, replay: r.replay }
      case 'incomplete':
        return { status: 'incomplete', missing: r.missing }
      default:
        return { status: r.status }
    }
  } catch (e) {
    logger.error('checkin.submit.failed', { error: e instanceof Error ? e.name : 'unknown' })
    return { status: 'error' }
  }
}
