// A FHIR Questionnaire per instrument version, built only from lib/assessments' definitions so the
// item text stays verbatim (several licences forbid rewording) and codes come from one place.
import { getInstrument, isInstrumentId } from '@/lib/assessments/registry'
import type { Anchor, InstrumentDefinition } from '@/lib/assessments/types'
import { answerCodeSystem, LOINC, loincCoding, nameUuid, questionnaireUrl } from './systems'
import type { Coding, Questionnaire } from './types'

/** The answer coding of an anchor: LOINC's LA code where the instrument has one, else our own. */
export function anchorCoding(instrumentId: string, anchor: Anchor): Coding {
  return anchor.loinc
    ? { system: LOINC, code: anchor.loinc, display: anchor.label }
    : { system: answerCodeSystem(instrumentId), code: String(anchor.value), display: anchor.label }
}

/** The definition a stored response was answered on; null for an unknown instrument or a version this build does not carry. */
export function definitionFor(instrumentId: string, instrumentVersion: string): InstrumentDefinition | null {
  if (!isInstrumentId(instrumentId)) return null
  const def = getInstrument(instrumentId)
  return def.instrumentVersion === instrumentVersion ? def : null
}

const questionnaireId = (def: InstrumentDefinition) => nameUuid(`Questionnaire|${questionnaireUrl(def.id)}|${def.instrumentVersion}`)

/** `url|version`: how a QuestionnaireResponse names the exact version it answers. */
export const questionnaireCanonical = (def: InstrumentDefinition) => `${questionnaireUrl(def.id)}|${def.instrumentVersion}`

const sentence = (s: string) => (/[.!?]$/.test(s) ? s : `${s}.`)

/** The licence as the instrument must be shown with it: terms, the attribution line, the source. */
function copyright(def: InstrumentDefinition): string {
  const { text, attribution, source } = def.licence
  return [text, attribution, `Source: ${source}`].map(sentence).join(' ')
}

export function buildQuestionnaire(def: InstrumentDefinition): Questionnaire {
  const answerOption = def.anchors.map((a) => ({ valueCoding: anchorCoding(def.id, a) }))
  return {
    resourceType: 'Questionnaire',
    id: questionnaireId(def),
    url: questionnaireUrl(def.id),
    version: def.instrumentVersion,
    name: def.abbreviation.replace(/[^A-Za-z0-9]/g, '_'),
    title: def.name,
    status: 'active',
    subjectType: ['Patient'],
    description: `${def.construct}. ${def.citation}`,
    copyright: copyright(def),
    ...(def.loinc ? { code: [loincCoding(def.loinc.panel, def.name)] } : {}),
    item: [
      { linkId: 'stem', type: 'display', text: def.stem },
      ...def.items.map((item) => ({
        linkId: String(item.number),
        type: 'choice' as const,
        text: item.text,
        ...(item.loinc ? { code: [loincCoding(item.loinc)] } : {}),
        answerOption,
      })),
    ],
  }
}
