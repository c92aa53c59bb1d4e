import { describe, expect, it } from 'vitest'
import { generateSecret, isTotpFormat, otpauthUrl, totpCode, totpForStep, totpStep, verifyTotp } from '../../lib/auth/totp'

// RFC 6238 appendix B, SHA-1 rows: the seed is the ASCII string "12345678901234567890".
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
const RFC_VECTORS: [seconds: number, code: string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
]
const at = (seconds: number) => new Date(seconds * 1000)

describe('TOTP (RFC 6238, SHA-1)', () => {
  it.each(RFC_VECTORS)('matches the RFC test vector at T=%i', (seconds, code) => {
    expect(totpCode(RFC_SECRET, at(seconds), 8)).toBe(code)
    // A 6-digit code is the same truncation modulo 10^6: the last six digits.
    expect(totpCode(RFC_SECRET, at(seconds))).toBe(code.slice(2))
  })

  it('uses 30-second steps', () => {
    expect(totpStep(at(59))).toBe(1)
    expect(totpStep(at(1111111109))).toBe(0x23523ec)
    expect(totpStep(at(20000000000))).toBe(0x27bc86aa)
  })

  it('accepts the current step and one either side, and returns the matched step', () => {
    const now = at(1234567890)
    const step = totpStep(now)
    expect(verifyTotp(RFC_SECRET, '005924', now)).toBe(step)
    expect(verifyTotp(RFC_SECRET, totpForStep(RFC_SECRET, step - 1), now)).toBe(step - 1)
    expect(verifyTotp(RFC_SECRET, totpForStep(RFC_SECRET, step + 1), now)).toBe(step + 1)
    expect(verifyTotp(RFC_SECRET, totpForStep(RFC_SECRET, step - 2), now)).toBeNull()
    expect(verifyTotp(RFC_SECRET, totpForStep(RFC_SECRET, step + 2), now)).toBeNull()
  })

  it('refuses steps at or before the last accepted one (replay)', () => {
    const now = at(1234567890)
    const step = totpStep(now)
    const code = totpForStep(RFC_SECRET, step)
    expect(verifyTotp(RFC_SECRET, code, now, step - 1)).toBe(step)
    expect(verifyTotp(RFC_SECRET, code, now, step)).toBeNull()
    expect(verifyTotp(RFC_SECRET, totpForStep(RFC_SECRET, step - 1), now, step - 1)).toBeNull()
    // A newer code is still fine after an older one was used.
    expect(verifyTotp(RFC_SECRET, totpForStep(RFC_SECRET, step + 1), now, step)).toBe(step + 1)
  })

  it('accepts spaces in a code and refuses anything that is not six digits', () => {
    const now = at(1234567890)
    expect(verifyTotp(RFC_SECRET, '005 924', now)).not.toBeNull()
    for (const bad of ['', '5924', '0059245', '00592a', '89005924', ' ', '005924\n1']) {
      expect(verifyTotp(RFC_SECRET, bad, now)).toBeNull()
    }
    expect(isTotpFormat('123 456')).toBe(true)
    expect(isTotpFormat('abcd-efgh-jkmn')).toBe(false)
  })

  it('accepts the secret as people type it (lower case, groups of four)', () => {
    const now = at(59)
    const typed = RFC_SECRET.toLowerCase().replace(/(.{4})/g, '$1 ')
    expect(totpCode(typed, now)).toBe('287082')
  })

  it('generates 160-bit base32 secrets that differ every time', () => {
    const a = generateSecret()
    const b = generateSecret()
    expect(a).toMatch(/^[A-Z2-7]{32}$/)
    expect(a).not.toBe(b)
    // A fresh secret works end to end.
    const now = new Date()
    expect(verifyTotp(a, totpCode(a, now), now)).toBe(totpStep(now))
  })

  it('builds an otpauth URL with the issuer, the account and the parameters apps expect', () => {
    const url = new URL(otpauthUrl(RFC_SECRET, 'dr.raman@example.org'))
    expect(url.protocol).toBe('otpauth:')
    expect(decodeURIComponent(url.pathname)).toContain('SecureBase:dr.raman@example.org')
    expect(url.searchParams.get('secret')).toBe(RFC_SECRET)
    expect(url.searchParams.get('issuer')).toBe('SecureBase')
    // Defaults may be omitted; when present they must be ours.
    expect(url.searchParams.get('digits') ?? '6').toBe('6')
    expect(url.searchParams.get('period') ?? '30').toBe('30')
    expect((url.searchParams.get('algorithm') ?? 'SHA1').toUpperCase()).toBe('SHA1')
  })
})
