// 'Needs attention': the clinician's home. One statement for all four categories over the actor's
// own active caseload (scope in its WHERE), reusing the caseload's rules for open flags, overdue
// check-ins and reliable deterioration; then one audit record with counts only. The admin's
// practice counts are one more statement.
import 'server-only'
import { db } from './client'
import { Prisma } from './generated/client'
import type { Actor } from '@/lib/auth/actor'
import { actorFields, recordAudit } from '@/lib/audit/record'
import { assertAdmin, clientScopeSql, ownClientsSql } from './scope'
import { caseloadCtx, changeJoins, deterioratedCond, openFlagCond, overdueCond, run } from './caseload'
import { ATTENTION_SECTION_LIMIT, COMPLETED_WINDOW_DAYS, type AttentionClient, type AttentionList, type PracticeGlance } from '@/lib/attention/types'
import type { ScoreInstrumentId } from '@/lib/validation/caseload'

const DAY = 86_400_000

type Row = {
  id: string
  firstName: string
  lastName: string
  preferredName: string | null
  /** JSON array of open/acknowledged flags (null when none). */
  flags: string | null
  risk_rank: number | null
  change_instrument: ScoreInstrumentId | null
  change_baseline: number | null
  change_latest: number | null
  det_rank: number | null
  overdue: number
  first_due: string | null
  overdue_rank: number | null
  completed: number
  last_completed: Date | null
  last_viewed: Date | null
  completed_rank: number | null
  risk_total: number
  det_total: number
  overdue_total: number
  completed_total: number
}

type FlagJson = { instrumentId: string; itemNumber: number; raisedAt: string; status: 'OPEN' | 'ACKNOWLEDGED' }

export type AttentionOptions = { timeZone?: string; now?: Date }

const practiceTimeZone = async (actor: Actor) => (await db.practice.findUniqueOrThrow({ where: { id: actor.practiceId }, select: { timeZone: true } })).timeZone

/**
 * The actor's own active caseload (an admin who is also a clinician: their own too), in four
 * categories, each ranked and capped at ATTENTION_SECTION_LIMIT in the statement. "Completed since
 * you last looked": check-ins completed in the last COMPLETED_WINDOW_DAYS days after this user's
 * last CLIENT_VIEW of the client (a view by anyone else does not count).
 */
