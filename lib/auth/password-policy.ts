// Password policy (SECURITY.md R3, NIST 800-63B / ASVS 6.2): length, not composition. A password
// of 12 to 128 characters is accepted unless it is on the list of common passwords shipped with
// the app, or is built from the person's own email/name or the practice/app name. No "one digit,
// one symbol" rules: they make passwords harder to remember, not harder to guess.
import 'server-only'
import fs from 'node:fs'
import path from 'node:path'
import { must } from '@/lib/must'

const MIN_PASSWORD_LENGTH = 12
export const MAX_PASSWORD_LENGTH = 128
const APP_NAME = 'SecureBase'

export const PASSWORD_MESSAGES = {
  tooShort: `Use at least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a password that is long and easy to remember.`,
  tooLong: `Use at most ${MAX_PASSWORD_LENGTH} characters.`,
  common: 'This password is too common and easy to guess. Try a few unrelated words instead.',
  predictable: 'This password is a repeated or sequential pattern that is easy to guess. Try a few unrelated words instead.',
  personal: 'Do not use your name or email address in your password.',
  practice: 'Do not use the name of the practice or of SecureBase in your password.',
} as const

/** What the password forms say before anyone types. */
export const PASSWORD_HINT = `At least ${MIN_PASSWORD_LENGTH} characters. No rules about symbols or digits: a few unrelated words make a strong password you can remember. Common passwords are refused.`

export interface PasswordContext {
  /** The account's email: its local part may not appear in the password. */
  email?: string | null
  /** The person's name. */
  name?: string | null
  /** The practice's name (the app's own name is always checked). */
  practiceName?: string | null
}

// process.cwd() is the project root for `next start`, the scripts and vitest; Next's file tracing
// also recognises this form.
const LIST_FILE = path.join(process.cwd(), 'lib', 'auth', 'common-passwords.txt')
let list: Set<string> | undefined

/** The shipped list, loaded once. A missing list fails loudly rather than accepting anything. */
export function commonPasswords(): Set<string> {
  if (!list) {
    const text = fs.readFileSync(LIST_FILE, 'utf8')
    list = new Set(
      text
        .split('\n')
        .map((l) => l.trim().toLowerCase())
        .filter((l) => l && !l.startsWith('#')),
    )
  }
  return list
}

// Lower-cased, with inner whitespace removed ("correct horse battery staple").
const squash = (s: string) => s.toLowerCase().replace(/\s+/g, '')
// Letters and digits only, for "does it contain my email/name" comparisons.
const alnum = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '')

/** The forms compared with the list: as typed, and without leading/trailing digits and symbols. */
function candidates(password: string): string[] {
  const s = squash(password)
  const core = s.replace(/^[^\p{L}]+/u, '').replace(/[^\p{L}]+$/u, '')
  const tail = s.replace(/[^\p{L}]+$/u, '')
  return [...new Set([s, tail, core].filter(Boolean))]
}

export function isCommonPassword(password: string): boolean {
  const words = commonPasswords()
  return candidates(password).some((c) => words.has(c) || (repeatedUnit(c) !== null && words.has(repeatedUnit(c)!)))
}

/** "abcabcabc" → "abc"; null when the string is not one unit repeated. */
function repeatedUnit(s: string): string | null {
  const m = /^(.+?)\1+$/su.exec(s)
  return m?.[1] ?? null
}

/** One short unit repeated ("aaaaaaaaaaaa", "abab…") or a straight run ("123456789012", "abcdefghijkl"). */
function isPredictable(password: string): boolean {
  const s = password.toLowerCase()
  const unit = repeatedUnit(s)
  if (unit !== null && [...unit].length <= 4) return true
  const codes = [...s].map((c) => c.codePointAt(0)!)
  const isDigit = (c: number) => c >= 48 && c <= 57
  // Digits wrap around ("…7890123"); anything else must step by exactly one.
  const step = (a: number, b: number) => {
    if (!isDigit(a) || !isDigit(b)) return b - a
    const d = (((b - a) % 10) + 10) % 10
    return d === 9 ? -1 : d
  }
  const [a, b] = codes
  if (a === undefined || b === undefined) return false
  const first = step(a, b)
  if (first !== 1 && first !== -1) return false
  return codes.slice(1).every((c, i) => step(must(codes[i], 'the previous code point'), c) === first)
}

function personalParts(ctx: PasswordContext): string[] {
  const local = ctx.email ? alnum(ctx.email.split('@')[0] ?? '') : ''
  const name = ctx.name ? alnum(ctx.name) : ''
  return [local, name].filter((p) => p.length >= 4)
}

/**
 * Null when the password is acceptable; otherwise the message to show next to the field.
 * Length counts characters (code points), so an emoji or an accented letter is one.
 */
export function checkPassword(password: string, ctx: PasswordContext = {}): string | null {
  const length = [...password].length
  if (length < MIN_PASSWORD_LENGTH) return PASSWORD_MESSAGES.tooShort
  if (length > MAX_PASSWORD_LENGTH) return PASSWORD_MESSAGES.tooLong
  if (isCommonPassword(password)) return PASSWORD_MESSAGES.common
  if (isPredictable(password)) return PASSWORD_MESSAGES.predictable
  const flat = alnum(password)
  if (personalParts(ctx).some((p) => flat.includes(p))) return PASSWORD_MESSAGES.personal
  const names = [APP_NAME, ctx.practiceName ?? ''].map(alnum).filter((n) => n.length >= 4)
  if (names.some((n) => flat.includes(n))) return PASSWORD_MESSAGES.practice
  return null
}
