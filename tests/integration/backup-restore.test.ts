// npm run backup / npm run restore, end to end: the real scripts in child processes against a real
// embedded data folder whose secrets are the generated files (no secret variables), then the
// restored folder used by the app's own sign-in, client list and note decryption.
// On the PostgreSQL run this still tests an embedded folder: the scripts exist only for PGlite.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { childProcessEnv } from '../../lib/env'
import { deployMigrations } from '../../lib/infra/migrate'
import { SECRET_VARIABLES, type Manifest } from '../../lib/infra/backup'

const root = path.resolve(import.meta.dirname, '../..')
const tsx = path.join(root, 'node_modules', '.bin', 'tsx')
const CHILD = ['tests/fixtures/backup-child.ts'] // see the fixture
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'securebase-backup-'))
const source = path.join(tmp, 'data')
const backupDir = path.join(tmp, 'backup')
const NOTE_TEXT = `Backup test note ${process.pid}`

/** The environment `npm start` would get for a data folder: generated secrets, none given. */
function envFor(dataDir: string): NodeJS.ProcessEnv {
  const env = childProcessEnv({ DATABASE_URL: `pglite:${dataDir}/pglite`, SECUREBASE_DATA_DIR: dataDir, LOG_LEVEL: 'error', NODE_ENV: 'test' })
  for (const name of SECRET_VARIABLES) delete env[name]
  delete env.APP_BASE_URL
  return env
}

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function run(args: string[], dataDir: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    // With the condition the npm scripts give tsx (lib/db is 'server-only', see package.json).
    const child = spawn(tsx, ['--conditions=react-server', ...args], { cwd: root, env: envFor(dataDir) })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

async function runOk(args: string[], dataDir: string): Promise<Run> {
  const r = await run(args, dataDir)
  if (r.code !== 0) throw new Error(`${args.join(' ')} exited ${r.code}:\n${r.stdout}\n${r.stderr}`)
  return r
}

function resultOf<T>(r: Run): T {
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '))
  if (!line) throw new Error(`no RESULT line:\n${r.stdout}\n${r.stderr}`)
  return JSON.parse(line.slice('RESULT '.length)) as T
}

interface Prepared {
  userId: string
  clients: string[]
  noteIds: string[]
}
let prepared: Prepared

beforeAll(async () => {
  const template = inject('templateDir')
  fs.mkdirSync(source)
  if (template) fs.cpSync(template, path.join(source, 'pglite'), { recursive: true })
  else await deployMigrations(`pglite:${path.join(source, 'pglite')}`) // PostgreSQL run: no PGlite template
  await runOk(['prisma/seed.ts'], source)
  prepared = resultOf<Prepared>(await runOk([...CHILD, 'prepare', NOTE_TEXT], source))
  expect(prepared.clients.length).toBeGreaterThan(0)
  // The embedded engine generated its own secrets: these are what the backup must carry.
  expect(fs.existsSync(path.join(source, 'keys', 'k1.key'))).toBe(true)
}, 120_000)

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

describe('npm run backup / npm run restore (embedded database)', () => {
  it('backs up, restores into a fresh folder, and the restored app signs in and reads the same data', async () => {
    const b = await runOk(['scripts/backup.ts', backupDir], source)
    expect(b.stdout).toContain('Backup written to')
    expect(b.stdout).not.toContain(NOTE_TEXT)
    expect(fs.statSync(backupDir).mode & 0o777).toBe(0o700)
    const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8')) as Manifest
    expect(Object.keys(manifest.files).sort()).toEqual(['database.tar.gz', 'secrets/audit-key', 'secrets/auth-secret', 'secrets/keys/k1.key'])
    for (const name of [...Object.keys(manifest.files), 'manifest.json']) {
      expect(fs.statSync(path.join(backupDir, name)).mode & 0o777).toBe(0o600)
    }
    expect(manifest.secretsFromEnvironment).toEqual([])
    expect(manifest.counts).toEqual({ practices: 1, clients: 12, notes: 2 })
    expect(manifest.migrations.length).toBe(fs.readdirSync(path.join(root, 'prisma', 'migrations')).filter((d) => /^\d{14}_/.test(d)).length)
    // The key is carried as it is, and no secret value appears in the output.
    expect(fs.readFileSync(path.join(backupDir, 'secrets/keys/k1.key'))).toEqual(fs.readFileSync(path.join(source, 'keys/k1.key')))
    const key = fs.readFileSync(path.join(source, 'keys/k1.key'), 'utf8').trim()
    expect(b.stdout + b.stderr).not.toContain(key)

    const restored = path.join(tmp, 'restored')
    const r = await runOk(['scripts/restore.ts', backupDir, '--data-dir', restored], restored)
    expect(r.stdout).toContain('holds 12 clients')
    expect(fs.readFileSync(path.join(restored, 'keys/k1.key'), 'utf8').trim()).toBe(key)

    const check = resultOf<{ userId: string; clients: string[]; notes: { id: string; status: string; text: string }[] }>(
      await runOk([...CHILD, 'check', prepared.noteIds.join(',')], restored),
    )
    expect(check.userId).toBe(prepared.userId)
    expect(check.clients).toEqual(prepared.clients)
    expect(check.notes).toEqual([
      { id: prepared.noteIds[0], status: 'SIGNED', text: `${NOTE_TEXT} (signed)` },
      { id: prepared.noteIds[1], status: 'DRAFT', text: `${NOTE_TEXT} (draft)` },
    ])
  }, 120_000)

  it('refuses to back up (or restore over) a database another process holds, and copies nothing', async () => {
    const holder: ChildProcess = spawn(tsx, ['--conditions=react-server', ...CHILD, 'hold'], { cwd: root, env: envFor(source) })
    const exited = new Promise((resolve) => holder.on('close', resolve))
    try {
      const pid = await new Promise<number>((resolve, reject) => {
        let out = ''
        holder.stdout!.on('data', (d: Buffer) => {
          out += d.toString()
          const ready = /READY (\d+)/.exec(out)
          if (ready) resolve(Number(ready[1]))
        })
        holder.on('close', (code) => reject(new Error(`holder exited ${code} before opening the database`)))
      })
      const target = path.join(tmp, 'backup-while-running')
      const b = await run(['scripts/backup.ts', target], source)
      expect(b.code).toBe(1)
      expect(b.stderr).toContain(`SecureBase is running (pid ${pid})`)
      expect(b.stderr).toContain('would not be consistent')
      expect(fs.existsSync(target)).toBe(false)
      expect(fs.existsSync(`${target}.incomplete`)).toBe(false)

      const r = await run(['scripts/restore.ts', backupDir, '--data-dir', source, '--force'], source)
      expect(r.code).toBe(1)
      expect(r.stderr).toContain(`SecureBase is running with the target database (pid ${pid})`)
      expect(fs.readdirSync(tmp).some((d) => d.includes('before-restore'))).toBe(false)
    } finally {
      holder.kill('SIGTERM')
      await exited
    }
  }, 60_000)

  it('refuses a backup whose files do not match the manifest, before touching the target', async () => {
    const tampered = path.join(tmp, 'tampered')
    fs.cpSync(backupDir, tampered, { recursive: true })
    const file = path.join(tampered, 'database.tar.gz')
    const bytes = fs.readFileSync(file)
    bytes.writeUInt8(bytes.readUInt8(bytes.length >> 1) ^ 0xff, bytes.length >> 1)
    fs.chmodSync(file, 0o600)
    fs.writeFileSync(file, bytes)
    const target = path.join(tmp, 'from-tampered')
    const r = await run(['scripts/restore.ts', tampered, '--data-dir', target], path.join(tmp, 'unused'))
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('database.tar.gz does not match its sha256')
    expect(fs.existsSync(path.join(target, 'pglite'))).toBe(false)
  }, 60_000)

  it('refuses a non-empty target without --force; with --force moves it aside and restores', async () => {
    const target = path.join(tmp, 'occupied')
    fs.mkdirSync(target)
    fs.writeFileSync(path.join(target, 'precious.txt'), 'keep me')
    const refused = await run(['scripts/restore.ts', backupDir, '--data-dir', target], target)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('already holds data')
    expect(fs.readdirSync(target).sort()).toEqual(expect.arrayContaining(['precious.txt']))
    expect(fs.existsSync(path.join(target, 'pglite'))).toBe(false)

    const forced = await runOk(['scripts/restore.ts', backupDir, '--data-dir', target, '--force'], target)
    const aside = fs.readdirSync(tmp).find((d) => d.startsWith('occupied.before-restore-'))
    expect(aside).toBeDefined()
    expect(forced.stdout).toContain(`Moved the existing folder aside: ${path.join(tmp, aside!)}`)
    expect(fs.readFileSync(path.join(tmp, aside!, 'precious.txt'), 'utf8')).toBe('keep me')
    expect(fs.existsSync(path.join(target, 'pglite', 'PG_VERSION'))).toBe(true)
  }, 60_000)
})