export async function listNeedsAttention(actor: Actor, opts: AttentionOptions = {}): Promise<AttentionList> {
  const now = opts.now ?? new Date()
  const tz = opts.timeZone ?? (await practiceTimeZone(actor))
  const t = caseloadCtx(now, tz, actor.practiceId)
  const since = new Date(now.getTime() - COMPLETED_WINDOW_DAYS * DAY).toISOString()
  const scope = ownClientsSql(actor)
  const rank = (cond: Prisma.Sql, order: Prisma.Sql) =>
    Prisma.sql`CASE WHEN ${cond} THEN row_number() OVER (PARTITION BY ${cond} ORDER BY ${order}, a."lastName", a."firstName", a.id) END`
  const total = (cond: Prisma.Sql) => Prisma.sql`(count(*) FILTER (WHERE ${cond}) OVER ())::int`
  const isRisk = Prisma.sql`a.flag_n > 0`
  const isDet = Prisma.sql`a.deteriorated`
  const isOverdue = Prisma.sql`a.overdue > 0`
  const isCompleted = Prisma.sql`a.completed > 0`

  const rows = await run<Row>(Prisma.sql`
    WITH a AS (
      SELECT c.id, c."firstName", c."lastName", c."preferredName",
        COALESCE(fl.n, 0) AS flag_n, fl.list AS flags, fl.unacknowledged, fl.first_raised,
        COALESCE(${deterioratedCond}, false) AS deteriorated, chg.worsening / chg.threshold AS det_units,
        chg.instrument AS change_instrument, chg.baseline AS change_baseline, chg.latest AS change_latest,
        od.n AS overdue, od.first_due,
        nc.n AS completed, nc.at AS last_completed, lv.at AS last_viewed
      FROM "Client" c
      LEFT JOIN LATERAL (
        SELECT count(*)::int AS n, bool_or(f.status = 'OPEN') AS unacknowledged, min(f."raisedAt") AS first_raised,
          json_agg(json_build_object('instrumentId', f."instrumentId", 'itemNumber', f."itemNumber", 'raisedAt', f."raisedAt", 'status', f.status)
            ORDER BY f.status = 'ACKNOWLEDGED', f."raisedAt", f.id)::text AS list
        FROM "RiskFlag" f WHERE f."clientId" = c.id AND ${openFlagCond}
      ) fl ON true
      ${changeJoins(tz, [])}
      LEFT JOIN LATERAL (
        SELECT count(*)::int AS n, min(k."dueDate")::text AS first_due FROM "CheckIn" k WHERE k."clientId" = c.id AND ${overdueCond(t)}
      ) od ON true
      LEFT JOIN LATERAL (
        SELECT e."occurredAt" AS at FROM "AuditEvent" e
        WHERE e."clientId" = c.id AND e."actorId" = ${actor.userId} AND e.action = 'CLIENT_VIEW' AND e.outcome = 'SUCCESS'
        ORDER BY e."occurredAt" DESC LIMIT 1
      ) lv ON true
      LEFT JOIN LATERAL (
        SELECT count(*)::int AS n, max(k."completedAt") AS at FROM "CheckIn" k
        WHERE k."clientId" = c.id AND k.status = 'COMPLETED' AND k."completedAt" >= ${since}::timestamptz
          AND k."completedAt" <= ${now.toISOString()}::timestamptz AND (lv.at IS NULL OR k."completedAt" > lv.at)
      ) nc ON true
      WHERE ${scope} AND c.status = 'ACTIVE'
    ), ranked AS (
      SELECT a.*,
        ${rank(isRisk, Prisma.sql`a.unacknowledged DESC, a.first_raised`)} AS risk_rank,
        ${rank(isDet, Prisma.sql`a.det_units DESC`)} AS det_rank,
        ${rank(isOverdue, Prisma.sql`a.overdue DESC, a.first_due`)} AS overdue_rank,
        ${rank(isCompleted, Prisma.sql`a.last_completed DESC`)} AS completed_rank,
        ${total(isRisk)} AS risk_total, ${total(isDet)} AS det_total,
        ${total(isOverdue)} AS overdue_total, ${total(isCompleted)} AS completed_total
      FROM a
    )
    SELECT r.id::text, r."firstName", r."lastName", r."preferredName", r.flags,
      r.risk_rank::int, r.change_instrument, r.change_baseline::float8, r.change_latest::float8, r.det_rank::int,
      r.overdue, r.first_due, r.overdue_rank::int, r.completed, r.last_completed, r.last_viewed, r.completed_rank::int,
      r.risk_total, r.det_total, r.overdue_total, r.completed_total
    FROM ranked r
    WHERE r.risk_rank <= ${ATTENTION_SECTION_LIMIT}::int OR r.det_rank <= ${ATTENTION_SECTION_LIMIT}::int
      OR r.overdue_rank <= ${ATTENTION_SECTION_LIMIT}::int OR r.completed_rank <= ${ATTENTION_SECTION_LIMIT}::int`)

  const client = (r: Row): AttentionClient => ({ id: r.id, firstName: r.firstName, lastName: r.lastName, preferredName: r.preferredName })
  const by = (key: 'risk_rank' | 'det_rank' | 'overdue_rank' | 'completed_rank') =>
    rows.filter((r) => r[key] !== null && r[key] <= ATTENTION_SECTION_LIMIT).sort((x, y) => x[key]! - y[key]!)
  const first = rows[0]
  const list: AttentionList = {
    today: t.today,
    risk: {
      total: first?.risk_total ?? 0,
      items: by('risk_rank').map((r) => ({
        ...client(r),
        flags: (JSON.parse(r.flags ?? '[]') as FlagJson[]).map((f) => ({
          instrumentId: f.instrumentId,
          itemNumber: f.itemNumber,
          raisedAt: new Date(f.raisedAt),
          acknowledged: f.status === 'ACKNOWLEDGED',
        })),
      })),
    },
    deteriorated: {
      total: first?.det_total ?? 0,
      items: by('det_rank').map((r) => ({ ...client(r), instrumentId: r.change_instrument!, baseline: r.change_baseline!, latest: r.change_latest! })),
    },
    overdue: {
      total: first?.overdue_total ?? 0,
      items: by('overdue_rank').map((r) => ({ ...client(r), count: r.overdue, firstDue: r.first_due! })),
    },
    completed: {
      total: first?.completed_total ?? 0,
      items: by('completed_rank').map((r) => ({ ...client(r), count: r.completed, lastCompletedAt: r.last_completed!, lastViewedAt: r.last_viewed })),
    },
  }

  // Recorded before the list is returned (fail closed); counts only, never names or ids.
  await recordAudit({
    ...actorFields(actor),
    action: 'ATTENTION_LIST',
    targetType: 'Client',
    details: { risk: list.risk.total, deteriorated: list.deteriorated.total, overdue: list.overdue.total, completed: list.completed.total },
  })
  return list
}

/**
 * The practice's counts of the same four categories, for its admins (anyone else: not found). The
 * first three count active clients exactly as the caseload's filters do (?risk=1, ?deteriorated=1,
 * ?overdue=1); the fourth counts check-ins completed in the last COMPLETED_WINDOW_DAYS days.
 */
export async function getPracticeGlance(actor: Actor, opts: AttentionOptions = {}): Promise<PracticeGlance> {
  await assertAdmin(actor, 'Page')
  const now = opts.now ?? new Date()
  const tz = opts.timeZone ?? (await practiceTimeZone(actor))
  const t = caseloadCtx(now, tz, actor.practiceId)
  const since = new Date(now.getTime() - COMPLETED_WINDOW_DAYS * DAY).toISOString()
  const scoped = Prisma.sql`${clientScopeSql(actor)} AND c.status = 'ACTIVE'`
  const [row] = await run<PracticeGlance>(Prisma.sql`
    SELECT
      (SELECT count(*) FROM "Client" c WHERE ${scoped}
        AND EXISTS (SELECT 1 FROM "RiskFlag" f WHERE f."clientId" = c.id AND ${openFlagCond}))::int AS risk,
      (SELECT count(*) FROM "Client" c ${changeJoins(tz, [])} WHERE ${scoped} AND ${deterioratedCond})::int AS deteriorated,
      (SELECT count(*) FROM "Client" c WHERE ${scoped}
        AND EXISTS (SELECT 1 FROM "CheckIn" k WHERE k."clientId" = c.id AND ${overdueCond(t)}))::int AS overdue,
      -- Per client, a range of its (clientId, completedAt) index. Left to itself the planner joined
      -- a parallel scan of every check-in of every practice (54 of the page's 97 ms at 2,500 clients).
      (SELECT COALESCE(sum(done.n), 0) FROM "Client" c CROSS JOIN LATERAL (
        SELECT count(*) AS n FROM "CheckIn" k WHERE k."clientId" = c.id AND k.status = 'COMPLETED'
          AND k."completedAt" >= ${since}::timestamptz AND k."completedAt" <= ${now.toISOString()}::timestamptz) done
        WHERE ${scoped})::int AS completed`)
  return row ?? { risk: 0, deteriorated: 0, overdue: 0, completed: 0 }
}
