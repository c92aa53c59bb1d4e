// Check-in link lookups, limited per client address (SECURITY.md §2.3, R28): the token is the only
// credential, so a script must not be able to try tokens at speed. Every entry point of /c/<token>
// (the page and both server actions) goes through here with the caller's address:
// - while the address is blocked, nothing is looked up and nothing is written: every answer is
//   "throttled", for a valid token too (a guesser learns nothing, a real client just waits);
// - a lookup that fails (unknown, expired, revoked or malformed token, the answers "not found" and
//   "no longer open") counts one failure in AuthThrottle; successful lookups count nothing;
// - the failure that starts a block is answered "throttled" already and is audited once per block.
// Counted in the database (lib/db/throttle.ts), so every app instance shares the same limit.
import 'server-only'
import { recordAudit } from '@/lib/audit/record'
import { systemClock, type Clock } from '@/lib/clock'
import { logger } from '@/lib/log'
import { getCheckInForToken, type PublicCheckIn } from './checkin-view'
import { saveCheckInDraft } from './checkin-draft'
import { submitCheckIn } from './checkin-submit'
import type { SaveDraftResult, SubmitResult } from '@/lib/checkins/types'
import { LINK_POLICY, isThrottled, linkKey, recordFailure, type Policy } from '../throttle'

export type Throttled = { status: 'throttled' }

export type LinkPageResult = { status: 'ok'; checkIn: PublicCheckIn } | { status: 'not-found' } | Throttled

/** Tests pass a clock and, for the concurrency test, a policy; the app uses the defaults. */
export interface LinkThrottleOptions {
  clock?: Clock
  policy?: Policy
}

const THROTTLED: Throttled = { status: 'throttled' }
const minutes = (ms: number) => Math.round(ms / 60_000)

/** Minutes a blocked address waits, for the page's wording. */
export const LINK_BLOCK_MINUTES = minutes(LINK_POLICY.blockMs)

async function auditBlockStart(address: string, policy: Policy): Promise<void> {
  // Ids and numbers only: never the token that was tried.
  await recordAudit({
    practiceId: null,
    actorType: 'ANONYMOUS',
    action: 'LINK_THROTTLED',
    outcome: 'DENIED',
    ip: address === 'unknown' ? null : address,
    details: { failures: policy.limit, windowMinutes: minutes(policy.windowMs), blockMinutes: minutes(policy.blockMs) },
  })
  logger.warn('checkin.link.throttled', { blockMinutes: minutes(policy.blockMs) })
}

async function guarded<T>(
  address: string,
  lookup: () => Promise<T>,
  failed: (r: T) => boolean,
  { clock = systemClock, policy = LINK_POLICY }: LinkThrottleOptions,
): Promise<T | Throttled> {
  const key = linkKey(address)
  if (await isThrottled([key], clock)) return THROTTLED
  const result = await lookup()
  if (!failed(result)) return result
  const { failures, blocked } = await recordFailure(key, policy, clock)
  // Each concurrent failure gets its own number back, so only one of a burst audits the block.
  if (blocked && failures === policy.limit) await auditBlockStart(address, policy)
  return blocked ? THROTTLED : result
}

const isLookupFailure = (r: { status: string }) => r.status === 'not-found' || r.status === 'inactive'

/** The link page: the check-in (open or closed), not found, or throttled. */
export async function openCheckInLinkFrom(address: string, token: string, opts: LinkThrottleOptions = {}): Promise<LinkPageResult> {
  return guarded(
    address,
    async (): Promise<LinkPageResult> => {
      const checkIn = await getCheckInForToken(token, opts.clock)
      return checkIn ? { status: 'ok', checkIn } : { status: 'not-found' }
    },
    // A closed check-in is a failed lookup too: an old link is as good a guess as a random one.
    (r) => r.status === 'not-found' || (r.status === 'ok' && r.checkIn.state === 'inactive'),
    opts,
  )
}

/** saveCheckInDraft for a caller at `address`; a malformed token is simply a failed lookup. */
export async function saveCheckInDraftFrom(
  address: string,
  token: string,
  draft: unknown,
  opts: LinkThrottleOptions = {},
): Promise<SaveDraftResult | Throttled> {
  return guarded(address, () => saveCheckInDraft(token, draft, opts.clock), isLookupFailure, opts)
}

/** submitCheckIn for a caller at `address`; a replay of a sent check-in is a success, not a failure. */
export async function submitCheckInFrom(
  address: string,
  token: string,
  submissionKey: string,
  answers: unknown,
  opts: LinkThrottleOptions = {},
): Promise<SubmitResult | Throttled> {
  return guarded(address, () => submitCheckIn(token, submissionKey, answers, opts.clock), isLookupFailure, opts)
}
