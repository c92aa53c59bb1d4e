// Embedded PostgreSQL (PGlite). Only one process may open a data folder: a second opener would
// corrupt it, so we hold a lock file next to the folder and refuse with a clear message.
import fs from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'

export class DatabaseInUseError extends Error {}

export function pgliteDirFromUrl(url: string): string | 'memory' {
  const rest = url.slice('pglite:'.length)
  if (rest === 'memory' || rest === ':memory:') return 'memory'
  return path.resolve(rest)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function acquireLock(lockPath: string): () => void {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx', 0o600)
      fs.writeSync(fd, String(process.pid))
      fs.closeSync(fd)
      let released = false
      return () => {
        if (released) return
        released = true
        try {
          if (fs.readFileSync(lockPath, 'utf8').trim() === String(process.pid)) fs.unlinkSync(lockPath)
        } catch {
          /* already gone */
        }
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      const holder = Number.parseInt(fs.readFileSync(lockPath, 'utf8').trim(), 10)
      if (Number.isFinite(holder) && holder !== process.pid && isAlive(holder)) {
        throw new DatabaseInUseError(
          `The embedded database at ${path.dirname(lockPath)} is already open in another SecureBase process (pid ${holder}). ` +
            'Stop that process first (only one process can use the embedded database), ' +
            'or set DATABASE_URL to a PostgreSQL server to run several instances.',
        )
      }
      fs.rmSync(lockPath, { force: true }) // stale lock from a process that is gone
    }
  }
  throw new DatabaseInUseError(`Could not lock the embedded database (${lockPath}).`)
}

export interface OpenPglite {
  pg: PGlite
  close(): Promise<void>
}

/**
 * Opens (creating on first use) an embedded database. Synchronous so that a Prisma client can be
 * built at once; PGlite finishes starting in the background and queries wait for it.
 */
export function openPglite(dir: string | 'memory'): OpenPglite {
  if (dir === 'memory') {
    const pg = new PGlite()
    return { pg, close: () => pg.close() }
  }
  fs.mkdirSync(path.dirname(dir), { recursive: true }) // PGlite does not create parent folders
  const release = acquireLock(`${dir}.lock`)
  let pg: PGlite
  try {
    pg = new PGlite(dir)
  } catch (e) {
    release()
    throw e
  }
  let closing: Promise<void> | undefined
  return {
    pg,
    close: () => {
      closing ??= (pg.closed ? Promise.resolve() : pg.close()).finally(release)
      return closing
    },
  }
}

/** The pid holding an embedded database folder, if a live process holds it. */
export function lockHolder(dir: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(`${dir}.lock`, 'utf8').trim(), 10)
    return Number.isFinite(pid) && pid !== process.pid && isAlive(pid) ? pid : null
  } catch {
    return null
  }
}
