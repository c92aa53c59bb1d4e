// Environments and secrets for the smoke test's children. The only use of the test's own
// environment is through childProcessEnv (lib/env.ts), to build a child's.
import crypto from 'node:crypto'
import { childProcessEnv } from '../../lib/env'
import type { ChildEnv } from './proc'

// Settings the app reads (lib/env.ts schema). They are removed from an operator shell's
// environment, so only the env file configures the app, as on a fresh server (HOSTNAME too: some
// shells and container runtimes export it, and the app would then listen on that host only).
const APP_SETTINGS = [
  'NODE_ENV',
  'DATABASE_URL',
  'PORT',
  'HOSTNAME',
  'APP_BASE_URL',
  'NEXTAUTH_URL',
  'NEXTAUTH_SECRET',
  'SECUREBASE_DATA_DIR',
  'SECUREBASE_ENCRYPTION_KEYS',
  'SECUREBASE_LINK_PEPPER',
  'SECUREBASE_AUDIT_KEY',
  'TRUST_PROXY',
  'SMTP_URL',
  'MAIL_FROM',
  'LOG_LEVEL',
  'E2E_PORT',
  'E2E_WORKERS',
]

/** An operator's shell: everything inherited (PATH, HOME, locale…) except the app's settings. */
export function operatorEnv(): ChildEnv {
  const env: ChildEnv = { ...childProcessEnv({ NEXT_TELEMETRY_DISABLED: '1' }) }
  for (const k of APP_SETTINGS) delete env[k]
  return env
}

/** What cron gives a job here: PATH and HOME only (cron's own PATH is set in the crontab). */
export function cronEnv(fallbackHome: string): { PATH: string; HOME: string } {
  const { PATH, HOME } = childProcessEnv({})
  return { PATH: PATH ?? '/usr/bin:/bin', HOME: HOME ?? fallbackHome }
}

/**
 * 32 random bytes as `openssl rand -base64 32` prints them (standard base64, with padding),
 * regenerated until it has both + and /: a parser that only takes base64url then fails every run,
 * not one run in two.
 */
export function base64Secret(): string {
  for (;;) {
    const s = crypto.randomBytes(32).toString('base64')
    if (s.includes('+') && s.includes('/')) return s
  }
}
