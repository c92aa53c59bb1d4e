// The small part of FHIR R4 (4.0.1) this product writes, typed so the builders cannot drift from
// it. Only the elements we fill are declared; the tests validate the output against HL7's JSON
// schema, which is the real contract.

export interface Coding {
  system: string
  code: string
  display?: string
}

export interface CodeableConcept {
  coding?: Coding[]
  text?: string
}

export interface Reference {
  reference: string
}

export interface Patient {
  resourceType: 'Patient'
  id: string
  name: { family: string; given: string[] }[]
  birthDate: string
}

interface QuestionnaireItem {
  linkId: string
  type: 'choice' | 'display' | 'group' | 'string' | 'integer'
  text: string
  code?: Coding[]
  repeats?: boolean
  readOnly?: boolean
  answerOption?: { valueCoding: Coding }[]
  item?: QuestionnaireItem[]
}

export interface Questionnaire {
  resourceType: 'Questionnaire'
  id: string
  url: string
  version: string
  name: string
  title: string
  status: 'active'
  subjectType: ['Patient']
  description: string
  copyright: string
  code?: Coding[]
  item: QuestionnaireItem[]
}

export interface QuestionnaireResponse {
  resourceType: 'QuestionnaireResponse'
  id: string
  questionnaire: string
  status: 'completed'
  subject: Reference
  source: Reference
  authored: string
  item: ResponseItem[]
}

type Answer = { valueCoding: Coding } | { valueString: string } | { valueInteger: number }

interface ResponseItem {
  linkId: string
  text?: string
  answer?: Answer[]
  item?: ResponseItem[]
}

export interface Observation {
  resourceType: 'Observation'
  id: string
  status: 'final'
  category: CodeableConcept[]
  code: CodeableConcept
  subject: Reference
  effectiveDateTime: string
  focus?: Reference[]
  valueQuantity?: { value: number; unit: string; system: string; code: string }
  valueInteger?: number
  interpretation?: CodeableConcept[]
  derivedFrom: Reference[]
}

export interface Goal {
  resourceType: 'Goal'
  id: string
  lifecycleStatus: 'active' | 'on-hold' | 'completed'
  achievementStatus?: CodeableConcept
  description: CodeableConcept
  subject: Reference
  startDate: string
}

export type FhirResource = Patient | Questionnaire | QuestionnaireResponse | Observation | Goal

export interface Bundle {
  resourceType: 'Bundle'
  id: string
  type: 'collection'
  timestamp: string
  entry: { fullUrl: string; resource: FhirResource }[]
}

/** What the builders need of a client: nothing else leaves the database for FHIR. */
export interface FhirClientInput {
  id: string
  firstName: string
  lastName: string
  /** The @db.Date column (UTC midnight) or 'YYYY-MM-DD'. */
  dateOfBirth: Date | string
}

/** A complete, scored response as stored. */
export interface FhirResponseInput {
  id: string
  clientId: string
  instrumentId: string
  instrumentVersion: string
  submittedAt: Date
  /** Raw item values in item order (null = unanswered), as stored in Response.answers. */
  answers: unknown
  /** Score key → value, as stored in Response.scores. */
  scores: unknown
  band: string | null
}

export interface FhirGoalInput {
  id: string
  clientId: string
  title: string
  status: 'ACTIVE' | 'PAUSED' | 'ACHIEVED'
  createdAt: Date
}
