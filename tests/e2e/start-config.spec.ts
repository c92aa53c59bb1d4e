// The production server and `npm start` stop, with one clear line, when they cannot serve: before,
// a missing key on PostgreSQL left a "Ready" server answering every request with a 500 for ever.
// These start processes of their own (no browser) against the build the suite already made.
import { spawn } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { childProcessEnv } from '../../lib/env'

const root = path.resolve(import.meta.dirname, '..', '..')
const SECRETS = ['NEXTAUTH_SECRET', 'SECUREBASE_ENCRYPTION_KEYS', 'SECUREBASE_AUDIT_KEY', 'APP_BASE_URL', 'NEXTAUTH_URL', 'DATABASE_URL']
const COMPLETE = {
  APP_BASE_URL: 'https://securebase.example.org',
  NEXTAUTH_SECRET: 'a'.repeat(44),
  SECUREBASE_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 5).toString('base64')}`,
  SECUREBASE_AUDIT_KEY: 'b'.repeat(44),
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })
}

/** Runs a command to its end (or kills it after timeoutMs) and reports what it printed. */
function run(cmd: string, args: string[], extra: Record<string, string>, timeoutMs: number) {
  const env = childProcessEnv({ NODE_ENV: 'production', LOG_LEVEL: 'warn', ...extra })
  for (const name of SECRETS) if (!(name in extra)) delete env[name]
  return new Promise<{ code: number | null; output: string; timedOut: boolean }>((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr.on('data', (d: Buffer) => (output += d.toString()))
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutMs)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, output, timedOut })
    })
  })
}

test.describe('start-up on PostgreSQL', () => {
  test.describe.configure({ timeout: 120_000 })

  test('the server itself exits 78 at once when a key is missing, naming it', async () => {
    const port = await freePort()
    const { SECUREBASE_ENCRYPTION_KEYS: _missing, ...rest } = COMPLETE
    const r = await run(
      process.execPath,
      ['scripts/server.mjs', String(port), '127.0.0.1', '0'],
      { ...rest, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' },
      60_000,
    )
    expect(r.timedOut).toBe(false)
    expect(r.code).toBe(78)
    expect(r.output).toMatch(/SecureBase configuration error: SECUREBASE_ENCRYPTION_KEYS is not set/)
    expect(r.output).not.toMatch(/\n\s+at /) // no stack trace
  })

  test('npm start exits with a message when its server cannot reach the database', async () => {
    const port = await freePort()
    const r = await run(
      path.join(root, 'node_modules/.bin/tsx'),
      ['scripts/start.ts'],
      {
        ...COMPLETE,
        PORT: String(port),
        HOSTNAME: '127.0.0.1',
        DATABASE_URL: `postgres://postgres@127.0.0.1:${await freePort()}/nothing-listens-here`,
      },
      100_000,
    )
    expect(r.timedOut).toBe(false)
    expect(r.code).not.toBe(0)
    expect(r.output).toMatch(/SecureBase could not start/)
    expect(r.output).not.toMatch(/is ready at/)
  })
})
