// Migrations (lib/infra/migrate.ts): no drift between prisma/migrations and schema.prisma, deploy is
// idempotent on both engines, and a failing migration is reported instead of recorded as applied.
// On PostgreSQL also the README's logical backup, run as it is written (last block below).
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { db } from '../../lib/db/client'
import { childProcessEnv, env } from '../../lib/env'
import { createClientRow, createPractice, createUser } from '../fixtures/factory'
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

// The README's PostgreSQL backup ("Backups", "PostgreSQL", logical), as it is written:
// `pg_dump --format=custom` of the app's database, `pg_restore --no-owner` into an empty database,
// then `npm run db:migrate -- deploy`, which has nothing to apply. A restore must give back every
// row as it was, including what the database keeps by trigger (CheckIn."itemInstrumentIds", which
// pg_restore loads before it creates the triggers, so nothing is appended twice), and a database
// whose triggers still work.
function runCommand(command: string, args: string[], extraEnv: Record<string, string> = {}) {
  const r = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: childProcessEnv(extraEnv) })
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` }
}

/** A check-in of three questionnaires (ECR-RS twice), written as the app writes them. */
async function checkInWithItems() {
  const practice = await createPractice()
  const clinician = await createUser(practice.id, ['CLINICIAN'])
  const client = await createClientRow(practice.id, clinician.id)
  const day = new Date('2026-03-02T00:00:00Z')
  const assign = (instrumentId: string) =>
    db.assignment.create({
      data: { practiceId: practice.id, clientId: client.id, instrumentId, recurrence: 'ONCE', startDate: day, createdById: clinician.id },
    })
  const [phq9, ecrPartner, ecrMother] = [await assign('phq9'), await assign('ecr-rs'), await assign('ecr-rs')]
  const checkIn = await db.checkIn.create({ data: { practiceId: practice.id, clientId: client.id, dueDate: day, expiresAt: new Date('2026-03-09T00:00:00Z') } })
  await db.checkInItem.createMany({
    data: [
      { checkInId: checkIn.id, assignmentId: phq9.id, occurrenceDate: day, instrumentId: 'phq9', position: 0 },
      { checkInId: checkIn.id, assignmentId: ecrPartner.id, occurrenceDate: day, instrumentId: 'ecr-rs', relationshipTarget: 'your partner', position: 1 },
      { checkInId: checkIn.id, assignmentId: ecrMother.id, occurrenceDate: day, instrumentId: 'ecr-rs', relationshipTarget: 'your mother', position: 2 },
    ],
  })
  return { checkIn, client, gad7: await assign('gad7') }
}

// Registered only on the PostgreSQL pass of CI (DATABASE_URL=postgres://…), where it runs.
if (isServer)
  describe('PostgreSQL backup and restore, as the README says', () => {
    it('pg_dump, pg_restore into an empty database and db:migrate deploy give back every row, triggers included', { timeout: 120_000 }, async () => {
      const { checkIn, client, gad7 } = await checkInWithItems()
      expect((await db.checkIn.findUniqueOrThrow({ where: { id: checkIn.id } })).itemInstrumentIds).toEqual(['phq9', 'ecr-rs', 'ecr-rs'])

      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'securebase-pgdump-'))
      const name = `securebase_restored_${crypto.randomBytes(6).toString('hex')}`
      const restoredUrl = new URL(env.DATABASE_URL)
      restoredUrl.pathname = `/${name}`
      const admin = new pg.Client({ connectionString: env.DATABASE_URL })
      await admin.connect()
      try {
        const file = path.join(dir, 'securebase.dump')
        const dump = runCommand('pg_dump', ['--format=custom', `--file=${file}`, env.DATABASE_URL])
        expect(dump, dump.output).toMatchObject({ status: 0 })
        await admin.query(`CREATE DATABASE "${name}"`)
        const restore = runCommand('pg_restore', ['--no-owner', `--dbname=${restoredUrl}`, file])
        expect(restore, restore.output).toMatchObject({ status: 0 })
        const migrate = runCommand(
          process.execPath,
          [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), '--conditions=react-server', 'scripts/db-migrate.ts', 'deploy'],
          {
            DATABASE_URL: restoredUrl.toString(),
          },
        )
        expect(migrate, migrate.output).toMatchObject({ status: 0 })
        expect(migrate.output).toMatch(/no pending migrations/)

        const restored = new pg.Client({ connectionString: restoredUrl.toString() })
        await restored.connect()
        try {
          // The client's rows, as they were.
          const rows = await restored.query<{ ids: string[]; items: string[] }>(
            `SELECT k."itemInstrumentIds" AS ids,
               (SELECT array_agg(i."relationshipTarget" ORDER BY i.position) FROM "CheckInItem" i WHERE i."checkInId" = k.id) AS items
             FROM "CheckIn" k WHERE k."clientId" = $1`,
            [client.id],
          )
          expect(rows.rows).toEqual([{ ids: ['phq9', 'ecr-rs', 'ecr-rs'], items: [null, 'your partner', 'your mother'] }])
          // Every check-in of the dump (other tests' too): one questionnaire per item, none twice.
          const off = await restored.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM "CheckIn" k
             WHERE cardinality(k."itemInstrumentIds") <> (SELECT count(*) FROM "CheckInItem" i WHERE i."checkInId" = k.id)`,
          )
          expect(off.rows).toEqual([{ n: 0 }])

          // The restored database keeps working: an item added later is on the check-in, and an
          // item cannot be changed.
          await restored.query(
            `INSERT INTO "CheckInItem" (id, "checkInId", "assignmentId", "occurrenceDate", "instrumentId", position)
             VALUES (gen_random_uuid(), $1, $2, '2026-03-02', 'gad7', 3)`,
            [checkIn.id, gad7.id],
          )
          const after = await restored.query<{ ids: string[] }>(`SELECT "itemInstrumentIds" AS ids FROM "CheckIn" WHERE id = $1`, [checkIn.id])
          expect(after.rows).toEqual([{ ids: ['phq9', 'ecr-rs', 'ecr-rs', 'gad7'] }])
          await expect(restored.query(`UPDATE "CheckInItem" SET position = position + 10 WHERE "checkInId" = $1`, [checkIn.id])).rejects.toThrow(
            /not changed once written/,
          )
        } finally {
          await restored.end()
        }
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
        await admin.end()
        fs.rmSync(dir, { recursive: true, force: true })
      }
    })
  })
