// Practice outcomes: aggregates only (no client is named or identified), scoped in the WHERE of
// both statements like the caseload: an admin reaches the practice (optionally one clinician), a
// clinician their own caseload whatever they ask for. Two statements, then one audit record.
import 'server-only'
import { db } from './client'
import { Prisma } from './generated/client'
import { isAdmin, type Actor } from '@/lib/auth/actor'
import { actorFields, recordAudit } from '@/lib/audit/record'
import type { AuditAction } from '@/lib/audit/actions'
import { INSTRUMENT_IDS } from '@/lib/assessments/registry'
import { addDays, startOfDayInTimeZone } from '@/lib/scheduling/recurrence'
import { OUTCOME_INSTRUMENTS, isSymptomInstrument, type OutcomesGroup, type OutcomesQuery, type OutcomesResult } from '@/lib/outcomes/types'
import { isUuid } from '@/lib/validation/uuid'
import { clientScopeSql, ownClientsSql } from './scope'
import { changeStatement, completionStatement, type OutcomesSqlInput } from './outcomes-sql'

interface ChangeRow {
  instrument: string
  clinician: string | null
  overall: boolean
  name: string | null
  clients: number
  improved: number
  deteriorated: number
  recovered: number
  caseness: number
  median_change: number | null
  median_anx: number | null
  median_avo: number | null
  secure_baseline: number
  secure_latest: number
}

interface CompletionRow {
  instrument: string
  clinician: string | null
  name: string | null
  sent: number
  completed: number
  clients: number
}

/** Admins: the practice, or one of its clinicians' caseloads; anyone else: their own caseload. */
function outcomesScope(actor: Actor, clinician: string | null): { sql: Prisma.Sql; scope: OutcomesResult['scope']; perClinician: boolean } {
  if (!isAdmin(actor)) return { sql: ownClientsSql(actor), scope: 'own', perClinician: false }
  if (clinician && isUuid(clinician)) {
    return { sql: Prisma.sql`${clientScopeSql(actor)} AND c."primaryClinicianId" = ${clinician}::uuid`, scope: 'practice', perClinician: false }
  }
  return { sql: clientScopeSql(actor), scope: 'practice', perClinician: true }
}

// The clinician's name is read with the aggregates (staff names only; clients are never named).
const withNames = (statement: Prisma.Sql) => Prisma.sql`SELECT g.*, u.name FROM (${statement}) g LEFT JOIN "User" u ON u.id = g.clinician`

/** The scope-wide check-in counts: the sum over clinicians (each client has exactly one). */
function completionTotals(rows: CompletionRow[]): CompletionRow[] {
  const totals = new Map<string, CompletionRow>()
  for (const r of rows) {
    const t = totals.get(r.instrument) ?? { instrument: r.instrument, clinician: null, name: null, sent: 0, completed: 0, clients: 0 }
    totals.set(r.instrument, { ...t, sent: t.sent + r.sent, completed: t.completed + r.completed, clients: t.clients + r.clients })
  }
  return [...totals.values()]
}

const key = (instrument: string, clinician: string | null) => `${instrument}|${clinician ?? ''}`

function toGroup(instrumentId: OutcomesGroup['instrumentId'], change: ChangeRow | undefined, done: CompletionRow | undefined): OutcomesGroup {
  const symptom = isSymptomInstrument(instrumentId)
  const clients = change?.clients ?? 0
  const sym = (v: number | undefined) => (symptom ? (v ?? 0) : null)
  const att = (v: number | undefined) => (symptom ? null : (v ?? 0))
  return {
    instrumentId,
    clinicianId: change?.clinician ?? done?.clinician ?? null,
    clinicianName: change?.name ?? done?.name ?? null,
    clients,
    improved: sym(change?.improved),
    deteriorated: sym(change?.deteriorated),
    noChange: symptom ? clients - (change?.improved ?? 0) - (change?.deteriorated ?? 0) : null,
    recovered: sym(change?.recovered),
    caseness: sym(change?.caseness),
    medianChange: symptom ? (change?.median_change ?? null) : null,
    medianAnxietyChange: symptom ? null : (change?.median_anx ?? null),
    medianAvoidanceChange: symptom ? null : (change?.median_avo ?? null),
    secureAtBaseline: att(change?.secure_baseline),
    secureAtLatest: att(change?.secure_latest),
    sent: done?.sent ?? 0,
    completed: done?.completed ?? 0,
    sentClients: done?.clients ?? 0,
    meanAnswered: done && done.clients > 0 ? done.completed / done.clients : null,
  }
}

