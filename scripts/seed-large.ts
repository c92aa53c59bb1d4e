// npm run seed:large [-- --reset] [--clinicians N] — a large practice for performance work (npm run
// bench; method and numbers in docs/performance.md): "Large Bench Practice", 1 admin + 25 clinicians,
// 2,500 clients (100 each, ~5 % discharged), up to two years of weekly check-ins scored by
// lib/assessments, ~250,000 responses in all, plus one client with ten years ("Long History").
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/securebase_bench npm run seed:large   (~2-3 min)
//   DATABASE_URL=pglite:./.data/bench-pglite npm run seed:large                          (~1-2 min)
//
// Idempotent: when the practice is already there it says so and changes nothing. `--reset` first
// deletes every row of that practice (children before parents, found from the database's foreign
// keys, so tables added later are covered too) and seeds it again. Other practices are untouched.
// Rows are built in memory one clinician (100 clients) at a time and written with one
// INSERT … SELECT FROM unnest(…) per table and 10,000 rows.
//
// Per client: a weekly PHQ-9 and a monthly ECR-RS assignment from the episode start; GAD-7 weekly
// for ~10 % and monthly (with the ECR-RS) for ~20 %. The check-ins follow the assignments' real
// schedule (lib/scheduling/recurrence), bundled per due date exactly as the scheduler bundles them,
// including the current occurrence (open, or already answered), so the app's scheduler finds
// nothing to create right after seeding. ~10 % of past check-ins are missed (EXPIRED); ~8 % of
// clients missed the last 2-3 weeks (overdue); ~2 % have open risk flags (PHQ-9 item 9 in the last
// three weeks) and ~4 % one resolved earlier. Clients have no email address, so the scheduler never
// emails them. Deterministic for a given day (seeded PRNG; only "now" moves).
//
// One more client on clinician01's caseload, "Long History" (LONG_HISTORY below): ten years of
// weekly PHQ-9 and monthly ECR-RS, rising and falling, one risk answer resolved long ago, and a
// current episode of care that started a year ago (so the bench's "oldest episode" client stays a
// two-year one). A database seeded before this client existed gets it added on the next run.
// `--long-history-only`: the practice, its admin, clinician01 and only that client (a second or two;
// the browser tests of long histories use it).
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { closeDatabase, db } from '../lib/db/client'
import type { Prisma } from '../lib/db/generated/client'
import { env, requireConfig } from '../lib/env'
import { must } from '../lib/must'
import { hashPassword } from '../lib/auth/password'
import type { InstrumentId } from '../lib/assessments'
import { responseColumns, scoreInstrumentAnswers } from '../lib/assessments/checkin-answers'
import {
  addDays,
  addMonthsClamped,
  checkInExpiry,
  compareDates,
  startOfDayInTimeZone,
  toDateColumn,
  todayInTimeZone,
  type CalendarDate,
} from '../lib/scheduling/recurrence'
import { LARGE_ADMIN_EMAIL, LARGE_PASSWORD, LARGE_PRACTICE_ID, LARGE_PRACTICE_NAME, clinicianEmail, personName, LONG_HISTORY_NAME } from './lib/bench-stats'
import { pick, pickWeighted, prng, randInt } from '../lib/seeded-random'
import { symptomAnswers, attachmentAnswers as demoAttachmentAnswers } from '../prisma/seed/demo-history'

// A relative DATABASE_URL (./.data/…) is project-relative, as for the other scripts.
process.chdir(path.resolve(import.meta.dirname, '..'))
// The one configuration check (lib/env.ts): a missing or malformed setting stops here with one line.
requireConfig()

const SEEDING_NAME = `${LARGE_PRACTICE_NAME} (seeding: incomplete)`
const TIME_ZONE = 'Europe/London'
// lib/env's default: the embedded demo database, which seed:large leaves alone unless told.
const DEMO_DATABASE_URL = 'pglite:./.data/pglite'
const EXPIRY_DAYS = 4

const CLINICIANS = 25
const CLIENTS_PER_CLINICIAN = 100
const FULL_HISTORY_SHARE = 0.57 // the rest started 4-100 weeks ago
const HISTORY_WEEKS = 104
const MISSED_SHARE = 0.1
const SEED = 20_260_401

/** The long-history client (issue 11, long histories on the overview): found by name on clinician01's caseload. */
const LONG_HISTORY: FixedClient = { ...LONG_HISTORY_NAME, weeks: 520, episodeWeeks: 52, waves: 6 }

