// Throttling of sign-in and of check-in link lookups, kept in the database, so limits hold across
// restarts and are shared by every app instance.
import 'server-only'
import crypto from 'node:crypto'
import net from 'node:net'
import { db } from './client'
import { systemClock, type Clock } from '@/lib/clock'

export interface Policy {
  limit: number
  windowMs: number
  blockMs: number
}

/** The row after a failure was counted: `failures` is this failure's number within its window. */
export interface ThrottleState {
  failures: number
  blocked: boolean
}

// Per account: 10 failures in 15 min blocks that account for 15 min (short, so an attacker cannot
// lock a clinician out for long). Per IP: 50 failures in an hour blocks the address for an hour.
export const ACCOUNT_POLICY: Policy = { limit: 10, windowMs: 15 * 60_000, blockMs: 15 * 60_000 }
export const IP_POLICY: Policy = { limit: 50, windowMs: 60 * 60_000, blockMs: 60 * 60_000 }

// Check-in links, per client address: 20 failed lookups (unknown, expired, revoked, malformed) in
// 10 min block the address for 15 min. A real client fails a handful of times at most (a mistyped
// link, an old email opened again, a mail scanner before them), so 20 is far from anyone real, even
// a few clients behind one shared address; a script making 1,000 guesses is stopped at 20.
// The block outlasts the window, so after it the count starts again from zero.
export const LINK_POLICY: Policy = { limit: 20, windowMs: 10 * 60_000, blockMs: 15 * 60_000 }

export const accountKey = (email: string) => 'acct:' + crypto.createHash('sha256').update(email.trim().toLowerCase()).digest('hex')
export const ipKey = (ip: string) => 'ip:' + ip
export const linkKey = (address: string) => 'link:' + addressBucket(address)

/**
 * The unit a link lookup is counted per. One IPv6 host usually holds a whole /64 and could take a
 * fresh address for every guess, so IPv6 counts per /64; IPv4 (also IPv4-mapped IPv6) per
 * address; anything else ('unknown' included) as given.
 */
export function addressBucket(address: string): string {
  const a = address.trim().toLowerCase().replace(/%.*$/, '')
  if (!net.isIPv6(a)) return a
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a)
  if (mapped) return mapped[1]!
  // A trailing dotted quad is the last two groups.
  const hex = a.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, p, q, r, s) => `${((+p << 8) | +q).toString(16)}:${((+r << 8) | +s).toString(16)}`)
  const [head = '', tail] = hex.split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
  return (
    groups
      .slice(0, 4)
      .map((g) => parseInt(g, 16).toString(16))
      .join(':') + '::/64'
  )
}

export async function isThrottled(keys: string[], clock: Clock = systemClock): Promise<boolean> {
  const hit = await db.authThrottle.findFirst({ where: { key: { in: keys }, blockedUntil: { gt: clock() } } })
  return hit !== null
}

/**
 * Counts one failure atomically (one upsert statement, safe under concurrency). Each concurrent
 * caller gets its own count back, so exactly one of them sees the failure that started a block.
 */
export async function recordFailure(key: string, policy: Policy, clock: Clock = systemClock): Promise<ThrottleState> {
  const now = clock()
  const windowStartCutoff = new Date(now.getTime() - policy.windowMs)
  const blockUntil = new Date(now.getTime() + policy.blockMs)
  const rows = await db.$queryRaw<ThrottleState[]>`
    INSERT INTO "AuthThrottle" ("key", "failures", "windowStart", "blockedUntil", "updatedAt")
    VALUES (${key}, 1, ${now}, ${policy.limit <= 1 ? blockUntil : null}, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "AuthThrottle"."windowStart" < ${windowStartCutoff} THEN 1 ELSE "AuthThrottle"."failures" + 1 END,
      "windowStart" = CASE WHEN "AuthThrottle"."windowStart" < ${windowStartCutoff} THEN ${now} ELSE "AuthThrottle"."windowStart" END,
      "blockedUntil" = CASE
        WHEN "AuthThrottle"."windowStart" >= ${windowStartCutoff} AND "AuthThrottle"."failures" + 1 >= ${policy.limit}
        THEN ${blockUntil} ELSE "AuthThrottle"."blockedUntil" END,
      "updatedAt" = ${now}
    RETURNING "failures", coalesce("blockedUntil" > ${now}, false) AS "blocked"`
  return rows[0]!
}

export async function clearFailures(key: string): Promise<void> {
  await db.authThrottle.deleteMany({ where: { key } })
}
