// @ts-check
// Guards the production server (scripts/server.mjs) applies before a request reaches Next, for what
// Next itself answers with a 500: an over-large or malformed server-action body, and a cross-origin
// action. And the client's address, taken from the socket (or from a configured number of trusted
// proxies), never from a header the client can write. Plain JavaScript so the server needs no
// TypeScript loader; unit-tested in tests/unit/http-guards.test.ts.

/**
 * The largest request body any form needs, and no more: a SOAP note is 4 sections of at most
 * 20,000 characters (≤ 3 bytes each in UTF-8) plus 50 goal comments of 500 (~315 KB), and a
 * caseload transfer carries at most 10,000 client ids (~400 KB). next.config.js gives Next the same.
 */
export const BODY_LIMIT_BYTES = 512 * 1024

/** Header the server sets to the client's address; set only by scripts/server.mjs. */
export const CLIENT_IP_HEADER = 'x-securebase-client-ip'
/** Set on globalThis by scripts/server.mjs so the app knows CLIENT_IP_HEADER came from it. */
export const SERVER_MARK = Symbol.for('securebase.server')

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * The client's address: with `trustedProxies` 0 the socket's own address; with n, the address n
 * hops from the right of X-Forwarded-For + the socket (each trusted proxy appends the address it
 * saw). A client can prepend anything to X-Forwarded-For; it cannot change the right-most n hops.
 * @param {string | undefined} socketAddress
 * @param {string | string[] | undefined} forwardedFor
 * @param {number} trustedProxies
 * @returns {string}
 */
export function clientAddress(socketAddress, forwardedFor, trustedProxies) {
  const peer = normalise(socketAddress ?? '') || 'unknown'
  if (trustedProxies <= 0) return peer
  const listed = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map((s) => normalise(s.trim()))
    .filter(Boolean)
  const chain = [...listed, peer]
  // chain holds at least the peer, so the index is always in range.
  return (chain[Math.max(0, chain.length - 1 - trustedProxies)] ?? peer).slice(0, 64)
}

/** "::ffff:127.0.0.1" → "127.0.0.1", so one client has one address in limits and the audit trail. */
function normalise(/** @type {string} */ address) {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address
}

/**
 * @typedef {{ status: number, message: string }} Refusal
 */

/**
 * Checks made from the headers alone. Returns a refusal, or null to go on. Behind trusted proxies
 * the public host is the one the proxy forwards (X-Forwarded-Host); without, the Host header.
 * @param {{ method?: string, url?: string, headers: Record<string, string | string[] | undefined> }} req
 * @param {number} trustedProxies
 * @returns {Refusal | null}
 */
export function checkHeaders(req, trustedProxies) {
  if (!UNSAFE_METHODS.has(req.method ?? 'GET')) return null
  const origin = header(req.headers, 'origin')
  // Check-in pages send `Referrer-Policy: no-referrer` (the path holds the link token), under
  // which a browser posts their plain forms with `Origin: null`. Such a post is let through only
  // when the browser itself says it came from this site (Sec-Fetch-Site, which no page can set; a
  // sandboxed or foreign page's post says "cross-site"), and only to /c/, which has no server
  // actions (pages/c/[token].tsx checks the same again). Server actions never accept null.
  if (origin === 'null' && isCheckInPost(req)) return sizeRefusal(req)
  if (origin !== undefined) {
    const forwarded = trustedProxies > 0 ? header(req.headers, 'x-forwarded-host')?.split(',')[0]?.trim() : undefined
    const host = forwarded || header(req.headers, 'host')
    let originHost = null
    try {
      originHost = new URL(origin).host
    } catch {
      /* "null" or garbage: refused below */
    }
    if (!host || originHost !== host) {
      return { status: 403, message: 'This request came from another website and was refused. Nothing was saved.' }
    }
  }
  return sizeRefusal(req)
}

/** @param {{ headers: Record<string, string | string[] | undefined> }} req */
function sizeRefusal(req) {
  const length = header(req.headers, 'content-length')
  if (length !== undefined && !(Number(length) <= BODY_LIMIT_BYTES)) return tooLarge()
  return null
}

/**
 * A same-origin post to a check-in page, by the browser's own word, and not a server action.
 * @param {{ method?: string, url?: string, headers: Record<string, string | string[] | undefined> }} req
 */
function isCheckInPost(req) {
  return (req.url ?? '').startsWith('/c/') && header(req.headers, 'sec-fetch-site') === 'same-origin' && header(req.headers, 'next-action') === undefined
}

/**
 * Whether the body must be read and checked before Next sees it: server-action calls (from script,
 * with a Next-Action header, or a plain form post to a page before hydration), whose malformed
 * bodies Next answers with a 500. Route handlers under /api read their own bodies.
 * @param {{ method?: string, url?: string, headers: Record<string, string | string[] | undefined> }} req
 */
export function isActionRequest(req) {
  if (req.method !== 'POST') return false
  if (header(req.headers, 'next-action') !== undefined) return true
  const type = (header(req.headers, 'content-type') ?? '').toLowerCase()
  const isForm = type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded')
  return isForm && !(req.url ?? '/').startsWith('/api/')
}

/**
 * Checks a server-action body Next would otherwise fail on with a 500.
 * @param {string | undefined} contentType
 * @param {Buffer} body
 * @returns {Refusal | null}
 */
export function checkActionBody(contentType, body) {
  const type = (contentType ?? '').toLowerCase()
  if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '')
    const b = boundary?.[1] ?? boundary?.[2]
    if (b && body.includes(`--${b}--`)) return null
    return malformed()
  }
  if (type.startsWith('text/plain') || type === '') {
    // An action's arguments are always encoded as one JSON array.
    try {
      return Array.isArray(JSON.parse(body.toString('utf8'))) ? null : malformed()
    } catch {
      return malformed()
    }
  }
  if (type.startsWith('application/x-www-form-urlencoded')) return null
  return malformed()
}

export function tooLarge() {
  return {
    status: 413,
    message: `This form is too large to send (the limit is ${BODY_LIMIT_BYTES / 1024} KB). Nothing was saved.`,
  }
}

function malformed() {
  return { status: 400, message: 'This request could not be read. Nothing was saved: reload the page and try again.' }
}

/**
 * @param {Record<string, string | string[] | undefined>} headers
 * @param {string} name
 */
function header(headers, name) {
  const v = headers[name]
  return Array.isArray(v) ? v[0] : v
}
