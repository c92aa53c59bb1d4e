// A client's FHIR record assembled from plain rows: the per-client Bundle and, line by line, the
// practice's NDJSON bulk export use the same builders, so both say the same thing.
import type { InstrumentDefinition } from '@/lib/assessments/types'
import { buildGoalProgressQuestionnaire, goalProgressResources, isGoalProgress } from './goal-progress'
import { buildObservations } from './observation'
import { buildGoal, buildPatient } from './patient-goal'
import { buildQuestionnaire, definitionFor } from './questionnaire'
import { buildQuestionnaireResponse } from './questionnaire-response'
import { nameUuid } from './systems'
import type { Bundle, FhirClientInput, FhirGoalInput, FhirResource, FhirResponseInput, Questionnaire } from './types'

export class UnknownInstrumentVersionError extends Error {
  constructor(responseId: string) {
    super(`Response ${responseId} was answered on an instrument version this build does not define`)
    this.name = 'UnknownInstrumentVersionError'
  }
}

/** The definition of a stored response; a version we cannot describe verbatim is refused, not exported half-right. */
function requireDefinition(r: Pick<FhirResponseInput, 'id' | 'instrumentId' | 'instrumentVersion'>): InstrumentDefinition {
  const def = definitionFor(r.instrumentId, r.instrumentVersion)
  if (!def) throw new UnknownInstrumentVersionError(r.id)
  return def
}

/** A response's QuestionnaireResponse followed by its score Observations. */
export function responseResources(r: FhirResponseInput): FhirResource[] {
  if (isGoalProgress(r)) return goalProgressResources(r)
  const def = requireDefinition(r)
  return [buildQuestionnaireResponse(def, r), ...buildObservations(def, r)]
}

/** One Questionnaire per instrument version among the responses, in first-seen order. */
export function questionnairesFor(responses: readonly Pick<FhirResponseInput, 'id' | 'instrumentId' | 'instrumentVersion'>[]): Questionnaire[] {
  const seen = new Map<string, Questionnaire>()
  for (const r of responses) {
    const key = `${r.instrumentId}|${r.instrumentVersion}`
    if (!seen.has(key)) seen.set(key, isGoalProgress(r) ? buildGoalProgressQuestionnaire() : buildQuestionnaire(requireDefinition(r)))
  }
  return [...seen.values()]
}

export interface ClientRecordInput {
  client: FhirClientInput
  responses: readonly FhirResponseInput[]
  goals: readonly FhirGoalInput[]
  timeZone: string
  now: Date
}

/** Every resource of one client, Patient first, then the questionnaires its responses refer to. */
export function clientResources(input: ClientRecordInput): FhirResource[] {
  return [
    buildPatient(input.client),
    ...questionnairesFor(input.responses),
    ...input.responses.flatMap(responseResources),
    ...input.goals.map((g) => buildGoal(g, input.timeZone)),
  ]
}

/**
 * Inside a Bundle an entry is found by its fullUrl, and a relative reference (`Patient/<id>`)
 * resolves only against RESTful fullUrls (FHIR R4 §2.36.4.1). So in the Bundle each reference to
 * one of its own entries becomes that entry's `urn:uuid:`; the NDJSON export keeps the relative
 * form, as FHIR Bulk Data does.
 */
function toBundleReferences(value: unknown, inBundle: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => toBundleReferences(v, inBundle))
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) =>
      k === 'reference' && typeof v === 'string' && inBundle.has(v) ? [k, `urn:uuid:${v.slice(v.indexOf('/') + 1)}`] : [k, toBundleReferences(v, inBundle)],
    ),
  )
}

/**
 * A `collection` Bundle of the client's record. Every id is a UUID (database ids, or name-based
 * UUIDs for questionnaires and scores), so each entry's fullUrl is `urn:uuid:<id>` and stays the
 * same from one export to the next.
 */
export function buildClientBundle(input: ClientRecordInput): Bundle {
  const resources = clientResources(input)
  const inBundle = new Set(resources.map((r) => `${r.resourceType}/${r.id}`))
  return {
    resourceType: 'Bundle',
    id: nameUuid(`Bundle|${input.client.id}|${input.now.toISOString()}`),
    type: 'collection',
    timestamp: input.now.toISOString(),
    // Same resources with their references rewritten: the shapes are unchanged.
    entry: resources.map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource: toBundleReferences(resource, inBundle) as FhirResource })),
  }
}

/** One NDJSON line: the resource on one line (JSON.stringify never emits a raw newline). */
export const ndjsonLine = (resource: FhirResource) => `${JSON.stringify(resource)}\n`
