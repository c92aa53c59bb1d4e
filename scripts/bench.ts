// npm run bench [-- --db postgres|embedded] [--requests 60] [--warmup 5] [--port 3310] [--only id,id] [--statements]
// npm run bench -- --concurrent [--seconds 60]
//
// Starts the production build (`npm run build` first) on the large practice of `npm run seed:large`.
//
// Sequential (the default): one request at a time on loopback, in interleaved rounds: the session
// check alone, the caseload page (first page, sorted, filtered, searched; a clinician's 100 clients
// and an admin's 2,500) and a client overview with two years of history. Per scenario: p50, p95 and
// max response time (request sent → last byte), the status codes, the HTML size and, on PostgreSQL,
// the SQL statements per request and their database time, counted by a proxy between the app and
// PostgreSQL (scripts/lib/pg-statement-counter.ts). Then the JavaScript shipped to the check-in page
// and to the caseload page.
//
// Concurrent (--concurrent, PostgreSQL): 25 clinicians and the admin browsing at once plus 100
// check-ins submitted over the same minute, on two app instances (scripts/lib/bench-concurrent.ts);
// p50/p95 per page and per submit, throughput, errors, lost submissions (checked in the database)
// and lock waits.
//
// Prints tables, writes bench-results/<mode>-<timestamp>.json, and exits 1 when a target is missed
// (targetsFor, JS_TARGETS_GZIP, CONCURRENT_TARGETS below; docs/performance.md explains them).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import pg from 'pg'
import { getEnv, resetEnvForTests, requireConfig, childProcessEnv } from '../lib/env'
import { must } from '../lib/must'
// Type only: the client is imported once the environment is set (main).
import type { db as Db } from '../lib/db/client'
import {
  LARGE_ADMIN_EMAIL,
  LARGE_PRACTICE_ID,
  LARGE_PRACTICE_NAME,
  LONG_HISTORY_NAME,
  clinicianEmail,
  dbRatio,
  formatBytes,
  formatTable,
  medianCount,
  parseBenchArgs,
  percentile,
  summarize,
  targetProblems,
  type BenchArgs,
  type PageTarget,
  type Summary,
} from './lib/bench-stats'
import { freePort, jsShipped, signIn, startAppServer, stopServer, timedGet, type AppServer, type JsResult } from './lib/bench-http'
import { runConcurrent, type BrowsingUser, type ConcurrentPlan, type ConcurrentReport, type Submission } from './lib/bench-concurrent'
import { countsBetween, startStatementCounter, type StatementCounter } from './lib/pg-statement-counter'

const USAGE =
  'npm run bench [-- --db postgres|embedded] [--requests 60] [--warmup 5] [--port 3310] [--only id,id] [--statements]\n' +
  '       npm run bench -- --concurrent [--seconds 60]'

const root = path.resolve(import.meta.dirname, '..')
process.chdir(root) // relative DATABASE_URLs and .data/ are project-relative, as for the other scripts
// The one configuration check (lib/env.ts): a missing or malformed setting stops here with one line.
requireConfig()
const tsxBin = path.join(root, 'node_modules', '.bin', 'tsx')
const resultsDir = path.join(root, 'bench-results')

const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/securebase_bench'
const EMBEDDED_URL = 'pglite:./.data/bench-pglite'
// Used only when the environment sets none. The same values go to the server and to this process,
// which hashes a check-in link token with the pepper derived from the secret.
const BENCH_SECRET = 'bench-only-nextauth-secret-not-for-production-0123456789'
const BENCH_KEYS = `bench:${createHash('sha256').update('securebase bench encryption key (not secret)').digest('base64url')}`
const BENCH_AUDIT_KEY = 'bench-only-audit-checkpoint-key-not-for-production-0123456789'
// Concurrency mode: check-ins submitted during the run (each a different client's open check-in).
const CONCURRENT_SUBMISSIONS = 100

type Who = 'clinician' | 'admin'
interface Scenario {
  id: string
  label: string
  who: Who
  path: string
  kind: 'session' | 'caseload' | 'overview' | 'outcomes'
  /** The status the page must answer (200 unless said). */
  expect?: number
}

interface ScenarioResult extends Scenario {
  summary: Summary
  /** Every timed request, ms, in order. */
  samples: number[]
  statuses: Record<string, number>
  htmlBytes: number
  /** Per timed request (PostgreSQL): SQL statements and database ms. */
  statements: number[]
  dbMs: number[]
  statementsP50: number | null
  /** Tagged background statements (the audit chain step) that overlapped each request, not in `statements`. */
  background: number[]
  dbMsP50: number | null
  error?: string
}

const log = (m: string) => console.log(m)

function fail(message: string, code = 1): never {
  console.error(`bench: ${message}`)
  process.exit(code)
}

// --- database preparation -----------------------------------------------------------------------

