// Two jobs only. (1) Convenience: send visitors without a session cookie to sign-in. It is not a
// security boundary (SECURITY.md §6.3): every page, action and route handler calls requireUser().
// (2) Per-request headers: a fresh CSP nonce (Next reads it from the request's CSP header and puts
// it on its own scripts), no-store caching, HSTS in production. Static ones are in next.config.js.
import { NextResponse, type NextRequest } from 'next/server'
import { env } from '@/lib/env'
import { isPublicPath, newNonce, responseSecurityHeaders, shouldSendHsts } from '@/lib/security/headers'
import { must } from '@/lib/must'

const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token']

export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl
  const headers = responseSecurityHeaders(pathname, {
    nonce: newNonce(),
    hsts: shouldSendHsts({ isProduction: env.isProduction, appBaseUrl: env.appBaseUrl }),
    dev: env.NODE_ENV === 'development',
  })
  let res: NextResponse
  if (!isPublicPath(pathname) && !SESSION_COOKIES.some((c) => req.cookies.has(c))) {
    const url = req.nextUrl.clone()
    url.pathname = '/login'
    url.search = pathname === '/' ? '' : `?callbackUrl=${encodeURIComponent(pathname + search)}`
    res = NextResponse.redirect(url)
  } else {
    const forward = new Headers(req.headers)
    forward.set('Content-Security-Policy', must(headers['Content-Security-Policy'], 'the CSP header'))
    // A request id for the audit trail and logs; a client-sent one is never trusted.
    forward.set('x-request-id', crypto.randomUUID())
    res = NextResponse.next({ request: { headers: forward } })
  }
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v)
  return res
}

export const config = {
  // Not for build output under /_next/static (immutable, cacheable), image optimisation, or the
  // site icons (app/favicon.ico, app/icon.svg: a signed-out page shows them too), or the check-in
  // page's script (public/checkin.js: static, public, loaded by a client without a session).
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt|checkin.js).*)'],
}
