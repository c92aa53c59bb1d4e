// The bench's concurrency mode (`npm run bench -- --concurrent`): a practice's clinicians and its
// admin browsing at once, and clients submitting check-ins over the same minute, against two app
// instances on one PostgreSQL. A sequential bench cannot see requests queueing behind each other
// (a lock, a pool, the CPU); this mode measures exactly that.
//
// After an untimed warm-up (each page of each user twice), each user is a loop: open a page, wait
// a "think time" of 0.5-1.5 s, open the next one, until the time is up. Clinicians go caseload → a client's overview → their session note; the admin goes
// practice caseload → a client's overview → the admin home. Clients arrive spread over the same
// window: each opens the check-in link, reads for a moment, and submits a complete answer set
// through the page's own form, posted as a browser without JavaScript posts it. Users and clients
// alternate between the two instances.
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { prng, randInt } from '../../lib/seeded-random'
import { summarize, type Summary } from './bench-stats'
import { signIn, sleep, timedGet, timedRequest } from './bench-http'

export interface BrowsingUser {
  email: string
  who: 'clinician' | 'admin'
  /** Clients whose overview this user opens (their own caseload; the admin's: any). */
  clientIds: string[]
  /** The clinician's own session note (opened as /clients/<clientId>/notes/<noteId>). */
  note: { clientId: string; noteId: string } | null
}

export interface Submission {
  token: string
  checkInId: string
  /** CheckInItem id → one answer per instrument item: a complete, valid submission. */
  answers: Record<string, number[]>
}

export interface ConcurrentPlan {
  bases: string[]
  users: BrowsingUser[]
  submissions: Submission[]
  seconds: number
  /** Where to sample lock waits (pg_stat_activity), a connection outside the app's pool. */
  databaseUrl: string
}

type PageKind = 'caseload' | 'overview' | 'note' | 'admin-home' | 'checkin-page' | 'submit'

interface KindResult {
  kind: PageKind
  summary: Summary
  requests: number
  errors: number
  statuses: Record<string, number>
}

export interface ConcurrentReport {
  seconds: number
  wallMs: number
  requests: number
  throughputPerSecond: number
  kinds: KindResult[]
  errors: string[]
  /** Check-ins whose submission did not end as a stored, complete check-in. */
  lost: string[]
  lockWaits: { samples: number; samplesWithWaiters: number; maxWaiters: number; advisory: number }
}

const pageOf = (u: BrowsingUser, step: number, rand: () => number): { kind: PageKind; path: string } => {
  const client = u.clientIds[randInt(rand, 0, u.clientIds.length - 1)] ?? u.clientIds[0] ?? ''
  switch (step % 3) {
    case 0:
      return { kind: 'caseload', path: u.who === 'admin' ? '/clients?scope=all' : '/clients' }
    case 1:
      return { kind: 'overview', path: `/clients/${client}` }
    default:
      return u.note ? { kind: 'note', path: `/clients/${u.note.clientId}/notes/${u.note.noteId}` } : { kind: 'admin-home', path: '/admin' }
  }
}

/** The thank-you page's heading (components/checkin/checkin-thanks.tsx). */
const SENT = 'Thank you — your answers have been sent'

/**
 * Posts the check-in page's form (pages/c/[token].tsx) the way a browser without JavaScript does:
 * urlencoded fields, the last step's "Send my answers", and the headers a browser sets on a
 * check-in page (`Origin: null` under its no-referrer policy, `Sec-Fetch-Site: same-origin`). The
 * answers of every part go in one post (the page lays any posted part over the draft).
 */
async function submitForm(base: string, s: Submission, submissionKey: string): Promise<{ ms: number; status: number; result: string }> {
  const form = new URLSearchParams({ step: String(Object.keys(s.answers).length - 1), intent: 'send', key: submissionKey })
  for (const [itemId, values] of Object.entries(s.answers)) values.forEach((v, i) => form.set(`q-${itemId}-${i + 1}`, String(v)))
  const res = await timedRequest(`${base}/c/${s.token}`, null, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'null', 'sec-fetch-site': 'same-origin' },
    body: form.toString(),
  })
  // A redirect means the page sent the client back to a step (answers missing).
  const result = res.status === 200 && res.body.includes(SENT) ? 'submitted' : res.status === 303 ? 'incomplete' : 'not-sent'
  return { ms: res.ms, status: res.status, result }
}

