// Embedded PostgreSQL (PGlite). Only one process may open a data folder: a second opener would
// corrupt it, so we hold a lock file next to the folder and refuse with a clear message.
import fs from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { logger } from '../log'

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

interface CheckpointOptions {
  /** How often to look at the write-ahead log written since the last checkpoint. */
  everyMs: number
  /** Checkpoint once at least this much has been written since the last one. */
  afterBytes: number
}

/**
 * PGlite runs PostgreSQL as one process, without the checkpointer, so nothing checkpoints unless
 * asked; and the write that crosses about 530 MB of WAL since the last checkpoint (near where
 * PostgreSQL would ask for one itself, max_wal_size being 1 GB) never finishes: it spins at 100% CPU
 * for good (docs/performance.md, issue 11, eighth pass). So an open embedded database checkpoints
 * itself: every minute, when 16 MB or more were written since the last checkpoint. PGlite runs a
 * query only when no transaction holds its lock, so a checkpoint never lands inside a transaction.
 * Bulk writers that write hundreds of MB in a minute (seed:large) also checkpoint between batches.
 */
const CHECKPOINTS: CheckpointOptions = { everyMs: 60_000, afterBytes: 16 * 1024 * 1024 }

function checkpointWhenDue(pg: PGlite, opts: CheckpointOptions): () => void {
  let running = false
  const timer = setInterval(() => {
    if (running || pg.closed) return
    running = true
    pg.query<{ written: string }>(`SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), redo_lsn)::text AS written FROM pg_control_checkpoint()`)
      .then(async (r) => {
        if (Number(r.rows[0]?.written ?? 0) >= opts.afterBytes && !pg.closed) await pg.exec('CHECKPOINT')
      })
      .catch((e: unknown) => {
        // Closed meanwhile, or the database is failing: the requests that use it will say so.
        if (!pg.closed) logger.warn('embedded database checkpoint failed', { error: e instanceof Error ? e.message : String(e) })
      })
      .finally(() => {
        running = false
      })
  }, opts.everyMs)
  timer.unref() // never keeps a script alive
  return () => clearInterval(timer)
}

/**
 * Opens (creating on first use) an embedded database. Synchronous so that a Prisma client can be
 * built at once; PGlite finishes starting in the background and queries wait for it.
 */
export function openPglite(dir: string | 'memory', opts: { checkpoints?: CheckpointOptions } = {}): OpenPglite {
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
  const stopCheckpoints = checkpointWhenDue(pg, opts.checkpoints ?? CHECKPOINTS)
  let closing: Promise<void> | undefined
  return {
    pg,
    close: () => {
      stopCheckpoints()
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
