// Per-request security headers, built here (pure, unit-tested) and set by proxy.ts. Headers that
// never change per request live in next.config.js and cover static files too.

/** Paths an anonymous visitor may open; everything else is sent to sign-in by proxy.ts. */
const PUBLIC_PREFIXES = ['/login', '/api/auth', '/api/health', '/c/', '/invite/', '/reset/'] as const

/** True for a public path: a prefix ending in "/" covers what is below it; others also match exactly. */
export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PREFIXES.some((p) => (p.endsWith('/') ? pathname.startsWith(p) : pathname === p || pathname.startsWith(`${p}/`)))
}

/** Check-in pages: the path holds a capability token, so it must never leave as a referrer. */
export function isCheckInPath(pathname: string): boolean {
  return pathname.startsWith('/c/')
}

/** A fresh CSP nonce: 128 bits from the CSPRNG (Web Crypto, available in the proxy's runtime). */
export function newNonce(): string {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return btoa(String.fromCharCode(...bytes))
}

/**
 * The Content-Security-Policy. Scripts only with this response's nonce ('strict-dynamic' lets
 * Next's nonce'd loader pull in its chunks). Styles allow 'unsafe-inline' because React renders
 * style attributes (recharts, progress bars) that a nonce cannot cover; style injection is far less
 * dangerous than script injection. `dev` adds 'unsafe-eval', which React needs only in development.
 */
export function buildCsp(nonce: string, opts: { dev?: boolean } = {}): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce)) throw new Error('CSP nonce must be base64, at least 16 characters')
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(opts.dev ? ["'unsafe-eval'"] : [])],
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['frame-ancestors', "'none'"],
    ['form-action', "'self'"],
  ]
  return directives.map((d) => d.join(' ')).join('; ')
}

export const HSTS_VALUE = 'max-age=63072000; includeSubDomains'

/** HSTS only where it is true: a production deployment reached over https. */
export function shouldSendHsts(opts: { isProduction: boolean; appBaseUrl: string }): boolean {
  return opts.isProduction && opts.appBaseUrl.startsWith('https://')
}

/**
 * Headers proxy.ts sets on every response it handles (pages, actions, API routes, check-in pages;
 * not /_next/static, which keeps its long-lived caching). Every such response may carry health
 * data or a session, so none may be stored by a browser or a shared cache.
 */
export function responseSecurityHeaders(pathname: string, opts: { nonce: string; hsts: boolean; dev?: boolean }): Record<string, string> {
  const h: Record<string, string> = {
    'Content-Security-Policy': buildCsp(opts.nonce, { dev: opts.dev }),
    'Cache-Control': 'no-store, max-age=0',
    'Referrer-Policy': isCheckInPath(pathname) ? 'no-referrer' : 'strict-origin-when-cross-origin',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
  }
  if (opts.hsts) h['Strict-Transport-Security'] = HSTS_VALUE
  return h
}
