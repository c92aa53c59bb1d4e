import { describe, expect, it } from 'vitest'
import { checkInUrl, hashToken, isWellFormedToken, newToken } from '../../../lib/crypto/tokens'

describe('check-in link tokens', () => {
  it('are 256 random bits as 43 base64url characters, never repeating', () => {
    const tokens = new Set(Array.from({ length: 2000 }, () => newToken()))
    expect(tokens.size).toBe(2000)
    for (const t of [...tokens].slice(0, 50)) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(Buffer.from(t, 'base64url')).toHaveLength(32)
      expect(isWellFormedToken(t)).toBe(true)
    }
  })

  it('are stored as a keyed hash that depends on the pepper', () => {
    const t = newToken()
    const pepper = 'p'.repeat(40)
    expect(hashToken(t, pepper)).toMatch(/^[0-9a-f]{64}$/)
    expect(hashToken(t, pepper)).toBe(hashToken(t, pepper))
    expect(hashToken(t, pepper)).not.toBe(hashToken(t, 'q'.repeat(40)))
    expect(hashToken(t, pepper)).not.toContain(t)
  })

  it('reject anything that is not a well-formed token before touching the database', () => {
    const t = newToken()
    for (const bad of ['', t.slice(1), `${t}x`, `${t.slice(0, 42)}=`, `${t.slice(0, 42)}/`, '../../etc/passwd', '0'.repeat(36)]) {
      expect(isWellFormedToken(bad)).toBe(false)
    }
  })

  it('builds links from the configured base URL, never the request', () => {
    expect(checkInUrl('abc', 'https://securebase.example.org')).toBe('https://securebase.example.org/c/abc')
  })
})
