// Strict checks and scoring of a client's check-in answers (drafts and submissions). Pure: the goals
// a goal-progress item asks about are read by the data layer and passed in with the item, and the
// data layer writes exactly what scoreCheckIn returns. Anything that does not fit the check-in's own
// items exactly is rejected, never repaired. Each answer set is checked once and scored at most once.
import type { AnswerMap } from '@/lib/checkins/types'
import type { GoalItem } from '@/lib/goals/types'
import { ScoringInputError } from './errors'
import { GOAL_PROGRESS_ID, goalProgress } from './goal-progress'
import { goalRatingGaps, rateGoals, type GoalProgressResponse } from './goal-ratings'
import { getInstrument, isInstrumentId } from './registry'
import { scoreWithRisks, validateAnswers } from './scoring'
import type { InstrumentDefinition, InstrumentId, RiskItem, ScoreResult } from './types'

export interface AnswerItem {
  id: string
  instrumentId: string
  /** Goal-progress items only: the goals asked about, in order (one answer per goal). */
  goals?: readonly GoalItem[]
}

/** One scored response: what the data layer stores as a Response (and its RiskFlag rows). */
export interface ScoredAnswers {
  instrumentId: string
  instrumentVersion: string
  scoringVersion: string
  /** Stored as Response.answers: raw values in item order, or per goal its wording and rating. */
  answers: number[] | GoalProgressResponse['answers']
  result: ScoreResult
  /** Positive answers on risk items; each becomes an open RiskFlag. */
  risks: RiskItem[]
}

interface ScoredItem<I extends AnswerItem> extends ScoredAnswers {
  item: I
}

export type CheckInScoring<I extends AnswerItem> =
  { status: 'invalid' } | { status: 'incomplete'; missing: Record<string, number[]> } | { status: 'complete'; scored: ScoredItem<I>[] }

export const isGoalProgressItem = (item: { instrumentId: string }) => item.instrumentId === GOAL_PROGRESS_ID

function instrumentOf(instrumentId: string): InstrumentDefinition {
  if (!isInstrumentId(instrumentId)) throw new ScoringInputError('Unknown instrument')
  return getInstrument(instrumentId)
}

/** The goals of a goal-progress item; an item without goals has nothing to answer and is refused. */
function goalsOf(item: AnswerItem): readonly GoalItem[] {
  if (!item.goals || item.goals.length === 0) throw new ScoringInputError('Goal progress: no goals to rate')
  return item.goals
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  const proto = Object.getPrototypeOf(v) as unknown
  return proto === Object.prototype || proto === null
}

/** Only the check-in's own item ids, each with an array (values are checked per item). */
function answerShape(items: readonly AnswerItem[], raw: unknown): AnswerMap | null {
  if (!isPlainObject(raw)) return null
  const ids = new Set(items.map((i) => i.id))
  const out: AnswerMap = {}
  for (const [key, values] of Object.entries(raw)) {
    if (!ids.has(key) || !Array.isArray(values)) return null
    out[key] = [...(values as (number | null)[])]
  }
  return out
}

/** A complete response to a standard instrument, scored once (also used by the seeds). */
export function scoreInstrumentAnswers(instrumentId: InstrumentId, answers: number[]): ScoredAnswers {
  const def = getInstrument(instrumentId)
  const { result, risks } = scoreWithRisks(def.id, answers)
  return { instrumentId: def.id, instrumentVersion: def.instrumentVersion, scoringVersion: def.scoringVersion, answers, result, risks }
}

/**
 * Checks a map of answers against the check-in's items: only known item ids, each an array of the
 * instrument's length (a goal-progress item: one entry per goal) whose entries are null or
 * integers within the answer range. Items may be absent (a draft, or a submission that is not
 * finished). Returns null when anything is off. Nothing is scored.
 */
