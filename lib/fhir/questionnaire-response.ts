// A completed check-in response as a FHIR QuestionnaireResponse: every answered item with the
// coding of the option the client chose, exactly as offered by its Questionnaire.
import type { InstrumentDefinition } from '@/lib/assessments/types'
import { anchorCoding, questionnaireCanonical } from './questionnaire'
import { patientRef } from './systems'
import type { FhirResponseInput, QuestionnaireResponse } from './types'

/** The stored raw answers in item order; anything that is not a number counts as unanswered. */
function rawAnswers(answers: unknown): (number | null)[] {
  return Array.isArray(answers) ? answers.map((a: unknown) => (typeof a === 'number' && Number.isFinite(a) ? a : null)) : []
}

export function buildQuestionnaireResponse(def: InstrumentDefinition, r: FhirResponseInput): QuestionnaireResponse {
  const raw = rawAnswers(r.answers)
  const item: QuestionnaireResponse['item'] = []
  def.items.forEach((it, i) => {
    const value = raw[i]
    if (value === null || value === undefined) return // CORE-10 allows one unanswered item
    const anchor = def.anchors.find((a) => a.value === value)
    // A stored value outside the anchors would be a corrupt row: refuse rather than export a guess.
    if (!anchor) throw new RangeError(`Response ${r.id}: item ${it.number} has no answer option ${value}`)
    item.push({ linkId: String(it.number), text: it.text, answer: [{ valueCoding: anchorCoding(def.id, anchor) }] })
  })
  return {
    resourceType: 'QuestionnaireResponse',
    id: r.id,
    questionnaire: questionnaireCanonical(def),
    status: 'completed',
    subject: patientRef(r.clientId),
    // Every response is answered by the client through their own check-in link.
    source: patientRef(r.clientId),
    authored: r.submittedAt.toISOString(),
    item,
  }
}
