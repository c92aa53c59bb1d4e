import { describe, expect, it } from 'vitest'
import { MAX_PASSWORD_LENGTH, PASSWORD_MESSAGES, checkPassword, commonPasswords, isCommonPassword } from '../../lib/auth/password-policy'

describe('password policy', () => {
  it('ships a list of about ten thousand common passwords', () => {
    const list = commonPasswords()
    expect(list.size).toBeGreaterThanOrEqual(10_000)
    for (const w of ['123456', 'password', 'qwerty', 'letmein', 'iloveyou', 'dragon']) expect(list.has(w)).toBe(true)
  })

  it('accepts a 64-character passphrase', () => {
    const p = 'quiet lanterns drift over the harbour while gulls argue at dawn!'
    expect([...p]).toHaveLength(64)
    expect(checkPassword(p, { email: 'ann.smith@example.org', name: 'Ann Smith', practiceName: 'Northfield Clinic' })).toBeNull()
  })

  it('has no composition rules: lower-case words only, digits only or symbols only are fine when long and uncommon', () => {
    expect(checkPassword('violet tractor sandwich')).toBeNull()
    expect(checkPassword('840217395562')).toBeNull()
    expect(checkPassword('#%&*(!@^~?<>')).toBeNull()
    expect(checkPassword('čerstvé pečivo ráno')).toBeNull()
  })

  it('rejects fewer than 12 characters, and more than 128', () => {
    expect('violetdrums').toHaveLength(11)
    expect(checkPassword('violetdrums')).toBe(PASSWORD_MESSAGES.tooShort)
    expect(checkPassword('violet drum')).toBe(PASSWORD_MESSAGES.tooShort)
    expect(checkPassword('violet drums')).toBeNull()
    expect(checkPassword('x'.repeat(MAX_PASSWORD_LENGTH + 1))).toBe(PASSWORD_MESSAGES.tooLong)
    // Characters, not bytes: 12 emoji are 12 characters.
    expect(checkPassword('🌊🌲🍂🦉🌙⭐🪨🌾🐚🍄🌵🐝')).toBeNull()
  })

  it('rejects "Password1!" and "password12345" (on the list once the digits and symbols are stripped)', () => {
    expect(checkPassword('Password1!')).not.toBeNull()
    expect(isCommonPassword('Password1!')).toBe(true)
    expect(checkPassword('password12345')).toBe(PASSWORD_MESSAGES.common)
    expect(checkPassword('PASSWORD12345!!')).toBe(PASSWORD_MESSAGES.common)
    expect(checkPassword('!!Password2026')).toBe(PASSWORD_MESSAGES.common)
    expect(checkPassword('Summer2026!!!')).toBe(PASSWORD_MESSAGES.common)
    expect(checkPassword('therapist2026!')).toBe(PASSWORD_MESSAGES.common)
  })

  it('rejects common long passwords, spaced-out and repeated forms', () => {
    expect(checkPassword('qwertyuiop123')).toBe(PASSWORD_MESSAGES.common)
    expect(checkPassword('Correct Horse Battery Staple')).toBe(PASSWORD_MESSAGES.common)
    expect(checkPassword('passwordpassword')).toBe(PASSWORD_MESSAGES.common)
    expect(checkPassword('monkeymonkeymonkey')).toBe(PASSWORD_MESSAGES.common)
  })

  it('rejects repeated and sequential patterns', () => {
    expect(checkPassword('aaaaaaaaaaaaaaa')).toBe(PASSWORD_MESSAGES.predictable)
    expect(checkPassword('xyxyxyxyxyxyxy')).toBe(PASSWORD_MESSAGES.predictable)
    expect(checkPassword('345678901234')).toBe(PASSWORD_MESSAGES.predictable)
    expect(checkPassword('987654321098')).toBe(PASSWORD_MESSAGES.predictable)
    expect(checkPassword('lmnopqrstuvw')).toBe(PASSWORD_MESSAGES.predictable)
  })

  it("rejects passwords built from the person's email or name, or the practice or app name", () => {
    const ctx = { email: 'Jane.Okafor@clinic.example', name: 'Jane Okafor', practiceName: 'Riverside Counselling' }
    expect(checkPassword('jane.okafor-1987-home', ctx)).toBe(PASSWORD_MESSAGES.personal)
    expect(checkPassword('my name is JaneOkafor!', ctx)).toBe(PASSWORD_MESSAGES.personal)
    expect(checkPassword('riverside counselling rocks', ctx)).toBe(PASSWORD_MESSAGES.practice)
    expect(checkPassword('I work at SecureBase daily', ctx)).toBe(PASSWORD_MESSAGES.practice)
    expect(checkPassword('violet tractor sandwich', ctx)).toBeNull()
    // Very short names and local parts are not checked (they would forbid ordinary words).
    expect(checkPassword('jolly anchor timber', { email: 'jo@x.example', name: 'Jo' })).toBeNull()
  })
})
