// The warm-start shortcut for `deployMigrations`: starting Prisma's schema engine (WebAssembly) and
// letting it inspect the database costs ~1.5-2 s on every server start, even when there is nothing
// to apply. One read of `_prisma_migrations` tells whether every local migration is already applied
// unchanged; anything else (a new, failed, rolled-back, edited or unknown migration, or no table yet)
// goes to the engine, which applies or refuses exactly as before.
import crypto from 'node:crypto'
import pg from 'pg'
import type { MigrationList } from '@prisma/schema-engine-wasm'
import { openPglite, pgliteDirFromUrl } from './pglite'

export interface MigrationRow {
  migration_name: string
  checksum: string
  finished_at: Date | string | null
  rolled_back_at: Date | string | null
}

/** Prisma's checksum of a migration file: SHA-256 of its text, hex. */
function checksum(content: string): string {
  return crypto.createHash('sha256').update(content).digest('hex')
}

/**
 * True when the rows show exactly the local migrations, each finished, not rolled back and with
 * the same checksum. Pure, so the rule is unit-tested without a database.
 */
export function isFullyApplied(list: MigrationList, rows: readonly MigrationRow[]): boolean {
  const local = new Map<string, string>()
  for (const dir of list.migrationDirectories) {
    if (dir.migrationFile.content.tag !== 'ok') return false
    local.set(dir.path, checksum(dir.migrationFile.content.value))
  }
  const done = new Set<string>()
  for (const row of rows) {
    // A rolled-back attempt is history the engine has already dealt with (it is re-applied as a new row).
    if (row.rolled_back_at !== null) continue
    const expected = local.get(row.migration_name)
    // Failed, edited, or not in this code base: the engine decides what that means.
    if (row.finished_at === null || expected === undefined || expected !== row.checksum) return false
    done.add(row.migration_name)
  }
  return done.size === local.size
}

const READ_APPLIED = `SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations`
const HAS_TABLE = `SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present`

/** Runs one read-only statement and returns its rows. */
export type StatusQuery = <T>(sql: string) => Promise<T[]>

async function readRows(query: StatusQuery): Promise<MigrationRow[] | null> {
  const [table] = await query<{ present: boolean }>(HAS_TABLE)
  return table?.present ? query<MigrationRow>(READ_APPLIED) : null
}

/**
 * Whether `deployMigrations` would have nothing to do. Never true for a new or in-memory database.
 * `query` reads through a connection the caller already has (the server's own, so the embedded
 * folder is opened once); without it a connection is opened and closed here.
 */
export async function migrationsUpToDate(databaseUrl: string, list: MigrationList, query?: StatusQuery): Promise<boolean> {
  let rows: MigrationRow[] | null
  if (query) {
    rows = await readRows(query)
  } else if (databaseUrl.startsWith('pglite:')) {
    const dir = pgliteDirFromUrl(databaseUrl)
    if (dir === 'memory') return false
    const embedded = openPglite(dir)
    try {
      rows = await readRows(async <T>(sql: string) => (await embedded.pg.query<T>(sql)).rows)
    } finally {
      await embedded.close()
    }
  } else {
    const client = new pg.Client({ connectionString: databaseUrl })
    await client.connect()
    try {
      rows = await readRows(async <T>(sql: string) => (await client.query(sql)).rows as T[])
    } finally {
      await client.end()
    }
  }
  return rows !== null && isFullyApplied(list, rows)
}
