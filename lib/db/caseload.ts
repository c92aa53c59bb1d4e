// The caseload: the database searches, filters, sorts and paginates. One statement per page, scoped
// in its WHEREs: the page's ids and the total, computing only the sort key and filters asked for over
// the whole caseload, then every column for those ids only. Then one audit record.
import 'server-only'
import { db } from './client'
import { Prisma } from './generated/client'
import { isAdmin, type Actor } from '@/lib/auth/actor'
import { actorFields, recordAudit } from '@/lib/audit/record'
import { changeCategory } from '@/lib/assessments/change'
import { getInstrument } from '@/lib/assessments/registry'
import type { Quadrant } from '@/lib/assessments/types'
import { nextOccurrence, todayInTimeZone, type RecurrenceKind } from '@/lib/scheduling/recurrence'
import { caseloadScope, caseloadScopeSql } from './scope'
import {
  SCORE_INSTRUMENTS,
  type CaseloadPage,
  type CaseloadQuery,
  type CaseloadRow,
  type CaseloadSort,
  type ScoreInstrumentId,
} from '@/lib/validation/caseload'

/** EXPIRED check-ins count as overdue for this long after they closed. */
const EXPIRED_WINDOW_DAYS = 30
const MAX_SEARCH_TOKENS = 5

/**
 * Change since baseline uses the instrument's published point threshold (PHQ-9 6, GAD-7 4,
 * CORE-10 6), read from lib/assessments so SQL and changeCategory() can never disagree.
 * `sign` turns a score difference into "worsening" (+1 when a higher score is worse).
 */
const CHANGE_RULES = SCORE_INSTRUMENTS.map((id) => {
  const def = getInstrument(id)
  const rule = def.scores.find((s) => s.key === 'total')?.change
  if (rule?.kind !== 'point-threshold') throw new Error(`${def.abbreviation}: the caseload needs a point-threshold change rule`)
  return { id, threshold: rule.threshold, sign: def.direction === 'higher-is-worse' ? 1 : -1 }
})

const raw = Prisma.raw
const latestAlias = (id: ScoreInstrumentId) => raw(`l_${id}`)
const baselineAlias = (id: ScoreInstrumentId) => raw(`b_${id}`)
/** The instrument has a baseline and a later score (NULL when either is missing). */
const hasChange = (id: ScoreInstrumentId) => Prisma.sql`(${baselineAlias(id)}.id <> ${latestAlias(id)}.id)`

// Exported fragments (changeJoins, overdueCond, openFlagCond, run) are shared with lib/db/attention.ts,
// so the caseload and the 'Needs attention' view can never disagree on what counts.

// Laterals follow index order only (no tie-breaker), so each is one short scan of
// Response(clientId, instrumentId, submittedAt) with no sort. `gate` (outer columns only) becomes a
// one-time filter: when false the scan is skipped.
const latestJoin = (id: ScoreInstrumentId, gate: Prisma.Sql = Prisma.sql`true`) => Prisma.sql`
  LEFT JOIN LATERAL (
    SELECT r.id, (r.scores->>'total')::numeric AS score, r.band, r."submittedAt" AS at FROM "Response" r
    WHERE r."clientId" = c.id AND r."instrumentId" = ${id} AND r.complete AND ${gate}
    ORDER BY r."submittedAt" DESC LIMIT 1
  ) ${latestAlias(id)} ON true`

/** Baseline: the first complete score on or after the episode start (midnight in the practice's zone). */
const baselineJoin = (id: ScoreInstrumentId, tz: string, gate: Prisma.Sql) => Prisma.sql`
  LEFT JOIN LATERAL (
    SELECT r.id, (r.scores->>'total')::numeric AS score FROM "Response" r
    WHERE r."clientId" = c.id AND r."instrumentId" = ${id} AND r.complete AND ${gate}
      AND r."submittedAt" >= (c."episodeStart"::timestamp AT TIME ZONE ${tz}::text)
    ORDER BY r."submittedAt" ASC LIMIT 1
  ) ${baselineAlias(id)} ON true`

/**
 * The change shown, sorted and filtered on: PHQ-9, else GAD-7, else CORE-10 — the first with a
 * baseline and a later score in the episode. A fallback instrument is only read when the ones
 * before it have no change. `worsening` > 0 means the score moved the wrong way. Latest scores
 * listed in `showLatest` are read for every client (they are displayed or sorted on).
 */
