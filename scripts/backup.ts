// npm run backup -- [<target folder>] — a consistent backup of the embedded database (PGlite) and
// the secrets generated next to it (see lib/infra/backup.ts). Exit 0 written, 1 refused or failed,
// 2 usage or not the embedded database. PostgreSQL is backed up with its own tools (README).
import fs from 'node:fs'
import path from 'node:path'
import { requireConfig } from '../lib/env'
import { BackupRefusedError, DATABASE_FILE, KEYS_WARNING_FILE, MANIFEST_FILE, SECRET_VARIABLES, createBackup, utcStamp } from '../lib/infra/backup'
import { DatabaseInUseError, lockHolder, pgliteDirFromUrl } from '../lib/infra/pglite'
import { runScript } from './lib/run-script'

// Relative command-line folders are taken from where the command was run; with `npm run` that is
// the project root. Settings (DATABASE_URL, SECUREBASE_DATA_DIR) are project-relative, as for the
// other scripts, so change folder before the configuration check resolves (or generates) them.
const callerCwd = process.cwd()
const root = path.resolve(import.meta.dirname, '..')
process.chdir(root)
const env = requireConfig()

const USAGE = `Usage: npm run backup -- [<target folder>]

Backs up the embedded database (DATABASE_URL=pglite:<folder>) and the secrets generated in
SECUREBASE_DATA_DIR into a new folder (default ./backups/securebase-<UTC time>). Relative folders
are resolved against the project root when run through npm. Stop SecureBase first.`

const POSTGRES_HELP =
  'npm run backup is for the embedded database only. DATABASE_URL points at PostgreSQL: back it up with ' +
  'pg_dump (logical) or pg_basebackup with WAL archiving (point-in-time), and keep NEXTAUTH_SECRET, ' +
  'SECUREBASE_ENCRYPTION_KEYS and SECUREBASE_AUDIT_KEY apart from those backups. See README.md, "Backups".'

// What losing each secret costs, for the warning when it is not in the backup.
const LOSS: Record<(typeof SECRET_VARIABLES)[number], string> = {
  NEXTAUTH_SECRET: 'without it everyone is signed out and check-in links stop working unless SECUREBASE_LINK_PEPPER is set',
  SECUREBASE_ENCRYPTION_KEYS: 'WITHOUT IT THE NOTES IN THIS BACKUP CANNOT BE READ',
  SECUREBASE_AUDIT_KEY: 'without it the audit trail checkpoints cannot be verified',
  SECUREBASE_LINK_PEPPER: 'without it outstanding check-in links stop working',
}

const size = (bytes: number) => (bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : bytes >= 1024 ? `${Math.ceil(bytes / 1024)} kB` : `${bytes} B`)
const n = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`
const shown = (p: string) => {
  const rel = path.relative(root, p)
  return rel && !rel.startsWith('..') ? `./${rel}` : p
}

async function main(argv: string[]): Promise<number> {
  if (argv.some((a) => a === '-h' || a === '--help')) {
    console.log(USAGE)
    return 0
  }
  const positional = argv.filter((a) => !a.startsWith('-'))
  if (positional.length > 1 || positional.length !== argv.length) {
    console.error(`backup: unexpected arguments.\n\n${USAGE}`)
    return 2
  }
  if (!env.isEmbedded) {
    console.error(POSTGRES_HELP)
    return 2
  }
  const pgliteDir = pgliteDirFromUrl(env.DATABASE_URL)
  if (pgliteDir === 'memory') {
    console.error('backup: DATABASE_URL is pglite:memory, a throwaway database: there is nothing on disk to back up.')
    return 2
  }
  const holder = lockHolder(pgliteDir)
  if (holder) {
    console.error(`SecureBase is running (pid ${holder}): stop it first; a backup of a running embedded database would not be consistent.`)
    return 1
  }
  const now = new Date()
  const target = positional[0] ? path.resolve(callerCwd, positional[0]) : path.resolve(root, 'backups', `securebase-${utcStamp(now)}`)
  const appVersion = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version
  const fromEnv = SECRET_VARIABLES.filter((v) => env[v] !== undefined)

  const { manifest } = await createBackup({
    pgliteDir,
    dataDir: path.resolve(env.SECUREBASE_DATA_DIR),
    target,
    appVersion,
    secretsFromEnvironment: fromEnv,
    now,
  })

  const { counts } = manifest
  console.log(`Backup written to ${shown(target)} (folder mode 0700, files 0600):`)
  for (const [name, f] of Object.entries(manifest.files)) {
    const what =
      name === DATABASE_FILE
        ? `  (${n(manifest.migrations.length, 'migration')}; ${n(counts.practices, 'practice')}, ${n(counts.clients, 'client')}, ${n(counts.notes, 'note')})`
        : ''
    console.log(`  ${name.padEnd(22)} ${size(f.bytes).padStart(8)}${what}`)
  }
  console.log(`  ${MANIFEST_FILE.padEnd(22)} ${''.padStart(8)}  (format, versions, counts, sha256 of every file)`)
  for (const v of fromEnv) {
    if (v === 'SECUREBASE_ENCRYPTION_KEYS') continue
    console.log(`Note: ${v} comes from the environment and is not in this backup; ${LOSS[v]}.`)
  }
  if (fromEnv.includes('SECUREBASE_ENCRYPTION_KEYS')) {
    const bar = '!'.repeat(78)
    console.error(
      `${bar}\n! The encryption keys come from SECUREBASE_ENCRYPTION_KEYS and are NOT in this backup.\n` +
        `! ${LOSS.SECUREBASE_ENCRYPTION_KEYS}: keep that exact keyring safe, apart from\n` +
        `! this backup (see ${KEYS_WARNING_FILE} in the backup folder).\n${bar}`,
    )
  }
  console.log(
    'This folder holds the data and, unless noted above, the keys that decrypt it: store it encrypted ' +
      '(e.g. gpg or age, or an encrypted disk) and apart from this machine.',
  )
  console.log(`Restore with: npm run restore -- ${shown(target)} [--data-dir <empty folder>]`)
  return 0
}

runScript(
  'backup',
  () => main(process.argv.slice(2)),
  (e) => e instanceof DatabaseInUseError || e instanceof BackupRefusedError,
)