export function parseAnswerMap(items: readonly AnswerItem[], raw: unknown): AnswerMap | null {
  const answers = answerShape(items, raw)
  if (!answers) return null
  try {
    for (const item of items) {
      const values = answers[item.id]
      if (!values) continue
      if (isGoalProgressItem(item)) goalRatingGaps(goalsOf(item), values)
      else validateAnswers(instrumentOf(item.instrumentId), values)
    }
  } catch (e) {
    if (e instanceof ScoringInputError) return null
    throw e
  }
  return answers
}

/**
 * Goal-progress answers of a draft that no longer fit the goals this link asks about (a link issued
 * after the goals changed, or an item dropped for want of goals) are left out, so that item starts
 * again; the rest of the draft is kept.
 */
export function fitGoalDrafts(raw: unknown, all: readonly AnswerItem[], resolved: readonly AnswerItem[]): unknown {
  if (!isPlainObject(raw)) return raw
  const goalIds = new Set(all.filter(isGoalProgressItem).map((i) => i.id))
  if (goalIds.size === 0) return raw
  const goalsById = new Map(resolved.map((i) => [i.id, i.goals]))
  return Object.fromEntries(
    Object.entries(raw).filter(([id, values]) => {
      if (!goalIds.has(id)) return true
      const goals = goalsById.get(id)
      return !!goals && Array.isArray(values) && values.length === goals.length
    }),
  )
}

/** One item: the 1-based numbers still unanswered, or (when none) the scored response. */
function scoreItem<I extends AnswerItem>(item: I, given: (number | null)[] | undefined): { missing: number[] } | { scored: ScoredItem<I> } {
  if (isGoalProgressItem(item)) {
    // Not a validated scale: per-goal ratings, no total, no band and never a risk flag. Goals are
    // numbered like questions: the first goal asked about is number 1.
    const goals = goalsOf(item)
    const { missing, response } = rateGoals(goals, given ?? goals.map(() => null))
    if (!response) return { missing }
    const { instrumentVersion, scoringVersion } = goalProgress
    const result = { complete: true, scores: response.scores, flags: [] }
    return { scored: { item, instrumentId: GOAL_PROGRESS_ID, instrumentVersion, scoringVersion, answers: response.answers, result, risks: [] } }
  }
  const def = instrumentOf(item.instrumentId)
  if (!given) return { missing: def.items.map((it) => it.number) }
  const missing = def.items.filter((_, i) => given[i] === null || given[i] === undefined).map((it) => it.number)
  if (missing.length > 0) {
    validateAnswers(def, given)
    return { missing }
  }
  return { scored: { item, ...scoreInstrumentAnswers(def.id, given as number[]) } }
}

/**
 * A submission, checked and scored in one pass: 'invalid' when anything does not fit the items,
 * 'incomplete' with the unanswered numbers per item (every item of every instrument, every goal of
 * a goal-progress item is required), else every item scored once with its risk items.
 */
export function scoreCheckIn<I extends AnswerItem>(items: readonly I[], raw: unknown): CheckInScoring<I> {
  const answers = answerShape(items, raw)
  if (!answers) return { status: 'invalid' }
  const missing: Record<string, number[]> = {}
  const scored: ScoredItem<I>[] = []
  try {
    for (const item of items) {
      const r = scoreItem(item, answers[item.id])
      if ('scored' in r) scored.push(r.scored)
      else missing[item.id] = r.missing
    }
  } catch (e) {
    if (e instanceof ScoringInputError) return { status: 'invalid' }
    throw e
  }
  return Object.keys(missing).length > 0 ? { status: 'incomplete', missing } : { status: 'complete', scored }
}

/** The Response columns of a scored response, as the data layer stores them. */
export function responseColumns(s: ScoredAnswers) {
  return {
    instrumentId: s.instrumentId,
    instrumentVersion: s.instrumentVersion,
    scoringVersion: s.scoringVersion,
    answers: s.answers,
    complete: s.result.complete,
    scores: s.result.scores,
    band: s.result.band ?? null,
    quadrant: s.result.quadrant ?? null,
    flags: s.result.flags,
  }
}
