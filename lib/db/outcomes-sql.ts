// The two statements behind practice outcomes, computed by the database over stored scores.
// Scoring rules are not written here: thresholds, cutoffs and directions come from lib/assessments
// (the registry) as bound parameters, and the secure region is the `quadrant` lib/assessments
// stored with each answer. Both statements group by GROUPING SETS, so the scope-wide row and the
// per-clinician rows come from one pass.
import 'server-only'
import { Prisma } from './generated/client'
import { getInstrument } from '@/lib/assessments/registry'
import type { InstrumentId } from '@/lib/assessments/types'
import { SYMPTOM_INSTRUMENTS } from '@/lib/outcomes/types'

/** Each instrument's change rule from the registry; attachment scales get NULLs (no cutoff). */
function ruleRow(id: InstrumentId): Prisma.Sql {
  const def = getInstrument(id)
  const total = def.scores.find((s) => s.key === 'total')
  const sign = def.direction === 'higher-is-worse' ? 1 : -1
  if ((SYMPTOM_INSTRUMENTS as readonly string[]).includes(id)) {
    if (total?.change.kind !== 'point-threshold') throw new Error(`${def.abbreviation}: outcomes need a point-threshold change rule`)
    return Prisma.sql`(${id}::text, ${total.change.threshold}::numeric, ${total.change.clinicalCutoff}::numeric, ${sign}::int)`
  }
  return Prisma.sql`(${id}::text, NULL::numeric, NULL::numeric, ${sign}::int)`
}

export interface OutcomesSqlInput {
  /** clientScopeSql(actor), optionally narrowed to one clinician (alias `c`). */
  scope: Prisma.Sql
  instruments: readonly InstrumentId[]
  timeZone: string
  /** First instant of the period and first instant after it. */
  fromAt: Date
  toEnd: Date
  from: string
  to: string
  episodeFrom: string | null
  episodeTo: string | null
}

const episodeWhere = (i: OutcomesSqlInput) =>
  Prisma.sql`${i.episodeFrom ? Prisma.sql`AND c."episodeStart" >= ${i.episodeFrom}::date` : Prisma.empty}
    ${i.episodeTo ? Prisma.sql`AND c."episodeStart" <= ${i.episodeTo}::date` : Prisma.empty}`

const instrumentList = (i: OutcomesSqlInput) => Prisma.join(i.instruments.map((id) => Prisma.sql`${id}`))

/**
 * The (client, instrument) pairs worth probing: the scoped clients' assignments of the instruments
 * asked for. Every response comes from a check-in item of an assignment of the same client and
 * instrument (CheckInItem.assignmentId is required), so no answer is missed, and instruments a
 * client was never asked cost nothing (in the large practice: 5,750 pairs instead of 12,505).
 */
const askedPairs = (i: OutcomesSqlInput, withEpisode: boolean) => Prisma.sql`
  SELECT DISTINCT c.id, c."primaryClinicianId" AS clinician, a."instrumentId" AS instrument
    ${withEpisode ? Prisma.sql`, (c."episodeStart"::timestamp AT TIME ZONE ${i.timeZone}::text) AS ep` : Prisma.empty}
  FROM "Client" c JOIN "Assignment" a ON a."clientId" = c.id
  WHERE ${i.scope} ${episodeWhere(i)} AND a."instrumentId" IN (${instrumentList(i)})`

const num = (key: string, alias: string) => Prisma.raw(`(${alias}.scores->>'${key}')::numeric`)

/**
 * Per client and instrument: the baseline (first complete score on or after the episode start, at
 * midnight in the practice's zone: the overview's definition) and the later score (the latest
 * complete one within the period, after the baseline; for ECR-RS about the same relationship as the
 * baseline). Each lateral is a short scan of Response(clientId, instrumentId, submittedAt).
 */