export const changeJoins = (tz: string, showLatest: readonly ScoreInstrumentId[]) => {
  const joins = CHANGE_RULES.map((r, i) => {
    const before = CHANGE_RULES.slice(0, i).map((p) => Prisma.sql`${hasChange(p.id)} IS NOT TRUE`)
    const gate = before.length ? Prisma.join(before, ' AND ') : Prisma.sql`true`
    return Prisma.sql`${latestJoin(r.id, showLatest.includes(r.id) ? undefined : gate)} ${baselineJoin(r.id, tz, gate)}`
  })
  const pick = (f: (r: (typeof CHANGE_RULES)[number]) => Prisma.Sql) =>
    Prisma.sql`CASE ${Prisma.join(
      CHANGE_RULES.map((r) => Prisma.sql`WHEN ${hasChange(r.id)} THEN ${f(r)}`),
      ' ',
    )} END`
  return Prisma.sql`${Prisma.join(joins, '\n')}
  LEFT JOIN LATERAL (
    SELECT x.instrument, x.baseline, x.latest, x.sign * (x.latest - x.baseline) AS worsening, x.threshold FROM (SELECT
      ${pick((r) => Prisma.sql`${r.id}::text`)} AS instrument,
      ${pick((r) => Prisma.sql`${baselineAlias(r.id)}.score`)} AS baseline,
      ${pick((r) => Prisma.sql`${latestAlias(r.id)}.score`)} AS latest,
      ${pick((r) => Prisma.sql`${r.threshold}::numeric`)} AS threshold,
      ${pick((r) => Prisma.sql`${r.sign}::int`)} AS sign) x
  ) chg ON true`
}

const lastCheckInJoin = Prisma.sql`
  LEFT JOIN LATERAL (
    SELECT k."completedAt" AS at FROM "CheckIn" k
    WHERE k."clientId" = c.id AND k.status = 'COMPLETED' AND k."completedAt" IS NOT NULL
    ORDER BY k."completedAt" DESC LIMIT 1
  ) lc ON true`

const clinicianJoin = Prisma.sql`JOIN "User" u ON u.id = c."primaryClinicianId"`

export type Ctx = { today: string; expiredSince: string; practiceId: string }

/** The practice's today and the overdue window, as of `now`. */
export function caseloadCtx(now: Date, tz: string, practiceId: string): Ctx {
  return { today: todayInTimeZone(now, tz), expiredSince: new Date(now.getTime() - EXPIRED_WINDOW_DAYS * 86_400_000).toISOString(), practiceId }
}

/** Overdue: OPEN and due before today, or EXPIRED in the last 30 days. */
export const overdueCond = (t: Ctx) => Prisma.sql`((k.status = 'OPEN' AND k."dueDate" < ${t.today}::date)
  OR (k.status = 'EXPIRED' AND k."expiresAt" >= ${t.expiredSince}::timestamptz))`
/** Reliable deterioration since baseline (over changeJoins' `chg`): worse by at least the threshold. */
export const deterioratedCond = Prisma.sql`chg.worsening >= chg.threshold`
/** "Open" for the caseload: not yet resolved. */
export const openFlagCond = Prisma.sql`f.status IN ('OPEN', 'ACKNOWLEDGED')`

// Whole-caseload counts start from the practice's open flags (RiskFlag(practiceId, status)) and the
// open or recently expired check-ins (CheckIn(status, expiresAt)): small sets, no per-client probe.
const flagsByClient = (t: Ctx) => Prisma.sql`
  SELECT f."clientId", count(*)::int AS n FROM "RiskFlag" f WHERE f."practiceId" = ${t.practiceId}::uuid AND ${openFlagCond} GROUP BY 1`