const CLINICIAN_NAMES = [
  'Dr Alex Morgan',
  'Bea Okonkwo',
  'Dr Carys Llewellyn',
  'Dev Malhotra',
  'Dr Elena Petrova',
  'Femi Adebayo',
  'Dr Greta Holm',
  'Hugo Delacroix',
  'Dr Imani Clarke',
  'Jonas Weber',
  'Dr Kiran Bose',
  'Lorna McLeod',
  'Dr Mateo Alvarez',
  'Niamh Gallagher',
  'Dr Oskar Nilsson',
  'Parveen Akhtar',
  'Dr Quentin Hale',
  'Ruth Feldman',
  'Dr Sana Qureshi',
  'Tomasz Nowak',
  'Dr Una Brennan',
  'Vikram Rao',
  'Dr Wren Castillo',
  'Xanthe Price',
  'Dr Yara Haddad',
]
const RELATIONSHIPS = ['your romantic partner', 'your mother', 'your father', 'your closest friend', 'your therapist']

type Trajectory = 'improving' | 'flat' | 'deteriorating' | 'noisy'
const TRAJECTORY_WEIGHTS: Record<Trajectory, number> = { improving: 45, flat: 25, deteriorating: 15, noisy: 15 }

const DAY = 86_400_000
const HOUR = 3_600_000

// Answers are generated exactly as for the demo practice (prisma/seed/demo-history.ts).
const attachmentAnswers = (anxiety: number, avoidance: number, rand: () => number) => demoAttachmentAnswers('ecr-rs', anxiety, avoidance, rand)

const lerp = (a: number, b: number, t: number) => a + (b - a) * t
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v))

interface Plan {
  phq: [number, number]
  anx: [number, number]
  avo: [number, number]
  noise: number
  /** Periods of getting worse and better over the whole history (0: a straight trend). */
  waves?: number
}

/** A client built to a description instead of drawn at random. */
interface FixedClient {
  firstName: string
  lastName: string
  /** Weeks of history. */
  weeks: number
  /** The current episode of care started this many weeks ago. */
  episodeWeeks: number
  waves: number
}

function planFor(trajectory: Trajectory, rand: () => number): Plan {
  const anx0 = 3.5 + rand() * 2.5
  const avo0 = 3.2 + rand() * 2.6
  switch (trajectory) {
    case 'improving':
      return { phq: [randInt(rand, 13, 22), randInt(rand, 3, 9)], anx: [anx0, anx0 - 1 - rand()], avo: [avo0, avo0 - 0.8 - rand()], noise: 4 }
    case 'flat': {
      const a = randInt(rand, 7, 16)
      return { phq: [a, a + randInt(rand, -2, 2)], anx: [anx0, anx0], avo: [avo0, avo0], noise: 4 }
    }
    case 'deteriorating':
      return { phq: [randInt(rand, 4, 10), randInt(rand, 15, 23)], anx: [anx0 - 0.8, anx0 + 0.8], avo: [avo0 - 0.5, avo0 + 0.8], noise: 4 }
    case 'noisy': {
      const a = randInt(rand, 8, 15)
      return { phq: [a, a + randInt(rand, -4, 4)], anx: [anx0, anx0 + rand() - 0.5], avo: [avo0, avo0], noise: 11 }
    }
  }
}

// Time-zone arithmetic (Intl) is the slow part of building rows: ~700 distinct dates, cached.
const dayStarts = new Map<CalendarDate, Date>()
function dayStart(date: CalendarDate): Date {
  let d = dayStarts.get(date)
  if (!d) dayStarts.set(date, (d = startOfDayInTimeZone(date, TIME_ZONE)))
  return d
}
const dueCache = new Map<CalendarDate, { dueAt: Date; expiresAt: Date }>()
function dueTimes(date: CalendarDate): { dueAt: Date; expiresAt: Date } {
  let t = dueCache.get(date)
  if (!t) dueCache.set(date, (t = { dueAt: dayStart(date), expiresAt: checkInExpiry(date, EXPIRY_DAYS, TIME_ZONE) }))
  return t
}

// --- one client's rows --------------------------------------------------------------------------

// Prisma's input types keep the field names honest; `id` (and `updatedAt`) are always set here.
type ClientRow = Prisma.ClientCreateManyInput
type AssignmentRow = Prisma.AssignmentCreateManyInput
type CheckInRow = Prisma.CheckInCreateManyInput
type ItemRow = Prisma.CheckInItemCreateManyInput
type ResponseRow = Prisma.ResponseCreateManyInput
type FlagRow = Prisma.RiskFlagCreateManyInput

interface Rows {
  clients: ClientRow[]
  assignments: AssignmentRow[]
  checkIns: CheckInRow[]
  items: ItemRow[]
  responses: ResponseRow[]
  flags: FlagRow[]
}

const emptyRows = (): Rows => ({ clients: [], assignments: [], checkIns: [], items: [], responses: [], flags: [] })

interface Occ {
  assignmentId: string
  instrumentId: InstrumentId
  relationshipTarget: string | null
}

