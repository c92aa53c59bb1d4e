// Capability tokens (check-in links): 256 bits from the CSPRNG, base64url (43 characters).
// Only HMAC-SHA256(pepper, token) is stored, so a database dump cannot be used to test guesses.
import crypto from 'node:crypto'
import { env } from '@/lib/env'

const TOKEN_BYTES = 32

export function newToken(): string {
  return crypto.randomBytes(TOKEN_BYTES).toString('base64url')
}

export function hashToken(token: string, pepper: string = env.linkPepper): string {
  return crypto.createHmac('sha256', pepper).update(token, 'utf8').digest('hex')
}

/** Cheap shape check before any database work: anything else is simply "not found". */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token)
}

export function checkInUrl(token: string, base: string = env.appBaseUrl): string {
  return `${base}/c/${token}`
}
