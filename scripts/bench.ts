// npm run bench [-- --db postgres|embedded] [--requests 60] [--warmup 5] [--port 3310] [--only id,id]
//
// Starts the production build (`npm run build` first) on the large practice of `npm run seed:large`
// and measures, with sequential requests on loopback: the caseload page (first page, sorted,
// filtered, searched; a clinician's 100 clients and an admin's 2,500) and a client overview with
// two years of history. Per scenario: p50, p95 and max response time (request sent → last byte),
// the status codes (all must be 200), the HTML size and, on PostgreSQL, database transactions per
// request. Then the JavaScript shipped to the check-in page and to the caseload page. Prints a
// table, writes bench-results/<db>-<timestamp>.json, and exits 1 when a target is missed:
//   PostgreSQL  caseload p95 < 150 ms, client overview p95 < 250 ms
//   embedded    every page p95 < 1,000 ms
// See docs/performance.md for the method and the numbers measured so far.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import pg from 'pg'
import { childProcessEnv, getEnv, resetEnvForTests, requireConfig } from '../lib/env'
// Type only: the client is imported once the environment is set (main).
import type { db as Db } from '../lib/db/client'
import {
  LARGE_ADMIN_EMAIL,
  LARGE_PASSWORD,
  LARGE_PRACTICE_ID,
  LARGE_PRACTICE_NAME,
  applySetCookies,
  clinicianEmail,
  cookieHeader,
  formatBytes,
  formatTable,
  parseBenchArgs,
  perRequest,
  scriptSources,
  summarize,
  type BenchArgs,
  type Summary,
} from './lib/bench-stats'

const root = path.resolve(import.meta.dirname, '..')
process.chdir(root) // relative DATABASE_URLs and .data/ are project-relative, as for the other scripts
// The one configuration check (lib/env.ts): a missing or malformed setting stops here with one line.
requireConfig()
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next')
const tsxBin = path.join(root, 'node_modules', '.bin', 'tsx')
const resultsDir = path.join(root, 'bench-results')

const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/securebase_bench'
const EMBEDDED_URL = 'pglite:./.data/bench-pglite'
// Used only when the environment sets none. The same values go to the server and to this process,
// which hashes a check-in link token with the pepper derived from the secret.
const BENCH_SECRET = 'bench-only-nextauth-secret-not-for-production-0123456789'
const BENCH_KEYS = `bench:${createHash('sha256').update('securebase bench encryption key (not secret)').digest('base64url')}`
const TARGETS = { postgres: { caseload: 150, overview: 250 }, embedded: { caseload: 1000, overview: 1000 } } as const
// PostgreSQL 15 sends a backend's pending statistics at most once a second; what is left when it
// goes idle within that second waits PGSTAT_IDLE_INTERVAL (10 s). Reading sooner misses some.
const STATS_SETTLE_MS = 11_000
// Requests per scenario for the database count (the count per request is the same every time).
const COUNT_REQUESTS = 20

type Who = 'clinician' | 'admin'
interface Scenario {
  id: string
  label: string
  who: Who
  path: string
  kind: 'caseload' | 'overview'
  /** False for the query-count checks beyond the product's list (shown against the target, not failed). */
  enforced?: boolean
}

interface ScenarioResult extends Scenario {
  summary: Summary
  /** Every timed request, ms, in order. */
  samples?: number[]
  statuses: Record<string, number>
  htmlBytes: number
  dbTransactionsPerRequest: number | null
  dbCounters?: { batchDelta: number; idleDelta: number; requests: number; windowMs: number }
  error?: string
}

