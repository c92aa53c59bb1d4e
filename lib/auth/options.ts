// next-auth v4 configuration: credentials sign-in with argon2id, throttled, then a TOTP/recovery
// code step for accounts with MFA, and a JWT cookie that only points at a server-side session row
// (lib/db/sessions.ts), so sessions can be revoked.
import type { AuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import { z } from 'zod'
import { env } from '@/lib/env'
import { verifyCredentials } from '@/lib/db/users'
import { createSession, revokeSession, ABSOLUTE_SESSION_HOURS } from '@/lib/db/sessions'
import { ACCOUNT_POLICY, IP_POLICY, accountKey, clearFailures, ipKey, isThrottled, recordFailure } from '@/lib/db/throttle'
import { createMfaChallenge, hasMfaEnabled, markSessionMfa, mfaThrottleKey, verifyMfaChallenge } from '@/lib/db/mfa'
import { recordAudit } from '@/lib/audit/record'
import { clientIp } from './request-ip'
import { logger } from '@/lib/log'
import { uuidSchema } from '@/lib/validation/uuid'

/**
 * Error codes the sign-in page turns into messages. next-auth v4 hands an error thrown in
 * `authorize` to the client as `error`, which is how the password step passes on the challenge:
 * `MfaRequired:<challengeId>` (no session exists yet at that point).
 */
const SIGN_IN_ERRORS = {
  invalid: 'CredentialsSignin',
  throttled: 'TooManyAttempts',
  mfaRequired: 'MfaRequired',
  mfaInvalid: 'MfaInvalid',
  mfaExhausted: 'MfaExhausted',
  mfaExpired: 'MfaExpired',
} as const

const credentials = z.object({
  email: z.string().trim().toLowerCase().min(3).max(254),
  password: z.string().min(1).max(1024),
})

const mfaCredentials = z.object({
  challengeId: uuidSchema(),
  code: z.string().trim().min(1).max(64),
})

const MFA_FAILURES: Record<'invalid' | 'exhausted' | 'expired' | 'throttled', string> = {
  invalid: SIGN_IN_ERRORS.mfaInvalid,
  exhausted: SIGN_IN_ERRORS.mfaExhausted,
  expired: SIGN_IN_ERRORS.mfaExpired,
  throttled: SIGN_IN_ERRORS.throttled,
}

type Req = { headers?: Record<string, string | string[] | undefined> } | undefined

/** Step 1: email and password. With MFA on, no session yet: the client gets a challenge id. */
async function authorizePassword(raw: Record<string, unknown> | undefined, req: Req) {
  const parsed = credentials.safeParse(raw ?? {})
  if (!parsed.success) return null
  const { email, password } = parsed.data
  const ip = clientIp(req?.headers ?? {})
  const acct = accountKey(email)
  const anonymous = { practiceId: null, actorType: 'ANONYMOUS' as const, ip, details: { account: acct.slice(5, 21) } }
  if (await isThrottled([acct, ipKey(ip)])) {
    logger.warn('sign-in throttled', { ip })
    await recordAudit({ ...anonymous, action: 'LOGIN_THROTTLED', outcome: 'DENIED' })
    throw new Error(SIGN_IN_ERRORS.throttled)
  }
  const user = await verifyCredentials(email, password)
  if (!user) {
    await recordFailure(acct, ACCOUNT_POLICY)
    await recordFailure(ipKey(ip), IP_POLICY)
    await recordAudit({ ...anonymous, action: 'LOGIN_FAIL', outcome: 'FAILURE' })
    logger.info('sign-in failed', { ip })
    return null
  }
  await clearFailures(acct)
  if (await hasMfaEnabled(user.id)) {
    if (await isThrottled([mfaThrottleKey(user.id)])) {
      await recordAudit({
        practiceId: user.practiceId,
        actorType: 'USER',
        actorId: user.id,
        ip,
        action: 'LOGIN_THROTTLED',
        outcome: 'DENIED',
        details: { step: 'mfa' },
      })
      throw new Error(SIGN_IN_ERRORS.throttled)
    }
    const challengeId = await createMfaChallenge(user.id, ip)
    throw new Error(`${SIGN_IN_ERRORS.mfaRequired}:${challengeId}`)
  }
  const sid = await createSession(user.id, ip)
  await recordAudit({
    practiceId: user.practiceId,
    actorType: 'USER',
    actorId: user.id,
    ip,
    action: 'LOGIN_OK',
    targetType: 'UserSession',
    targetId: sid,
    details: { mfa: 'none' },
  })
  logger.info('sign-in', { userId: user.id })
  return { id: user.id, sid }
}

/** Step 2: the challenge from step 1 and a TOTP or recovery code; only now is a session created. */
async function authorizeSecondFactor(raw: Record<string, unknown> | undefined, req: Req) {
  const parsed = mfaCredentials.safeParse(raw ?? {})
  if (!parsed.success) throw new Error(SIGN_IN_ERRORS.mfaExpired)
  const ip = clientIp(req?.headers ?? {})
  const result = await verifyMfaChallenge(parsed.data.challengeId, parsed.data.code, ip)
  if (!result.ok) {
    logger.info('sign-in second step failed', { ip, reason: result.reason })
    throw new Error(MFA_FAILURES[result.reason])
  }
  const { user } = result
  const sid = await createSession(user.id, ip)
  await markSessionMfa(sid)
  await recordAudit({
    practiceId: user.practiceId,
    actorType: 'USER',
    actorId: user.id,
    actorRole: user.roles.join('+'),
    ip,
    action: 'LOGIN_OK',
    targetType: 'UserSession',
    targetId: sid,
    details: { mfa: result.method },
  })
  logger.info('sign-in', { userId: user.id })
  return { id: user.id, sid }
}

export function sessionCookieName(): string {
  return env.appBaseUrl.startsWith('https://') ? '__Secure-next-auth.session-token' : 'next-auth.session-token'
}

let cached: AuthOptions | undefined

export function getAuthOptions(): AuthOptions {
  cached ??= {
    secret: env.authSecret,
    useSecureCookies: env.appBaseUrl.startsWith('https://'),
    session: { strategy: 'jwt', maxAge: ABSOLUTE_SESSION_HOURS * 3600 },
    pages: { signIn: '/login', error: '/login' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        authorize: (raw, req) => authorizePassword(raw, req as Req),
      }),
      CredentialsProvider({
        id: 'mfa',
        name: 'Two-step code',
        credentials: { challengeId: { label: 'Challenge', type: 'text' }, code: { label: 'Code', type: 'text' } },
        authorize: (raw, req) => authorizeSecondFactor(raw, req as Req),
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        // Only ids go in the cookie: who (sub) and which server-side session (sid).
        if (user) return { sub: user.id, sid: (user as { sid?: string }).sid }
        return token
      },
      async session({ session }) {
        return { expires: session.expires } as typeof session
      },
      redirect({ url, baseUrl }) {
        // Same-origin paths only: never an open redirect.
        if (url.startsWith('/') && !url.startsWith('//')) return `${baseUrl}${url}`
        try {
          if (new URL(url).origin === baseUrl) return url
        } catch {
          /* fall through */
        }
        return baseUrl
      },
    },
    events: {
      async signOut({ token }) {
        const sid = (token as { sid?: string } | null)?.sid
        if (sid) await revokeSession(sid, 'signed-out')
      },
    },
    logger: {
      error: (code) => logger.error('next-auth', { code }),
      warn: (code) => logger.warn('next-auth', { code }),
      debug: () => {},
    },
  }
  return cached
}