export async function runConcurrent(plan: ConcurrentPlan, log: (m: string) => void): Promise<ConcurrentReport> {
  const samples = new Map<PageKind, { ms: number[]; statuses: Record<string, number>; errors: number }>()
  const errors: string[] = []
  const record = (kind: PageKind, ms: number, status: number, ok: boolean, what: string) => {
    const k = samples.get(kind) ?? { ms: [], statuses: {}, errors: 0 }
    samples.set(kind, k)
    k.ms.push(ms)
    k.statuses[status] = (k.statuses[status] ?? 0) + 1
    if (!ok) {
      k.errors += 1
      if (errors.length < 50) errors.push(what)
    }
  }

  log(`signing in ${plan.users.length} users on ${plan.bases.length} instances…`)
  const jars: Map<string, string>[] = []
  for (const [i, u] of plan.users.entries()) jars.push(await signIn(plan.bases[i % plan.bases.length] ?? '', u.email))

  // Warm-up, untimed, as the sequential bench warms each scenario up: every user opens each of its
  // pages twice and each instance opens a check-in page, so the clock does not start on instances
  // that have not yet loaded a route's code (the first request of a route blocks its instance
  // while it loads) — that is a deployment's first seconds, not its steady state. A failure here
  // still counts as an error.
  log('warming up (untimed): each user opens each of its pages twice; each instance opens a check-in page…')
  await Promise.all(
    plan.users.map(async (u, i) => {
      const rand = prng(9000 + i)
      for (let step = 0; step < 6; step++) {
        const { kind, path } = pageOf(u, step, rand)
        const r = await timedGet(`${plan.bases[i % plan.bases.length] ?? ''}${path}`, jars[i] ?? null).catch(() => null)
        if (r?.status !== 200) errors.push(`warm-up ${u.email} ${kind}: ${r ? `HTTP ${r.status}` : 'no answer'}`)
      }
    }),
  )
  for (const [i, s] of plan.submissions.slice(0, plan.bases.length).entries()) {
    const r = await timedGet(`${plan.bases[i] ?? ''}/c/${s.token}`, new Map()).catch(() => null)
    if (r?.status !== 200) errors.push(`warm-up check-in page ${i + 1}: ${r ? `HTTP ${r.status}` : 'no answer'}`)
  }

  // Lock waits, sampled from outside the app every 100 ms.
  const watcher = new pg.Client({ connectionString: plan.databaseUrl })
  await watcher.connect()
  const lockWaits = { samples: 0, samplesWithWaiters: 0, maxWaiters: 0, advisory: 0 }
  let watching = true
  const watch = (async () => {
    while (watching) {
      const { rows } = await watcher.query<{ waiting: string; advisory: string }>(
        `SELECT count(*)::text AS waiting, count(*) FILTER (WHERE wait_event = 'advisory')::text AS advisory
           FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      )
      const waiting = Number(rows[0]?.waiting ?? 0)
      lockWaits.samples += 1
      if (waiting > 0) lockWaits.samplesWithWaiters += 1
      lockWaits.maxWaiters = Math.max(lockWaits.maxWaiters, waiting)
      lockWaits.advisory += Number(rows[0]?.advisory ?? 0) > 0 ? 1 : 0
      await sleep(100)
    }
  })()

  const t0 = Date.now()
  const endAt = t0 + plan.seconds * 1000
  log(`running for ${plan.seconds} s: ${plan.users.length} users browsing, ${plan.submissions.length} check-ins submitted…`)

  const browsing = plan.users.map(async (u, i) => {
    const rand = prng(1000 + i)
    const base = plan.bases[i % plan.bases.length] ?? ''
    const jar = jars[i] ?? new Map<string, string>()
    await sleep(randInt(rand, 0, 1000)) // do not all start on the same millisecond
    for (let step = 0; Date.now() < endAt; step++) {
      const { kind, path } = pageOf(u, step, rand)
      try {
        const r = await timedGet(`${base}${path}`, jar)
        record(kind, r.ms, r.status, r.status === 200, `${u.email} ${kind}: HTTP ${r.status}${r.location ? ` → ${r.location}` : ''}`)
      } catch (e) {
        record(kind, 0, 0, false, `${u.email} ${kind}: ${(e as Error).message}`)
      }
      await sleep(500 + randInt(rand, 0, 1000))
    }
  })

  const keys = plan.submissions.map(() => randomUUID())
  const submitting = plan.submissions.map(async (s, i) => {
    const rand = prng(5000 + i)
    const base = plan.bases[i % plan.bases.length] ?? ''
    // Spread over the first 90 % of the window, so every submit lands inside it.
    await sleep(Math.floor(((i + rand()) / plan.submissions.length) * plan.seconds * 900))
    const jar = new Map<string, string>()
    try {
      const page = await timedGet(`${base}/c/${s.token}`, jar)
      record('checkin-page', page.ms, page.status, page.status === 200, `check-in ${i + 1} page: HTTP ${page.status}`)
      await sleep(300 + randInt(rand, 0, 700))
      const r = await submitForm(base, s, keys[i] ?? '')
      record('submit', r.ms, r.status, r.status === 200 && r.result === 'submitted', `check-in ${i + 1} submit: HTTP ${r.status}, ${r.result}`)
    } catch (e) {
      record('submit', 0, 0, false, `check-in ${i + 1}: ${(e as Error).message}`)
    }
  })

  await Promise.all([...browsing, ...submitting])
  const wallMs = Date.now() - t0
  watching = false
  await watch
  await watcher.end()

  const order: PageKind[] = ['caseload', 'overview', 'note', 'admin-home', 'checkin-page', 'submit']
  const kinds = order.flatMap((kind): KindResult[] => {
    const k = samples.get(kind)
    return k ? [{ kind, summary: summarize(k.ms), requests: k.ms.length, errors: k.errors, statuses: k.statuses }] : []
  })
  const requests = kinds.reduce((n, k) => n + k.requests, 0)
  return { seconds: plan.seconds, wallMs, requests, throughputPerSecond: requests / (wallMs / 1000), kinds, errors, lost: [], lockWaits }
}
