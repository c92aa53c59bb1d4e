// The only reader of process.env, and the one configuration check: the server (instrumentation),
// `npm start` and every script call `requireConfig()` first, so they all accept and refuse exactly
// the same settings. Everything else imports `env` (validated once) from here.
//
// Secrets: on the embedded database (a first run, demos) anything not given is generated once into
// SECUREBASE_DATA_DIR, so a new user configures nothing. On PostgreSQL nothing is ever generated:
// several instances and cron scripts must share the same secrets, so a missing one stops the process.
import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import { z } from 'zod'
import { parseKeyring } from './crypto/keyring'

const MAKE_SECRET = 'make one with: openssl rand -base64 32'
const MAKE_KEYRING = 'make one with: echo "k1:$(openssl rand -base64 32)"'

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // Unset → embedded PGlite in ./.data/pglite. postgres:// or postgresql:// → PostgreSQL server.
  DATABASE_URL: z
    .string()
    .default('pglite:./.data/pglite')
    .refine((v) => /^(pglite:.+|postgres(ql)?:\/\/.+)$/.test(v), {
      message: 'must be pglite:<folder>, pglite:memory, or a postgres:// / postgresql:// URL',
    }),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: z.string().default('0.0.0.0'),
  // Public base URL: links in emails are built from this, never from the request's Host header.
  APP_BASE_URL: z.url({ protocol: /^https?$/, error: 'must be the public http(s):// address, e.g. https://securebase.example.org' }).optional(),
  NEXTAUTH_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s):// address' }).optional(),
  NEXTAUTH_SECRET: z.string().min(32, `must be at least 32 characters (${MAKE_SECRET})`).optional(),
  // Folder for local secrets when none are configured (embedded mode); kept outside the database.
  SECUREBASE_DATA_DIR: z.string().default('./.data'),
  // Field-encryption keyring: "kid:base64key[,kid:base64key…]", the first is used for new data.
  SECUREBASE_ENCRYPTION_KEYS: z.string().optional(),
  // Pepper for check-in link hashes; defaults to one derived from NEXTAUTH_SECRET.
  SECUREBASE_LINK_PEPPER: z.string().min(32, `must be at least 32 characters (${MAKE_SECRET})`).optional(),
  // Signs the audit trail's head checkpoints. Kept out of the database, so whoever can edit the
  // database cannot forge a checkpoint after removing events.
  SECUREBASE_AUDIT_KEY: z.string().min(32, `must be at least 32 characters (${MAKE_SECRET})`).optional(),
  // How many reverse proxies in front of the app may be believed about the client's address
  // (X-Forwarded-For). 0 / false (default): use the connection's own address.
  TRUST_PROXY: z
    .string()
    .default('0')
    .transform((v, ctx) => {
      const s = v.trim().toLowerCase()
      if (['', '0', 'false', 'off', 'no'].includes(s)) return 0
      if (['true', 'on', 'yes'].includes(s)) return 1
      if (/^[1-9]$/.test(s)) return Number(s)
      ctx.addIssue({ code: 'custom', message: 'must be false (default), true (one proxy) or the number of proxies in front of the app (1-9)' })
      return z.NEVER
    }),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('SecureBase <no-reply@securebase.local>'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  CI: z.string().optional(),
  // Port of the production server the browser tests start (lets two checkouts run e2e at once).
  E2E_PORT: z.coerce.number().int().min(1024).max(65535).default(3123),
  // Browser-test workers, each with its own server on E2E_PORT + i (playwright.config.ts).
  E2E_WORKERS: z.coerce.number().int().min(1).max(4).default(2),
})

export type Env = z.infer<typeof schema> & {
  appBaseUrl: string
  authSecret: string
  linkPepper: string
  encryptionKeys: string
  auditKey: string
  isEmbedded: boolean
  isProduction: boolean
}

