import { afterEach, describe, expect, it } from 'vitest'
import { BODY_LIMIT_BYTES, CLIENT_IP_HEADER, SERVER_MARK, checkActionBody, checkHeaders, clientAddress, isActionRequest } from '../../lib/http/guards.mjs'
import { clientIp } from '../../lib/auth/request-ip'

describe('client address', () => {
  it('without trusted proxies is the connection itself, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.5', '1.2.3.4', 0)).toBe('203.0.113.5')
    expect(clientAddress('::ffff:127.0.0.1', '1.2.3.4, 5.6.7.8', 0)).toBe('127.0.0.1')
    expect(clientAddress(undefined, undefined, 0)).toBe('unknown')
  })

  it('with n trusted proxies is n hops from the right; entries a client prepends are never reached', () => {
    // client 198.51.100.7 → proxy (appends it) → app; the client forged "1.1.1.1" in front.
    expect(clientAddress('10.0.0.2', '1.1.1.1, 198.51.100.7', 1)).toBe('198.51.100.7')
    // two proxies: client → edge (appends client) → internal LB (appends edge) → app
    expect(clientAddress('10.0.0.3', '6.6.6.6, 198.51.100.7, 10.0.0.2', 2)).toBe('198.51.100.7')
    expect(clientAddress('10.0.0.2', ['1.1.1.1', '198.51.100.7'], 1)).toBe('198.51.100.7')
  })

  it('with more trusted hops than the header has, stops at the left-most address', () => {
    expect(clientAddress('10.0.0.2', '198.51.100.7', 3)).toBe('198.51.100.7')
    expect(clientAddress('10.0.0.2', undefined, 1)).toBe('10.0.0.2')
  })
})

describe('clientIp in the app', () => {
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[SERVER_MARK]
  })

  it('trusts the address header only when the SecureBase server set it', () => {
    const h = new Headers({ [CLIENT_IP_HEADER]: '198.51.100.7', 'x-forwarded-for': '6.6.6.6' })
    expect(clientIp(h)).toBe('unknown') // plain `next start` or dev: the header could be forged
    ;(globalThis as Record<symbol, unknown>)[SERVER_MARK] = true
    expect(clientIp(h)).toBe('198.51.100.7')
    expect(clientIp({ [CLIENT_IP_HEADER]: '198.51.100.8' })).toBe('198.51.100.8')
    expect(clientIp({ 'x-forwarded-for': '6.6.6.6' })).toBe('unknown')
  })
})

describe('request guards', () => {
  const post = (headers: Record<string, string>, url = '/clients/1') => ({ method: 'POST', url, headers })

  it('refuses a cross-origin state change with 403, and lets same-origin and GET through', () => {
    expect(checkHeaders(post({ host: 'app.example', origin: 'https://evil.example' }), 0)?.status).toBe(403)
    expect(checkHeaders(post({ host: 'app.example', origin: 'null' }), 0)?.status).toBe(403)
    expect(checkHeaders(post({ host: 'app.example', origin: 'https://app.example' }), 0)).toBeNull()
    expect(checkHeaders({ method: 'GET', headers: { host: 'app.example', origin: 'https://evil.example' } }, 0)).toBeNull()
  })

  it('lets a check-in form post with Origin: null through only when the browser says it is same-origin', () => {
    const c = '/c/' + 'A'.repeat(43)
    // What a browser sends from a no-referrer check-in page.
    expect(checkHeaders(post({ host: 'app.example', origin: 'null', 'sec-fetch-site': 'same-origin' }, c), 0)).toBeNull()
    // A sandboxed or foreign page, a missing fetch-metadata header, or a path outside /c/: refused.
    expect(checkHeaders(post({ host: 'app.example', origin: 'null', 'sec-fetch-site': 'cross-site' }, c), 0)?.status).toBe(403)
    expect(checkHeaders(post({ host: 'app.example', origin: 'null' }, c), 0)?.status).toBe(403)
    expect(checkHeaders(post({ host: 'app.example', origin: 'null', 'sec-fetch-site': 'same-origin' }), 0)?.status).toBe(403)
    // Server actions never accept a null Origin, not even on /c/.
    expect(checkHeaders(post({ host: 'app.example', origin: 'null', 'sec-fetch-site': 'same-origin', 'next-action': 'x' }, c), 0)?.status).toBe(403)
    // The size limit still applies.
    expect(
      checkHeaders(post({ host: 'app.example', origin: 'null', 'sec-fetch-site': 'same-origin', 'content-length': String(BODY_LIMIT_BYTES + 1) }, c), 0)
        ?.status,
    ).toBe(413)
  })

  it('uses the forwarded host only behind a trusted proxy', () => {
    const h = { host: '127.0.0.1:3000', 'x-forwarded-host': 'app.example', origin: 'https://app.example' }
    expect(checkHeaders(post(h), 1)).toBeNull()
    expect(checkHeaders(post(h), 0)?.status).toBe(403)
  })

  it('refuses a declared body over the limit with 413 and a plain message', () => {
    const r = checkHeaders(post({ host: 'a', 'content-length': String(BODY_LIMIT_BYTES + 1) }), 0)
    expect(r).toEqual({ status: 413, message: expect.stringMatching(/too large.*Nothing was saved/) })
    expect(checkHeaders(post({ host: 'a', 'content-length': String(BODY_LIMIT_BYTES) }), 0)).toBeNull()
    expect(checkHeaders(post({ host: 'a', 'content-length': 'lots' }), 0)?.status).toBe(413)
  })

  it('checks the bodies of server actions and of plain form posts to pages, not of API routes', () => {
    expect(isActionRequest(post({ 'next-action': 'abc' }))).toBe(true)
    expect(isActionRequest(post({ 'content-type': 'multipart/form-data; boundary=x' }))).toBe(true)
    expect(isActionRequest(post({ 'content-type': 'application/x-www-form-urlencoded' }, '/api/auth/callback/credentials'))).toBe(false)
    expect(isActionRequest({ method: 'GET', url: '/', headers: { 'next-action': 'abc' } })).toBe(false)
  })

  it('refuses action bodies Next cannot decode with 400', () => {
    const body = (s: string) => Buffer.from(s)
    expect(checkActionBody('text/plain;charset=UTF-8', body('["a",1]'))).toBeNull()
    expect(checkActionBody('text/plain;charset=UTF-8', body('not json'))?.status).toBe(400)
    expect(checkActionBody('text/plain;charset=UTF-8', body('{"a":1}'))?.status).toBe(400)
    expect(checkActionBody('multipart/form-data; boundary=zz', body('--zz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--zz--\r\n'))).toBeNull()
    expect(checkActionBody('multipart/form-data; boundary=zz', body('garbage'))?.status).toBe(400)
    expect(checkActionBody('multipart/form-data', body('--zz--'))?.status).toBe(400)
    expect(checkActionBody('application/json', body('[]'))?.status).toBe(400)
  })
})