interface JsResult {
  page: string
  path: string
  scripts: { src: string; bytes: number; gzip: number }[]
  bytes: number
  gzip: number
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`
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
  checkInToken: string
  practice: { clients: number; responses: number; checkIns: number }
  tick: unknown
}

/**
 * Everything that needs the database directly, done before the server starts (an embedded database
 * can be open in one process only): seed if needed, pick the client, catch the scheduler up, and
 * create a check-in link for the public page.
 */
async function prepare(url: string): Promise<Prepared> {
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
    checkInToken,
    practice: { clients, responses, checkIns },
    tick,
  }
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

// --- the server ---------------------------------------------------------------------------------

function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const srv = net.createServer()
      srv.once('error', () => resolve(null))
      srv.listen(port, '127.0.0.1', () => {
        const p = (srv.address() as net.AddressInfo).port
        srv.close(() => resolve(p))
      })
    })
  return (async () => {
    for (let p = preferred; p < preferred + 20; p++) {
      const got = await tryPort(p)
      if (got) return got
    }
    const any = await tryPort(0)
    if (!any) fail('no free port')
    return any
  })()
}

async function waitForHealth(base: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode) throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before it was ready`)
    try {
      const res = await fetch(`${base}/api/health`)
      if (res.ok) return
    } catch {
      /* not listening yet */
    }
    await sleep(250)
  }
  throw new Error(`the server did not answer /api/health within ${timeoutMs / 1000} s`)
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode) return
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  const within = (t: number) => Promise.race([exited.then(() => true), sleep(t).then(() => false)])
  child.kill('SIGINT') // the app closes its database (and finishes a running scheduler tick) first
  if (await within(30_000)) return
  console.error('bench: the server did not stop within 30 s of SIGINT; sending SIGTERM')
  child.kill('SIGTERM')
  if (await within(15_000)) return
  console.error('bench: the server still runs; killing it (an embedded database may need --reset afterwards)')
  child.kill('SIGKILL')
  await exited
}

// --- HTTP ---------------------------------------------------------------------------------------

async function signIn(base: string, email: string): Promise<Map<string, string>> {
  const jar = new Map<string, string>()
  const csrfRes = await fetch(`${base}/api/auth/csrf`)
  applySetCookies(jar, csrfRes.headers.getSetCookie())
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string }
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email, password: LARGE_PASSWORD, callbackUrl: `${base}/clients`, json: 'true' }),
  })
  applySetCookies(jar, res.headers.getSetCookie())
  await res.arrayBuffer()
  if (![...jar.keys()].some((k) => k.endsWith('next-auth.session-token'))) {
    throw new Error(`sign-in as ${email} failed (HTTP ${res.status}, no session cookie): wrong password, throttled, or a changed sign-in flow`)
  }
  return jar
}

interface Timed {
  ms: number
  status: number
  bytes: number
  location: string | null
}

async function timedGet(url: string, jar: Map<string, string> | null): Promise<Timed> {
  const t0 = performance.now()
  const res = await fetch(url, { redirect: 'manual', headers: jar ? { cookie: cookieHeader(jar) } : {} })
  const body = await res.arrayBuffer()
  const elapsed = performance.now() - t0
  if (jar) applySetCookies(jar, res.headers.getSetCookie())
  return { ms: elapsed, status: res.status, bytes: body.byteLength, location: res.headers.get('location') }
}

async function jsShipped(base: string, page: string, pagePath: string, jar: Map<string, string> | null): Promise<JsResult> {
  const res = await fetch(`${base}${pagePath}`, { redirect: 'manual', headers: jar ? { cookie: cookieHeader(jar) } : {} })
  const html = await res.text()
  if (res.status !== 200) throw new Error(`${page}: HTTP ${res.status} for ${pagePath.replace(/\/c\/.*/, '/c/<token>')}`)
  const scripts: JsResult['scripts'] = []
  for (const src of scriptSources(html)) {
    const r = await fetch(`${base}${src}`)
    if (r.status !== 200) throw new Error(`${page}: HTTP ${r.status} for ${src}`)
    const buf = Buffer.from(await r.arrayBuffer()) // fetch undoes the server's own compression
    scripts.push({ src, bytes: buf.length, gzip: gzipSync(buf).length })
  }
  const sum = (k: 'bytes' | 'gzip') => scripts.reduce((s, x) => s + x[k], 0)
  return { page, path: pagePath.startsWith('/c/') ? '/c/<token>' : pagePath, scripts, bytes: sum('bytes'), gzip: sum('gzip') }
}

