// next-auth v4 configuration: credentials sign-in with argon2id, throttled, and a JWT cookie that
// only points at a server-side session row (lib/db/sessions.ts), so sessions can be revoked.
import type { AuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import { z } from 'zod'
import { env } from '@/lib/env'
import { verifyCredentials } from '@/lib/db/users'
import { createSession, revokeSession, ABSOLUTE_SESSION_HOURS } from '@/lib/db/sessions'
import { ACCOUNT_POLICY, IP_POLICY, accountKey, clearFailures, ipKey, isThrottled, recordFailure } from '@/lib/db/throttle'
import { clientIp } from './request-ip'
import { logger } from '@/lib/log'

/** Error codes the sign-in page turns into messages. */
export const SIGN_IN_ERRORS = {
  invalid: 'CredentialsSignin',
  throttled: 'TooManyAttempts',
} as const

const credentials = z.object({
  email: z.string().trim().toLowerCase().min(3).max(254),
  password: z.string().min(1).max(1024),
})

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
        async authorize(raw, req) {
          const parsed = credentials.safeParse(raw ?? {})
          if (!parsed.success) return null
          const { email, password } = parsed.data
          const ip = clientIp(req?.headers ?? {})
          const acct = accountKey(email)
          if (await isThrottled([acct, ipKey(ip)])) {
            logger.warn('sign-in throttled', { ip })
            throw new Error(SIGN_IN_ERRORS.throttled)
          }
          const user = await verifyCredentials(email, password)
          if (!user) {
            await recordFailure(acct, ACCOUNT_POLICY)
            await recordFailure(ipKey(ip), IP_POLICY)
            logger.info('sign-in failed', { ip })
            return null
          }
          await clearFailures(acct)
          const sid = await createSession(user.id, ip)
          logger.info('sign-in', { userId: user.id })
          return { id: user.id, sid }
        },
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
