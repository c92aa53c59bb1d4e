// The registry key and shape of lib/checkins/page-service.ts, free of database code, for the
// check-in page (pages/c/[token].tsx) to import.
import type { openCheckInLinkFrom } from '@/lib/db/system/checkin-link-throttle'
import type { saveCheckInDraftFor, submitCheckInFor, tokenOf } from './public-checkin'

export const CHECKIN_SERVICE = Symbol.for('securebase.checkin-page-service')

export interface CheckInPageService {
  open: typeof openCheckInLinkFrom
  saveDraft: typeof saveCheckInDraftFor
  submit: typeof submitCheckInFor
  tokenOf: typeof tokenOf
  blockMinutes: number
  defaultCrisisResources: string
  warn: (message: string, fields?: Record<string, unknown>) => void
}

/** The registered service; a server that skipped instrumentation.ts fails loudly here. */
export function checkInPageService(): CheckInPageService {
  const s = (globalThis as Record<symbol, unknown>)[CHECKIN_SERVICE] as CheckInPageService | undefined
  if (!s) throw new Error('the check-in page service is not registered (instrumentation.ts)')
  return s
}
