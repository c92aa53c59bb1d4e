// The authorization entry points every page, server action and route handler starts with.
// proxy.ts only redirects; these are the checks that count.
import 'server-only'
import { cache } from 'react'
import { cookies } from 'next/headers'
import { notFound, redirect } from 'next/navigation'
import { decode } from 'next-auth/jwt'
import { env } from '@/lib/env'
import { validateSession, type SessionEnd } from '@/lib/db/sessions'
import { sessionCookieName } from './options'
import type { Actor } from './actor'
import type { Role } from '@/lib/db/generated/enums'

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

const currentSession = cache(async (): Promise<{ actor: Actor } | { reason: SessionEnd }> => {
  const sid = await readSessionId()
  if (!sid) return { reason: 'missing' }
  const check = await validateSession(sid)
  return check.ok ? { actor: check.actor } : { reason: check.reason }
})

/** The signed-in user, or null. For pages that render differently when signed out. */
export async function getOptionalUser(): Promise<Actor | null> {
  const s = await currentSession()
  return 'actor' in s ? s.actor : null
}

/** The signed-in user; otherwise a redirect to sign-in that says why (idle, expired, ended). */
export async function requireUser(): Promise<Actor> {
  const s = await currentSession()
  if ('actor' in s) return s.actor
  const reason = s.reason === 'missing' ? '' : `?reason=${s.reason}`
  redirect(`/login${reason}`)
}

/** A user with one of the roles; anyone else gets the not-found page (no hint that it exists). */
export async function requireRole(...roles: Role[]): Promise<Actor> {
  const actor = await requireUser()
  if (!roles.some((r) => actor.roles.includes(r))) notFound()
  return actor
}