const overdueByClient = (t: Ctx) => Prisma.sql`
  SELECT k."clientId", count(*)::int AS n FROM "CheckIn" k WHERE k."practiceId" = ${t.practiceId}::uuid AND ${overdueCond(t)} GROUP BY 1`

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`)

// OFFSET 0 keeps the EXISTS a per-client index-only probe: flattened into a semi-join, the planner
// may hash the whole Response table (every practice's rows) instead.
const answered = (id: string) => Prisma.sql`EXISTS (SELECT 1 FROM "Response" r WHERE r."clientId" = c.id AND r."instrumentId" = ${id} OFFSET 0)`

function filterWhere(query: CaseloadQuery, t: Ctx): Prisma.Sql[] {
  const where: Prisma.Sql[] = []
  if (query.status !== 'all') where.push(query.status === 'active' ? Prisma.sql`c.status = 'ACTIVE'` : Prisma.sql`c.status = 'DISCHARGED'`)
  // Every word must match a first, last or preferred name ("amelia hart", "Hart, Amelia").
  for (const token of query.q
    .split(/[\s,]+/)
    .filter(Boolean)
    .slice(0, MAX_SEARCH_TOKENS)) {
    const p = `%${escapeLike(token)}%`
    where.push(Prisma.sql`(c."firstName" ILIKE ${p} OR c."lastName" ILIKE ${p} OR c."preferredName" ILIKE ${p})`)
  }
  if (query.instrument) where.push(answered(query.instrument))
  if (query.risk) where.push(Prisma.sql`c.id IN (SELECT x."clientId" FROM (${flagsByClient(t)}) x)`)
  if (query.overdue) where.push(Prisma.sql`c.id IN (SELECT x."clientId" FROM (${overdueByClient(t)}) x)`)
  if (query.deteriorated) where.push(deterioratedCond)
  return where
}

/** The sort key and the joins it needs; nothing else is computed for the whole caseload. */
const SORT_KEYS: Record<CaseloadSort, (t: Ctx) => { key: Prisma.Sql; joins?: Prisma.Sql[] }> = {
  name: () => ({ key: Prisma.sql`NULL::int` }),
  phq9: () => ({ key: Prisma.sql`${latestAlias('phq9')}.score`, joins: [latestJoin('phq9')] }),
  gad7: () => ({ key: Prisma.sql`${latestAlias('gad7')}.score`, joins: [latestJoin('gad7')] }),
  core10: () => ({ key: Prisma.sql`${latestAlias('core10')}.score`, joins: [latestJoin('core10')] }),
  // In units of the reliable-change threshold, so PHQ-9, GAD-7 and CORE-10 compare fairly.
  change: () => ({ key: Prisma.sql`chg.worsening / chg.threshold` }),
  lastCheckIn: () => ({ key: Prisma.sql`lc.at`, joins: [lastCheckInJoin] }),
  overdue: (t) => ({ key: Prisma.sql`COALESCE(od.n, 0)`, joins: [Prisma.sql`LEFT JOIN (${overdueByClient(t)}) od ON od."clientId" = c.id`] }),
  flags: (t) => ({ key: Prisma.sql`COALESCE(fl.n, 0)`, joins: [Prisma.sql`LEFT JOIN (${flagsByClient(t)}) fl ON fl."clientId" = c.id`] }),
  clinician: () => ({ key: Prisma.sql`lower(u.name)`, joins: [clinicianJoin] }),
}

const scoreColumns = (id: ScoreInstrumentId) =>
  Prisma.sql`${latestAlias(id)}.score::float8 AS ${raw(`${id}_score`)}, ${latestAlias(id)}.band AS ${raw(`${id}_band`)}, ${latestAlias(id)}.at AS ${raw(`${id}_at`)}`

type ScoreColumns = { [K in ScoreInstrumentId as `${K}_score`]: number | null } & {
  [K in ScoreInstrumentId as `${K}_band`]: string | null
} & { [K in ScoreInstrumentId as `${K}_at`]: Date | null }

type DetailRow = ScoreColumns & {
  id: string
  firstName: string
  lastName: string
  preferredName: string | null
  status: 'ACTIVE' | 'DISCHARGED'
  clinicianId: string
  clinicianName: string
  change_instrument: ScoreInstrumentId | null
  change_baseline: number | null
  change_latest: number | null
  quadrant: Quadrant | null
  quadrant_instrument: 'ecr-r' | 'ecr-rs' | null
  quadrant_at: Date | null
  last_checkin: Date | null
  open_due: string | null
  overdue: number
  flags: number
  /** JSON array of the client's ACTIVE assignments. */
  assignments: string
}

type ActiveAssignment = { recurrence: RecurrenceKind; startDate: string; endDate: string | null }

/** `timeZone`: the practice's, when the caller already has it (saves a lookup). */
export type ListCaseloadOptions = { timeZone?: string; now?: Date }

// One statement; JIT is off for the whole connection (lib/db/client.ts).
export function run<T>(sql: Prisma.Sql): Promise<T[]> {
  return db.$queryRaw<T[]>(sql)
}

export async function listCaseload(actor: Actor, query: CaseloadQuery, opts: ListCaseloadOptions = {}): Promise<CaseloadPage> {
  const now = opts.now ?? new Date()
  const tz = opts.timeZone ?? (await db.practice.findUniqueOrThrow({ where: { id: actor.practiceId }, select: { timeZone: true } })).timeZone
  const t = caseloadCtx(now, tz, actor.practiceId)
  const today = t.today
  const scope = caseloadScope(actor, query.scope)
  const scoped = [caseloadScopeSql(actor, query)]

  const { key, joins = [] } = SORT_KEYS[query.sort](t)
  // changeJoins holds every latest-score join: a score sort then reuses (and ungates) its own.
  const scoreSort = SCORE_INSTRUMENTS.find((id) => id === query.sort)
  const withChange = query.sort === 'change' || query.deteriorated
  const allJoins = withChange ? [changeJoins(tz, scoreSort ? [scoreSort] : []), ...(scoreSort ? [] : joins)] : joins
  const dir = raw(query.dir === 'desc' ? 'DESC' : 'ASC')
  const nameDir = query.sort === 'name' ? dir : raw('ASC')
  const where = Prisma.join([...scoped, ...filterWhere(query, t)], ' AND ')
  const offset = (query.page - 1) * query.pageSize

  // One statement: the page's ids (sorted and cut over the whole filtered caseload), then every
  // column for those rows only, as JSON in the page's order. The details are a lateral per page row
  // (`c.id = p.id`): their per-client probes run for the page's 25-100 rows, never for every
  // client of the practice. OFFSET 0 (in pageDetails) keeps the planner from flattening the lateral
  // into a hash join, which ran every probe for all 2,500 clients of the bench practice. One row always, so an out-of-range page
  // still reports the total.
  const order = Prisma.sql`p.k ${dir} NULLS LAST, p.ln ${nameDir}, p.fn ${nameDir}, p.id`
  const [pageRow] = await run<{ total: number; rows: string }>(Prisma.sql`
    WITH filtered AS (
      SELECT c.id, ${key} AS k, lower(c."lastName") AS ln, lower(c."firstName") AS fn
      FROM "Client" c
      ${allJoins.length ? Prisma.join(allJoins, '\n') : Prisma.empty}
      WHERE ${where}
    ),
    page AS MATERIALIZED (
      SELECT p.* FROM filtered p
      ORDER BY ${order}
      LIMIT ${query.pageSize}::int OFFSET ${offset}::int
    )
    SELECT (SELECT count(*) FROM filtered)::int AS total,
      (SELECT COALESCE(json_agg(d ORDER BY ${order}), '[]'::json)::text
       FROM page p CROSS JOIN LATERAL (${pageDetails(Prisma.sql`c.id = p.id`, scoped, tz, t)}) d) AS rows`)
  const details = (JSON.parse(pageRow?.rows ?? '[]') as JsonDetailRow[]).map(fromJson)
  const rows = details.map((d) => toRow(d, today, isAdmin(actor)))
  const page = { rows, total: pageRow?.total ?? 0, page: query.page, pageSize: query.pageSize, scope, today }

  // Like listClients: recorded before the list is returned (fail closed); counts and codes only,
  // never the search text (it may be a name).
  await recordAudit({
    ...actorFields(actor),
    action: 'CLIENT_LIST',
    targetType: 'Client',
    details: { count: rows.length, total: page.total, scope, page: query.page, sort: query.sort, search: query.q !== '' },
  })
  return page
}

/** Every column for the page's rows (`ids`: a condition on `c`, one row per page row), re-checked against the scope. */
function pageDetails(ids: Prisma.Sql, scoped: Prisma.Sql[], tz: string, t: Ctx): Prisma.Sql {
  return Prisma.sql`
    SELECT c.id::text, c."firstName", c."lastName", c."preferredName", c.status::text AS status,
      u.id::text AS "clinicianId", u.name AS "clinicianName",
      ${Prisma.join(SCORE_INSTRUMENTS.map(scoreColumns))},
      chg.instrument AS change_instrument, chg.baseline::float8 AS change_baseline, chg.latest::float8 AS change_latest,
      q.quadrant, q."instrumentId" AS quadrant_instrument, q.at AS quadrant_at,
      lc.at AS last_checkin,
      (SELECT min(k."dueDate") FROM "CheckIn" k WHERE k."clientId" = c.id AND k.status = 'OPEN')::text AS open_due,
      (SELECT count(*) FROM "CheckIn" k WHERE k."clientId" = c.id AND ${overdueCond(t)})::int AS overdue,
      (SELECT count(*) FROM "RiskFlag" f WHERE f."clientId" = c.id AND ${openFlagCond})::int AS flags,
      (SELECT COALESCE(json_agg(json_build_object('recurrence', a.recurrence, 'startDate', a."startDate", 'endDate', a."endDate")), '[]')
       FROM "Assignment" a WHERE a."clientId" = c.id AND a.status = 'ACTIVE')::text AS assignments
    FROM "Client" c
    ${clinicianJoin}
    ${changeJoins(tz, SCORE_INSTRUMENTS)}
    ${lastCheckInJoin}
    LEFT JOIN LATERAL (
      SELECT r.quadrant, r."instrumentId", r."submittedAt" AS at FROM "Response" r
      WHERE r."clientId" = c.id AND r."instrumentId" IN ('ecr-r', 'ecr-rs') AND r.complete AND r.quadrant IS NOT NULL
      ORDER BY r."submittedAt" DESC LIMIT 1
    ) q ON true
    WHERE ${Prisma.join(scoped, ' AND ')} AND ${ids}
    OFFSET 0`
}

type DateKey = `${ScoreInstrumentId}_at` | 'quadrant_at' | 'last_checkin'
const DATE_KEYS: DateKey[] = [...SCORE_INSTRUMENTS.map((id) => `${id}_at` as const), 'quadrant_at', 'last_checkin']
/** A detail row as JSON carries its instants as strings. */
type JsonDetailRow = Omit<DetailRow, DateKey> & Record<DateKey, string | null>

function fromJson(j: JsonDetailRow): DetailRow {
  const d = { ...j } as unknown as DetailRow
  for (const k of DATE_KEYS) d[k] = j[k] === null ? null : new Date(j[k])
  return d
}

function toRow(d: DetailRow, today: string, withClinician: boolean): CaseloadRow {
  const score = (id: ScoreInstrumentId) => {
    const s = d[`${id}_score` as const]
    const at = d[`${id}_at` as const]
    return s === null || at === null ? null : { score: s, band: d[`${id}_band` as const], date: at }
  }
  return {
    id: d.id,
    firstName: d.firstName,
    lastName: d.lastName,
    preferredName: d.preferredName,
    status: d.status,
    clinician: withClinician ? { id: d.clinicianId, name: d.clinicianName } : null,
    scores: { phq9: score('phq9'), gad7: score('gad7'), core10: score('core10') },
    change: toChange(d),
    quadrant: d.quadrant && d.quadrant_instrument && d.quadrant_at ? { quadrant: d.quadrant, instrumentId: d.quadrant_instrument, date: d.quadrant_at } : null,
    lastCheckIn: d.last_checkin,
    nextDue: nextDue(d, today),
    overdue: d.overdue,
    openFlags: d.flags,
  }
}

function toChange(d: DetailRow): CaseloadRow['change'] {
  const { change_instrument: id, change_baseline: baseline, change_latest: latest } = d
  if (!id || baseline === null || latest === null) return null
  try {
    return { instrumentId: id, baseline, latest, category: changeCategory(id, baseline, latest) }
  } catch {
    return null // a stored score outside the instrument's range is not compared
  }
}

/** The earliest of: an open check-in's due date, each active assignment's next occurrence. */
function nextDue(d: DetailRow, today: string): string | null {
  const next = (JSON.parse(d.assignments) as ActiveAssignment[]).map((a) => nextOccurrence(a, today))
  return [...next, d.open_due].filter((x): x is string => x !== null).sort()[0] ?? null
}
