// The smoke test's own database work: a fresh database per run (dropped at the end), and the final
// "nothing was created twice" assertions, in plain SQL against the tables Prisma created.
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres'

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return await fn(c)
  } finally {
    await c.end()
  }
}

export async function createDatabase(name: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`)
  await withClient(ADMIN_URL, (c) => c.query(`CREATE DATABASE "${name}"`))
}

export async function dropDatabase(name: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`)
  await withClient(ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
}

const DEMO_PRACTICE_ID = '0d3e5c1a-7b2f-4c59-9a51-5ecb0a5e0001'

export interface DuplicateReport {
  facts: string[]
  problems: string[]
}

/**
 * Everything the scheduler (two instances + cron), the seed and the migrations could have done
 * twice. `since` is the test's start: what this run created. `sentCheckInMails` is how many new
 * check-in emails the SMTP sink received.
 */
export async function checkNothingTwice(url: string, root: string, since: Date, sentCheckInMails: number): Promise<DuplicateReport> {
  const facts: string[] = []
  const problems: string[] = []
  const rows = async (c: pg.Client, sql: string, params: unknown[] = []) => (await c.query(sql, params)).rows
  await withClient(url, async (c) => {
    const dupItems = await rows(c, `SELECT "assignmentId", "occurrenceDate", count(*)::int AS n FROM "CheckInItem" GROUP BY 1, 2 HAVING count(*) > 1`)
    if (dupItems.length) problems.push(`${dupItems.length} (assignment, occurrence) pairs have more than one check-in item`)

    const dupOpen = await rows(c, `SELECT "clientId", "dueDate", count(*)::int AS n FROM "CheckIn" WHERE status = 'OPEN' GROUP BY 1, 2 HAVING count(*) > 1`)
    if (dupOpen.length) problems.push(`${dupOpen.length} clients have two OPEN check-ins for the same due date`)

    const [created] = await rows(c, `SELECT count(*)::int AS n FROM "CheckIn" WHERE "createdAt" >= $1`, [since])
    facts.push(`${created.n} check-ins opened by this run`)
    if (created.n === 0) problems.push('no check-in was opened during the run: the duplicate checks above proved nothing')

    const dupMail = await rows(c, `SELECT "checkInId", count(*)::int AS n FROM "OutboundEmail" WHERE kind = 'checkin' GROUP BY 1 HAVING count(*) > 1`)
    if (dupMail.length) problems.push(`${dupMail.length} check-ins got more than one "new link" email`)
    const mail = await rows(c, `SELECT status::text AS status, count(*)::int AS n FROM "OutboundEmail" WHERE kind = 'checkin' GROUP BY 1`)
    const byStatus = Object.fromEntries(mail.map((r) => [r.status, r.n])) as Record<string, number>
    facts.push(`new-link emails recorded: ${JSON.stringify(byStatus)}; received by the SMTP sink: ${sentCheckInMails}`)
    if ((byStatus.SENT ?? 0) !== sentCheckInMails)
      problems.push(`the database records ${byStatus.SENT ?? 0} sent new-link emails, the SMTP sink received ${sentCheckInMails}`)
    for (const s of Object.keys(byStatus)) if (s !== 'SENT') problems.push(`${byStatus[s]} new-link emails are ${s} (SMTP_URL is set: all should be SENT)`)

    const done = await rows(c, `SELECT id FROM "CheckIn" WHERE status = 'COMPLETED' AND "completedAt" >= $1`, [since])
    if (done.length !== 1) problems.push(`${done.length} check-ins were completed during the run, expected 1`)
    for (const { id } of done) {
      const items = await rows(c, `SELECT "instrumentId" FROM "CheckInItem" WHERE "checkInId" = $1 ORDER BY position`, [id])
      const resp = await rows(c, `SELECT "instrumentId", count(*)::int AS n FROM "Response" WHERE "checkInId" = $1 GROUP BY 1 ORDER BY 1`, [id])
      facts.push(`completed check-in: ${resp.map((r) => `${r.instrumentId}×${r.n}`).join(', ')}`)
      const want = items.map((i) => i.instrumentId).sort()
      const got = resp.flatMap((r) => Array<string>(r.n).fill(r.instrumentId)).sort()
      if (JSON.stringify(want) !== JSON.stringify(got)) {
        problems.push(`completed check-in ${id}: items ${want.join(', ')} but responses ${got.join(', ') || 'none'}`)
      }
    }

    const [practices] = await rows(
      c,
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE id = $1 OR name = 'Harbour Lane Therapy')::int AS demo FROM "Practice"`,
      [DEMO_PRACTICE_ID],
    )
    facts.push(`practices: ${practices.n} (demo: ${practices.demo})`)
    if (practices.demo !== 1) problems.push(`the demo practice exists ${practices.demo} times`)

    const migrations = await rows(c, `SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations`)
    const names = migrations.map((m) => m.migration_name as string)
    const dupNames = names.filter((n, i) => names.indexOf(n) !== i)
    if (dupNames.length) problems.push(`migrations recorded twice: ${[...new Set(dupNames)].join(', ')}`)
    const failed = migrations.filter((m) => m.finished_at === null || m.rolled_back_at !== null)
    if (failed.length) problems.push(`migrations not finished or rolled back: ${failed.map((m) => m.migration_name).join(', ')}`)
    const dir = path.join(root, 'prisma', 'migrations')
    const folders = fs.readdirSync(dir).filter((f) => fs.existsSync(path.join(dir, f, 'migration.sql')))
    const missing = folders.filter((f) => !names.includes(f))
    if (missing.length) problems.push(`migrations not applied: ${missing.join(', ')}`)
    facts.push(`_prisma_migrations: ${migrations.length} rows for ${folders.length} migration folders`)
  })
  return { facts, problems }
}
