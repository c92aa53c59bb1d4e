import { describe, expect, it } from 'vitest'
import { HSTS_VALUE, buildCsp, isCheckInPath, isPublicPath, newNonce, responseSecurityHeaders, shouldSendHsts } from '../../lib/security/headers'

const directives = (csp: string) => Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]))

describe('Content-Security-Policy', () => {
  it('allows scripts only by nonce (strict-dynamic) and locks down everything else', () => {
    const nonce = 'AAAAAAAAAAAAAAAAAAAAAA=='
    expect(buildCsp(nonce)).toBe(
      "default-src 'self'; script-src 'self' 'nonce-AAAAAAAAAAAAAAAAAAAAAA==' 'strict-dynamic'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
        "frame-ancestors 'none'; form-action 'self'",
    )
    const d = directives(buildCsp(nonce))
    expect(d['script-src']).not.toContain("'unsafe-inline'")
    expect(d['script-src']).not.toContain("'unsafe-eval'")
  })

  it("adds 'unsafe-eval' in development only", () => {
    expect(directives(buildCsp(newNonce(), { dev: true }))['script-src']).toContain("'unsafe-eval'")
  })

  it('refuses a nonce that could break out of the header', () => {
    expect(() => buildCsp("abc'; script-src *")).toThrow()
    expect(() => buildCsp('short')).toThrow()
  })

  it('makes a fresh 128-bit nonce each time', () => {
    const a = newNonce()
    expect(Buffer.from(a, 'base64')).toHaveLength(16)
    expect(newNonce()).not.toBe(a)
    expect(() => buildCsp(a)).not.toThrow()
  })
})

describe('per-response headers', () => {
  const nonce = newNonce()

  it('never lets a signed-in page, an action or an API response be cached', () => {
    for (const path of ['/clients', '/clients/abc', '/api/auth/session', '/api/health', '/account/mfa', '/login']) {
      const h = responseSecurityHeaders(path, { nonce, hsts: false })
      expect(h['Cache-Control']).toBe('no-store, max-age=0')
      expect(h['Referrer-Policy']).toBe('strict-origin-when-cross-origin')
      expect(h['X-Content-Type-Options']).toBe('nosniff')
      expect(h['X-Frame-Options']).toBe('DENY')
      expect(h['Content-Security-Policy']).toContain(`'nonce-${nonce}'`)
    }
  })

  it('sends no referrer at all from a check-in page (the path holds the token)', () => {
    const h = responseSecurityHeaders('/c/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', { nonce, hsts: false })
    expect(h['Referrer-Policy']).toBe('no-referrer')
    expect(h['Cache-Control']).toBe('no-store, max-age=0')
    expect(isCheckInPath('/clients')).toBe(false)
  })

  it('sends HSTS only in production over https', () => {
    expect(shouldSendHsts({ isProduction: true, appBaseUrl: 'https://securebase.example.org' })).toBe(true)
    expect(shouldSendHsts({ isProduction: true, appBaseUrl: 'http://127.0.0.1:3000' })).toBe(false)
    expect(shouldSendHsts({ isProduction: false, appBaseUrl: 'https://securebase.example.org' })).toBe(false)
    expect(responseSecurityHeaders('/', { nonce, hsts: true })['Strict-Transport-Security']).toBe(HSTS_VALUE)
    expect(responseSecurityHeaders('/', { nonce, hsts: false })).not.toHaveProperty('Strict-Transport-Security')
  })
})

describe('public paths (proxy redirects everything else without a session cookie)', () => {
  it.each([
    ['/login', true],
    ['/login/mfa', true],
    ['/api/auth/callback/credentials', true],
    ['/api/health', true],
    ['/c/some-token', true],
    ['/invite/some-token', true],
    ['/reset/some-token', true],
    ['/', false],
    ['/loginx', false],
    ['/api/authz', false],
    ['/clients', false],
    ['/account/mfa', false],
    ['/c', false],
    ['/checkin', false],
    ['/api/healthcheck', false],
  ])('%s → %s', (path, expected) => {
    expect(isPublicPath(path)).toBe(expected)
  })
})
