/**
 * SecureBase assessments: questionnaire definitions and pure scoring.
 * Single entry point; everything here is pure (browser and server). See docs/INSTRUMENTS.md.
 */
export type { Anchor, ChangeCategory, InstrumentDefinition, InstrumentId, Item, Quadrant } from './types'

export { ScoringInputError } from './errors'
export { roundTo, round2 } from './math'

export { phq9 } from './phq9'
export { gad7 } from './gad7'
export { core10 } from './core10'
export { ecrR, ATTACHMENT_RELIABLE_CHANGE } from './ecr-r'
export { ecrRs, ecrRsInstructions } from './ecr-rs'
export { goalProgress, goalPrompt, scoreGoalProgress } from './goal-progress'

export { INSTRUMENT_IDS, getInstrument, isInstrumentId, listInstruments } from './registry'
export { RISK_FLAG, bandFor, quadrantFor, scoreResponse } from './scoring'
export {
  changeCategory,
  changeCategoryForScores,
  clinicalCutoffC,
  jacobsonTruaxCategory,
  reliableChangeCriterion,
  reliableChangeIndex,
  standardErrorOfDifference,
} from './change'
