// What the check-in page (pages/c/[token].tsx) and its draft route (app/c/[token]/draft/route.ts)
// do with a client's answers. Both are reachable by anyone, so the token is the only credential,
// every input is parsed here, and failures come back as plain results: never an exception or an
// error message from the server. Both go through the per-address limit on link lookups
// (lib/db/system/checkin-link-throttle.ts); `address` is the caller's (lib/auth/request-ip.ts).
import 'server-only'
import { z } from 'zod'
import { saveCheckInDraftFrom, submitCheckInFrom } from '@/lib/db/system/checkin-link-throttle'
import { logger } from '@/lib/log'
import { uuidSchema } from '@/lib/validation/uuid'
import type { SaveDraftActionResult, SubmitActionResult } from '@/lib/checkins/types'

// Shapes only; lib/db checks the answers against the check-in's own items and instruments.
const token = z.string().min(1).max(64)
export const answerMap = z.record(uuidSchema(), z.array(z.number().int().min(0).max(100).nullable()).max(100)).refine((m) => Object.keys(m).length <= 20)
const submissionKey = uuidSchema()

// A token that fails the schema is still a guess: it is looked up as '' (never well formed), so it
// is counted and, from a blocked address, refused like any other.
export function tokenOf(raw: unknown): string {
  const t = token.safeParse(raw)
  return t.success ? t.data : ''
}

// 'error' keeps the client's answers on the page and asks them to try again later, which is what
// they should do. The full "Too many attempts" page is shown on the next load of the link.
const REFUSED = { status: 'error' } as const

export async function saveCheckInDraftFor(address: string, rawToken: unknown, draft: unknown): Promise<SaveDraftActionResult> {
  const d = answerMap.safeParse(draft)
  if (!d.success) return { status: 'invalid' }
  try {
    const r = await saveCheckInDraftFrom(address, tokenOf(rawToken), d.data)
    return r.status === 'throttled' ? REFUSED : { status: r.status }
  } catch (e) {
    logger.error('checkin.draft.failed', { error: e instanceof Error ? e.name : 'unknown' })
    return { status: 'error' }
  }
}

export async function submitCheckInFor(address: string, rawToken: unknown, rawKey: unknown, answers: unknown): Promise<SubmitActionResult> {
  const k = submissionKey.safeParse(rawKey)
  const a = answerMap.safeParse(answers)
  if (!k.success || !a.success) return { status: 'invalid' }
  try {
    const r = await submitCheckInFrom(address, tokenOf(rawToken), k.data, a.data)
    // Copy field by field: only plain, expected data goes back to the browser.
    switch (r.status) {
      case 'throttled':
        return REFUSED
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
