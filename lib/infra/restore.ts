// Restoring a backup made by lib/infra/backup.ts into an embedded data folder. Everything that can be
// checked before touching the target is checked first (manifest, hashes, PGlite version, lock,
// target empty), so a refused restore changes nothing.
import fs from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupRefusedError,
  DATABASE_FILE,
  MANIFEST_FILE,
  isInside,
  isNonEmptyDir,
  pgliteVersion,
  secretFileMap,
  sha256,
  utcStamp,
  type Manifest,
} from './backup'
import { lockHolder } from './pglite'
import { must } from '@/lib/must'

export interface VerifiedBackup {
  manifest: Manifest
  /** Name inside the backup → contents, every one checked against the manifest. */
  contents: Map<string, Buffer>
}

const minor = (v: string) => v.split('.').slice(0, 2).join('.')

/** Reads a backup folder and checks every file against its manifest; throws BackupRefusedError. */
export function readVerifiedBackup(folder: string): VerifiedBackup {
  let manifest: Manifest
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(folder, MANIFEST_FILE), 'utf8')) as Manifest
  } catch {
    throw new BackupRefusedError(`${folder} is not a SecureBase backup (no readable ${MANIFEST_FILE}).`)
  }
  if (manifest?.format !== BACKUP_FORMAT || typeof manifest.files !== 'object' || manifest.files === null) {
    throw new BackupRefusedError(`${folder}/${MANIFEST_FILE} is not a SecureBase backup manifest.`)
  }
  if (manifest.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new BackupRefusedError(`This backup has format version ${manifest.formatVersion}; this SecureBase reads version ${BACKUP_FORMAT_VERSION}.`)
  }
  // PGlite data folders do not open across minor versions (0.4 → 0.5).
  const installed = pgliteVersion()
  if (minor(manifest.pgliteVersion ?? '') !== minor(installed)) {
    throw new BackupRefusedError(
      `This backup was made with PGlite ${manifest.pgliteVersion}; this SecureBase has ${installed}, which cannot open it. Restore with the SecureBase version that made it (${manifest.appVersion}).`,
    )
  }
  // Only names a backup can contain: a manifest cannot make the restore write anywhere else.
  const allowed = new Set([DATABASE_FILE, ...Object.keys(secretFileMap('.'))])
  if (!manifest.files[DATABASE_FILE]) throw new BackupRefusedError(`The backup's manifest lists no ${DATABASE_FILE}.`)
  const contents = new Map<string, Buffer>()
  for (const [name, expected] of Object.entries(manifest.files)) {
    if (!allowed.has(name)) throw new BackupRefusedError(`The backup's manifest lists an unexpected file (${JSON.stringify(name)}); refusing it.`)
    let data: Buffer
    try {
      data = fs.readFileSync(path.join(folder, ...name.split('/')))
    } catch {
      throw new BackupRefusedError(`The backup is incomplete: ${name} is missing. Nothing was changed.`)
    }
    if (data.length !== expected.bytes || sha256(data) !== expected.sha256) {
      throw new BackupRefusedError(`The backup is damaged or was altered: ${name} does not match its sha256 in ${MANIFEST_FILE}. Nothing was changed.`)
    }
    contents.set(name, data)
  }
  return { manifest, contents }
}

export interface RestoreOptions {
  backup: VerifiedBackup
  dataDir: string
  pgliteDir: string
  /** Move a non-empty target aside (to <dir>.before-restore-<UTC time>) instead of refusing. */
  force: boolean
  /**
   * Secret files this very process generated a moment ago (the configuration check creates any
   * that are missing when the target is the configured data folder). They protect no data, so they
   * do not make the target "non-empty", and they are replaced or removed by the restore.
   */
  generatedJustNow: (file: string) => boolean
  now?: Date
}

export interface RestoreResult {
  movedAside: string[]
  secretsRestored: string[]
  clients: number
}

// The same lock-file protocol as lib/infra/pglite.ts (`<dir>.lock` holding our pid): openPglite
// cannot load a tarball, so the restore takes the lock itself while it writes the folder.
function takeLock(pgliteDir: string): () => void {
  const lock = `${pgliteDir}.lock`
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lock, String(process.pid), { mode: 0o600, flag: 'wx' })
      return () => {
        try {
          if (fs.readFileSync(lock, 'utf8').trim() === String(process.pid)) fs.rmSync(lock, { force: true })
        } catch {
          /* already gone */
        }
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      const holder = lockHolder(pgliteDir)
      if (holder) throw new BackupRefusedError(`SecureBase is running with the target database (pid ${holder}): stop it first.`)
      fs.rmSync(lock, { force: true }) // stale: its process is gone
    }
  }
  throw new BackupRefusedError(`Could not lock the target database (${lock}).`)
}

