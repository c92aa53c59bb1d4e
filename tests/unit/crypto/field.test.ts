import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DecryptionError, decryptField, encryptField, keyIdOf, type Aad } from '../../../lib/crypto/field'
import { parseKeyring } from '../../../lib/crypto/keyring'
import { itemAt } from '../../fixtures/item-at'

const key = () => crypto.randomBytes(32).toString('base64url')
const ring = parseKeyring(`k2:${key()},k1:${key()}`)
const aad: Aad = ['OutboundEmail', '7b0c1c7e-0000-4000-8000-000000000001', 'body', 'practice-1']

function flip(value: string, part: 2 | 3, at = 0): string {
  const parts = value.split('.')
  const bytes = Buffer.from(itemAt(parts, part), 'base64url')
  bytes.writeUInt8(bytes.readUInt8(at) ^ 0x01, at)
  parts[part] = bytes.toString('base64url')
  return parts.join('.')
}

describe('field encryption (AES-256-GCM)', () => {
  it('round-trips any text, including empty and long multi-byte strings, with a fresh IV each time', () => {
    for (const text of ['', 'Sessions feel safer now — “small steps”. 🌱', 'x'.repeat(200_000)]) {
      const a = encryptField(text, aad, ring)
      const b = encryptField(text, aad, ring)
      expect(a).not.toBe(b)
      expect(a.startsWith('v1.k2.')).toBe(true)
      expect(a).not.toContain(text.slice(0, 20) || '§')
      expect(decryptField(a, aad, ring)).toBe(text)
    }
  })

  it('refuses a tampered IV, ciphertext or tag', () => {
    const value = encryptField('note body', aad, ring)
    expect(() => decryptField(flip(value, 2), aad, ring)).toThrow(DecryptionError)
    expect(() => decryptField(flip(value, 3, 0), aad, ring)).toThrow(DecryptionError)
    const tagByte = Buffer.from(itemAt(value.split('.'), 3), 'base64url').length - 1
    expect(() => decryptField(flip(value, 3, tagByte), aad, ring)).toThrow(DecryptionError)
  })

  it('refuses a ciphertext moved to another row, field or practice', () => {
    const value = encryptField('note body', aad, ring)
    expect(() => decryptField(value, ['OutboundEmail', 'another-row', 'body', 'practice-1'], ring)).toThrow(DecryptionError)
    expect(() => decryptField(value, ['OutboundEmail', aad[1], 'subject', 'practice-1'], ring)).toThrow(DecryptionError)
    expect(() => decryptField(value, ['OutboundEmail', aad[1], 'body', 'practice-2'], ring)).toThrow(DecryptionError)
  })

  it('decrypts with an older key still in the ring, and fails clearly when the key is gone', () => {
    const old = parseKeyring(`k1:${Buffer.from(ring.keys.get('k1')!).toString('base64url')}`)
    const value = encryptField('written under k1', aad, old)
    expect(keyIdOf(value)).toBe('k1')
    expect(decryptField(value, aad, ring)).toBe('written under k1')
    const without = parseKeyring(`k3:${key()}`)
    expect(() => decryptField(value, aad, without)).toThrow('Encryption key "k1" is not in the keyring')
  })

  it('rejects malformed keyrings and ciphertexts', () => {
    expect(() => parseKeyring('')).toThrow()
    expect(() => parseKeyring('k1:short')).toThrow()
    expect(() => parseKeyring(`k1:${key()},k1:${key()}`)).toThrow('appears twice')
    expect(() => decryptField('plain text', aad, ring)).toThrow(DecryptionError)
    expect(() => decryptField('v1.k2.AAAA.AAAA', aad, ring)).toThrow(DecryptionError)
  })
})
