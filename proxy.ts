// Convenience only: sends visitors without a session cookie to sign-in. It is not a security
// boundary (see SECURITY.md §6.3): every page, action and route handler checks requireUser().
import { NextResponse, type NextRequest } from 'next/server'

const PUBLIC_PREFIXES = ['/login', '/api/auth', '/api/health', '/checkin', '/c/']
const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token']

export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl
  const isPublic = PUBLIC_PREFIXES.some((p) => pathname === p || pathname.startsWith(p.endsWith('/') ? p : `${p}/`) || pathname === p.replace(/\/$/, ''))
  if (!isPublic && !SESSION_COOKIES.some((c) => req.cookies.has(c))) {
    const url = req.nextUrl.clone()
    url.pathname = '/login'
    url.search = pathname === '/' ? '' : `?callbackUrl=${encodeURIComponent(pathname + search)}`
    return NextResponse.redirect(url)
  }
  const res = NextResponse.next()
  // Signed-in and check-in pages hold health data: never cached by browsers or proxies.
  res.headers.set('Cache-Control', 'no-store, max-age=0')
  return res
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|robots.txt).*)'],
}
