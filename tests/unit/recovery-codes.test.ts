import { describe, expect, it } from 'vitest'
import { RECOVERY_CODE_COUNT, hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from '../../lib/auth/recovery-codes'
import { itemAt } from '../fixtures/item-at'

describe('recovery codes', () => {
  it('makes ten distinct codes of 60 random bits, grouped for reading', () => {
    const codes = newRecoveryCodes()
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT)
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT)
    for (const c of codes) expect(c).toMatch(/^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}$/)
  })

  it('accepts a code however it is typed back', () => {
    expect(normaliseRecoveryCode('AB12-CD34-EF56')).toBe('ab12cd34ef56')
    expect(normaliseRecoveryCode(' ab12 cd34 ef56 ')).toBe('ab12cd34ef56')
    // Letters that are easy to misread map to the digits they look like.
    expect(normaliseRecoveryCode('abIL-cdO4-ef56')).toBe('ab11cd04ef56')
    for (const bad of ['', '123456', 'ab12-cd34-ef5', 'ab12-cd34-ef567', 'ab12-cd34-ef5u', 'ab12-cd34-ef5!']) {
      expect(normaliseRecoveryCode(bad)).toBeNull()
    }
  })

  it('hashes per user, never storing the code itself', () => {
    const code = itemAt(newRecoveryCodes(1), 0)
    const a = hashRecoveryCode('user-a', code)!
    expect(a).toMatch(/^[0-9a-f]{64}$/)
    expect(a).not.toContain(code.replace(/-/g, ''))
    expect(hashRecoveryCode('user-a', code.toUpperCase().replace(/-/g, ' '))).toBe(a)
    expect(hashRecoveryCode('user-b', code)).not.toBe(a)
    expect(hashRecoveryCode('user-a', 'not a code')).toBeNull()
  })
})
