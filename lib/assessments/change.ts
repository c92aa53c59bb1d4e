import { ScoringInputError } from './errors'
import { cleanDifference } from './math'
import { getInstrument } from './registry'
import type { ChangeCategory, ChangeRule, Direction, InstrumentId, ScoreDefinition } from './types'

/** Two-tailed 95% criterion for the reliable change index (Jacobson & Truax 1991). */
const RCI_Z = 1.96

export interface ReliabilityParams {
  /** SD of a clinical (pre-treatment) sample. */
  readonly sd1: number
  /** Reliability, e.g. Cronbach's alpha, in [0, 1). */
  readonly reliability: number
}

export interface PopulationParams {
  readonly mFun: number
  readonly sdFun: number
  readonly mDys: number
  readonly sdDys: number
}

function assertFinite(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ScoringInputError(`${name} must be a finite number, got ${String(value)}`)
  }
}

function assertReliability({ sd1, reliability }: ReliabilityParams): void {
  assertFinite('sd1', sd1)
  assertFinite('reliability', reliability)
  if (sd1 <= 0) throw new ScoringInputError(`sd1 must be > 0, got ${sd1}`)
  if (reliability < 0 || reliability >= 1) {
    throw new ScoringInputError(`reliability must be in [0, 1), got ${reliability}`)
  }
}

/** SEdiff = SD1 × √2 × √(1 − r). */
export function standardErrorOfDifference(params: ReliabilityParams): number {
  assertReliability(params)
  return params.sd1 * Math.SQRT2 * Math.sqrt(1 - params.reliability)
}

/** Smallest score difference that is reliable change: 1.96 × SEdiff. */
export function reliableChangeCriterion(params: ReliabilityParams): number {
  return RCI_Z * standardErrorOfDifference(params)
}

/** RCI = (x2 − x1) / SEdiff; |RCI| > 1.96 is reliable change. Unrounded. */
export function reliableChangeIndex(params: ReliabilityParams, x1: number, x2: number): number {
  assertFinite('x1', x1)
  assertFinite('x2', x2)
  return cleanDifference(x2 - x1) / standardErrorOfDifference(params)
}

/** Cutoff c between functional and dysfunctional populations: (sdFun·mDys + sdDys·mFun) / (sdFun + sdDys). */
export function clinicalCutoffC({ mFun, sdFun, mDys, sdDys }: PopulationParams): number {
  for (const [name, v] of Object.entries({ mFun, sdFun, mDys, sdDys })) assertFinite(name, v)
  if (sdFun <= 0 || sdDys <= 0) throw new ScoringInputError('sdFun and sdDys must be > 0')
  return (sdFun * mDys + sdDys * mFun) / (sdFun + sdDys)
}

export interface JacobsonTruaxParams extends ReliabilityParams {
  /** Clinical cutoff c; without one the result is never 'recovered'. */
  readonly cutoff?: number | undefined
  /** Default 'higher-is-worse'. */
  readonly direction?: Direction | undefined
}

/** Categorise x1 → x2 with the Jacobson–Truax RCI (and cutoff c when given). */
export function jacobsonTruaxCategory(params: JacobsonTruaxParams, x1: number, x2: number): ChangeCategory {
  const rci = reliableChangeIndex(params, x1, x2)
  const sign = (params.direction ?? 'higher-is-worse') === 'higher-is-worse' ? -1 : 1
  const improvement = sign * rci // positive = getting better
  if (improvement > RCI_Z) {
    return crossedCutoff(params.cutoff, x1, x2, params.direction) ? 'recovered' : 'improved'
  }
  if (improvement < -RCI_Z) return 'deteriorated'
  return 'no reliable change'
}

function crossedCutoff(cutoff: number | undefined, baseline: number, latest: number, direction?: Direction): boolean {
  if (cutoff === undefined) return false
  if ((direction ?? 'higher-is-worse') === 'higher-is-worse') return baseline >= cutoff && latest < cutoff
  return baseline <= cutoff && latest > cutoff
}

