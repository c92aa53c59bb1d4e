// Identifiers of the export: the product's canonical base, its code systems and deterministic ids.
// The base is an identifier, not an address anyone can fetch: it must never change for a
// published questionnaire version, or other systems could no longer match responses to it.
import { createHash } from 'node:crypto'
import type { Coding, Reference } from './types'

const FHIR_BASE = 'https://securebase.app/fhir'
export const LOINC = 'http://loinc.org'
export const UCUM = 'http://unitsofmeasure.org'
const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category'
export const GOAL_ACHIEVEMENT = 'http://terminology.hl7.org/CodeSystem/goal-achievement'

/** The instrument's answer options where LOINC has no LA codes (code = the stored value). */
export const answerCodeSystem = (instrumentId: string) => `${FHIR_BASE}/CodeSystem/${instrumentId}-answers`
/** Scores without a LOINC code (CORE-10 total, the attachment dimensions): `<instrument>-<score>`. */
export const SCORE_CODE_SYSTEM = `${FHIR_BASE}/CodeSystem/scores`

export const questionnaireUrl = (instrumentId: string) => `${FHIR_BASE}/Questionnaire/${instrumentId}`

export const surveyCategory = { coding: [{ system: OBSERVATION_CATEGORY, code: 'survey', display: 'Survey' }] }

export const patientRef = (clientId: string): Reference => ({ reference: `Patient/${clientId}` })

export const loincCoding = (code: string, display?: string): Coding => ({ system: LOINC, code, ...(display ? { display } : {}) })

// RFC 4122 §4.3 name-based UUID (version 5, SHA-1) in a namespace of our own, so a resource with no
// database row of its own (a questionnaire version, one score of a response) gets the same id in
// every export and a urn:uuid fullUrl.
const NAMESPACE = Buffer.from('5b0c2c1e8f7a4f3e9d6a1c2b3e4f5a6b', 'hex')

export function nameUuid(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest()
  const b = hash.subarray(0, 16)
  b[6] = (b[6]! & 0x0f) | 0x50
  b[8] = (b[8]! & 0x3f) | 0x80
  const hex = b.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
