// TOTP second factor (RFC 6238): HMAC-SHA-1, 6 digits, 30-second steps, one step either side
// accepted for clock drift. Pure (no database), so the browser tests can compute codes with it.
// Replay protection is the caller's job: pass the last accepted step as `afterStep`.
import crypto from 'node:crypto'
import { generateSync, generateURI } from 'otplib'

const TOTP_PERIOD_SECONDS = 30
const TOTP_DIGITS = 6
// Steps accepted either side of now (±30 s of drift between the server and the phone).
const DRIFT_STEPS = 1
const ISSUER = 'SecureBase'

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** A new 160-bit secret (RFC 4226's recommended length), base32 without padding. */
export function generateSecret(): string {
  const bytes = crypto.randomBytes(20)
  let bits = 0
  let value = 0
  let out = ''
  for (const b of bytes) {
    value = (value << 8) | b
    bits += 8
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31]
  return out
}

/** Base32 as people type it (spaces, lower case) → canonical. */
function normaliseSecret(secret: string): string {
  return secret.replace(/[\s-]/g, '').toUpperCase()
}

/** The otpauth:// URL authenticator apps import (as a link or a QR code). */
export function otpauthUrl(secret: string, email: string, issuer = ISSUER): string {
  return generateURI({ issuer, label: email, secret: normaliseSecret(secret), algorithm: 'sha1', digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS })
}

/** The time step a moment falls in. */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS)
}

/** The code for a given step (digits = 8 only for the RFC test vectors). */
export function totpForStep(secret: string, step: number, digits: 6 | 8 = TOTP_DIGITS): string {
  return generateSync({
    secret: normaliseSecret(secret),
    epoch: step * TOTP_PERIOD_SECONDS,
    period: TOTP_PERIOD_SECONDS,
    digits,
    algorithm: 'sha1',
  })
}

/** The code an authenticator app shows at `now`. */
export function totpCode(secret: string, now: Date = new Date(), digits: 6 | 8 = TOTP_DIGITS): string {
  return totpForStep(secret, totpStep(now), digits)
}

/** True for input that looks like a TOTP code (6 digits, spaces allowed: "123 456"). */
export function isTotpFormat(code: string): boolean {
  return /^\d{6}$/.test(code.replace(/\s/g, ''))
}

/**
 * The step whose code matches, or null. Steps at or before `afterStep` (the last one this user
 * signed in with) are never accepted, so a code seen over someone's shoulder cannot be reused.
 */
export function verifyTotp(secret: string, code: string, now: Date = new Date(), afterStep: number | null = null): number | null {
  const given = code.replace(/\s/g, '')
  if (!/^\d{6}$/.test(given)) return null
  const current = totpStep(now)
  let matched: number | null = null
  // Check every candidate (no early exit) and compare in constant time.
  for (let step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
    if (afterStep !== null && step <= afterStep) continue
    const expected = Buffer.from(totpForStep(secret, step), 'utf8')
    if (crypto.timingSafeEqual(expected, Buffer.from(given, 'utf8')) && matched === null) matched = step
  }
  return matched
}
