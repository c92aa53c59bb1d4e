// Strict checks and scoring of a client's check-in answers (drafts and submissions). No I/O: the
// goals a goal-progress item asks about are loaded by the caller and passed in with the item.
// Anything that does not fit the check-in's own items exactly is rejected, never repaired.
import {
  getInstrument,
  goalProgress,
  isInstrumentId,
  scoreResponse,
  ScoringInputError,
  type InstrumentDefinition,
  type ScoreResult,
} from '@/lib/assessments'
import type { AnswerMap } from '@/lib/checkins/types'
import type { GoalItem } from '@/lib/goals/types'
import { buildGoalProgressResponse, GOAL_PROGRESS_ID, goalRatingGaps, type GoalProgressResponse } from './goal-progress'

export interface AnswerItem {
  id: string
  instrumentId: string
  /** Goal-progress items only: the goals asked about, in order (one answer per goal). */
  goals?: readonly GoalItem[]
}

export interface ScoredItem<I extends AnswerItem> {
  item: I
  instrumentId: string
  instrumentVersion: string
  scoringVersion: string
  /** Stored as Response.answers: raw values in item order, or per goal its wording and rating. */
  answers: number[] | GoalProgressResponse['answers']
  result: ScoreResult
  /** Positive answers on risk items (1-based item number and the value given). */
  risks: { itemNumber: number; itemValue: number }[]
}

export const isGoalProgressItem = (item: { instrumentId: string }) => item.instrumentId === GOAL_PROGRESS_ID

export function instrumentOf(instrumentId: string): InstrumentDefinition {
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

/**
 * Checks a map of answers against the check-in's items: only known item ids, each an array of the
 * instrument's length (a goal-progress item: one entry per goal) whose entries are null or
 * integers within the answer range. Items may be absent (a draft, or a submission that is not
 * finished). Returns null when anything is off.
 */
export function parseAnswerMap(items: readonly AnswerItem[], raw: unknown): AnswerMap | null {
  if (!isPlainObject(raw)) return null
  const byId = new Map(items.map((i) => [i.id, i]))
  const out: AnswerMap = {}
  for (const key of Object.keys(raw)) {
    const item = byId.get(key)
    if (!item) return null
    const values = raw[key]
    if (!Array.isArray(values)) return null
    try {
      // Both validate length, type and range before anything else.
      if (isGoalProgressItem(item)) goalRatingGaps(goalsOf(item), values as (number | null)[])
      else scoreResponse(instrumentOf(item.instrumentId).id, values as (number | null)[])
    } catch (e) {
      if (e instanceof ScoringInputError) return null
      throw e
    }
    out[key] = [...(values as (number | null)[])]
  }
  return out
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
  const goalsOf = new Map(resolved.map((i) => [i.id, i.goals]))
  return Object.fromEntries(
    Object.entries(raw).filter(([id, values]) => {
      if (!goalIds.has(id)) return true
      const goals = goalsOf.get(id)
      return !!goals && Array.isArray(values) && values.length === goals.length
    }),
  )
}

/** 1-based numbers of the unanswered items of every check-in item (only items with gaps). */
export function findMissing(items: readonly AnswerItem[], answers: AnswerMap): Record<string, number[]> {
  const missing: Record<string, number[]> = {}
  for (const item of items) {
    const given = answers[item.id]
    let gaps: number[]
    if (isGoalProgressItem(item)) {
      // Goals are numbered like questions: the first goal asked about is number 1.
      const goals = goalsOf(item)
      gaps = goalRatingGaps(goals, given ?? goals.map(() => null))
    } else {
      const def = instrumentOf(item.instrumentId)
      gaps = def.items.filter((_, i) => given?.[i] === null || given?.[i] === undefined).map((it) => it.number)
    }
    if (gaps.length > 0) missing[item.id] = gaps
  }
  return missing
}

/** Scores every item of a complete submission (call findMissing first). */
export function scoreItems<I extends AnswerItem>(items: readonly I[], answers: AnswerMap): ScoredItem<I>[] {
  return items.map((item) => {
    const values = answers[item.id]
    if (!values || values.some((v) => v === null)) throw new ScoringInputError('Incomplete answers')
    if (isGoalProgressItem(item)) {
      // Not a validated scale: per-goal ratings, no total, no band and never a risk flag.
      const built = buildGoalProgressResponse(goalsOf(item), values)
      return {
        item,
        instrumentId: GOAL_PROGRESS_ID,
        instrumentVersion: goalProgress.instrumentVersion,
        scoringVersion: goalProgress.scoringVersion,
        answers: built.answers,
        result: { complete: true, scores: built.scores, flags: [] },
        risks: [],
      }
    }
    const def = instrumentOf(item.instrumentId)
    const complete = values as number[]
    const result = scoreResponse(def.id, complete)
    const risks = def.items
      .filter((it) => it.risk && (complete[it.number - 1] ?? 0) > 0)
      .map((it) => ({ itemNumber: it.number, itemValue: complete[it.number - 1]! }))
    return { item, instrumentId: def.id, instrumentVersion: def.instrumentVersion, scoringVersion: def.scoringVersion, answers: complete, result, risks }
  })
}
