import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { MigrationList } from '@prisma/schema-engine-wasm'
import { isFullyApplied, type MigrationRow } from '../../../lib/infra/migration-status'

const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex')
const files = { '001_init': 'CREATE TABLE a (id int);\n', '002_more': 'CREATE TABLE b (id int);\n' }

function list(entries: Record<string, string | Error> = files): MigrationList {
  return {
    baseDir: '/x',
    lockfile: { path: 'migration_lock.toml', content: '' },
    shadowDbInitScript: '',
    migrationDirectories: Object.entries(entries).map(([name, content]) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: content instanceof Error ? { tag: 'error' as const, value: content.message } : { tag: 'ok' as const, value: content },
      },
    })),
  }
}

const done = (name: keyof typeof files, extra: Partial<MigrationRow> = {}): MigrationRow => ({
  migration_name: name,
  checksum: sha(files[name]),
  finished_at: new Date('2026-12-01T00:00:00Z'),
  rolled_back_at: null,
  ...extra,
})

describe('isFullyApplied: when a server start may skip the schema engine', () => {
  it('is true only when every local migration is applied with the same checksum', () => {
    expect(isFullyApplied(list(), [done('001_init'), done('002_more')])).toBe(true)
  })

  it('is false when a local migration is not applied yet (the engine must apply it)', () => {
    expect(isFullyApplied(list(), [done('001_init')])).toBe(false)
    expect(isFullyApplied(list(), [])).toBe(false)
  })

  it('is false when an attempt failed and was never rolled back (the engine refuses with P3009)', () => {
    expect(isFullyApplied(list(), [done('001_init'), done('002_more', { finished_at: null })])).toBe(false)
  })

  it('ignores a rolled-back attempt once the migration was applied again', () => {
    const rolledBack = done('002_more', { finished_at: null, rolled_back_at: new Date('2026-12-01T00:00:00Z') })
    expect(isFullyApplied(list(), [done('001_init'), rolledBack, done('002_more')])).toBe(true)
    expect(isFullyApplied(list(), [done('001_init'), rolledBack])).toBe(false)
  })

  it('is false when an applied migration was edited since (checksum differs)', () => {
    expect(isFullyApplied(list(), [done('001_init'), done('002_more', { checksum: sha('something else') })])).toBe(false)
  })

  it('is false when the database knows a migration this code base does not have', () => {
    const unknown = { ...done('001_init'), migration_name: '003_newer_code' }
    expect(isFullyApplied(list(), [done('001_init'), done('002_more'), unknown])).toBe(false)
  })

  it('is false when a migration file cannot be read', () => {
    expect(isFullyApplied(list({ ...files, '002_more': new Error('EACCES') }), [done('001_init'), done('002_more')])).toBe(false)
  })
})
