// Recovery codes for a lost authenticator: ten single-use codes, 60 random bits each, shown once.
// Only a hash is stored. A plain SHA-256 (not argon2) is enough because the codes are random and
// long; the user id is mixed in so equal hashes in two accounts never reveal equal codes.
import crypto from 'node:crypto'

export const RECOVERY_CODE_COUNT = 10
// Crockford base32 (no i, l, o, u): easy to read aloud and to type from paper.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'
const LENGTH = 12 // 12 × 5 bits = 60 bits

/** One code, shown as "xxxx-xxxx-xxxx". */
function newRecoveryCode(): string {
  let s = ''
  for (let i = 0; i < LENGTH; i++) s += ALPHABET[crypto.randomInt(ALPHABET.length)]
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`
}

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>()
  while (codes.size < count) codes.add(newRecoveryCode())
  return [...codes]
}

/** As typed (any case, spaces or dashes, i/l for 1, o for 0) → canonical 12 characters, or null. */
export function normaliseRecoveryCode(input: string): string | null {
  const s = input.toLowerCase().replace(/[\s-]/g, '').replace(/[il]/g, '1').replace(/o/g, '0')
  return s.length === LENGTH && [...s].every((c) => ALPHABET.includes(c)) ? s : null
}

export function hashRecoveryCode(userId: string, code: string): string | null {
  const canonical = normaliseRecoveryCode(code)
  if (!canonical) return null
  return crypto.createHash('sha256').update(`securebase-recovery:${userId}:${canonical}`).digest('hex')
}