function buildClient(rows: Rows, n: number, clinicianId: string, now: Date, today: CalendarDate, fixed?: FixedClient): void {
  const rand = prng(SEED + n * 7919)
  const clientId = randomUUID()
  // A fixed client draws fewer random numbers; it has a seed of its own, so the others are unchanged.
  const name = fixed ? { firstName: fixed.firstName, lastName: fixed.lastName, preferredName: null } : personName(rand)
  const weeks = fixed ? fixed.weeks : rand() < FULL_HISTORY_SHARE ? HISTORY_WEEKS : randInt(rand, 4, 100)
  // Any weekday, so the caseload's check-ins are spread over the week as in a real practice.
  const start = addDays(today, -(weeks * 7 + randInt(rand, 0, 6)))
  const episodeStart = fixed ? addDays(today, -fixed.episodeWeeks * 7) : start
  // ~93 % of clients have more than 20 weeks of history: 5.4 % of those is ~5 % of everyone.
  const discharged = !fixed && weeks > 20 && rand() < 0.054
  const end: CalendarDate = discharged ? addDays(today, -randInt(rand, 10, 120)) : today
  const trajectory = fixed ? 'noisy' : pickWeighted(rand, TRAJECTORY_WEIGHTS)
  const plan: Plan = { ...planFor(trajectory, rand), ...(fixed ? { waves: fixed.waves } : {}) }
  const gad = fixed ? null : rand() < 0.1 ? 'WEEKLY' : rand() < 0.22 ? 'MONTHLY' : null
  const overdue = !fixed && !discharged && rand() < 0.08
  const riskOpen = !fixed && !discharged && !overdue && rand() < 0.022
  const riskResolved = fixed ? true : rand() < 0.04
  const target = pick(rand, RELATIONSHIPS)
  const gadShift = randInt(rand, -3, 1)

  rows.clients.push({
    id: clientId,
    practiceId: LARGE_PRACTICE_ID,
    primaryClinicianId: clinicianId,
    firstName: name.firstName,
    lastName: name.lastName,
    preferredName: name.preferredName,
    email: null,
    phone: rand() < 0.7 ? `07700 9${String(randInt(rand, 0, 99_999)).padStart(5, '0')}` : null,
    dateOfBirth: toDateColumn(`${randInt(rand, 1952, 2005)}-${String(randInt(rand, 1, 12)).padStart(2, '0')}-${String(randInt(rand, 1, 28)).padStart(2, '0')}`),
    status: discharged ? 'DISCHARGED' : 'ACTIVE',
    episodeStart: toDateColumn(episodeStart),
    createdAt: dayStart(start),
    updatedAt: now,
  })

  const startAt = dayStart(start)
  const assignmentBase = {
    practiceId: LARGE_PRACTICE_ID,
    clientId,
    startDate: toDateColumn(start),
    createdById: clinicianId,
    createdAt: startAt,
    updatedAt: discharged ? new Date(dayStart(end).getTime() + 10 * HOUR) : startAt,
    ...(discharged
      ? { status: 'ENDED' as const, endDate: toDateColumn(end), endedAt: new Date(dayStart(end).getTime() + 10 * HOUR) }
      : { status: 'ACTIVE' as const }),
  }
  const phq: Occ = { assignmentId: randomUUID(), instrumentId: 'phq9', relationshipTarget: null }
  const ecr: Occ = { assignmentId: randomUUID(), instrumentId: 'ecr-rs', relationshipTarget: target }
  const gad7: Occ | null = gad ? { assignmentId: randomUUID(), instrumentId: 'gad7', relationshipTarget: null } : null
  rows.assignments.push(
    { ...assignmentBase, id: phq.assignmentId, instrumentId: 'phq9', recurrence: 'WEEKLY' },
    { ...assignmentBase, id: ecr.assignmentId, instrumentId: 'ecr-rs', recurrence: 'MONTHLY', relationshipTarget: target },
  )
  if (gad7) rows.assignments.push({ ...assignmentBase, id: gad7.assignmentId, instrumentId: 'gad7', recurrence: gad! })

  // Occurrences by due date, bundled like the scheduler: weekly ones, monthly ones, GAD-7.
  const byDate = new Map<CalendarDate, Occ[]>()
  const add = (date: CalendarDate, o: Occ) => byDate.set(date, [...(byDate.get(date) ?? []), o])
  for (let k = 0; ; k++) {
    const d = addDays(start, 7 * k)
    if (compareDates(d, end) > 0) break
    add(d, phq)
    if (gad === 'WEEKLY') add(d, gad7!)
  }
  for (let k = 0; ; k++) {
    const d = addMonthsClamped(start, k)
    if (compareDates(d, end) > 0) break
    if (gad === 'MONTHLY') add(d, gad7!)
    add(d, ecr)
  }
  const dates = [...byDate.keys()].sort()
  const resolvedAt = riskResolved ? randInt(rand, 2, Math.max(2, dates.length - 6)) : -1
  const totalDays = Math.max(1, (Date.parse(end) - Date.parse(start)) / DAY)

  for (const [index, date] of dates.entries()) {
    const occs = byDate.get(date)!
    const checkInId = randomUUID()
    const { dueAt, expiresAt } = dueTimes(date)
    const current = expiresAt > now
    const daysAgo = (Date.parse(today) - Date.parse(date)) / DAY
    // Answered 8-60 h after it opened, always before it closed and before now.
    let submittedAt: Date | null = new Date(dueAt.getTime() + randInt(rand, 8, 60) * HOUR + randInt(rand, 0, 59) * 60_000)
    if (submittedAt >= expiresAt) submittedAt = new Date(expiresAt.getTime() - randInt(rand, 1, 6) * HOUR)
    let status: 'OPEN' | 'COMPLETED' | 'EXPIRED' = 'COMPLETED'
    if (current) {
      if (submittedAt > new Date(now.getTime() - 10 * 60_000) || overdue || rand() < 0.45) {
        status = 'OPEN'
        submittedAt = null
      }
    } else if ((index > 0 && rand() < MISSED_SHARE) || (overdue && daysAgo <= 21)) {
      status = 'EXPIRED'
      submittedAt = null
    }
    rows.checkIns.push({
      id: checkInId,
      practiceId: LARGE_PRACTICE_ID,
      clientId,
      dueDate: toDateColumn(date),
      status,
      expiresAt,
      createdAt: dueAt,
      completedAt: submittedAt,
    })
    const t = clamp((Date.parse(date) - Date.parse(start)) / DAY / totalDays, 0, 1)
    // Worse and better again, `waves` times over the history (a long client's relapses and recoveries).
    const wave = plan.waves ? Math.sin(t * plan.waves * 2 * Math.PI) : 0
    for (const [position, o] of occs.entries()) {
      const itemId = randomUUID()
      rows.items.push({
        id: itemId,
        checkInId,
        assignmentId: o.assignmentId,
        occurrenceDate: toDateColumn(date),
        instrumentId: o.instrumentId,
        relationshipTarget: o.relationshipTarget,
        position,
      })
      if (!submittedAt) continue
      let answers: number[]
      let riskValue = 0
      if (o.instrumentId === 'ecr-rs') {
        answers = attachmentAnswers(clamp(lerp(...plan.anx, t) + 0.9 * wave, 1, 7), clamp(lerp(...plan.avo, t) + 0.5 * wave, 1, 7), rand)
      } else {
        const base = lerp(...plan.phq, t) + 6 * wave + (rand() - 0.5) * plan.noise
        if (o.instrumentId === 'phq9') {
          // Open flags: item 9 answered above zero in the last three weeks, not yet reviewed.
          if ((riskOpen && daysAgo <= 21) || index === resolvedAt) riskValue = randInt(rand, 1, 2)
          answers = symptomAnswers('phq9', clamp(base + riskValue, 0, 27), rand, riskValue)
        } else {
          answers = symptomAnswers('gad7', clamp(base * 0.75 + gadShift, 0, 21), rand)
        }
      }
      const scored = scoreInstrumentAnswers(o.instrumentId, answers)
      const responseId = randomUUID()
      rows.responses.push({
        id: responseId,
        practiceId: LARGE_PRACTICE_ID,
        clientId,
        checkInId,
        checkInItemId: itemId,
        relationshipTarget: o.relationshipTarget,
        ...responseColumns(scored),
        submittedAt,
      })
      for (const risk of scored.risks) {
        const resolved = index === resolvedAt
        rows.flags.push({
          id: randomUUID(),
          practiceId: LARGE_PRACTICE_ID,
          clientId,
          responseId,
          instrumentId: o.instrumentId,
          ...risk,
          raisedAt: submittedAt,
          status: resolved ? 'RESOLVED' : 'OPEN',
          ...(resolved
            ? {
                acknowledgedAt: new Date(submittedAt.getTime() + 2 * HOUR),
                acknowledgedById: clinicianId,
                resolvedAt: new Date(submittedAt.getTime() + 26 * HOUR),
                resolvedById: clinicianId,
                resolutionNote: 'Phoned the client the next morning; safety plan reviewed together; no current intent.',
              }
            : {}),
        })
      }
    }
  }
}

