// npm run restore -- <backup folder> [--data-dir <folder>] [--force] — restores a backup made by
// `npm run backup` into an embedded data folder (see lib/infra/restore.ts). Exit 0 restored,
// 1 refused or failed (nothing changed unless it says so), 2 usage or not the embedded database.
import fs from 'node:fs'
import path from 'node:path'
import { requireConfig } from '../lib/env'
import { BackupRefusedError, MANIFEST_FILE, secretFileMap } from '../lib/infra/backup'
import { assertApart, readVerifiedBackup, restoreBackup } from '../lib/infra/restore'
import { DatabaseInUseError, pgliteDirFromUrl } from '../lib/infra/pglite'
import { must } from '../lib/must'
import { runScript } from './lib/run-script'

// Relative command-line folders are taken from where the command was run; with `npm run` that is
// the project root. Settings (DATABASE_URL, SECUREBASE_DATA_DIR) are project-relative, as for the
// other scripts, so change folder before the configuration check resolves (or generates) them.
const callerCwd = process.cwd()
const root = path.resolve(import.meta.dirname, '..')
process.chdir(root)
const env = requireConfig()

const USAGE = `Usage: npm run restore -- <backup folder> [--data-dir <folder>] [--force]

Restores a backup made by \`npm run backup\`. Without --data-dir it restores into the configured
embedded database (DATABASE_URL=pglite:<folder>) and SECUREBASE_DATA_DIR; with --data-dir into
<folder>/pglite and <folder>. Relative folders are resolved against the project root when run
through npm. The target must be empty; --force moves an existing one aside to
<folder>.before-restore-<UTC time> (nothing is deleted). Stop SecureBase first.`

const POSTGRES_HELP =
  'npm run restore is for the embedded database only. DATABASE_URL points at PostgreSQL: restore it with ' +
  'pg_restore (from pg_dump) or from your base backup and WAL archive. See README.md, "Backups".'

interface Args {
  backup: string
  dataDir?: string
  force: boolean
}

function parseArgs(argv: string[]): Args | string {
  const out: Partial<Args> = { force: false }
  for (let i = 0; i < argv.length; i++) {
    const a = must(argv[i], 'an argument')
    if (a === '--force') out.force = true
    else if (a === '--data-dir') {
      const dir = argv[++i]
      if (!dir || dir.startsWith('-')) return '--data-dir needs a folder.'
      out.dataDir = path.resolve(callerCwd, dir)
    } else if (a.startsWith('-')) return `unknown option ${a}.`
    else if (out.backup) return 'give one backup folder.'
    else out.backup = path.resolve(callerCwd, a)
  }
  return out.backup ? (out as Args) : 'give the backup folder to restore.'
}

// A secret file the configuration check above created in this run (it creates any missing one in
// SECUREBASE_DATA_DIR). Such a file protects no data yet, so it may be replaced. The margin covers
// file systems whose timestamps are coarser than the process start time.
function generatedJustNow(file: string): boolean {
  const configured = Object.values(secretFileMap(path.resolve(env.SECUREBASE_DATA_DIR)))
  if (!configured.includes(file)) return false
  try {
    return fs.statSync(file).mtimeMs >= performance.timeOrigin - 2_000
  } catch {
    return false
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv.some((a) => a === '-h' || a === '--help')) {
    console.log(USAGE)
    return 0
  }
  const args = parseArgs(argv)
  if (typeof args === 'string') {
    console.error(`restore: ${args}\n\n${USAGE}`)
    return 2
  }
  if (!env.isEmbedded) {
    console.error(POSTGRES_HELP)
    return 2
  }
  const dataDir = args.dataDir ?? path.resolve(env.SECUREBASE_DATA_DIR)
  const pgliteDir = args.dataDir ? path.join(args.dataDir, 'pglite') : pgliteDirFromUrl(env.DATABASE_URL)
  if (pgliteDir === 'memory') {
    console.error('restore: DATABASE_URL is pglite:memory, which keeps nothing on disk: give --data-dir <folder>.')
    return 2
  }
  assertApart(args.backup, dataDir, pgliteDir)

  const backup = readVerifiedBackup(args.backup)
  const m = backup.manifest
  console.log(
    `Backup verified: ${backup.contents.size} files match ${MANIFEST_FILE} (made ${m.createdAt} by SecureBase ${m.appVersion}, ${m.migrations.length} migrations).`,
  )

  const result = await restoreBackup({ backup, dataDir, pgliteDir, force: args.force, generatedJustNow })

  for (const aside of result.movedAside) console.log(`Moved the existing folder aside: ${aside}`)
  console.log(`Restored the database to ${pgliteDir} and ${result.secretsRestored.length} secret file(s) to ${dataDir}.`)
  console.log(`Checked: the restored database opens and holds ${result.clients} clients, as in the backup.`)
  if (m.secretsFromEnvironment.includes('SECUREBASE_ENCRYPTION_KEYS')) {
    const bar = '!'.repeat(78)
    console.error(
      `${bar}\n! This backup was made with SECUREBASE_ENCRYPTION_KEYS from the environment: its keys\n` +
        `! are not in the backup. Start SecureBase with that exact keyring, or notes cannot be read.\n${bar}`,
    )
  } else if (env.SECUREBASE_ENCRYPTION_KEYS !== undefined && backup.contents.has('secrets/keys/k1.key')) {
    console.error(
      'Note: SECUREBASE_ENCRYPTION_KEYS is set, so SecureBase will use it instead of the restored key file ' +
        `${secretFileMap(dataDir)['secrets/keys/k1.key']}. Unset it, or include k1:<that file's content> in the keyring.`,
    )
  }
  for (const v of m.secretsFromEnvironment.filter((x) => x !== 'SECUREBASE_ENCRYPTION_KEYS')) {
    console.log(`Note: ${v} came from the environment when the backup was made: set it to the same value.`)
  }
  const sameAsConfig =
    dataDir === path.resolve(env.SECUREBASE_DATA_DIR) && env.DATABASE_URL.startsWith('pglite:') && pgliteDirFromUrl(env.DATABASE_URL) === pgliteDir
  console.log(
    sameAsConfig
      ? 'Start SecureBase as usual: npm start'
      : `Start SecureBase on it with: SECUREBASE_DATA_DIR=${dataDir} DATABASE_URL=pglite:${pgliteDir} npm start`,
  )
  return 0
}

runScript(
  'restore',
  () => main(process.argv.slice(2)),
  (e) => e instanceof DatabaseInUseError || e instanceof BackupRefusedError,
)