function categorise(rule: ChangeRule, direction: Direction, baseline: number, latest: number): ChangeCategory {
  if (rule.kind === 'reliable-change-index') {
    return jacobsonTruaxCategory({ sd1: rule.sd1, reliability: rule.reliability, cutoff: rule.clinicalCutoff, direction }, baseline, latest)
  }
  const sign = direction === 'higher-is-worse' ? 1 : -1
  const improvement = sign * cleanDifference(baseline - latest) // positive = getting better
  if (improvement >= rule.threshold) {
    return crossedCutoff(rule.clinicalCutoff, baseline, latest, direction) ? 'recovered' : 'improved'
  }
  if (improvement <= -rule.threshold) return 'deteriorated'
  return 'no reliable change'
}

function assertScore(label: string, score: ScoreDefinition, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ScoringInputError(`${label} ${score.key} ${name}: ${String(value)} is not a finite number`)
  }
  if (value < score.min || value > score.max) {
    throw new ScoringInputError(`${label} ${score.key} ${name}: ${value} is outside ${score.min}-${score.max}`)
  }
}

function resolveScore(instrumentId: InstrumentId, scoreKey?: string): ScoreDefinition {
  const def = getInstrument(instrumentId)
  if (scoreKey === undefined) {
    const [first, ...rest] = def.scores
    // Several scores: only unambiguous when they share one change rule (ECR-R/ECR-RS do).
    if (!first || rest.some((s) => JSON.stringify(s.change) !== JSON.stringify(first.change))) {
      throw new ScoringInputError(`${def.abbreviation}: pass a scoreKey (${def.scores.map((s) => s.key).join(', ')})`)
    }
    return first
  }
  const score = def.scores.find((s) => s.key === scoreKey)
  if (!score) {
    throw new ScoringInputError(`${def.abbreviation} has no score ${JSON.stringify(scoreKey)} (expected ${def.scores.map((s) => s.key).join(', ')})`)
  }
  return score
}

/**
 * Change from the baseline (first score of the current episode) to the latest score.
 * Point-threshold instruments (PHQ-9 6/10, GAD-7 4/8, CORE-10 6/11): reliable improvement is a
 * drop >= threshold; recovered additionally needs baseline >= cutoff and latest < cutoff;
 * deteriorated is a rise >= threshold. Attachment scales use the configured Jacobson–Truax
 * criterion per dimension and are never 'recovered' (no cutoff exists).
 * `scoreKey` defaults to the instrument's score when unambiguous.
 */
export function changeCategory(instrumentId: InstrumentId, baseline: number, latest: number, scoreKey?: string): ChangeCategory {
  const def = getInstrument(instrumentId)
  const score = resolveScore(instrumentId, scoreKey)
  assertScore(def.abbreviation, score, 'baseline', baseline)
  assertScore(def.abbreviation, score, 'latest', latest)
  return categorise(score.change, def.direction, baseline, latest)
}

/** Per-score change categories, e.g. { anxiety: 'improved', avoidance: 'no reliable change' }. */
export function changeCategoryForScores(
  instrumentId: InstrumentId,
  baselineScores: Readonly<Record<string, number>>,
  latestScores: Readonly<Record<string, number>>,
): Record<string, ChangeCategory> {
  const def = getInstrument(instrumentId)
  const known = def.scores.map((s) => s.key)
  for (const key of [...Object.keys(baselineScores), ...Object.keys(latestScores)]) {
    if (!known.includes(key)) {
      throw new ScoringInputError(`${def.abbreviation} has no score ${JSON.stringify(key)} (expected ${known.join(', ')})`)
    }
  }
  const result: Record<string, ChangeCategory> = {}
  for (const key of known) {
    const baseline = baselineScores[key]
    const latest = latestScores[key]
    if (baseline === undefined || latest === undefined) {
      throw new ScoringInputError(`${def.abbreviation}: both baseline and latest need a ${key} score (an incomplete response is not compared)`)
    }
    result[key] = changeCategory(instrumentId, baseline, latest, key)
  }
  return result
}