export function changeStatement(i: OutcomesSqlInput): Prisma.Sql {
  return Prisma.sql`
WITH rules(instrument, threshold, cutoff, sign) AS (VALUES ${Prisma.join(i.instruments.map(ruleRow))}),
asked AS (${askedPairs(i, true)}),
pairs AS (
  SELECT s.clinician, ru.instrument, ru.threshold, ru.cutoff, ru.sign,
    ${num('total', 'b')} AS b_total, ${num('total', 'l')} AS l_total,
    ${num('anxiety', 'b')} AS b_anx, ${num('anxiety', 'l')} AS l_anx,
    ${num('avoidance', 'b')} AS b_avo, ${num('avoidance', 'l')} AS l_avo,
    b.quadrant AS b_quadrant, l.quadrant AS l_quadrant
  FROM asked s JOIN rules ru ON ru.instrument = s.instrument
  JOIN LATERAL (
    SELECT r."submittedAt" AS at, r.scores, r.quadrant, r."relationshipTarget" AS target FROM "Response" r
    WHERE r."clientId" = s.id AND r."instrumentId" = ru.instrument AND r.complete AND r."submittedAt" >= s.ep
    ORDER BY r."submittedAt" ASC LIMIT 1
  ) b ON true
  JOIN LATERAL (
    SELECT r."submittedAt" AS at, r.scores, r.quadrant FROM "Response" r
    WHERE r."clientId" = s.id AND r."instrumentId" = ru.instrument AND r.complete
      AND r."submittedAt" > b.at AND r."submittedAt" >= ${i.fromAt} AND r."submittedAt" < ${i.toEnd}
      AND r."relationshipTarget" IS NOT DISTINCT FROM b.target
    ORDER BY r."submittedAt" DESC LIMIT 1
  ) l ON true
),
judged AS (
  SELECT p.*, p.sign * (p.b_total - p.l_total) AS better FROM pairs p
)
SELECT j.instrument, j.clinician, GROUPING(j.clinician) = 1 AS overall, count(*)::int AS clients,
  count(*) FILTER (WHERE j.better >= j.threshold)::int AS improved,
  count(*) FILTER (WHERE j.better <= -j.threshold)::int AS deteriorated,
  count(*) FILTER (WHERE j.better >= j.threshold AND j.sign * j.b_total >= j.sign * j.cutoff AND j.sign * j.l_total < j.sign * j.cutoff)::int AS recovered,
  count(*) FILTER (WHERE j.sign * j.b_total >= j.sign * j.cutoff)::int AS caseness,
  (percentile_cont(0.5) WITHIN GROUP (ORDER BY j.l_total - j.b_total))::float8 AS median_change,
  (percentile_cont(0.5) WITHIN GROUP (ORDER BY j.l_anx - j.b_anx))::float8 AS median_anx,
  (percentile_cont(0.5) WITHIN GROUP (ORDER BY j.l_avo - j.b_avo))::float8 AS median_avo,
  count(*) FILTER (WHERE j.b_quadrant = 'secure')::int AS secure_baseline,
  count(*) FILTER (WHERE j.l_quadrant = 'secure')::int AS secure_latest
FROM judged j
GROUP BY GROUPING SETS ((j.instrument), (j.instrument, j.clinician))`
}

/**
 * Check-ins per instrument and clinician that closed in the period: answered (a response submitted
 * in it, complete or not) or ran out unanswered (an EXPIRED check-in whose link expired in it). Open
 * ones are still running and cancelled ones were withdrawn, so neither counts. Answers are counted
 * per client with a short index-only range count on Response(clientId, instrumentId, submittedAt);
 * expired check-ins are few and found through CheckIn(status, expiresAt), their questionnaires read
 * from the check-in itself (itemInstrumentIds). This avoids joining every check-in of the year, or
 * even the expired ones, to their items. The scope-wide sums are added up by the caller (each client
 * has exactly one primary clinician).
 */
export function completionStatement(i: OutcomesSqlInput): Prisma.Sql {
  return Prisma.sql`
WITH scoped AS (
  SELECT c.id, c."primaryClinicianId" AS clinician FROM "Client" c WHERE ${i.scope} ${episodeWhere(i)}
),
asked AS (${askedPairs(i, false)}),
answered AS (
  SELECT s.id, s.clinician, s.instrument, a.n FROM asked s
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS n FROM "Response" r
    WHERE r."clientId" = s.id AND r."instrumentId" = s.instrument AND r."submittedAt" >= ${i.fromAt} AND r."submittedAt" < ${i.toEnd}
  ) a
  WHERE a.n > 0
),
expired AS (
  SELECT s.id, s.clinician, it.instrument, count(*)::int AS n
  FROM scoped s JOIN "CheckIn" k ON k."clientId" = s.id
  -- The check-in's questionnaires, one per item, kept on the check-in by the database (schema.prisma).
  CROSS JOIN LATERAL unnest(k."itemInstrumentIds") AS it(instrument)
  WHERE k.status = 'EXPIRED' AND k."expiresAt" >= ${i.fromAt} AND k."expiresAt" < ${i.toEnd}
    AND it.instrument IN (${instrumentList(i)})
  GROUP BY 1, 2, 3
)
SELECT x.instrument, x.clinician, (sum(x.answered) + sum(x.expired))::int AS sent, sum(x.answered)::int AS completed, count(*)::int AS clients
FROM (
  SELECT coalesce(a.instrument, e.instrument) AS instrument, coalesce(a.clinician, e.clinician) AS clinician,
    coalesce(a.n, 0) AS answered, coalesce(e.n, 0) AS expired
  FROM answered a FULL JOIN expired e ON e.id = a.id AND e.instrument = a.instrument
) x
GROUP BY 1, 2`
}