function maintenanceUrl(url: string): string {
  const u = new URL(url)
  u.pathname = '/postgres'
  return u.toString()
}
const databaseName = (url: string) => decodeURIComponent(new URL(url).pathname.replace(/^\//, ''))
const redact = (url: string) => url.replace(/\/\/([^:@/]*)(:[^@/]*)?@/, (_m, user: string) => `//${user}@`)

async function ensurePostgresDatabase(url: string): Promise<void> {
  const name = databaseName(url)
  if (!name) fail(`DATABASE_URL has no database name: ${redact(url)}`)
  const client = new pg.Client({ connectionString: maintenanceUrl(url) })
  try {
    await client.connect()
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (!rowCount) {
      log(`creating database ${name}`)
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`)
    }
  } catch (e) {
    fail(`cannot reach PostgreSQL at ${redact(url)}: ${(e as Error).message}`)
  } finally {
    await client.end().catch(() => {})
  }
}

function runSeed(reset: boolean): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(tsxBin, ['--conditions=react-server', path.join(root, 'scripts', 'seed-large.ts'), ...(reset ? ['--reset'] : [])], {
      cwd: root,
      stdio: 'inherit',
      env: childProcessEnv({}),
    })
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

interface OverviewClient {
  id: string
  episodeStart: string
  responses: number
  checkIns: number
}

interface Prepared {
  clinicianId: string
  adminId: string
  overview: OverviewClient
  short: OverviewClient
  /** Ten years of weekly answers: the overview must not cost more for it. */
  long: OverviewClient
  checkInToken: string
  practice: { clients: number; responses: number; checkIns: number }
  tick: unknown
  /** Concurrency mode: the browsing users and the check-ins to submit (empty otherwise). */
  users: BrowsingUser[]
  submissions: Submission[]
}

/**
 * Everything that needs the database directly, done before the server starts (an embedded database
 * can be open in one process only): seed if needed, pick the client, catch the scheduler up, and
 * create a check-in link for the public page.
 */
async function prepare(url: string, submissionCount: number): Promise<Prepared> {
  const { deployMigrations } = await import('../lib/infra/migrate')
  const { db, closeDatabase } = await import('../lib/db/client')
  const t0 = Date.now()
  const { applied } = await deployMigrations(url, { log: () => {} })
  if (applied.length) log(`applied ${applied.length} migration(s)`)

  const practice = await db.practice.findUnique({ where: { id: LARGE_PRACTICE_ID }, select: { name: true } })
  if (practice?.name !== LARGE_PRACTICE_NAME) {
    await closeDatabase()
    log(practice ? 'the large practice is incomplete: seeding it again (seed:large --reset)' : 'no large practice yet: seeding it (seed:large)')
    const t1 = Date.now()
    const code = await runSeed(Boolean(practice))
    if (code !== 0) fail('seed:large failed (see above)')
    log(`seeded in ${((Date.now() - t1) / 1000).toFixed(0)} s`)
  }

  await db.practice.update({ where: { id: LARGE_PRACTICE_ID }, data: { idleTimeoutMinutes: 30 } })
  const admin = await db.user.findUnique({ where: { email: LARGE_ADMIN_EMAIL }, select: { id: true } })
  const clinician = await db.user.findUnique({ where: { email: clinicianEmail(1) }, select: { id: true } })
  if (!admin || !clinician) fail('the bench accounts are missing: run npm run seed:large -- --reset')

  // The client with the longest history on clinician01's caseload, and one with a short one (the
  // same page with ~10× fewer rows: equal query counts mean no query per row).
  const caseload = await db.client.findMany({
    where: { practiceId: LARGE_PRACTICE_ID, primaryClinicianId: clinician.id, status: 'ACTIVE' },
    orderBy: [{ episodeStart: 'asc' }, { lastName: 'asc' }, { id: 'asc' }],
    select: { id: true, episodeStart: true, _count: { select: { responses: true, checkIns: true } } },
  })
  const asOverview = (c: (typeof caseload)[number]): OverviewClient => ({
    id: c.id,
    episodeStart: c.episodeStart.toISOString().slice(0, 10),
    responses: c._count.responses,
    checkIns: c._count.checkIns,
  })
  const client = caseload[0]
  const short = [...caseload].reverse().find((c) => c._count.responses >= 5) ?? caseload.at(-1)
  if (!client || !short) fail('clinician01 has no active client: run npm run seed:large -- --reset')
  let longId = (
    await db.client.findFirst({ where: { practiceId: LARGE_PRACTICE_ID, primaryClinicianId: clinician.id, ...LONG_HISTORY_NAME }, select: { id: true } })
  )?.id
  if (!longId) {
    // A practice seeded before the long-history client existed: a plain seed:large adds it.
    await closeDatabase()
    if ((await runSeed(false)) !== 0) fail('seed:large failed (see above)')
    longId = (
      await db.client.findFirst({ where: { practiceId: LARGE_PRACTICE_ID, primaryClinicianId: clinician.id, ...LONG_HISTORY_NAME }, select: { id: true } })
    )?.id
  }
  const long = await db.client.findUnique({
    where: { id: longId ?? '00000000-0000-0000-0000-000000000000' },
    select: { id: true, episodeStart: true, _count: { select: { responses: true, checkIns: true } } },
  })
  if (!long) fail('the long-history client is missing: run npm run seed:large -- --reset')

  // A late bench often finds new occurrences due: create them now, not during the measurements.
  const { schedulerTick } = await import('../lib/db/system/scheduler')
  const tick = await schedulerTick(new Date(), { practiceId: LARGE_PRACTICE_ID })

  // A live link for the public check-in page. Links of earlier runs go first.
  const { hashToken, newToken } = await import('../lib/crypto/tokens')
  await db.checkInLink.deleteMany({ where: { createdById: admin.id } })
  let open = await db.checkIn.findFirst({
    where: { practiceId: LARGE_PRACTICE_ID, status: 'OPEN', expiresAt: { gt: new Date(Date.now() + 3_600_000) }, client: { status: 'ACTIVE' } },
    orderBy: [{ expiresAt: 'desc' }, { id: 'asc' }],
    select: { id: true },
  })
  if (!open) open = await createOpenCheckIn(db, client.id, clinician.id)
  const checkInToken = newToken()
  await db.checkInLink.create({ data: { checkInId: open.id, tokenHash: hashToken(checkInToken), createdById: admin.id } })

  const { users, submissions } = submissionCount > 0 ? await prepareConcurrent(db, admin.id, submissionCount) : { users: [], submissions: [] }

  const p = { practiceId: LARGE_PRACTICE_ID }
  const [clients, responses, checkIns] = await Promise.all([db.client.count({ where: p }), db.response.count({ where: p }), db.checkIn.count({ where: p })])
  await closeDatabase()
  log(
    `database ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${clients.toLocaleString('en-GB')} clients, ${responses.toLocaleString('en-GB')} responses`,
  )
  return {
    clinicianId: clinician.id,
    adminId: admin.id,
    overview: asOverview(client),
    short: asOverview(short),
    long: asOverview(long),
    checkInToken,
    practice: { clients, responses, checkIns },
    tick,
    users,
    submissions,
  }
}

/**
 * For the concurrency mode: every clinician with their active clients and a session note of their
 * own (created once, then reused), the admin with a sample of the practice's clients, and
 * `count` open check-ins of different clients, each with a fresh link and a complete answer set.
 */
async function prepareConcurrent(db: typeof Db, adminId: string, count: number): Promise<{ users: BrowsingUser[]; submissions: Submission[] }> {
  const { createNoteDraft } = await import('../lib/db/notes')
  const { noteInput } = await import('../lib/validation/note')
  const { getInstrument, answerRange, isInstrumentId } = await import('../lib/assessments/registry')
  const { hashToken, newToken } = await import('../lib/crypto/tokens')
  const clinicians = await db.user.findMany({
    where: { practiceId: LARGE_PRACTICE_ID, roles: { has: 'CLINICIAN' } },
    orderBy: { email: 'asc' },
    select: { id: true, email: true, name: true, roles: true },
  })
  const users: BrowsingUser[] = []
  for (const c of clinicians) {
    const clients = await db.client.findMany({
      where: { practiceId: LARGE_PRACTICE_ID, primaryClinicianId: c.id, status: 'ACTIVE' },
      orderBy: { id: 'asc' },
      select: { id: true },
    })
    const first = clients[0]
    if (!first) continue
    let note = await db.sessionNote.findFirst({ where: { practiceId: LARGE_PRACTICE_ID, authorId: c.id }, select: { id: true, clientId: true } })
    if (!note) {
      const actor = { userId: c.id, practiceId: LARGE_PRACTICE_ID, roles: c.roles, name: c.name, email: c.email, sessionId: 'bench' }
      const input = noteInput.parse({
        sessionDate: new Date().toISOString().slice(0, 10),
        format: 'FREE',
        body: { text: 'Bench session note: explored the pull to withdraw after conflict; practised naming the need.' },
      })
      const created = await createNoteDraft(actor, first.id, input)
      note = { id: created.id, clientId: first.id }
    }
    users.push({ email: c.email, who: 'clinician', clientIds: clients.map((x) => x.id), note: { clientId: note.clientId, noteId: note.id } })
  }
  const sample = await db.client.findMany({
    where: { practiceId: LARGE_PRACTICE_ID, status: 'ACTIVE' },
    orderBy: { id: 'asc' },
    take: 200,
    select: { id: true },
  })
  users.push({ email: LARGE_ADMIN_EMAIL, who: 'admin', clientIds: sample.map((x) => x.id), note: null })

  // Open check-ins of active clients, one per client, open for at least another hour.
  const open = await db.checkIn.findMany({
    where: { practiceId: LARGE_PRACTICE_ID, status: 'OPEN', expiresAt: { gt: new Date(Date.now() + 3_600_000) }, client: { status: 'ACTIVE' } },
    orderBy: { id: 'asc' },
    distinct: ['clientId'],
    take: count,
    select: { id: true, items: { select: { id: true, instrumentId: true } } },
  })
  if (open.length < count) fail(`only ${open.length} open check-ins for the concurrency run (${count} needed): run npm run seed:large -- --reset`)
  const submissions: Submission[] = []
  for (const c of open) {
    const token = newToken()
    await db.checkInLink.create({ data: { checkInId: c.id, tokenHash: hashToken(token), createdById: adminId } })
    const answers: Record<string, number[]> = {}
    for (const item of c.items) {
      if (!isInstrumentId(item.instrumentId)) fail(`check-in ${c.id} has an item of an unknown instrument`)
      const def = getInstrument(item.instrumentId)
      answers[item.id] = def.items.map(() => answerRange(def).min)
    }
    submissions.push({ token, checkInId: c.id, answers })
  }
  return { users, submissions }
}

/** Fallback when no check-in is open (e.g. a bench long after seeding): a one-off PHQ-9. */
async function createOpenCheckIn(db: typeof Db, clientId: string, clinicianId: string): Promise<{ id: string }> {
  const today = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z')
  const expiresAt = new Date(Date.now() + 4 * 86_400_000)
  return db.$transaction(async (tx) => {
    const a = await tx.assignment.create({
      data: {
        practiceId: LARGE_PRACTICE_ID,
        clientId,
        instrumentId: 'phq9',
        recurrence: 'ONCE',
        startDate: today,
        status: 'ENDED',
        createdById: clinicianId,
        endedAt: new Date(),
      },
      select: { id: true },
    })
    const c = await tx.checkIn.create({ data: { practiceId: LARGE_PRACTICE_ID, clientId, dueDate: today, expiresAt }, select: { id: true } })
    await tx.checkInItem.create({ data: { checkInId: c.id, assignmentId: a.id, occurrenceDate: today, instrumentId: 'phq9', position: 0 } })
    return c
  })
}

// --- the run ------------------------------------------------------------------------------------

function scenarios(overviewId: string, shortId: string, longId: string): Scenario[] {
  const c = (id: string, label: string, p: string): Scenario => ({ id, label, who: 'clinician', path: p, kind: 'caseload' })
  const a = (id: string, label: string, p: string): Scenario => ({ id, label, who: 'admin', path: p, kind: 'caseload' })
  const o = (id: string, label: string, p: string): Scenario => ({ id, label, who: 'clinician', path: p, kind: 'overview' })
  return [
    {
      id: 'session',
      label: 'the session check alone: a page the clinician may not open (404)',
      who: 'clinician',
      path: '/admin/settings',
      kind: 'session',
      expect: 404,
    },
    c('caseload', 'caseload, first page (clinician, 100 clients)', '/clients'),
    c('caseload-sort', 'caseload sorted by PHQ-9, highest first', '/clients?sort=phq9&dir=desc'),
    c('caseload-risk', 'caseload filtered: open risk flags', '/clients?risk=1'),
    c('caseload-overdue', 'caseload filtered: overdue check-ins', '/clients?overdue=1'),
    c('caseload-deteriorated', 'caseload filtered: deteriorated', '/clients?deteriorated=1'),
    c('caseload-search', 'caseload searched ("Pat")', '/clients?q=Pat'),
    c('caseload-100', 'caseload, 100 a page (statements vs 25 a page)', '/clients?pageSize=100'),
    a('admin-all', 'admin: all clients, first page (2,500)', '/clients?scope=all'),
    a('admin-all-sort', 'admin: all clients sorted by PHQ-9', '/clients?scope=all&sort=phq9&dir=desc'),
    o('overview', 'client overview (2 years of history)', `/clients/${overviewId}`),
    o('overview-all', 'client overview, whole range', `/clients/${overviewId}?range=all`),
    o('overview-short', 'client overview, short history (statements vs 2 years)', `/clients/${shortId}`),
    o('overview-long', 'client overview, ten years of weekly answers, whole range', `/clients/${longId}?range=all`),
    // Practice outcomes over the default period (last 12 months, every questionnaire).
    { id: 'outcomes', label: 'admin: practice outcomes (2,500 clients, per clinician)', who: 'admin', path: '/outcomes', kind: 'outcomes' },
    { id: 'outcomes-clinician', label: 'practice outcomes of one caseload (clinician, 100 clients)', who: 'clinician', path: '/outcomes', kind: 'outcomes' },
  ]
}

/** The targets of the issue "speed at scale", per engine. */
function targetsFor(db: 'postgres' | 'embedded'): Record<string, PageTarget> {
  if (db === 'embedded') {
    const every: PageTarget = { p95Ms: 400 }
    return Object.fromEntries(scenarios('', '', '').map((s) => [s.id, s.kind === 'session' ? {} : every]))
  }
  const caseload: PageTarget = { p95Ms: 100, maxStatements: 5, maxDbRatio: 4 }
  return {
    session: { maxStatements: 3 },
    caseload,
    'caseload-sort': caseload,
    'caseload-risk': caseload,
    'caseload-overdue': caseload,
    'caseload-deteriorated': caseload,
    'caseload-search': caseload,
    // 100 rows: the same statements as 25 (no query per row); its time is reported, not a target.
    'caseload-100': { maxStatements: 5, sameStatementsAs: 'caseload' },
    'admin-all': caseload,
    'admin-all-sort': caseload,
    overview: { p95Ms: 150, maxStatements: 12, maxDbRatio: 4 },
    'overview-all': { p95Ms: 200, maxStatements: 12, maxDbRatio: 4, sameStatementsAs: 'overview' },
    'overview-short': { p95Ms: 150, maxStatements: 12, sameStatementsAs: 'overview' },
    // Ten years: the same statements, and the whole range within the range=all target.
    'overview-long': { p95Ms: 200, maxStatements: 12, maxDbRatio: 4, sameStatementsAs: 'overview' },
    // Aggregates over a year of the whole practice: two statements (change, check-ins) whatever the size.
    outcomes: { p95Ms: 300, maxStatements: 8 },
    'outcomes-clinician': { p95Ms: 300, maxStatements: 8 },
  }
}

const JS_TARGETS_GZIP = { 'check-in page': 120 * 1024, 'caseload page': 170 * 1024 } as const
const CONCURRENT_TARGETS = { pageP95: 300, submitP95: 150 } as const

/**
 * Response times, in rounds: each round requests every scenario once, in order, so a burst of load
 * from elsewhere on the machine lands on all scenarios alike instead of on whichever was running.
 * With a statement counter (PostgreSQL), every request's statements and database time are read
 * once the database has gone quiet after it (outside the timed window).
 */
async function timeScenarios(
  base: string,
  list: Scenario[],
  jars: Record<Who, Map<string, string>>,
  rounds: number,
  counter: StatementCounter | null,
): Promise<ScenarioResult[]> {
  const results = list.map((s): ScenarioResult => ({
    ...s,
    summary: summarize([]),
    samples: [],
    statuses: {},
    htmlBytes: 0,
    statements: [],
    background: [],
    dbMs: [],
    statementsP50: null,
    dbMsP50: null,
  }))
  for (let round = 0; round < rounds; round++) {
    for (const r of results) {
      if (r.error) continue
      await counter?.settle()
      const before = counter?.snapshot()
      const t = await timedGet(`${base}${r.path}`, jars[r.who])
      r.statuses[t.status] = (r.statuses[t.status] ?? 0) + 1
      r.samples.push(t.ms)
      r.htmlBytes = Math.max(r.htmlBytes, t.bytes)
      if (t.status !== (r.expect ?? 200)) r.error = `HTTP ${t.status}${t.location ? ` → ${t.location}` : ''} on request ${round + 1}`
      if (counter && before) {
        await counter.settle()
        const d = countsBetween(before, counter.snapshot())
        r.statements.push(d.statements)
        r.background.push(d.background)
        r.dbMs.push(d.dbMs)
      }
    }
  }
  for (const r of results) {
    r.summary = summarize(r.samples)
    r.statementsP50 = medianCount(r.statements)
    r.dbMsP50 = r.dbMs.length ? percentile(r.dbMs, 50) : null
  }
  return results
}

/** The chain step's statements that overlapped the measured requests: total, and per audited request. */
function backgroundSummary(results: ScenarioResult[]): string {
  const all = results.flatMap((r) => r.background)
  const total = all.reduce((a, b) => a + b, 0)
  return `${total} over ${all.length} requests`
}

/** The SQL one request of each scenario runs, printed for --statements. */
async function printStatements(base: string, list: Scenario[], jars: Record<Who, Map<string, string>>, counter: StatementCounter): Promise<void> {
  for (const s of list) {
    await counter.settle()
    counter.takeTexts()
    await timedGet(`${base}${s.path}`, jars[s.who])
    await counter.settle()
    const texts = counter.takeTexts()
    log(`\n${s.id} (${texts.length} statements):`)
    for (const [i, t] of texts.entries()) log(`  ${String(i + 1).padStart(2)}. ${t}`)
  }
}

function benchServerEnv(url: string, configured: ReturnType<typeof getEnv>, dataDir: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: url,
    NEXTAUTH_SECRET: configured.NEXTAUTH_SECRET ?? BENCH_SECRET,
    SECUREBASE_ENCRYPTION_KEYS: configured.SECUREBASE_ENCRYPTION_KEYS ?? BENCH_KEYS,
    SECUREBASE_AUDIT_KEY: configured.SECUREBASE_AUDIT_KEY ?? BENCH_AUDIT_KEY,
    SECUREBASE_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    // Each server gets its own address (startAppServer); this one is for the bench process itself.
    APP_BASE_URL: 'http://127.0.0.1',
    NEXTAUTH_URL: 'http://127.0.0.1',
  }
}

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')

async function main(): Promise<number> {
  let args: BenchArgs
  try {
    args = parseBenchArgs(process.argv.slice(2))
  } catch (e) {
    console.error(`bench: ${(e as Error).message}\nUsage: ${USAGE}`)
    return 2
  }
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    console.error('bench: no production build: run npm run build first')
    return 1
  }
  if (args.concurrent && args.db !== 'postgres') {
    console.error('bench: --concurrent runs two app instances on one PostgreSQL; it has no embedded mode')
    return 2
  }
  const startedAt = new Date()
  const loadAverageAtStart = os.loadavg()
  const configured = getEnv()
  const url = args.db === 'postgres' ? (/^postgres(ql)?:\/\//.test(configured.DATABASE_URL) ? configured.DATABASE_URL : DEFAULT_PG_URL) : EMBEDDED_URL
  const dataDir = path.join(root, '.data', 'bench')
  fs.mkdirSync(dataDir, { recursive: true })
  const serverEnv = benchServerEnv(url, configured, dataDir)
  // This process uses the server's configuration too (the link pepper derives from the secret).
  const { NODE_ENV: _production, ...own } = serverEnv
  resetEnvForTests(own)

  log(`SecureBase bench${args.concurrent ? ' · concurrency' : ''} · ${args.db === 'postgres' ? `PostgreSQL ${redact(url)}` : `embedded ${url}`}`)
  log(`${os.cpus().length} CPUs, load average ${loadAverage()}, node ${process.version}`)
  if (args.db === 'postgres') await ensurePostgresDatabase(url)
  else {
    const { lockHolder, pgliteDirFromUrl } = await import('../lib/infra/pglite')
    const holder = lockHolder(pgliteDirFromUrl(url) as string)
    if (holder) fail(`the embedded bench database is open in process ${holder}; stop it first`)
  }
  const prep = await prepare(url, args.concurrent ? CONCURRENT_SUBMISSIONS : 0)
  log(`overview client: ${prep.overview.responses} responses, ${prep.overview.checkIns} check-ins since ${prep.overview.episodeStart}`)
  log(`short-history client: ${prep.short.responses} responses, ${prep.short.checkIns} check-ins since ${prep.short.episodeStart}`)
  log(`long-history client: ${prep.long.responses} responses, ${prep.long.checkIns} check-ins (episode since ${prep.long.episodeStart})`)

  fs.mkdirSync(resultsDir, { recursive: true })
  const stamp = startedAt
    .toISOString()
    .replace(/[:.]/g, '-')
    .replace(/-\d{3}Z$/, 'Z')
  const mode = args.concurrent ? 'concurrent' : args.db
  const common = {
    startedAt: startedAt.toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    db: args.db,
    database: redact(url),
    practice: prep.practice,
  }
  const problems: string[] = []
  const finish = (report: Record<string, unknown>) => {
    const file = path.join(resultsDir, `${mode}-${stamp}.json`)
    const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadAverageAtStart, loadAverageAtEnd: os.loadavg(), node: process.version }
    fs.writeFileSync(file, JSON.stringify({ ...common, finishedAt: new Date().toISOString(), machine, ...report, problems }, null, 2) + '\n')
    log(`\nload average now ${loadAverage()} · written ${path.relative(root, file)}`)
    if (problems.length) {
      console.error(`\nbench: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`)
      return 1
    }
    log('every target met')
    return 0
  }

  const servers: AppServer[] = []
  let counter: StatementCounter | null = null
  let interrupted = false
  const stopAll = () => Promise.all(servers.map((s) => stopServer(s.child)))
  const onSignal = () => {
    if (interrupted) return
    interrupted = true
    console.error('\nbench: interrupted; stopping the server…')
    void stopAll().then(() => process.exit(130))
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)

  if (args.concurrent) {
    let report: ConcurrentReport | null = null
    try {
      const ports = new Set<number>()
      for (let i = 0; i < 2; i++) {
        const port = await freePort(args.port + i * 10, ports)
        ports.add(port)
        const logFile = path.join(resultsDir, `server-concurrent-${i + 1}-${stamp}.log`)
        servers.push(await startAppServer(root, port, serverEnv, logFile))
        log(`instance ${i + 1} ready on port ${port} in ${(must(servers[i], 'a server').startMs / 1000).toFixed(1)} s`)
      }
      const plan: ConcurrentPlan = {
        bases: servers.map((s) => s.base),
        users: prep.users,
        submissions: prep.submissions,
        seconds: args.seconds,
        databaseUrl: url,
      }
      report = await runConcurrent(plan, log)
      report.lost = await lostSubmissions(url, prep.submissions)
    } catch (e) {
      problems.push((e as Error).message)
      console.error(`bench: ${(e as Error).message}`)
    } finally {
      await stopAll()
    }
    if (!report) return finish({})
    log(
      `\nConcurrency (${prep.users.length} users browsing with 0.5-1.5 s think time, ${prep.submissions.length} check-ins submitted, 2 instances, ${args.seconds} s):\n`,
    )
    log(
      formatTable(
        ['request', 'count', 'p50', 'p95', 'max', 'target p95', 'errors'],
        report.kinds.map((k) => [
          k.kind,
          k.requests,
          round1(k.summary.p50),
          round1(k.summary.p95),
          round1(k.summary.max),
          k.kind === 'submit' ? CONCURRENT_TARGETS.submitP95 : CONCURRENT_TARGETS.pageP95,
          k.errors,
        ]),
      ),
    )
    log(
      `\nthroughput ${report.throughputPerSecond.toFixed(1)} requests/s (${report.requests} in ${(report.wallMs / 1000).toFixed(1)} s) · errors ${report.errors.length} · lost submissions ${report.lost.length}`,
    )
    log(
      `lock waits (pg_stat_activity every 100 ms): ${report.lockWaits.samplesWithWaiters} of ${report.lockWaits.samples} samples had a backend waiting on a lock (${report.lockWaits.advisory} on an advisory lock), at most ${report.lockWaits.maxWaiters} at once`,
    )
    for (const k of report.kinds) {
      const target = k.kind === 'submit' ? CONCURRENT_TARGETS.submitP95 : CONCURRENT_TARGETS.pageP95
      if (!(k.summary.p95 < target)) problems.push(`concurrent ${k.kind}: p95 ${k.summary.p95.toFixed(0)} ms, target < ${target} ms`)
    }
    if (report.errors.length) problems.push(`concurrent: ${report.errors.length} error(s), first: ${report.errors.slice(0, 3).join('; ')}`)
    if (report.lost.length) problems.push(`concurrent: ${report.lost.length} submission(s) lost: ${report.lost.slice(0, 3).join('; ')}`)
    return finish({ mode: 'concurrent', targets: CONCURRENT_TARGETS, concurrent: report })
  }

  // --- sequential ---
  const results: ScenarioResult[] = []
  const js: JsResult[] = []
  let server: AppServer | null = null
  try {
    if (args.db === 'postgres') counter = await startStatementCounter(url, { keepTexts: args.statements })
    const port = await freePort(args.port)
    const logFile = path.join(resultsDir, `server-${args.db}-${stamp}.log`)
    server = await startAppServer(root, port, { ...serverEnv, DATABASE_URL: counter?.url ?? url }, logFile)
    servers.push(server)
    const base = server.base
    log(`server ready on ${base} in ${(server.startMs / 1000).toFixed(1)} s (log: ${path.relative(root, logFile)})`)
    const jars: Record<Who, Map<string, string>> = {
      clinician: await signIn(base, clinicianEmail(1)),
      admin: await signIn(base, LARGE_ADMIN_EMAIL),
    }
    const list = scenarios(prep.overview.id, prep.short.id, prep.long.id).filter(
      (s) => !args.only || args.only.some((o) => s.id === o || s.id.startsWith(`${o}-`)),
    )
    if (list.length === 0) throw new Error(`no scenario matches --only ${args.only?.join(',')}`)
    if (args.warmup > 0) {
      log(`warming up: ${args.warmup} request(s) of each scenario`)
      for (const s of list) {
        for (let i = 0; i < args.warmup; i++) {
          const r = await timedGet(`${base}${s.path}`, jars[s.who])
          if (r.status !== (s.expect ?? 200)) throw new Error(`${s.id}: HTTP ${r.status}${r.location ? ` → ${r.location}` : ''} while warming up`)
        }
      }
    }
    if (counter && args.statements) await printStatements(base, list, jars, counter)
    log(`\ntiming: ${args.requests} rounds of ${list.length} scenarios, one request each per round, sequential`)
    const tStart = Date.now()
    results.push(...(await timeScenarios(base, list, jars, args.requests, counter)))
    log(`  done in ${((Date.now() - tStart) / 1000).toFixed(0)} s`)
    for (const r of results) if (r.error) problems.push(`${r.id}: ${r.error}`)
    try {
      js.push(await jsShipped(base, 'check-in page', `/c/${prep.checkInToken}`, null))
      js.push(await jsShipped(base, 'caseload page', '/clients', jars.clinician))
    } catch (e) {
      problems.push(`JavaScript size: ${(e as Error).message}`)
    }
  } catch (e) {
    problems.push((e as Error).message)
    const tail = server ? fs.readFileSync(server.logFile, 'utf8').split('\n').slice(-30).join('\n') : ''
    console.error(`bench: ${(e as Error).message}${tail ? `\n--- last lines of the server log ---\n${tail}` : ''}`)
  } finally {
    await stopAll()
    await counter?.close().catch(() => {})
  }

  // --- report ---
  const targets = targetsFor(args.db)
  const show = (n: number | undefined, unit = '') => (n === undefined ? '' : `${n}${unit}`)
  log(`\nResults (${args.db}, ${args.requests} requests per scenario, ms from request sent to last byte received):\n`)
  log(
    formatTable(
      ['scenario', 'p50', 'p95', 'max', 'target p95', 'statements', 'target', 'SQL ms p50', 'page ÷ SQL', 'target', 'HTML KiB', 'statuses'],
      results.map((r) => {
        const t = targets[r.id] ?? {}
        const ratio = dbRatio({ p50: r.summary.p50, dbMsP50: r.dbMsP50 })
        return [
          r.id,
          round1(r.summary.p50),
          round1(r.summary.p95),
          round1(r.summary.max),
          show(t.p95Ms),
          r.statementsP50 === null ? 'n/a' : r.statementsP50,
          t.maxStatements === undefined ? '' : `≤ ${t.maxStatements}${t.sameStatementsAs ? ` = ${t.sameStatementsAs}` : ''}`,
          r.dbMsP50 === null ? 'n/a' : round1(r.dbMsP50),
          ratio === null ? 'n/a' : `${ratio.toFixed(1)}×`,
          show(t.maxDbRatio, '×'),
          round1(r.htmlBytes / 1024),
          Object.entries(r.statuses)
            .map(([k, v]) => `${k}×${v}`)
            .join(' '),
        ]
      }),
    ),
  )
  if (counter) {
    log(
      '\nstatements: SQL statements per request sent to PostgreSQL (median), counted by a proxy between the app and the database\n' +
        '(scripts/lib/pg-statement-counter.ts); BEGIN/COMMIT/ROLLBACK are not counted. SQL ms: the database time of those round\n' +
        "trips (first message → ReadyForQuery), median; page ÷ SQL: the page's p50 over that time. The audit chain step's\n" +
        `statements (tagged, run in the background a moment after a page's audit append) are counted apart: ${backgroundSummary(results)}.`,
    )
  }
  if (js.length) {
    log('\nJavaScript shipped (every <script src="/_next/…"> of the page; gzip by node:zlib, level 6):\n')
    log(
      formatTable(
        ['page', 'files', 'raw', 'gzip', 'target gzip'],
        js.map((j) => [
          j.page,
          j.scripts.length,
          formatBytes(j.bytes),
          formatBytes(j.gzip),
          formatBytes(JS_TARGETS_GZIP[j.page as keyof typeof JS_TARGETS_GZIP]),
        ]),
      ),
    )
    for (const j of js) {
      const limit = JS_TARGETS_GZIP[j.page as keyof typeof JS_TARGETS_GZIP]
      if (!(j.gzip < limit)) problems.push(`${j.page}: ${formatBytes(j.gzip)} of JavaScript (gzip), target < ${formatBytes(limit)}`)
    }
  }
  problems.push(
    ...targetProblems(
      results.map((r) => ({ id: r.id, p50: r.summary.p50, p95: r.summary.p95, statements: r.statementsP50, dbMsP50: r.dbMsP50, error: r.error })),
      targets,
    ),
  )
  return finish({
    mode: 'sequential',
    requests: args.requests,
    warmup: args.warmup,
    serverStartMs: server?.startMs ?? null,
    overviewClient: prep.overview,
    shortHistoryClient: prep.short,
    longHistoryClient: prep.long,
    schedulerCatchUp: prep.tick,
    targets,
    scenarios: results.map((r) => ({ ...r, samples: r.samples.map(round1), dbMs: r.dbMs.map(round1) })),
    javascript: js,
    javascriptTargetsGzip: JS_TARGETS_GZIP,
  })
}

/** Check-ins of the run that are not COMPLETED with one response per item: what the run lost. */
async function lostSubmissions(url: string, submissions: readonly { checkInId: string }[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ id: string; status: string; items: number; responses: number }>(
      `SELECT c.id, c.status::text AS status,
              (SELECT count(*)::int FROM "CheckInItem" i WHERE i."checkInId" = c.id) AS items,
              (SELECT count(*)::int FROM "Response" r WHERE r."checkInId" = c.id) AS responses
         FROM "CheckIn" c WHERE c.id = ANY($1::uuid[])`,
      [submissions.map((s) => s.checkInId)],
    )
    const found = new Map(rows.map((r) => [r.id, r]))
    return submissions.flatMap((s) => {
      const r = found.get(s.checkInId)
      if (!r) return [`${s.checkInId}: missing`]
      if (r.status !== 'COMPLETED' || r.responses !== r.items) return [`${s.checkInId}: ${r.status}, ${r.responses} of ${r.items} responses`]
      return []
    })
  } finally {
    await client.end()
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10

process.exitCode = await main()
