// Every script makes the same configuration check as the server: on PostgreSQL a missing secret
// stops it at once with one line (exit 78), and nothing is generated in the data folder. Before,
// scheduler:tick, db:seed, db:migrate and keys:rotate silently generated their own secrets.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { childProcessEnv } from '../../lib/env'

const root = path.resolve(import.meta.dirname, '..', '..')
const tsx = path.join(root, 'node_modules', '.bin', 'tsx')
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'securebase-config-'))
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))

const SECRETS = ['NEXTAUTH_SECRET', 'SECUREBASE_ENCRYPTION_KEYS', 'SECUREBASE_AUDIT_KEY', 'APP_BASE_URL', 'NEXTAUTH_URL', 'SECUREBASE_LINK_PEPPER']

function run(args: string[], extra: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const env = childProcessEnv({ SECUREBASE_DATA_DIR: dataDir, ...extra })
  for (const name of SECRETS) if (!(name in extra)) delete env[name]
  return new Promise((resolve) => {
    const child = spawn(tsx, ['--conditions=react-server', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    let stdout = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.on('exit', (code) => resolve({ code, stderr, stdout }))
  })
}

// An address nothing listens on: the check must stop the script before any connection is tried.
const PG = 'postgres://securebase@127.0.0.1:9/securebase'
const SCRIPTS: Record<string, string[]> = {
  'scheduler:tick': ['scripts/scheduler-tick.ts'],
  'db:migrate -- deploy': ['scripts/db-migrate.ts', 'deploy'],
  'db:seed': ['prisma/seed.ts'],
  'keys:rotate': ['scripts/rotate-keys.ts'],
  'audit:verify': ['scripts/audit-verify.ts'],
  backup: ['scripts/backup.ts'],
}

describe('scripts refuse an incomplete PostgreSQL configuration', () => {
  it.each(Object.keys(SCRIPTS))('%s: one line naming the missing secret, exit 78, nothing generated', async (name) => {
    const r = await run(SCRIPTS[name]!, {
      DATABASE_URL: PG,
      APP_BASE_URL: 'https://securebase.example.org',
      SECUREBASE_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 3).toString('base64')}`,
      SECUREBASE_AUDIT_KEY: 'b'.repeat(44),
    })
    expect(r.code).toBe(78)
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^SecureBase configuration error: NEXTAUTH_SECRET is not set\..*openssl rand -base64 32/),
    ])
    expect(fs.readdirSync(dataDir)).toEqual([])
  })

  it('a keyring entry without its key id stops the tick before it encrypts anything', async () => {
    const r = await run(SCRIPTS['scheduler:tick']!, {
      DATABASE_URL: PG,
      APP_BASE_URL: 'https://securebase.example.org',
      NEXTAUTH_SECRET: 'a'.repeat(44),
      SECUREBASE_ENCRYPTION_KEYS: Buffer.alloc(32, 3).toString('base64'),
      SECUREBASE_AUDIT_KEY: 'b'.repeat(44),
    })
    expect(r.code).toBe(78)
    expect(r.stderr).toMatch(/SECUREBASE_ENCRYPTION_KEYS is malformed/)
  })

  it('without APP_BASE_URL the tick refuses instead of mailing localhost links', async () => {
    const r = await run(SCRIPTS['scheduler:tick']!, {
      DATABASE_URL: PG,
      NEXTAUTH_SECRET: 'a'.repeat(44),
      SECUREBASE_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 3).toString('base64')}`,
      SECUREBASE_AUDIT_KEY: 'b'.repeat(44),
    })
    expect(r.code).toBe(78)
    expect(r.stderr).toMatch(/APP_BASE_URL is not set/)
  })
})
