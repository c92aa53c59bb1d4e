// Server-side sessions behind the next-auth JWT cookie. The cookie holds only this row's id, so
// sign-out, deactivation and password change end a session at once by setting revokedAt.
import 'server-only'
import { db } from './client'
import type { Actor } from '@/lib/auth/actor'
import type { PracticeInfo } from '@/lib/accounts/types'
import type { Role } from './generated/enums'
import { systemClock, type Clock } from '@/lib/clock'
import { isUuid } from '@/lib/validation/uuid'

export const ABSOLUTE_SESSION_HOURS = 12
// lastSeenAt is written at most this often, so a busy page does not write on every request.
const TOUCH_INTERVAL_MS = 60_000

export type SessionEnd = 'signed-out' | 'idle' | 'expired' | 'revoked' | 'missing'

export async function createSession(userId: string, ip: string | null, clock: Clock = systemClock): Promise<string> {
  const now = clock()
  const row = await db.userSession.create({
    data: {
      userId,
      ip,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ABSOLUTE_SESSION_HOURS * 3_600_000),
    },
    select: { id: true },
  })
  return row.id
}

/**
 * What the MFA policy says about a live session: 'enrol' when the practice requires MFA and the
 * user has not set it up (only the set-up page is allowed), 'missing' when the user has MFA but
 * this session never proved it (cannot happen through sign-in; the caller ends it), else 'ok'.
 */
type MfaState = 'ok' | 'enrol' | 'missing'

export type SessionCheck = { ok: true; actor: Actor; practice: PracticeInfo; mfa: MfaState } | { ok: false; reason: SessionEnd }

type SessionRow = {
  id: string
  lastSeenAt: Date
  expiresAt: Date
  revokedAt: Date | null
  revokedReason: string | null
  mfaAt: Date | null
  userId: string
  practiceId: string
  roles: Role[]
  name: string
  email: string
  status: string
  mfaEnabledAt: Date | null
  practiceName: string
  timeZone: string
  idleTimeoutMinutes: number
  mfaRequired: boolean
}

/**
 * Validates a session id from the cookie: not revoked, not idle, not past 12 h, user active; and
 * the MFA state. One statement reads the session, its user and the user's practice together.
 */
export async function validateSession(sessionId: string, clock: Clock = systemClock): Promise<SessionCheck> {
  if (!isUuid(sessionId)) return { ok: false, reason: 'missing' }
  const now = clock()
  const [s] = await db.$queryRaw<SessionRow[]>`
    SELECT s.id::text, s."lastSeenAt", s."expiresAt", s."revokedAt", s."revokedReason", s."mfaAt",
      u.id::text AS "userId", u."practiceId"::text AS "practiceId", u.roles::text[] AS roles, u.name, u.email,
      u.status::text AS status, u."mfaEnabledAt",
      p.name AS "practiceName", p."timeZone", p."idleTimeoutMinutes", p."mfaRequired"
    FROM "UserSession" s
    JOIN "User" u ON u.id = s."userId"
    JOIN "Practice" p ON p.id = u."practiceId"
    WHERE s.id = ${sessionId}::uuid`
  if (!s) return { ok: false, reason: 'missing' }
  if (s.revokedAt) return { ok: false, reason: s.revokedReason === 'signed-out' ? 'signed-out' : 'revoked' }
  if (s.status !== 'ACTIVE') {
    await revokeSession(s.id, 'deactivated', clock)
    return { ok: false, reason: 'revoked' }
  }
  const lastSeenAt = new Date(s.lastSeenAt)
  if (now >= new Date(s.expiresAt)) {
    await revokeSession(s.id, 'expired', clock)
    return { ok: false, reason: 'expired' }
  }
  const idleMs = s.idleTimeoutMinutes * 60_000
  if (now.getTime() - lastSeenAt.getTime() > idleMs) {
    await revokeSession(s.id, 'idle', clock)
    return { ok: false, reason: 'idle' }
  }
  if (now.getTime() - lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    // Conditional on the row still being live, so a concurrent revoke is never undone.
    await db.userSession.updateMany({ where: { id: s.id, revokedAt: null }, data: { lastSeenAt: now } })
  }
  const mfa: MfaState = s.mfaEnabledAt ? (s.mfaAt ? 'ok' : 'missing') : s.mfaRequired ? 'enrol' : 'ok'
  return {
    ok: true,
    actor: { userId: s.userId, practiceId: s.practiceId, roles: s.roles, name: s.name, email: s.email, sessionId: s.id },
    practice: { id: s.practiceId, name: s.practiceName, timeZone: s.timeZone, idleTimeoutMinutes: s.idleTimeoutMinutes },
    mfa,
  }
}

export async function revokeSession(sessionId: string, reason: string, clock: Clock = systemClock): Promise<void> {
  await db.userSession.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: clock(), revokedReason: reason },
  })
}

/** Ends every live session of a user (deactivation, password change), optionally keeping one. */
export async function revokeUserSessions(userId: string, reason: string, exceptSessionId?: string, clock: Clock = systemClock): Promise<number> {
  const r = await db.userSession.updateMany({
    where: { userId, revokedAt: null, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
    data: { revokedAt: clock(), revokedReason: reason },
  })
  return r.count
}
