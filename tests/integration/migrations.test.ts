// Migrations (lib/infra/migrate.ts): no drift between prisma/migrations and schema.prisma, deploy is
// idempotent on both engines, and a failing migration is reported instead of recorded as applied.
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { env } from '../../lib/env'
import { deployMigrations, diffMigrationsToSchema } from '../../lib/infra/migrate'
import { openPglite } from '../../lib/infra/pglite'

const ROOT = process.cwd()
const MIGRATIONS = path.join(ROOT, 'prisma', 'migrations')
const migrationNames = () =>
  fs
    .readdirSync(MIGRATIONS, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()

// Table names from schema.prisma (model name, or its @@map), so new models are checked too.
function expectedTables(): string[] {
  const schema = fs.readFileSync(path.join(ROOT, 'prisma', 'schema.prisma'), 'utf8')
  const tables = [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)].map(([, name = '', body = '']) => /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? name)
  return [...tables, '_prisma_migrations'].sort()
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'securebase-migrate-'))
}

const isServer = /^postgres(ql)?:\/\//.test(env.DATABASE_URL)

describe('migrations', () => {
  it('prisma/migrations creates exactly prisma/schema.prisma (no drift)', { timeout: 60_000 }, async () => {
    // If this fails: npm run db:migrate -- create <name>, and commit the new folder.
    expect(await diffMigrationsToSchema()).toBe('')
  })

  it('deploys into a fresh embedded database once; a second deploy applies nothing', { timeout: 60_000 }, async () => {
    const dir = tempDir()
    const dataDir = path.join(dir, 'db')
    try {
      expect(await deployMigrations(`pglite:${dataDir}`)).toEqual({ applied: migrationNames() })
      expect(await deployMigrations(`pglite:${dataDir}`)).toEqual({ applied: [] })

      const db = openPglite(dataDir)
      try {
        const tables = await db.pg.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
        )
        expect(tables.rows.map((r) => r.table_name).sort()).toEqual(expectedTables())
        const history = await db.pg.query<{ migration_name: string }>(
          `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        )
        expect(history.rows.map((r) => r.migration_name).sort()).toEqual(migrationNames())
      } finally {
        await db.close()
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('reports a failing migration and blocks later deploys (P3009)', { timeout: 60_000 }, async () => {
    // pglite-prisma-adapter did not await scripts: a failing migration was recorded as applied.
    const dir = tempDir()
    try {
      const project = path.join(dir, 'project')
      fs.cpSync(path.join(ROOT, 'prisma'), path.join(project, 'prisma'), { recursive: true })
      const broken = path.join(project, 'prisma', 'migrations', '99990101000000_broken')
      fs.mkdirSync(broken)
      fs.writeFileSync(path.join(broken, 'migration.sql'), 'CREATE TABLE "Half" ("id" INT);\nSELECT 1/0;\n')
      const url = `pglite:${path.join(dir, 'db')}`

      await expect(deployMigrations(url, { projectRoot: project })).rejects.toThrow(/division by zero/)
      await expect(deployMigrations(url, { projectRoot: project })).rejects.toMatchObject({ code: 'P3009' })

      const db = openPglite(path.join(dir, 'db'))
      try {
        // The failed script ran as one transaction: nothing of it stayed behind.
        const half = await db.pg.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'Half'`)
        expect(half.rows).toHaveLength(0)
      } finally {
        await db.close()
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it("an upgrade fills in existing check-ins' questionnaires from their items", { timeout: 60_000 }, async () => {
    const dir = tempDir()
    try {
      const project = path.join(dir, 'project')
      const upgrade = '20261207151427_checkin_item_instruments'
      // The database as it stood before the upgrade: without it and the migrations after it.
      const later = migrationNames().filter((m) => m >= upgrade)
      fs.cpSync(path.join(ROOT, 'prisma'), path.join(project, 'prisma'), { recursive: true })
      for (const m of later) fs.rmSync(path.join(project, 'prisma', 'migrations', m), { recursive: true })
      const dataDir = path.join(dir, 'db')
      const url = `pglite:${dataDir}`
      expect((await deployMigrations(url, { projectRoot: project })).applied).not.toContain(upgrade)

      // Check-ins written before the upgrade: two with items (one ECR-RS twice), one without any.
      const [k1, k2, k3] = [1, 2, 3].map((n) => `00000000-0000-4000-8000-00000000000${n}`)
      const item = (n: number, checkIn: string | undefined, instrument: string, position: number) =>
        `('00000000-0000-4000-9000-00000000000${n}', '${checkIn}', gen_random_uuid(), '2026-03-01', '${instrument}', ${position})`
      let db = openPglite(dataDir)
      try {
        // Foreign keys off: only the check-ins and their items matter here.
        await db.pg.exec(`SET session_replication_role = replica;
          INSERT INTO "CheckIn" (id, "practiceId", "clientId", "dueDate", "expiresAt")
            SELECT k::uuid, gen_random_uuid(), gen_random_uuid(), '2026-03-01', now() FROM unnest(ARRAY['${k1}', '${k2}', '${k3}']) k;
          INSERT INTO "CheckInItem" (id, "checkInId", "assignmentId", "occurrenceDate", "instrumentId", position) VALUES
            ${[item(1, k1, 'gad7', 1), item(2, k1, 'phq9', 0), item(3, k2, 'ecr-rs', 0), item(4, k2, 'ecr-rs', 1)].join(', ')};`)
      } finally {
        await db.close()
      }

      for (const m of later) fs.cpSync(path.join(ROOT, 'prisma', 'migrations', m), path.join(project, 'prisma', 'migrations', m), { recursive: true })
      expect(await deployMigrations(url, { projectRoot: project })).toEqual({ applied: later })
      db = openPglite(dataDir)
      try {
        const rows = await db.pg.query<{ id: string; ids: string[] }>(`SELECT id, "itemInstrumentIds" AS ids FROM "CheckIn" ORDER BY id`)
        expect(rows.rows).toEqual([
          { id: k1, ids: ['phq9', 'gad7'] }, // in position order
          { id: k2, ids: ['ecr-rs', 'ecr-rs'] }, // one entry per item
          { id: k3, ids: [] },
        ])
      } finally {
        await db.close()
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  // Registered only on the PostgreSQL pass of CI (DATABASE_URL=postgres://…), where it runs.
  if (isServer)
    it('deploys into a fresh PostgreSQL database idempotently and replays there', { timeout: 60_000 }, async () => {
      const name = `securebase_migtest_${crypto.randomBytes(6).toString('hex')}`
      const admin = new pg.Client({ connectionString: env.DATABASE_URL })
      await admin.connect()
      try {
        await admin.query(`CREATE DATABASE "${name}"`)
        const url = new URL(env.DATABASE_URL)
        url.pathname = `/${name}`

        expect(await deployMigrations(url.toString())).toEqual({ applied: migrationNames() })
        expect(await deployMigrations(url.toString())).toEqual({ applied: [] })

        const client = new pg.Client({ connectionString: url.toString() })
        await client.connect()
        try {
          const tables = await client.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`)
          expect(tables.rows.map((r) => r.table_name).sort()).toEqual(expectedTables())
        } finally {
          await client.end()
        }

        // Replaying in a temporary database on the server (adapter-pg shadow and "char" fixes).
        expect(await diffMigrationsToSchema({ replayUrl: url.toString() })).toBe('')
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
        await admin.end()
      }
    })
})
