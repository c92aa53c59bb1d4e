// The only reader of process.env. Everything else imports `env` (validated once) from here.
import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import { z } from 'zod'

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
  APP_BASE_URL: z.string().url().optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  NEXTAUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  // Folder for local secrets when none are configured (embedded mode); kept outside the database.
  SECUREBASE_DATA_DIR: z.string().default('./.data'),
  // Field-encryption keyring: "kid:base64key[,kid:base64key…]", the first is used for new data.
  // Unset in embedded mode → a key file created once in SECUREBASE_DATA_DIR/keys (back it up).
  SECUREBASE_ENCRYPTION_KEYS: z.string().optional(),
  // Pepper for check-in link hashes; defaults to one derived from NEXTAUTH_SECRET.
  SECUREBASE_LINK_PEPPER: z.string().min(32).optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('SecureBase <no-reply@securebase.local>'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  CI: z.string().optional(),
  // Port of the production server the browser tests start (lets two checkouts run e2e at once).
  E2E_PORT: z.coerce.number().int().min(1024).max(65535).default(3123),
})

export type Env = z.infer<typeof schema> & {
  appBaseUrl: string
  authSecret: string
  linkPepper: string
  encryptionKeys: string
  isEmbedded: boolean
  isProduction: boolean
}

function fail(message: string): never {
  throw new Error(`SecureBase configuration error: ${message}`)
}

// In embedded mode a new user must not have to configure anything, so the signing secret is
// created once in the data folder (mode 0600) and reused. Production on PostgreSQL must set it.
function localSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, name)
  try {
    return fs.readFileSync(file, 'utf8').trim()
  } catch {
    fs.mkdirSync(dataDir, { recursive: true })
    const value = crypto.randomBytes(32).toString('base64url')
    try {
      fs.writeFileSync(file, value + '\n', { mode: 0o600, flag: 'wx' })
      return value
    } catch {
      return fs.readFileSync(file, 'utf8').trim() // another process created it first
    }
  }
}

function load(): Env {
  const parsed = schema.safeParse(process.env)
  if (!parsed.success) {
    fail(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))
  }
  const e = parsed.data
  const isEmbedded = e.DATABASE_URL.startsWith('pglite:')
  const isProduction = e.NODE_ENV === 'production'
  const appBaseUrl = (e.APP_BASE_URL ?? e.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '')
  let authSecret = e.NEXTAUTH_SECRET
  if (!authSecret) {
    if (isProduction && !isEmbedded) fail('NEXTAUTH_SECRET is required when running on PostgreSQL in production')
    authSecret = localSecret(e.SECUREBASE_DATA_DIR, 'auth-secret')
  }
  const linkPepper =
    e.SECUREBASE_LINK_PEPPER ??
    Buffer.from(crypto.hkdfSync('sha256', authSecret, 'securebase', 'check-in link pepper', 32)).toString('base64url')
  let encryptionKeys = e.SECUREBASE_ENCRYPTION_KEYS
  if (!encryptionKeys) {
    if (isProduction && !isEmbedded) fail('SECUREBASE_ENCRYPTION_KEYS is required when running on PostgreSQL in production')
    const keyDir = path.join(e.SECUREBASE_DATA_DIR, 'keys')
    fs.mkdirSync(keyDir, { recursive: true, mode: 0o700 })
    encryptionKeys = `k1:${localSecret(keyDir, 'k1.key')}`
  }
  return { ...e, appBaseUrl, authSecret, linkPepper, encryptionKeys, isEmbedded, isProduction }
}

let cached: Env | undefined
export function getEnv(): Env {
  cached ??= load()
  return cached
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