// --- PostgreSQL statistics ----------------------------------------------------------------------

class TxCounter {
  private constructor(
    private client: pg.Client,
    private datname: string,
  ) {}

  /** Reads from the maintenance database, so the reads are not counted in the bench database. */
  static async open(url: string): Promise<TxCounter | null> {
    for (const target of [maintenanceUrl(url), url]) {
      const client = new pg.Client({ connectionString: target })
      try {
        await client.connect()
        return new TxCounter(client, databaseName(url))
      } catch {
        await client.end().catch(() => {})
      }
    }
    return null
  }

  async read(): Promise<number> {
    const { rows } = await this.client.query<{ n: string }>('SELECT (xact_commit + xact_rollback)::text AS n FROM pg_stat_database WHERE datname = $1', [
      this.datname,
    ])
    return Number(rows[0]?.n ?? NaN)
  }

  close(): Promise<void> {
    return this.client.end()
  }
}

// --- the run ------------------------------------------------------------------------------------

function scenarios(overviewId: string, shortId: string): Scenario[] {
  const c = (id: string, label: string, p: string): Scenario => ({ id, label, who: 'clinician', path: p, kind: 'caseload' })
  const a = (id: string, label: string, p: string): Scenario => ({ id, label, who: 'admin', path: p, kind: 'caseload' })
  const o = (id: string, label: string, p: string): Scenario => ({ id, label, who: 'clinician', path: p, kind: 'overview' })
  return [
    c('caseload', 'caseload, first page (clinician, 100 clients)', '/clients'),
    c('caseload-sort', 'caseload sorted by PHQ-9, highest first', '/clients?sort=phq9&dir=desc'),
    c('caseload-risk', 'caseload filtered: open risk flags', '/clients?risk=1'),
    c('caseload-overdue', 'caseload filtered: overdue check-ins', '/clients?overdue=1'),
    c('caseload-deteriorated', 'caseload filtered: deteriorated', '/clients?deteriorated=1'),
    c('caseload-search', 'caseload searched ("Pat")', '/clients?q=Pat'),
    { ...c('caseload-100', 'caseload, 100 a page (query count vs 25 a page)', '/clients?pageSize=100'), enforced: false },
    a('admin-all', 'admin: all clients, first page (2,500)', '/clients?scope=all'),
    a('admin-all-sort', 'admin: all clients sorted by PHQ-9', '/clients?scope=all&sort=phq9&dir=desc'),
    o('overview', 'client overview (2 years of history)', `/clients/${overviewId}`),
    o('overview-all', 'client overview, whole range', `/clients/${overviewId}?range=all`),
    o('overview-short', 'client overview, short history (query count vs 2 years)', `/clients/${shortId}`),
  ]
}

/**
 * Response times, in rounds: each round requests every scenario once, in order, so a burst of load
 * from elsewhere on the machine lands on all scenarios alike instead of on whichever was running.
 */
async function timeScenarios(base: string, list: Scenario[], jars: Record<Who, Map<string, string>>, rounds: number): Promise<ScenarioResult[]> {
  const results = list.map((s): ScenarioResult & { samples: number[] } => ({
    ...s,
    summary: summarize([]),
    statuses: {},
    htmlBytes: 0,
    dbTransactionsPerRequest: null,
    samples: [],
  }))
  for (let round = 0; round < rounds; round++) {
    for (const r of results) {
      if (r.error) continue
      const t = await timedGet(`${base}${r.path}`, jars[r.who])
      r.statuses[t.status] = (r.statuses[t.status] ?? 0) + 1
      r.samples.push(t.ms)
      r.htmlBytes = Math.max(r.htmlBytes, t.bytes)
      if (t.status !== 200) r.error = `HTTP ${t.status}${t.location ? ` → ${t.location}` : ''} on request ${round + 1}`
    }
  }
  for (const r of results) r.summary = summarize(r.samples)
  return results
}

