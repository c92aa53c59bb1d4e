// Note bodies and goal comments: encryption bound to the row, tamper detection and rotation.
import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resetEnvForTests } from '../../../lib/env'
import { DecryptionError, decryptField, encryptField, keyIdOf } from '../../../lib/crypto/field'
import { parseKeyring } from '../../../lib/crypto/keyring'
import { decryptGoalComment, decryptNoteBody, encryptGoalComment, encryptNoteBody, goalCommentAad, noteBodyAad } from '../../../lib/db/note-crypto'
import { itemAt } from '../../fixtures/item-at'

const key = () => crypto.randomBytes(32).toString('base64url')
const K1 = key()
const K2 = key()
const NOTE = '7b0c1c7e-0000-4000-8000-000000000001'
const OTHER = '7b0c1c7e-0000-4000-8000-000000000002'
const GOAL = '7b0c1c7e-0000-4000-8000-0000000000aa'
const P1 = '7b0c1c7e-0000-4000-8000-000000000101'
const P2 = '7b0c1c7e-0000-4000-8000-000000000002'
const original = process.env.SECUREBASE_ENCRYPTION_KEYS

beforeAll(() => resetEnvForTests({ SECUREBASE_ENCRYPTION_KEYS: `k1:${K1}` }))
afterAll(() => resetEnvForTests({ SECUREBASE_ENCRYPTION_KEYS: original }))

function flip(value: string, part: 2 | 3, at = 0): string {
  const parts = value.split('.')
  const bytes = Buffer.from(itemAt(parts, part), 'base64url')
  bytes.writeUInt8(bytes.readUInt8(at) ^ 0x01, at)
  parts[part] = bytes.toString('base64url')
  return parts.join('.')
}

describe('note encryption', () => {
  const body = { data: 'Client said: “I waited before texting.” 🌱', assessment: '', plan: 'x'.repeat(20_000) }

  it('round-trips a body and a comment; the stored value is ciphertext under the current key', () => {
    const enc = encryptNoteBody(body, NOTE, P1)
    expect(enc.startsWith('v1.k1.')).toBe(true)
    expect(enc).not.toContain('waited')
    expect(decryptNoteBody(enc, NOTE, P1)).toEqual(body)
    const c = encryptGoalComment('paused first', NOTE, GOAL, P1)!
    expect(decryptGoalComment(c, NOTE, GOAL, P1)).toBe('paused first')
    expect(encryptGoalComment('', NOTE, GOAL, P1)).toBeNull()
    expect(decryptGoalComment(null, NOTE, GOAL, P1)).toBe('')
  })

  it('detects tampering with the IV, ciphertext or tag', () => {
    const enc = encryptNoteBody(body, NOTE, P1)
    expect(() => decryptNoteBody(flip(enc, 2), NOTE, P1)).toThrow(DecryptionError)
    expect(() => decryptNoteBody(flip(enc, 3), NOTE, P1)).toThrow(DecryptionError)
    const last = Buffer.from(itemAt(enc.split('.'), 3), 'base64url').length - 1
    expect(() => decryptNoteBody(flip(enc, 3, last), NOTE, P1)).toThrow(DecryptionError)
  })

  it('refuses a value moved to another note, practice, field or goal', () => {
    const enc = encryptNoteBody(body, NOTE, P1)
    expect(() => decryptNoteBody(enc, OTHER, P1)).toThrow(DecryptionError)
    expect(() => decryptNoteBody(enc, NOTE, P2)).toThrow(DecryptionError)
    const c = encryptGoalComment('comment', NOTE, GOAL, P1)!
    expect(() => decryptGoalComment(c, OTHER, GOAL, P1)).toThrow(DecryptionError)
    expect(() => decryptGoalComment(c, NOTE, OTHER, P1)).toThrow(DecryptionError)
    // A comment is not a body, even on the same note.
    expect(() => decryptField(c, noteBodyAad(NOTE, P1))).toThrow(DecryptionError)
    expect(goalCommentAad(NOTE, GOAL, P1)).toEqual(['NoteGoal', `${NOTE}:${GOAL}`, 'comment', P1])
  })

  it('rotation: a value under k1 is re-encrypted under k2 and then readable without k1', () => {
    const old = encryptNoteBody(body, NOTE, P1)
    const both = parseKeyring(`k2:${K2},k1:${K1}`)
    const aad = noteBodyAad(NOTE, P1)
    const rotated = encryptField(decryptField(old, aad, both), aad, both)
    expect(keyIdOf(rotated)).toBe('k2')
    resetEnvForTests({ SECUREBASE_ENCRYPTION_KEYS: `k2:${K2}` })
    try {
      expect(decryptNoteBody(rotated, NOTE, P1)).toEqual(body)
      expect(() => decryptNoteBody(old, NOTE, P1)).toThrow('Encryption key "k1" is not in the keyring')
      expect(encryptNoteBody(body, NOTE, P1).startsWith('v1.k2.')).toBe(true)
    } finally {
      resetEnvForTests({ SECUREBASE_ENCRYPTION_KEYS: `k1:${K1}` })
    }
  })
})
