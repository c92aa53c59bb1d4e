// The authorization entry points every page, server action and route handler starts with.
// proxy.ts only redirects; these are the checks that count.
import 'server-only'
import { cache } from 'react'
import { cookies } from 'next/headers'
import { notFound, redirect } from 'next/navigation'
import { decode } from 'next-auth/jwt'
import { env } from '@/lib/env'
import { revokeSession, validateSession, type SessionEnd } from '@/lib/db/sessions'
import { sessionCookieName } from './options'
import type { Actor } from './actor'
import type { Role } from '@/lib/db/generated/enums'
import type { PracticeInfo } from '@/lib/accounts/types'

export type { Actor } from './actor'

/** The session id from the signed JWT cookie, or null. Next-auth's JWT is encrypted with the secret. */
export async function readSessionId(): Promise<string | null> {
  const jar = await cookies()
  const raw = jar.get(sessionCookieName())?.value
  if (!raw) return null
  try {
    const token = await decode({ token: raw, secret: env.authSecret })
    return typeof token?.sid === 'string' ? token.sid : null
  } catch {
    return null
  }
}

/** Where MFA set-up lives: the one page (and its actions) open to a user who must still enrol. */
const MFA_SETUP_PATH = '/account/mfa'

type Current = { actor: Actor; practice: PracticeInfo; mustEnrolMfa: boolean } | { reason: SessionEnd }

// Once per request (React cache): the layout, the page and its sections share one check, which
// is one statement (session, user, practice and the MFA state together).
const currentSession = cache(async (): Promise<Current> => {
  const sid = await readSessionId()
  if (!sid) return { reason: 'missing' }
  const check = await validateSession(sid)
  if (!check.ok) return { reason: check.reason }
  if (check.mfa === 'missing') {
    // The account has MFA but this session never proved it: not a session we accept.
    await revokeSession(sid, 'mfa-missing')
    return { reason: 'revoked' }
  }
  return { actor: check.actor, practice: check.practice, mustEnrolMfa: check.mfa === 'enrol' }
})

/**
 * The signed-in user, or null. For pages that render differently when signed out (navigation).
 * Never for authorization: it also returns a user who still has to set up required MFA.
 */
export async function getOptionalUser(): Promise<Actor | null> {
  const s = await currentSession()
  return 'actor' in s ? s.actor : null
}

function toSignIn(reason: SessionEnd): never {
  redirect(`/login${reason === 'missing' ? '' : `?reason=${reason}`}`)
}

/**
 * The signed-in user; otherwise a redirect to sign-in that says why (idle, expired, ended).
 * When the practice requires MFA and the user has not set it up, every page and action sends
 * them to MFA set-up instead (actions too: a redirect from an action navigates the browser).
 */
export async function requireUser(): Promise<Actor> {
  const s = await currentSession()
  if (!('actor' in s)) toSignIn(s.reason)
  if (s.mustEnrolMfa) redirect(MFA_SETUP_PATH)
  return s.actor
}

/** Only for the MFA set-up page and its actions: a signed-in user, enrolled or not. */
export async function requireUserForMfaSetup(): Promise<Actor> {
  const s = await currentSession()
  if (!('actor' in s)) toSignIn(s.reason)
  return s.actor
}

/** A user with one of the roles; anyone else gets the not-found page (no hint that it exists). */
export async function requireRole(...roles: Role[]): Promise<Actor> {
  const actor = await requireUser()
  if (!roles.some((r) => actor.roles.includes(r))) notFound()
  return actor
}

/**
 * The signed-in user's practice (name, time zone, idle timeout), read with the session: no query
 * of its own. Call it after requireUser(), requireRole() or requireUserForMfaSetup(), which decide
 * who may see the page; without a valid session it redirects to sign-in like they do.
 */
export async function currentPractice(): Promise<PracticeInfo> {
  const s = await currentSession()
  if (!('practice' in s)) toSignIn(s.reason)
  return s.practice
}
