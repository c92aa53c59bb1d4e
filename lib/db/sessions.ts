// Server-side sessions behind the next-auth JWT cookie. The cookie holds only this row's id, so
// sign-out, deactivation and password change end a session at once by setting revokedAt.
import 'server-only'
import { db } from './client'
import type { Actor } from '@/lib/auth/actor'
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

export type SessionCheck = { ok: true; actor: Actor } | { ok: false; reason: SessionEnd }

/** Validates a session id from the cookie: not revoked, not idle, not past 12 h, user active. */
export async function validateSession(sessionId: string, clock: Clock = systemClock): Promise<SessionCheck> {
  if (!isUuid(sessionId)) return { ok: false, reason: 'missing' }
  const now = clock()
  const s = await db.userSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      lastSeenAt: true,
      expiresAt: true,
      revokedAt: true,
      revokedReason: true,
      user: {
        select: {
          id: true,
          practiceId: true,
          roles: true,
          name: true,
          email: true,
          status: true,
          practice: { select: { idleTimeoutMinutes: true } },
        },
      },
    },
  })
  if (!s) return { ok: false, reason: 'missing' }
  if (s.revokedAt) return { ok: false, reason: s.revokedReason === 'signed-out' ? 'signed-out' : 'revoked' }
  if (s.user.status !== 'ACTIVE') {
    await revokeSession(s.id, 'deactivated', clock)
    return { ok: false, reason: 'revoked' }
  }
  if (now >= s.expiresAt) {
    await revokeSession(s.id, 'expired', clock)
    return { ok: false, reason: 'expired' }
  }
  const idleMs = s.user.practice.idleTimeoutMinutes * 60_000
  if (now.getTime() - s.lastSeenAt.getTime() > idleMs) {
    await revokeSession(s.id, 'idle', clock)
    return { ok: false, reason: 'idle' }
  }
  if (now.getTime() - s.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    // Conditional on the row still being live, so a concurrent revoke is never undone.
    await db.userSession.updateMany({ where: { id: s.id, revokedAt: null }, data: { lastSeenAt: now } })
  }
  const u = s.user
  return {
    ok: true,
    actor: { userId: u.id, practiceId: u.practiceId, roles: u.roles, name: u.name, email: u.email, sessionId: s.id },
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