/**
 * The outcomes of the actor's scope over the query's period. Every instrument asked for gets a
 * scope-wide group (zeros when nothing qualified); per-clinician groups follow for the practice
 * view, for clinicians who have anything to show.
 */
export async function computeOutcomes(actor: Actor, query: OutcomesQuery, opts: { timeZone: string }): Promise<OutcomesResult> {
  const { sql, scope, perClinician } = outcomesScope(actor, query.clinician)
  const instruments = query.instrument ? [query.instrument] : OUTCOME_INSTRUMENTS
  const input: OutcomesSqlInput = {
    scope: sql,
    instruments,
    timeZone: opts.timeZone,
    fromAt: startOfDayInTimeZone(query.from, opts.timeZone),
    toEnd: startOfDayInTimeZone(addDays(query.to, 1), opts.timeZone),
    from: query.from,
    to: query.to,
    episodeFrom: query.episodeFrom,
    episodeTo: query.episodeTo,
  }
  const [changes, completions] = await Promise.all([
    db.$queryRaw<ChangeRow[]>(withNames(changeStatement(input))),
    db.$queryRaw<CompletionRow[]>(withNames(completionStatement(input))),
  ])
  const changeBy = new Map(changes.map((r) => [key(r.instrument, r.overall ? null : r.clinician), r]))
  const doneBy = new Map([...completions, ...completionTotals(completions)].map((r) => [key(r.instrument, r.clinician), r]))
  const groups: OutcomesGroup[] = []
  const ordered = INSTRUMENT_IDS.filter((id) => instruments.includes(id))
  for (const id of ordered) groups.push({ ...toGroup(id, changeBy.get(key(id, null)), doneBy.get(key(id, null))), clinicianId: null, clinicianName: null })
  if (perClinician) {
    const clinicians = new Map<string, string>()
    for (const r of changes) if (!r.overall && r.clinician) clinicians.set(r.clinician, r.name ?? '')
    for (const r of completions) if (r.clinician) clinicians.set(r.clinician, r.name ?? '')
    const byName = [...clinicians].sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0]))
    for (const [clinicianId] of byName) {
      for (const id of ordered) {
        const change = changeBy.get(key(id, clinicianId))
        const done = doneBy.get(key(id, clinicianId))
        if (change || done) groups.push(toGroup(id, change, done))
      }
    }
  }
  // A clinician's view is their own caseload whatever they asked for: the request is not echoed.
  return { query: scope === 'own' ? { ...query, clinician: null } : query, scope, groups }
}

/** The audit record of a view or an export: the filter, as ids and dates only. */
export async function auditOutcomes(actor: Actor, action: Extract<AuditAction, 'OUTCOMES_VIEW' | 'OUTCOMES_EXPORT'>, result: OutcomesResult): Promise<void> {
  const q = result.query
  await recordAudit({
    ...actorFields(actor),
    action,
    targetType: 'Outcomes',
    details: {
      scope: result.scope,
      from: q.from,
      to: q.to,
      instrument: q.instrument,
      clinician: q.clinician,
      episodeFrom: q.episodeFrom,
      episodeTo: q.episodeTo,
      groups: result.groups.length,
    },
  })
}

/** Computes and records the view (page) in one call. */
export async function viewOutcomes(actor: Actor, query: OutcomesQuery, opts: { timeZone: string }): Promise<OutcomesResult> {
  const result = await computeOutcomes(actor, query, opts)
  await auditOutcomes(actor, 'OUTCOMES_VIEW', result)
  return result
}