function existingData(dir: string, generatedJustNow: (file: string) => boolean): boolean {
  if (!isNonEmptyDir(dir)) return false
  const walk = (d: string): boolean =>
    fs.readdirSync(d, { withFileTypes: true }).some((e) => {
      const p = path.join(d, e.name)
      return e.isDirectory() ? walk(p) : !generatedJustNow(p)
    })
  return walk(dir)
}

export async function restoreBackup(opts: RestoreOptions): Promise<RestoreResult> {
  const { backup, dataDir, pgliteDir, force, generatedJustNow } = opts
  const holder = lockHolder(pgliteDir)
  if (holder) {
    throw new BackupRefusedError(
      `SecureBase is running with the target database (pid ${holder}): stop it first; a running embedded database cannot be replaced.`,
    )
  }
  // Both folders when the database folder lives outside the data folder (a custom DATABASE_URL).
  const targets = isInside(pgliteDir, dataDir) ? [dataDir] : [dataDir, pgliteDir]
  const occupied = targets.filter((d) => existingData(d, generatedJustNow))
  const movedAside: string[] = []
  if (occupied.length > 0) {
    if (!force) {
      throw new BackupRefusedError(
        `${occupied.join(' and ')} already holds data: a restore never overwrites it. ` +
          'Restore into an empty folder (--data-dir <folder>), or add --force to move the existing folder aside (nothing is deleted).',
      )
    }
    const stamp = utcStamp(opts.now ?? new Date())
    for (const d of occupied) {
      const aside = `${d}.before-restore-${stamp}`
      fs.renameSync(d, aside)
      movedAside.push(aside)
    }
  }

  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  fs.mkdirSync(path.dirname(pgliteDir), { recursive: true, mode: 0o700 }) // PGlite does not create parents
  fs.rmSync(pgliteDir, { recursive: true, force: true }) // empty, or only a folder without data
  const release = takeLock(pgliteDir)
  const secretsRestored: string[] = []
  try {
    const tarball = new Blob([new Uint8Array(backup.contents.get(DATABASE_FILE)!)])
    const loaded = new PGlite(pgliteDir, { loadDataDir: tarball })
    try {
      await loaded.waitReady
    } catch (e) {
      await loaded.close().catch(() => {}) // the load error is the one to report
      throw e
    }
    await loaded.close() // a clean close: an abrupt stop can corrupt a PGlite folder

    for (const [name, file] of Object.entries(secretFileMap(dataDir))) {
      const data = backup.contents.get(name)
      if (!data) {
        // Not in the backup (it came from the environment): a key generated a moment ago would
        // only be mistaken for the real one later.
        if (generatedJustNow(file)) fs.rmSync(file, { force: true })
        continue
      }
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
      fs.writeFileSync(file, data, { mode: 0o600 })
      fs.chmodSync(file, 0o600)
      secretsRestored.push(file)
    }

    // Open the restored database once, as the app will, and check it holds what the backup says.
    const check = new PGlite(pgliteDir)
    let clients: number
    try {
      clients = must((await check.query<{ n: number }>('SELECT count(*)::int AS n FROM "Client"')).rows[0], 'the count row').n
    } finally {
      await check.close()
    }
    if (clients !== backup.manifest.counts.clients) {
      throw new BackupRefusedError(`The restored database has ${clients} clients but the backup's manifest says ${backup.manifest.counts.clients}.`)
    }
    return { movedAside, secretsRestored, clients }
  } catch (e) {
    // The target held no data before (or it was moved aside): put it back to empty, so a retry
    // does not meet a half-restored folder.
    fs.rmSync(pgliteDir, { recursive: true, force: true })
    for (const f of secretsRestored) fs.rmSync(f, { force: true })
    throw e
  } finally {
    release()
  }
}

/** Every path the restore writes to must be outside the backup it reads. */
export function assertApart(backupFolder: string, dataDir: string, pgliteDir: string): void {
  for (const d of [dataDir, pgliteDir]) {
    if (isInside(d, backupFolder) || isInside(backupFolder, d)) {
      throw new BackupRefusedError(`The backup folder ${backupFolder} and the target ${d} overlap: restore into a folder apart from the backup.`)
    }
  }
}