/**
 * Database transactions per request for one scenario: pg_stat_database's counter over a batch of
 * requests, minus its change over an idle period of the same length, divided by the requests.
 * The counter must have settled before the call (the previous call's idle period does that).
 */
async function countTransactions(
  base: string,
  s: Scenario,
  jar: Map<string, string>,
  counter: TxCounter,
  requests: number,
): Promise<{ perRequest: number; batchDelta: number; idleDelta: number; requests: number; windowMs: number } | { error: string }> {
  const before = await counter.read()
  const windowStart = Date.now()
  for (let i = 0; i < requests; i++) {
    const t = await timedGet(`${base}${s.path}`, jar)
    if (t.status !== 200) return { error: `HTTP ${t.status} while counting` }
  }
  await sleep(STATS_SETTLE_MS)
  const after = await counter.read()
  const windowMs = Date.now() - windowStart
  // The same length of doing nothing: the scheduler's tick and anything else on the database.
  await sleep(windowMs)
  const idleEnd = await counter.read()
  return { perRequest: perRequest(after - before, idleEnd - after, requests), batchDelta: after - before, idleDelta: idleEnd - after, requests, windowMs }
}

async function main(): Promise<number> {
  let args: BenchArgs
  try {
    args = parseBenchArgs(process.argv.slice(2))
  } catch (e) {
    console.error(`bench: ${(e as Error).message}\nUsage: npm run bench [-- --db postgres|embedded] [--requests 60] [--warmup 5] [--port 3310] [--only id,id]`)
    return 2
  }
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    console.error('bench: no production build: run npm run build first')
    return 1
  }
  const startedAt = new Date()
  const loadAverageAtStart = os.loadavg()
  const configured = getEnv()
  const url = args.db === 'postgres' ? (/^postgres(ql)?:\/\//.test(configured.DATABASE_URL) ? configured.DATABASE_URL : DEFAULT_PG_URL) : EMBEDDED_URL
  const dataDir = path.join(root, '.data', 'bench')
  fs.mkdirSync(dataDir, { recursive: true })
  const port = await freePort(args.port)
  const base = `http://127.0.0.1:${port}`
  const serverEnv = {
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    NEXT_MANUAL_SIG_HANDLE: 'true',
    DATABASE_URL: url,
    PORT: String(port),
    APP_BASE_URL: base,
    NEXTAUTH_URL: base,
    NEXTAUTH_SECRET: configured.NEXTAUTH_SECRET ?? BENCH_SECRET,
    SECUREBASE_ENCRYPTION_KEYS: configured.SECUREBASE_ENCRYPTION_KEYS ?? BENCH_KEYS,
    SECUREBASE_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  }
  // This process uses the server's configuration too (the link pepper derives from the secret).
  const { NODE_ENV: _production, ...own } = serverEnv
  resetEnvForTests(own)

  log(`SecureBase bench · ${args.db === 'postgres' ? `PostgreSQL ${redact(url)}` : `embedded ${url}`}`)
  log(
    `${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, node ${process.version}`,
  )
  if (args.db === 'postgres') await ensurePostgresDatabase(url)
  else {
    const { lockHolder, pgliteDirFromUrl } = await import('../lib/infra/pglite')
    const holder = lockHolder(pgliteDirFromUrl(url) as string)
    if (holder) fail(`the embedded bench database is open in process ${holder}; stop it first`)
  }
  const prep = await prepare(url)
  log(`overview client: ${prep.overview.responses} responses, ${prep.overview.checkIns} check-ins since ${prep.overview.episodeStart}`)
  log(`short-history client: ${prep.short.responses} responses, ${prep.short.checkIns} check-ins since ${prep.short.episodeStart}`)

  fs.mkdirSync(resultsDir, { recursive: true })
  const stamp = startedAt
    .toISOString()
    .replace(/[:.]/g, '-')
    .replace(/-\d{3}Z$/, 'Z')
  const logFile = path.join(resultsDir, `server-${args.db}-${stamp}.log`)
  const out = fs.openSync(logFile, 'w')
  const server = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: root,
    stdio: ['ignore', out, out],
    env: childProcessEnv(serverEnv),
  })
  let interrupted = false
  const onSignal = () => {
    if (interrupted) return
    interrupted = true
    console.error('\nbench: interrupted; stopping the server…')
    void stopServer(server).then(() => process.exit(130))
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)

  const results: ScenarioResult[] = []
  const js: JsResult[] = []
  const problems: string[] = []
  let counter: TxCounter | null = null
  let serverStartMs = 0
  try {
    const t0 = Date.now()
    await waitForHealth(base, server, 180_000)
    serverStartMs = Date.now() - t0
    log(`server ready on ${base} in ${(serverStartMs / 1000).toFixed(1)} s (log: ${path.relative(root, logFile)})`)
    const jars: Record<Who, Map<string, string>> = {
      clinician: await signIn(base, clinicianEmail(1)),
      admin: await signIn(base, LARGE_ADMIN_EMAIL),
    }
    const list = scenarios(prep.overview.id, prep.short.id).filter((s) => !args.only || args.only.some((o) => s.id === o || s.id.startsWith(`${o}-`)))
    if (list.length === 0) throw new Error(`no scenario matches --only ${args.only?.join(',')}`)
    // One warm-up pass over every scenario first, so the first one does not pay for the server's.
    if (args.warmup > 0) {
      log(`warming up: ${args.warmup} request(s) of each scenario`)
      for (const s of list) {
        for (let i = 0; i < args.warmup; i++) {
          const r = await timedGet(`${base}${s.path}`, jars[s.who])
          if (r.status !== 200) throw new Error(`${s.id}: HTTP ${r.status}${r.location ? ` → ${r.location}` : ''} while warming up`)
        }
      }
    }
    log(`timing: ${args.requests} rounds of ${list.length} scenarios, one request each per round, sequential`)
    const tStart = Date.now()
    results.push(...(await timeScenarios(base, list, jars, args.requests)))
    log(`  done in ${((Date.now() - tStart) / 1000).toFixed(0)} s\n`)
    for (const r of results) {
      if (r.error) problems.push(`${r.id}: ${r.error}`)
      log(
        r.error
          ? `  ✖ ${r.id}: ${r.error}`
          : `  ${r.id.padEnd(22)} p50 ${ms(r.summary.p50).padStart(7)}  p95 ${ms(r.summary.p95).padStart(7)}  max ${ms(r.summary.max).padStart(7)}`,
      )
    }

    if (args.db === 'postgres') {
      counter = await TxCounter.open(url)
      if (!counter) log('\ncannot read pg_stat_database: database counts are n/a')
      else {
        const n = Math.min(args.requests, COUNT_REQUESTS)
        log(
          `\ncounting database transactions: ${n} requests per scenario, each batch and an idle period of the same length read ${STATS_SETTLE_MS / 1000} s after it (about ${Math.ceil((list.length * (2 * STATS_SETTLE_MS + 2 * n * 150) + STATS_SETTLE_MS) / 60_000)} min)`,
        )
        await sleep(STATS_SETTLE_MS)
        for (const r of results) {
          if (r.error) continue
          const c = await countTransactions(base, r, jars[r.who], counter, n)
          if ('error' in c) {
            r.error = c.error
            problems.push(`${r.id}: ${c.error}`)
            continue
          }
          r.dbTransactionsPerRequest = c.perRequest
          r.dbCounters = { batchDelta: c.batchDelta, idleDelta: c.idleDelta, requests: c.requests, windowMs: c.windowMs }
          log(`  ${r.id.padEnd(22)} ${c.perRequest.toFixed(1)} db transactions/request (batch +${c.batchDelta}, idle +${c.idleDelta})`)
        }
      }
    }
    try {
      js.push(await jsShipped(base, 'check-in page', `/c/${prep.checkInToken}`, null))
      js.push(await jsShipped(base, 'caseload page', '/clients', jars.clinician))
    } catch (e) {
      problems.push(`JavaScript size: ${(e as Error).message}`)
    }
  } catch (e) {
    problems.push((e as Error).message)
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n')
    console.error(`bench: ${(e as Error).message}\n--- last lines of ${path.relative(root, logFile)} ---\n${tail}`)
  } finally {
    await counter?.close().catch(() => {})
    await stopServer(server)
    fs.closeSync(out)
  }

  // --- report ---
  const target = TARGETS[args.db]
  log(`\nResults (${args.db}, ${args.requests} requests per scenario, ms from request sent to last byte received):\n`)
  log(
    formatTable(
      ['scenario', 'p50', 'p95', 'max', 'target p95', 'HTML KiB', 'db tx/req', 'statuses'],
      results.map((r) => [
        r.id,
        round1(r.summary.p50),
        round1(r.summary.p95),
        round1(r.summary.max),
        r.enforced === false ? `(${target[r.kind]})` : String(target[r.kind]),
        round1(r.htmlBytes / 1024),
        r.dbTransactionsPerRequest === null ? NaN : round1(r.dbTransactionsPerRequest),
        Object.entries(r.statuses)
          .map(([k, v]) => `${k}×${v}`)
          .join(' '),
      ]),
    ),
  )
  log('(target in brackets: reported, not enforced; 100 rows a page is there to compare query counts with 25 a page)')
  if (js.length) {
    log('\nJavaScript shipped (every <script src="/_next/…"> of the page; gzip by node:zlib, level 6):\n')
    log(
      formatTable(
        ['page', 'files', 'raw', 'gzip'],
        js.map((j) => [j.page, j.scripts.length, formatBytes(j.bytes), formatBytes(j.gzip)]),
      ),
    )
  }
  if (args.db === 'postgres') {
    log(
      `\ndb tx/req: (change of xact_commit + xact_rollback for the bench database in pg_stat_database over ${COUNT_REQUESTS} requests,\n` +
        `minus its change over an idle period of the same length) / requests, read ${STATS_SETTLE_MS / 1000} s after the last request. Each statement\n` +
        'Prisma runs outside a transaction is one transaction, so this approximates queries per page ($transaction counts once).',
    )
  }
  for (const r of results) {
    if (r.error || r.enforced === false) continue
    if (!(r.summary.p95 < target[r.kind])) problems.push(`${r.id}: p95 ${r.summary.p95.toFixed(0)} ms ≥ target ${target[r.kind]} ms`)
  }

  const file = path.join(resultsDir, `${args.db}-${stamp}.json`)
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    db: args.db,
    database: redact(url),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadAverageAtStart, loadAverageAtEnd: os.loadavg(), node: process.version },
    requests: args.requests,
    warmup: args.warmup,
    serverStartMs,
    practice: prep.practice,
    overviewClient: prep.overview,
    shortHistoryClient: prep.short,
    schedulerCatchUp: prep.tick,
    targets: target,
    scenarios: results.map((r) => ({ ...r, samples: r.samples?.map(round1) })),
    javascript: js,
    dbCountMethod:
      args.db === 'postgres'
        ? `pg_stat_database xact_commit+xact_rollback: change over a batch of ${COUNT_REQUESTS} requests minus the change over an idle period of the same length, read ${STATS_SETTLE_MS} ms after the last request, divided by the requests`
        : 'n/a (embedded database)',
    problems,
  }
  fs.writeFileSync(file, JSON.stringify(report, null, 2) + '\n')
  log(
    `\nload average now ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} · written ${path.relative(root, file)}`,
  )
  if (problems.length) {
    console.error(`\nbench: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`)
    return 1
  }
  log('all scenarios answered 200 and met their targets')
  return 0
}

const round1 = (n: number) => Math.round(n * 10) / 10

process.exitCode = await main()
