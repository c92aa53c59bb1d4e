// Parsing of the field-encryption keyring "kid:key[,kid:key…]" (pure: lib/env.ts validates the
// configured value with it at start-up, lib/crypto/field.ts uses it to encrypt and decrypt).

export interface Keyring {
  current: string
  keys: Map<string, Buffer>
}

const KEYRING_FORMAT = '"<kid>:<32-byte key, base64>" entries separated by commas, the current key first'

export function parseKeyring(spec: string): Keyring {
  const keys = new Map<string, Buffer>()
  let current = ''
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const idx = part.indexOf(':')
    const kid = part.slice(0, idx)
    // Node's base64url decoder also accepts standard base64 (+, /, =), as `openssl rand -base64` prints.
    const key = Buffer.from(part.slice(idx + 1), 'base64url')
    if (idx < 1 || !/^[A-Za-z0-9_-]{1,32}$/.test(kid)) {
      throw new Error(`each entry needs a key id before a colon, like k1:<key> (expected ${KEYRING_FORMAT})`)
    }
    if (key.length !== 32) throw new Error(`key "${kid}" is ${key.length} bytes, not 32 (expected ${KEYRING_FORMAT})`)
    if (keys.has(kid)) throw new Error(`key id "${kid}" appears twice`)
    keys.set(kid, key)
    current ||= kid
  }
  if (!current) throw new Error(`it is empty (expected ${KEYRING_FORMAT})`)
  return { current, keys }
}