// --- database work ------------------------------------------------------------------------------

// Rows go in with one INSERT … SELECT FROM unnest($1::uuid[], $2::text[], …) per table and chunk:
// one array parameter per column, whatever the number of rows. Measured here on PostgreSQL 15 for
// 10,000 check-ins: Prisma's createMany 16 s, a multi-row VALUES with 80,000 parameters 3.6 s,
// unnest 1.8 s (a server-side INSERT … SELECT generate_series 0.55 s), with the machine loaded.
const CHUNK = 10_000

type SqlType = 'uuid' | 'text' | 'int' | 'bool' | 'date' | 'timestamptz' | 'jsonb' | 'text[]' | `"${string}"`
type Columns<T> = readonly (readonly [keyof T & string, SqlType])[]

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`

function toParam(v: unknown, type: SqlType): unknown {
  if (v === undefined || v === null) return null
  if (type === 'date') return (v as Date).toISOString().slice(0, 10)
  if (v instanceof Date) return v.toISOString()
  if (type === 'jsonb' || type === 'text[]') return JSON.stringify(v)
  return v
}

async function insertRows<T extends object>(table: string, columns: Columns<T>, rows: readonly T[]): Promise<void> {
  // text[] travels as a JSON array (a text[][] parameter would be flattened by unnest).
  const params = columns.map(([, type], i) => `$${i + 1}::${type === 'text[]' ? 'jsonb' : type}[]`)
  const alias = columns.map(([name]) => q(name)).join(', ')
  const select = columns.map(([name, type]) => (type === 'text[]' ? `ARRAY(SELECT jsonb_array_elements_text(t.${q(name)}))` : `t.${q(name)}`)).join(', ')
  const sql = `INSERT INTO ${q(table)} (${alias}) SELECT ${select} FROM unnest(${params.join(', ')}) AS t(${alias})`
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK)
    const arrays = columns.map(([name, type]) => chunk.map((r) => toParam((r as Record<string, unknown>)[name], type)))
    await db.$executeRawUnsafe(sql, ...arrays)
  }
}

// Every NOT NULL column is listed (a NULL would not fall back to the column default).
const CLIENT_COLUMNS: Columns<ClientRow> = [
  ['id', 'uuid'],
  ['practiceId', 'uuid'],
  ['primaryClinicianId', 'uuid'],
  ['firstName', 'text'],
  ['lastName', 'text'],
  ['preferredName', 'text'],
  ['email', 'text'],
  ['phone', 'text'],
  ['dateOfBirth', 'date'],
  ['status', '"ClientStatus"'],
  ['episodeStart', 'date'],
  ['createdAt', 'timestamptz'],
  ['updatedAt', 'timestamptz'],
]
const ASSIGNMENT_COLUMNS: Columns<AssignmentRow> = [
  ['id', 'uuid'],
  ['practiceId', 'uuid'],
  ['clientId', 'uuid'],
  ['instrumentId', 'text'],
  ['relationshipTarget', 'text'],
  ['recurrence', '"Recurrence"'],
  ['startDate', 'date'],
  ['endDate', 'date'],
  ['status', '"AssignmentStatus"'],
  ['createdById', 'uuid'],
  ['createdAt', 'timestamptz'],
  ['updatedAt', 'timestamptz'],
  ['endedAt', 'timestamptz'],
]
const CHECKIN_COLUMNS: Columns<CheckInRow> = [
  ['id', 'uuid'],
  ['practiceId', 'uuid'],
  ['clientId', 'uuid'],
  ['dueDate', 'date'],
  ['status', '"CheckInStatus"'],
  ['expiresAt', 'timestamptz'],
  ['createdAt', 'timestamptz'],
  ['completedAt', 'timestamptz'],
]
const ITEM_COLUMNS: Columns<ItemRow> = [
  ['id', 'uuid'],
  ['checkInId', 'uuid'],
  ['assignmentId', 'uuid'],
  ['occurrenceDate', 'date'],
  ['instrumentId', 'text'],
  ['relationshipTarget', 'text'],
  ['position', 'int'],
]
const RESPONSE_COLUMNS: Columns<ResponseRow> = [
  ['id', 'uuid'],
  ['practiceId', 'uuid'],
  ['clientId', 'uuid'],
  ['checkInId', 'uuid'],
  ['checkInItemId', 'uuid'],
  ['instrumentId', 'text'],
  ['instrumentVersion', 'text'],
  ['scoringVersion', 'text'],
  ['relationshipTarget', 'text'],
  ['answers', 'jsonb'],
  ['complete', 'bool'],
  ['scores', 'jsonb'],
  ['band', 'text'],
  ['quadrant', 'text'],
  ['flags', 'text[]'],
  ['submittedAt', 'timestamptz'],
]
const FLAG_COLUMNS: Columns<FlagRow> = [
  ['id', 'uuid'],
  ['practiceId', 'uuid'],
  ['clientId', 'uuid'],
  ['responseId', 'uuid'],
  ['instrumentId', 'text'],
  ['itemNumber', 'int'],
  ['itemValue', 'int'],
  ['status', '"RiskFlagStatus"'],
  ['raisedAt', 'timestamptz'],
  ['acknowledgedAt', 'timestamptz'],
  ['acknowledgedById', 'uuid'],
  ['resolvedAt', 'timestamptz'],
  ['resolvedById', 'uuid'],
  ['resolutionNote', 'text'],
]

async function writeRows(rows: Rows): Promise<void> {
  await insertRows('Client', CLIENT_COLUMNS, rows.clients)
  await insertRows('Assignment', ASSIGNMENT_COLUMNS, rows.assignments)
  await insertRows('CheckIn', CHECKIN_COLUMNS, rows.checkIns)
  await insertRows('CheckInItem', ITEM_COLUMNS, rows.items)
  await insertRows('Response', RESPONSE_COLUMNS, rows.responses)
  await insertRows('RiskFlag', FLAG_COLUMNS, rows.flags)
}

/**
 * Deletes every row that belongs to the practice, children first. Which tables and in which order
 * comes from the database's own foreign keys: a table belongs to the practice through its
 * practiceId column, or through a foreign key to a table that does. Append-only tables (a DELETE
 * trigger, e.g. AuditEvent) are left alone. As a superuser the deletes run
 * with foreign-key triggers off (session_replication_role = replica), since some foreign keys have
 * no index on the referencing side (Response.checkInId) and checking them row by row takes minutes.
 */
async function deletePractice(practiceId: string): Promise<Record<string, number>> {
  const fks = await db.$queryRawUnsafe<{ child: string; childCol: string; parent: string; parentCol: string }[]>(`
    SELECT cl.relname AS child, a.attname AS "childCol", pl.relname AS parent, pa.attname AS "parentCol"
    FROM pg_constraint c
    JOIN pg_class cl ON cl.oid = c.conrelid
    JOIN pg_namespace n ON n.oid = cl.relnamespace AND n.nspname = current_schema()
    JOIN pg_class pl ON pl.oid = c.confrelid
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
    WHERE c.contype = 'f' AND cardinality(c.conkey) = 1`)
  const withPracticeId = new Set(
    (
      await db.$queryRawUnsafe<{ table: string }[]>(`
        SELECT c.relname AS table FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid AND c.relkind = 'r'
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
        WHERE a.attname = 'practiceId' AND NOT a.attisdropped`)
    ).map((r) => r.table),
  )
  // Tables guarded by a DELETE trigger (the append-only, hash-chained AuditEvent) keep their rows:
  // removing some would break the audit chain for the whole installation.
  const guarded = new Set(
    (
      await db.$queryRawUnsafe<{ table: string }[]>(`
        SELECT DISTINCT c.relname AS table FROM pg_trigger tg
        JOIN pg_class c ON c.oid = tg.tgrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
        WHERE NOT tg.tgisinternal AND (tg.tgtype & 8) <> 0`)
    ).map((r) => r.table),
  )
  // Which rows of a table belong to the practice ($1), as a WHERE clause.
  const where = new Map<string, string>([['Practice', `"id" = $1::uuid`]])
  for (const t of withPracticeId) if (!guarded.has(t)) where.set(t, `"practiceId" = $1::uuid`)
  for (let changed = true; changed;) {
    changed = false
    for (const fk of fks) {
      if (guarded.has(fk.child) && where.has(fk.parent)) {
        throw new Error(`--reset cannot delete the practice: ${fk.child} (append-only) references ${fk.parent}`)
      }
      if (where.has(fk.child) || fk.child === fk.parent || !where.has(fk.parent)) continue
      where.set(fk.child, `${q(fk.childCol)} IN (SELECT ${q(fk.parentCol)} FROM ${q(fk.parent)} WHERE ${where.get(fk.parent)})`)
      changed = true
    }
  }
  // Children before parents.
  const order: string[] = []
  const pending = new Set(where.keys())
  while (pending.size) {
    const next = [...pending].filter((t) => !fks.some((fk) => fk.parent === t && fk.child !== t && pending.has(fk.child)))
    if (!next.length) throw new Error(`Cannot order the deletes (foreign-key cycle among ${[...pending].join(', ')})`)
    for (const t of next.sort()) {
      order.push(t)
      pending.delete(t)
    }
  }
  const [role] = await db.$queryRawUnsafe<{ superuser: boolean }[]>(`SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`)
  const { superuser } = must(role, 'the current role')
  const counts: Record<string, number> = {}
  if (superuser) {
    await db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`)
        for (const t of order) counts[t] = await tx.$executeRawUnsafe(`DELETE FROM ${q(t)} WHERE ${where.get(t)}`, practiceId)
      },
      { maxWait: 60_000, timeout: 30 * 60_000 },
    )
  } else {
    console.log('  (not a superuser: deleting with foreign-key checks on; this can take several minutes)')
    for (const t of order) {
      counts[t] = await db.$executeRawUnsafe(`DELETE FROM ${q(t)} WHERE ${where.get(t)}`, practiceId)
      // Checks of foreign keys without an index scan the child table: drop its dead rows first.
      await db.$executeRawUnsafe(`VACUUM ${q(t)}`).catch(() => {})
    }
  }
  for (const t of guarded) {
    if (!withPracticeId.has(t)) continue
    const [row] = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${q(t)} WHERE "practiceId" = $1::uuid`, practiceId)
    const { n } = must(row, 'the count row')
    if (n > 0) console.log(`  kept ${n} rows of ${t} (append-only: the audit trail of earlier bench runs stays)`)
  }
  return counts
}

/** Its own PRNG seed, after every generated client's. */
const LONG_HISTORY_SEED = CLINICIANS * CLIENTS_PER_CLINICIAN

/**
 * A practice seeded before the long-history client existed gets it now (on clinician01's caseload);
 * true when it was added.
 */
async function addLongHistory(): Promise<boolean> {
  const { firstName, lastName } = LONG_HISTORY
  if (await db.client.count({ where: { practiceId: LARGE_PRACTICE_ID, firstName, lastName } })) return false
  const clinician = await db.user.findUnique({ where: { email: clinicianEmail(1) }, select: { id: true } })
  if (!clinician) return false
  const now = new Date()
  const rows = emptyRows()
  buildClient(rows, LONG_HISTORY_SEED, clinician.id, now, todayInTimeZone(now, TIME_ZONE), LONG_HISTORY)
  await writeRows(rows)
  console.log(`"${LARGE_PRACTICE_NAME}" is already there; added "${firstName} ${lastName}" to ${clinicianEmail(1)} (${fmt(rows.responses.length)} responses).`)
  return true
}

const fmt = (n: number) => n.toLocaleString('en-GB')
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`

async function main(argv: string[]): Promise<number> {
  let reset = false
  let clinicianCount = CLINICIANS
  let longHistoryOnly = false
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--reset') reset = true
    else if (argv[i] === '--long-history-only') longHistoryOnly = true
    else if (argv[i] === '--clinicians' && Number.isInteger(Number(argv[i + 1])) && Number(argv[++i]) >= 1 && Number(argv[i]) <= CLINICIANS) {
      clinicianCount = Number(argv[i]) // a smaller practice for a quick try (100 clients each)
    } else {
      console.error(`seed:large: unknown option ${argv[i]}. Usage: npm run seed:large [-- --reset] [--clinicians 1-${CLINICIANS} | --long-history-only]`)
      return 2
    }
  }
  if (env.DATABASE_URL === DEMO_DATABASE_URL) {
    console.error(
      'seed:large: DATABASE_URL is not set, so this would add 250,000 responses to the embedded demo database ' +
        `(${DEMO_DATABASE_URL}). Say where to seed, e.g.\n` +
        '  DATABASE_URL=postgres://postgres@127.0.0.1:5432/securebase_bench npm run seed:large\n' +
        '  DATABASE_URL=pglite:./.data/bench-pglite npm run seed:large\n' +
        '(npm run bench seeds its own database when needed; to seed the demo database anyway, give its absolute path.)',
    )
    return 2
  }
  if (longHistoryOnly) clinicianCount = 1
  const started = Date.now()
  const where = env.isEmbedded ? env.DATABASE_URL : env.DATABASE_URL.replace(/\/\/[^@/]*@/, '//…@')
  console.log(`seed:large → ${where}`)

  const existing = await db.practice.findUnique({ where: { id: LARGE_PRACTICE_ID }, select: { name: true } })
  if (existing && !reset) {
    if (existing.name === LARGE_PRACTICE_NAME) {
      const clients = await db.client.count({ where: { practiceId: LARGE_PRACTICE_ID } })
      if (await addLongHistory()) return 0
      console.log(`"${LARGE_PRACTICE_NAME}" is already there (${fmt(clients)} clients): nothing changed. Use --reset to rebuild it.`)
      return 0
    }
    console.error(`An earlier seed:large run did not finish ("${existing.name}"). Run it again with --reset.`)
    return 1
  }
  if (existing) {
    console.log(`--reset: deleting "${existing.name}"…`)
    const t0 = Date.now()
    const counts = await deletePractice(LARGE_PRACTICE_ID)
    const deleted = Object.entries(counts).filter(([, n]) => n > 0)
    console.log(`  deleted in ${secs(Date.now() - t0)}: ${deleted.map(([t, n]) => `${t} ${fmt(n)}`).join(', ') || 'nothing'}`)
  }

  const now = new Date()
  const today = todayInTimeZone(now, TIME_ZONE)
  const passwordHash = await hashPassword(LARGE_PASSWORD) // once, shared by every bench account
  await db.practice.create({
    data: { id: LARGE_PRACTICE_ID, name: SEEDING_NAME, timeZone: TIME_ZONE, idleTimeoutMinutes: 30, checkinExpiryDays: EXPIRY_DAYS },
  })
  const userCreatedAt = startOfDayInTimeZone(addDays(today, -(HISTORY_WEEKS * 7 + 14)), TIME_ZONE)
  await db.user.create({
    data: { practiceId: LARGE_PRACTICE_ID, email: LARGE_ADMIN_EMAIL, name: 'Morgan Bench (admin)', roles: ['ADMIN'], passwordHash, createdAt: userCreatedAt },
  })
  const clinicians = await db.user.createManyAndReturn({
    select: { id: true, email: true },
    data: CLINICIAN_NAMES.slice(0, clinicianCount).map((name, i) => ({
      practiceId: LARGE_PRACTICE_ID,
      email: clinicianEmail(i + 1),
      name,
      roles: ['CLINICIAN' as const],
      passwordHash,
      createdAt: userCreatedAt,
    })),
  })
  clinicians.sort((a, b) => a.email.localeCompare(b.email))
  console.log(`practice, 1 admin and ${clinicians.length} clinicians created; clients follow, one clinician's caseload at a time`)

  const totals = { clients: 0, assignments: 0, checkIns: 0, items: 0, responses: 0, flags: 0 }
  for (const [c, clinician] of clinicians.entries()) {
    const t0 = Date.now()
    const rows = emptyRows()
    for (let k = 0; k < (longHistoryOnly ? 0 : CLIENTS_PER_CLINICIAN); k++) buildClient(rows, c * CLIENTS_PER_CLINICIAN + k, clinician.id, now, today)
    if (c === 0) buildClient(rows, LONG_HISTORY_SEED, clinician.id, now, today, LONG_HISTORY)
    const built = Date.now() - t0
    await writeRows(rows)
    // PGlite never checkpoints on its own, and hangs when the WAL reaches the point where PostgreSQL
    // would (lib/infra/pglite.ts): one caseload writes tens of MB of it, the whole practice hundreds.
    if (env.DATABASE_URL.startsWith('pglite:')) await db.$executeRawUnsafe('CHECKPOINT')
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += rows[key].length
    console.log(
      `  ${String(c + 1).padStart(2)}/${clinicians.length} ${clinician.email}: ${fmt(rows.responses.length)} responses ` +
        `(built ${secs(built)}, written ${secs(Date.now() - t0 - built)}) · total ${fmt(totals.responses)} responses, ${secs(Date.now() - started)}`,
    )
  }

  console.log('VACUUM ANALYZE of the big tables…')
  const t1 = Date.now()
  for (const t of ['Client', 'Assignment', 'CheckIn', 'CheckInItem', 'Response', 'RiskFlag', 'User']) {
    await db.$executeRawUnsafe(`VACUUM (ANALYZE) ${q(t)}`)
  }
  console.log(`  done in ${secs(Date.now() - t1)}`)
  await db.practice.update({ where: { id: LARGE_PRACTICE_ID }, data: { name: LARGE_PRACTICE_NAME } })

  const p = { practiceId: LARGE_PRACTICE_ID }
  const [discharged, open, expired, openFlags] = await Promise.all([
    db.client.count({ where: { ...p, status: 'DISCHARGED' } }),
    db.checkIn.count({ where: { ...p, status: 'OPEN' } }),
    db.checkIn.count({ where: { ...p, status: 'EXPIRED' } }),
    db.riskFlag.count({ where: { ...p, status: 'OPEN' } }),
  ])
  const lines = [
    '',
    `"${LARGE_PRACTICE_NAME}" seeded in ${secs(Date.now() - started)}:`,
    `  users        ${1 + clinicians.length} (1 admin, ${clinicians.length} clinicians)`,
    `  clients      ${fmt(totals.clients)} (${fmt(discharged)} discharged)`,
    `  assignments  ${fmt(totals.assignments)}`,
    `  check-ins    ${fmt(totals.checkIns)} (${fmt(open)} open, ${fmt(expired)} expired)`,
    `  items        ${fmt(totals.items)}`,
    `  responses    ${fmt(totals.responses)}`,
    `  risk flags   ${fmt(totals.flags)} (${fmt(openFlags)} open)`,
    '',
    'Sign in (every bench account has the same password):',
    `  admin      ${LARGE_ADMIN_EMAIL}`,
    `  clinician  ${clinicianEmail(1)} … ${clinicianEmail(clinicians.length)}`,
    `  (ten years of history: "${LONG_HISTORY.firstName} ${LONG_HISTORY.lastName}", on ${clinicianEmail(1)}'s caseload)`,
    `  password   ${LARGE_PASSWORD}`,
  ]
  console.log(lines.join('\n'))
  return 0
}

try {
  process.exitCode = await main(process.argv.slice(2))
} catch (e) {
  console.error('seed:large failed:', e instanceof Error ? e.message : e)
  process.exitCode = 1
} finally {
  await closeDatabase()
}
