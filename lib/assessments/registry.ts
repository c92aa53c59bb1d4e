import { core10 } from './core10'
import { ecrR } from './ecr-r'
import { ecrRs } from './ecr-rs'
import { ScoringInputError } from './errors'
import { gad7 } from './gad7'
import { phq9 } from './phq9'
import type { InstrumentDefinition, InstrumentId } from './types'

/** Display / chart order: symptom measures first, then attachment scales. */
export const INSTRUMENT_IDS: readonly InstrumentId[] = Object.freeze(['phq9', 'gad7', 'core10', 'ecr-r', 'ecr-rs'] as const)

const REGISTRY: Readonly<Record<InstrumentId, InstrumentDefinition>> = Object.freeze({
  phq9,
  gad7,
  core10,
  'ecr-r': ecrR,
  'ecr-rs': ecrRs,
})

export function isInstrumentId(value: unknown): value is InstrumentId {
  return typeof value === 'string' && (INSTRUMENT_IDS as readonly string[]).includes(value)
}

/** The definition for an instrument id; throws ScoringInputError for an unknown id. */
export function getInstrument(id: InstrumentId): InstrumentDefinition {
  if (!isInstrumentId(id)) {
    throw new ScoringInputError(`Unknown instrument id: ${JSON.stringify(id)} (expected one of ${INSTRUMENT_IDS.join(', ')})`)
  }
  return REGISTRY[id]
}

/** All standardised instruments, in display order. */
export function listInstruments(): readonly InstrumentDefinition[] {
  return INSTRUMENT_IDS.map((id) => REGISTRY[id])
}

/** Lowest and highest raw answer value of an instrument's items. */
export function answerRange(def: InstrumentDefinition): { min: number; max: number } {
  const values = def.anchors.map((a) => a.value)
  return { min: Math.min(...values), max: Math.max(...values) }
}
