// Backups of the embedded database (PGlite) and the secrets generated next to it. A backup is a
// folder: database.tar.gz (PGlite's own dump of its data folder), secrets/ (copies of the generated
// secret files that exist) and manifest.json (what is inside, with a sha256 per file, so a restore
// can refuse a damaged or altered backup before it touches anything).
// PostgreSQL deployments use pg_dump / base backups instead (README), never this.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { localSecretFiles } from '../env'
import { openPglite } from './pglite'
import { must } from '@/lib/must'

export const BACKUP_FORMAT = 'securebase-embedded-backup'
export const BACKUP_FORMAT_VERSION = 1
export const DATABASE_FILE = 'database.tar.gz'
export const MANIFEST_FILE = 'manifest.json'
export const KEYS_WARNING_FILE = 'ENCRYPTION-KEYS-NOT-IN-THIS-BACKUP.txt'

/** Variables whose values replace a generated secret file; their values are never written. */
export const SECRET_VARIABLES = ['NEXTAUTH_SECRET', 'SECUREBASE_ENCRYPTION_KEYS', 'SECUREBASE_AUDIT_KEY', 'SECUREBASE_LINK_PEPPER'] as const
type SecretVariable = (typeof SECRET_VARIABLES)[number]

export interface Manifest {
  format: typeof BACKUP_FORMAT
  formatVersion: number
  createdAt: string
  appVersion: string
  pgliteVersion: string
  migrations: string[]
  counts: { practices: number; clients: number; notes: number }
  /** Secrets given as environment variables when the backup was made: NOT in the backup. */
  secretsFromEnvironment: SecretVariable[]
  /** Relative path (always with /) → size and sha256 of every file of the backup but this one. */
  files: Record<string, { bytes: number; sha256: string }>
}

/** A backup or restore that must not go ahead; the message is for the operator, exit code 1. */
export class BackupRefusedError extends Error {}

/** The generated secret files, by their name inside a backup (the only names a restore accepts). */
export function secretFileMap(dataDir: string): Record<string, string> {
  const f = localSecretFiles(dataDir)
  return {
    'secrets/auth-secret': f.authSecret,
    'secrets/audit-key': f.auditKey,
    'secrets/keys/k1.key': f.encryptionKey,
  }
}

export function utcStamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z') // 20260314T091500Z
}

export function pgliteVersion(): string {
  // The package's exports hide package.json; find it from the resolved entry point.
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite')
  const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }
  return pkg.version
}

export function sha256(data: Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex')
}

/** True when `child` is `parent` or inside it. */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}

export function isNonEmptyDir(dir: string): boolean {
  try {
    return fs.readdirSync(dir).length > 0
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false
    throw e
  }
}

function writePrivate(file: string, data: Buffer | string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  fs.writeFileSync(file, data, { mode: 0o600, flag: 'wx' })
  fs.chmodSync(file, 0o600) // the mode given to writeFileSync is reduced by the umask only
}

export interface BackupOptions {
  pgliteDir: string
  dataDir: string
  target: string
  appVersion: string
  secretsFromEnvironment: SecretVariable[]
  now?: Date
}

export interface BackupResult {
  target: string
  manifest: Manifest
}

/**
 * Writes a backup. The caller has checked that no other process holds the database; opening it
 * here takes the lock, so the app cannot start while the dump is made. Written into
 * `<target>.incomplete` and renamed at the end, so a failed run never leaves a folder that looks
 * like a backup.
 */
export async function createBackup(opts: BackupOptions): Promise<BackupResult> {
  const { pgliteDir, dataDir, target } = opts
  if (!fs.existsSync(path.join(pgliteDir, 'PG_VERSION'))) {
    throw new BackupRefusedError(`There is no embedded database at ${pgliteDir}: nothing to back up.`)
  }
  if (isInside(target, dataDir) || isInside(target, pgliteDir)) {
    throw new BackupRefusedError(
      `The backup folder ${target} is inside the data folder ${dataDir}: choose a folder elsewhere (a backup is kept apart from what it protects).`,
    )
  }
  if (fs.existsSync(target)) throw new BackupRefusedError(`${target} already exists: give a new folder (an existing backup is never overwritten).`)
  const work = `${target}.incomplete`
  fs.rmSync(work, { recursive: true, force: true }) // left over from a failed run
  fs.mkdirSync(path.dirname(work), { recursive: true })
  fs.mkdirSync(work, { mode: 0o700 })
  fs.chmodSync(work, 0o700)

  try {
    const handle = openPglite(pgliteDir) // throws DatabaseInUseError if someone was quicker
    let dump: Buffer
    let migrations: string[]
    let counts: Manifest['counts']
    try {
      const { pg } = handle
      await pg.waitReady
      const migrationRows = await pg.query<{ migration_name: string }>(
        'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name',
      )
      migrations = migrationRows.rows.map((r) => r.migration_name)
      const count = async (table: string) => must((await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0], 'the count row').n
      counts = { practices: await count('Practice'), clients: await count('Client'), notes: await count('SessionNote') }
      // dumpDataDir copies the files as they are on disk: flush everything to them first. We hold
      // the only connection, so nothing changes between the checkpoint and the dump.
      await pg.exec('CHECKPOINT')
      dump = Buffer.from(await (await pg.dumpDataDir('gzip')).arrayBuffer())
    } finally {
      await handle.close()
    }

    const files: Manifest['files'] = {}
    const add = (name: string, data: Buffer) => {
      writePrivate(path.join(work, ...name.split('/')), data)
      files[name] = { bytes: data.length, sha256: sha256(data) }
    }
    add(DATABASE_FILE, dump)
    for (const [name, source] of Object.entries(secretFileMap(dataDir))) {
      if (fs.existsSync(source)) add(name, fs.readFileSync(source))
    }

    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: (opts.now ?? new Date()).toISOString(),
      appVersion: opts.appVersion,
      pgliteVersion: pgliteVersion(),
      migrations,
      counts,
      secretsFromEnvironment: opts.secretsFromEnvironment,
      files,
    }
    writePrivate(path.join(work, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n')
    if (manifest.secretsFromEnvironment.includes('SECUREBASE_ENCRYPTION_KEYS')) {
      writePrivate(
        path.join(work, KEYS_WARNING_FILE),
        'The encryption keys (SECUREBASE_ENCRYPTION_KEYS) came from the environment when this backup was made.\n' +
          'They are NOT in this backup. Without that exact keyring the session notes, goal comments and\n' +
          'check-in drafts in this backup cannot be read. Keep the keyring safe, apart from this backup.\n',
      )
    }
    // Keeps a backup made inside a git checkout (the default ./backups/) out of commits.
    fs.writeFileSync(path.join(work, '.gitignore'), '*\n', { mode: 0o600 })
    fs.renameSync(work, target)
    return { target, manifest }
  } catch (e) {
    fs.rmSync(work, { recursive: true, force: true })
    throw e
  }
}