/** A setting is missing or malformed. Its message is one line that names the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(`SecureBase configuration error: ${message}`)
    this.name = 'ConfigError'
  }
}

// Embedded mode only: a secret created once in the data folder (mode 0600) and reused.
function localSecret(dir: string, name: string): string {
  const file = path.join(dir, name)
  try {
    return fs.readFileSync(file, 'utf8').trim()
  } catch {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
    const value = crypto.randomBytes(32).toString('base64url')
    try {
      fs.writeFileSync(file, value + '\n', { mode: 0o600, flag: 'wx' })
      return value
    } catch {
      return fs.readFileSync(file, 'utf8').trim() // another process created it first
    }
  }
}

/** Where the embedded mode keeps its generated secrets (backup and restore copy these). */
export function localSecretFiles(dataDir: string) {
  return {
    authSecret: path.join(dataDir, 'auth-secret'),
    auditKey: path.join(dataDir, 'audit-key'),
    keysDir: path.join(dataDir, 'keys'),
    encryptionKey: path.join(dataDir, 'keys', 'k1.key'),
  }
}

function load(): Env {
  const parsed = schema.safeParse(process.env)
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '))
  }
  const e = parsed.data
  const isEmbedded = e.DATABASE_URL.startsWith('pglite:')
  const isProduction = e.NODE_ENV === 'production'
  const missing = (name: string, how: string) =>
    new ConfigError(`${name} is not set. On PostgreSQL every instance and script must share it, so nothing is generated: ${how}`)
  const files = localSecretFiles(e.SECUREBASE_DATA_DIR)

  const baseUrl = e.APP_BASE_URL ?? e.NEXTAUTH_URL
  if (!baseUrl && !isEmbedded) {
    throw new ConfigError(
      'APP_BASE_URL is not set. On PostgreSQL links in emails are built from it: set the public address, e.g. APP_BASE_URL=https://securebase.example.org',
    )
  }
  const appBaseUrl = (baseUrl ?? `http://localhost:${e.PORT}`).replace(/\/$/, '')

  let authSecret = e.NEXTAUTH_SECRET
  if (!authSecret) {
    if (!isEmbedded) throw missing('NEXTAUTH_SECRET', MAKE_SECRET)
    authSecret = localSecret(path.dirname(files.authSecret), path.basename(files.authSecret))
  }

  let encryptionKeys = e.SECUREBASE_ENCRYPTION_KEYS
  if (encryptionKeys !== undefined) {
    try {
      parseKeyring(encryptionKeys)
    } catch (err) {
      throw new ConfigError(`SECUREBASE_ENCRYPTION_KEYS is malformed: ${(err as Error).message}; ${MAKE_KEYRING}`)
    }
  } else {
    if (!isEmbedded) throw missing('SECUREBASE_ENCRYPTION_KEYS', MAKE_KEYRING)
    encryptionKeys = `k1:${localSecret(files.keysDir, path.basename(files.encryptionKey))}`
  }

  let auditKey = e.SECUREBASE_AUDIT_KEY
  if (!auditKey) {
    if (!isEmbedded) throw missing('SECUREBASE_AUDIT_KEY', MAKE_SECRET)
    auditKey = localSecret(path.dirname(files.auditKey), path.basename(files.auditKey))
  }

  const linkPepper =
    e.SECUREBASE_LINK_PEPPER ?? Buffer.from(crypto.hkdfSync('sha256', authSecret, 'securebase', 'check-in link pepper', 32)).toString('base64url')
  return { ...e, appBaseUrl, authSecret, linkPepper, encryptionKeys, auditKey, isEmbedded, isProduction }
}

let cached: Env | undefined
export function getEnv(): Env {
  cached ??= load()
  return cached
}

/**
 * The start-up check for the server, `npm start` and every script: a missing or malformed setting
 * prints one line naming the variable (and how to make a value) and exits with code 78 (EX_CONFIG).
 */
export function requireConfig(): Env {
  try {
    return getEnv()
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e
    console.error(e.message)
    process.exit(78)
  }
}

// Lazily validated so that `next build` does not need runtime configuration.
export const env: Env = new Proxy({} as Env, {
  get: (_t, prop) => getEnv()[prop as keyof Env],
})

/** For tests and scripts that change configuration in-process (e.g. point at a test database). */
export function resetEnvForTests(overrides: Record<string, string | undefined> = {}): void {
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
  cached = undefined
}

/** Environment for a child process (the start script launching Next). */
export function childProcessEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra }
}
