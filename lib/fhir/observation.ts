// One FHIR Observation per score of a response (a total, or each attachment dimension), derived
// from the QuestionnaireResponse it was scored from. Scores come from the stored row (scored once,
// by lib/assessments, with its scoring version); nothing is re-scored here.
import type { InstrumentDefinition, ScoreDefinition } from '@/lib/assessments/types'
import { loincCoding, nameUuid, patientRef, SCORE_CODE_SYSTEM, surveyCategory, UCUM } from './systems'
import type { CodeableConcept, FhirResponseInput, Observation } from './types'

const observationId = (responseId: string, scoreKey: string) => nameUuid(`Observation|${responseId}|${scoreKey}`)

/** LOINC where INSTRUMENTS.md gives a code for the score, else `<instrument>-<score>` in our own system. */
export function scoreCode(def: InstrumentDefinition, score: ScoreDefinition): CodeableConcept {
  const coding = score.loinc ? loincCoding(score.loinc, score.label) : { system: SCORE_CODE_SYSTEM, code: `${def.id}-${score.key}`, display: score.label }
  return { coding: [coding], text: score.label }
}

function storedScores(scores: unknown): Record<string, number> {
  if (typeof scores !== 'object' || scores === null) return {}
  return Object.fromEntries(Object.entries(scores).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])))
}

export function buildObservations(def: InstrumentDefinition, r: FhirResponseInput): Observation[] {
  const values = storedScores(r.scores)
  return def.scores.flatMap((score) => {
    const value = values[score.key]
    if (value === undefined) return []
    // The band belongs to the score that has bands (the symptom totals); attachment dimensions have none.
    const band = score.bands && r.band ? [{ text: r.band }] : undefined
    const observation: Observation = {
      resourceType: 'Observation',
      id: observationId(r.id, score.key),
      status: 'final',
      category: [surveyCategory],
      code: scoreCode(def, score),
      subject: patientRef(r.clientId),
      effectiveDateTime: r.submittedAt.toISOString(),
      valueQuantity: { value, unit: 'score', system: UCUM, code: '{score}' },
      ...(band ? { interpretation: band } : {}),
      derivedFrom: [{ reference: `QuestionnaireResponse/${r.id}` }],
    }
    return [observation]
  })
}
