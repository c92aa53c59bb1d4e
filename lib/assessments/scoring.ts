import { ScoringInputError } from './errors'
import { roundTo } from './math'
import { answerRange, getInstrument } from './registry'
import type { InstrumentDefinition, InstrumentId, Item, Quadrant, QuadrantRule, RiskItem, ScoreResult } from './types'

export const RISK_FLAG = 'risk'

/**
 * Throw ScoringInputError unless `answers` is an array of the instrument's length whose entries
 * are null (unanswered) or integers within the item's min..max.
 */
export function validateAnswers(def: InstrumentDefinition, answers: unknown): asserts answers is (number | null)[] {
  const label = def.abbreviation
  if (!Array.isArray(answers)) {
    throw new ScoringInputError(`${label}: answers must be an array, got ${describe(answers)}`)
  }
  if (answers.length !== def.items.length) {
    throw new ScoringInputError(`${label} expects ${def.items.length} answers, got ${answers.length}`)
  }
  const { min, max } = answerRange(def)
  for (let i = 0; i < answers.length; i++) {
    const value: unknown = answers[i]
    if (value === null) continue
    const where = `${label} item ${i + 1}`
    if (typeof value !== 'number' || Number.isNaN(value)) {
      throw new ScoringInputError(`${where}: ${describe(value)} is not a number (use null for an unanswered item)`)
    }
    if (!Number.isInteger(value)) {
      throw new ScoringInputError(`${where}: ${value} is not a whole number within ${min}-${max}`)
    }
    if (value < min || value > max) {
      throw new ScoringInputError(`${where}: ${value} is outside ${min}-${max}`)
    }
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined'
  if (typeof value === 'number') return String(value)
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/** Apply reverse keying: scored = min + max - raw. Null stays null. */
function applyKeys(def: InstrumentDefinition, answers: readonly (number | null)[]): (number | null)[] {
  const { min, max } = answerRange(def)
  return answers.map((raw, i) => (raw !== null && def.items[i]?.reverse ? min + max - raw : raw))
}

/**
 * The one risk rule: a risk item answered above zero, read item by item regardless of completeness
 * or total. The response's flag, the stored RiskFlag rows, the check-in page's crisis panel and the
 * highlighted answer in the response detail all come from this.
 */
export function isRiskAnswer(item: Pick<Item, 'risk'>, value: number | null | undefined): value is number {
  return item.risk && value !== null && value !== undefined && value > 0
}

/** Every risk item of a response answered above zero (1-based number and the value given). */
export function riskItems(def: InstrumentDefinition, answers: readonly (number | null | undefined)[]): RiskItem[] {
  return def.items.flatMap((item, i) => {
    const value = answers[i]
    return isRiskAnswer(item, value) ? [{ itemNumber: item.number, itemValue: value }] : []
  })
}

/** Quadrant descriptor; a score exactly at the midpoint counts as low. */
export function quadrantFor(rule: QuadrantRule, anxiety: number, avoidance: number): Quadrant {
  const highAnxiety = anxiety > rule.midpoint
  const highAvoidance = avoidance > rule.midpoint
  if (highAnxiety && highAvoidance) return 'fearful'
  if (highAnxiety) return 'anxious'
  if (highAvoidance) return 'avoidant'
  return 'secure'
}

/** Band label for a score (the band with the highest min <= score). */
export function bandFor(def: InstrumentDefinition, scoreKey: string, score: number): string | undefined {
  const bands = def.scores.find((s) => s.key === scoreKey)?.bands
  if (!bands) return undefined
  let label: string | undefined
  for (const band of bands) {
    if (score >= band.min) label = band.label
  }
  return label
}

/**
 * Score one response. `answers` are raw item values in item order (before reverse keying),
 * null for unanswered. Throws ScoringInputError for an unknown id, wrong length or any value
 * that is not an integer within the item's range.
 */
export function scoreResponse(instrumentId: InstrumentId, answers: (number | null)[]): ScoreResult {
  return scoreWithRisks(instrumentId, answers).result
}

/** scoreResponse plus the risk items behind its flag, from one pass over the answers. */
export function scoreWithRisks(instrumentId: InstrumentId, answers: (number | null)[]): { result: ScoreResult; risks: RiskItem[] } {
  const def = getInstrument(instrumentId)
  validateAnswers(def, answers)
  const risks = riskItems(def, answers)
  return { result: scoreValidated(def, answers, risks.length > 0 ? [RISK_FLAG] : []), risks }
}

function scoreValidated(def: InstrumentDefinition, answers: readonly (number | null)[], flags: string[]): ScoreResult {
  const keyed = applyKeys(def, answers)
  const missing = keyed.filter((v) => v === null).length
  const rule = def.missingData
  const scorable = missing === 0 || (rule.kind === 'prorate' && missing <= rule.maxMissing)
  if (!scorable) return { complete: false, scores: {}, flags }

  const scores: Record<string, number> = {}
  for (const score of def.scores) {
    const values = score.items.map((n) => keyed[n - 1]).filter((v): v is number => v !== null && v !== undefined)
    if (values.length === 0) return { complete: false, scores: {}, flags }
    const sum = values.reduce((a, b) => a + b, 0)
    const prorated = values.length < score.items.length
    if (score.method === 'mean') {
      scores[score.key] = roundTo(sum / values.length, score.decimals)
    } else if (prorated && rule.kind === 'prorate') {
      scores[score.key] = roundTo((sum / values.length) * score.items.length, rule.decimals)
    } else {
      scores[score.key] = roundTo(sum, score.decimals)
    }
  }

  const result: ScoreResult = { complete: true, scores, flags }
  const banded = def.scores.find((s) => s.bands !== undefined)
  const primary = banded ? scores[banded.key] : undefined
  if (banded && primary !== undefined) {
    const band = bandFor(def, banded.key, primary)
    if (band !== undefined) result.band = band
  }
  if (def.quadrant) {
    const anxiety = scores[def.quadrant.anxietyKey]
    const avoidance = scores[def.quadrant.avoidanceKey]
    if (anxiety !== undefined && avoidance !== undefined) {
      result.quadrant = quadrantFor(def.quadrant, anxiety, avoidance)
    }
  }
  return result
}
