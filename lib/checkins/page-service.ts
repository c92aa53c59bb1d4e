// What the check-in page (pages/c/[token].tsx) needs from the database, handed over at boot.
// The page is a Pages Router page (so it can ship no framework JavaScript), and Next refuses any
// module marked 'server-only' (lib/db and everything on it) in a Pages Router page's graph, even
// in getServerSideProps. So the page reaches these functions through a registry that
// instrumentation.ts fills once per server process, before any request; the page's own bundle
// never contains database code.
import 'server-only'
import { DEFAULT_CRISIS_RESOURCES } from '@/lib/db/system/checkin-view'
import { LINK_BLOCK_MINUTES, openCheckInLinkFrom } from '@/lib/db/system/checkin-link-throttle'
import { logger } from '@/lib/log'
import { saveCheckInDraftFor, submitCheckInFor, tokenOf } from './public-checkin'
import { CHECKIN_SERVICE, type CheckInPageService } from './page-service-key'

const service: CheckInPageService = {
  open: openCheckInLinkFrom,
  saveDraft: saveCheckInDraftFor,
  submit: submitCheckInFor,
  tokenOf,
  blockMinutes: LINK_BLOCK_MINUTES,
  defaultCrisisResources: DEFAULT_CRISIS_RESOURCES,
  warn: (message, fields) => logger.warn(message, fields),
}

/** Called by instrumentation.ts at boot (and by tests that call the page directly). */
export function registerCheckInPageService(): void {
  Object.defineProperty(globalThis, CHECKIN_SERVICE, { value: service, configurable: true })
}
