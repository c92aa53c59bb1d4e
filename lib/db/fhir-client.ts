// A client's record as a FHIR R4 Bundle (issue 13). Same rules as the scores CSV: a clinician
// reaches their own caseload, an admin the practice, and anything else answers like a missing
// client (with an AUTHZ_DENIED event). Every statement carries the scope.
import 'server-only'
import { db } from './client'
import type { Actor } from '@/lib/auth/actor'
import { clientScope } from './scope'
import { NotFoundError } from './errors'
import { actorFields, recordAudit } from '@/lib/audit/record'
import { recordDenied } from '@/lib/audit/denied'
import { INSTRUMENT_IDS } from '@/lib/assessments/registry'
import { GOAL_PROGRESS_ID } from '@/lib/assessments/goal-progress'
import { buildClientBundle } from '@/lib/fhir/record'
import type { Bundle } from '@/lib/fhir/types'
import { todayInTimeZone } from '@/lib/scheduling/recurrence'
import { isUuid } from '@/lib/validation/uuid'

/** Every kind of response the export describes: the standard instruments and the goal-progress check-in. */
export const FHIR_INSTRUMENT_IDS: string[] = [...INSTRUMENT_IDS, GOAL_PROGRESS_ID]

/** What the builders read of a response. */
export const fhirResponseSelect = {
  id: true,
  clientId: true,
  instrumentId: true,
  instrumentVersion: true,
  submittedAt: true,
  answers: true,
  scores: true,
  band: true,
} as const

// Every stored response, scored or not: a submitted response that could not be scored (too many
// items left out) still holds the client's answers, and an export must not lose them. It gets a
// QuestionnaireResponse and no Observation (there is no score to state).
export const fhirResponseWhere = { instrumentId: { in: FHIR_INSTRUMENT_IDS } }

export const fhirGoalSelect = { id: true, clientId: true, title: true, status: true, createdAt: true } as const

export interface FhirClientExport {
  filename: string
  bundle: Bundle
}

/**
 * The client's Patient, the Questionnaires answered, every stored response with its scores, and
 * their goals. Built in full before the export is recorded (fail closed: an export that cannot be
 * built is neither recorded nor sent).
 */
export async function exportClientFhir(
  actor: Actor,
  clientId: string,
  opts: { now?: Date; ip?: string | null; requestId?: string | null } = {},
): Promise<FhirClientExport> {
  const now = opts.now ?? new Date()
  if (!isUuid(clientId)) throw new NotFoundError('Client')
  const client = await db.client.findFirst({
    where: { id: clientId, ...clientScope(actor) },
    select: { id: true, firstName: true, lastName: true, dateOfBirth: true, practice: { select: { timeZone: true } } },
  })
  if (!client) {
    await recordDenied(actor, { action: 'EXPORT_FHIR', targetType: 'Client', targetId: clientId })
    throw new NotFoundError('Client')
  }
  const scoped = { clientId, client: clientScope(actor) }
  const responses = await db.response.findMany({
    where: { ...scoped, ...fhirResponseWhere },
    orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
    select: fhirResponseSelect,
  })
  const goals = await db.goal.findMany({ where: scoped, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: fhirGoalSelect })
  const timeZone = client.practice.timeZone
  const bundle = buildClientBundle({ client, responses, goals, timeZone, now })
  await recordAudit({
    ...actorFields(actor),
    action: 'EXPORT_FHIR',
    targetType: 'Client',
    targetId: clientId,
    clientId,
    details: { export: 'fhir', responses: responses.length, goals: goals.length, resources: bundle.entry.length },
    ip: opts.ip ?? null,
    requestId: opts.requestId ?? null,
  })
  return { filename: `fhir-${clientId}-${todayInTimeZone(now, timeZone)}.json`, bundle }
}
