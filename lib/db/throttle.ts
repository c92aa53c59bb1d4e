// Sign-in throttling kept in the database, so limits hold across restarts and app instances.
import crypto from 'node:crypto'
import { db } from './client'
import { systemClock, type Clock } from '@/lib/clock'

interface Policy {
  limit: number
  windowMs: number
  blockMs: number
}

// Per account: 10 failures in 15 min blocks that account for 15 min (short, so an attacker cannot
// lock a clinician out for long). Per IP: 50 failures in an hour blocks the address for an hour.
export const ACCOUNT_POLICY: Policy = { limit: 10, windowMs: 15 * 60_000, blockMs: 15 * 60_000 }
export const IP_POLICY: Policy = { limit: 50, windowMs: 60 * 60_000, blockMs: 60 * 60_000 }

export const accountKey = (email: string) =>
  'acct:' + crypto.createHash('sha256').update(email.trim().toLowerCase()).digest('hex')
export const ipKey = (ip: string) => 'ip:' + ip

export async function isThrottled(keys: string[], clock: Clock = systemClock): Promise<boolean> {
  const hit = await db.authThrottle.findFirst({ where: { key: { in: keys }, blockedUntil: { gt: clock() } } })
  return hit !== null
}

/** Counts one failure atomically (one upsert statement, safe under concurrency). */
export async function recordFailure(key: string, policy: Policy, clock: Clock = systemClock): Promise<void> {
  const now = clock()
  const windowStartCutoff = new Date(now.getTime() - policy.windowMs)
  const blockUntil = new Date(now.getTime() + policy.blockMs)
  await db.$executeRaw`
    INSERT INTO "AuthThrottle" ("key", "failures", "windowStart", "blockedUntil", "updatedAt")
    VALUES (${key}, 1, ${now}, ${policy.limit <= 1 ? blockUntil : null}, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "AuthThrottle"."windowStart" < ${windowStartCutoff} THEN 1 ELSE "AuthThrottle"."failures" + 1 END,
      "windowStart" = CASE WHEN "AuthThrottle"."windowStart" < ${windowStartCutoff} THEN ${now} ELSE "AuthThrottle"."windowStart" END,
      "blockedUntil" = CASE
        WHEN "AuthThrottle"."windowStart" >= ${windowStartCutoff} AND "AuthThrottle"."failures" + 1 >= ${policy.limit}
        THEN ${blockUntil} ELSE "AuthThrottle"."blockedUntil" END,
      "updatedAt" = ${now}`
}

export async function clearFailures(key: string): Promise<void> {
  await db.authThrottle.deleteMany({ where: { key } })
}
