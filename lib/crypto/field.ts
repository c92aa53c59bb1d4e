// Application-level encryption for sensitive text (AES-256-GCM). Format: v1.<kid>.<iv>.<ct+tag>
// (base64url). The associated data binds a ciphertext to its row and field, so a value copied into
// another row, field or practice fails to decrypt instead of showing the wrong person's text.
import crypto from 'node:crypto'
import { env } from '@/lib/env'
import { parseKeyring, type Keyring } from './keyring'

export class DecryptionError extends Error {
  constructor(message = 'Could not decrypt a protected field') {
    super(message)
    this.name = 'DecryptionError'
  }
}

let cached: { spec: string; ring: Keyring } | undefined
export function keyring(): Keyring {
  const spec = env.encryptionKeys
  if (cached?.spec !== spec) cached = { spec, ring: parseKeyring(spec) }
  return cached.ring
}

/** What a ciphertext belongs to: [table, row id, field, practice id]. */
export type Aad = [table: string, id: string, field: string, practiceId: string]

const aadBytes = (aad: Aad) => Buffer.from(JSON.stringify(aad), 'utf8')

export function encryptField(plaintext: string, aad: Aad, ring: Keyring = keyring()): string {
  const key = ring.keys.get(ring.current)!
  const iv = crypto.randomBytes(12)
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(aadBytes(aad))
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()])
  return `v1.${ring.current}.${iv.toString('base64url')}.${ct.toString('base64url')}`
}

export function decryptField(value: string, aad: Aad, ring: Keyring = keyring()): string {
  const parts = value.split('.')
  const [version, kid, ivText, dataText] = parts
  if (parts.length !== 4 || version !== 'v1' || kid === undefined || ivText === undefined || dataText === undefined)
    throw new DecryptionError('Unrecognised ciphertext format')
  const key = ring.keys.get(kid)
  if (!key) throw new DecryptionError(`Encryption key "${kid}" is not in the keyring`)
  const iv = Buffer.from(ivText, 'base64url')
  const data = Buffer.from(dataText, 'base64url')
  if (iv.length !== 12 || data.length < 16) throw new DecryptionError('Malformed ciphertext')
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv)
    decipher.setAAD(aadBytes(aad))
    decipher.setAuthTag(data.subarray(data.length - 16))
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8')
  } catch {
    throw new DecryptionError()
  }
}

/** The key id a ciphertext was made with (for rotation). */
export function keyIdOf(value: string): string | null {
  const parts = value.split('.')
  return parts.length === 4 && parts[0] === 'v1' ? (parts[1] ?? null) : null
}
