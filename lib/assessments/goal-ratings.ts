// A goal-progress check-in's ratings against the goals it asked about: which goals are still
// unrated, and the stored answers and scores once all are rated. Pure; the goals are read by the
// data layer (lib/db/goal-progress goalItemsForCheckIn) and passed in.
import type { GoalItem, GoalProgressSeries } from '@/lib/goals/types'
import { ScoringInputError } from './errors'
import { goalProgress, scoreGoalProgress } from './goal-progress'
import { must } from '@/lib/must'

/** Ratings from the check-in: an array in the order of the goals, or a map keyed by goal id. */
export type GoalRatings = readonly (number | null | undefined)[] | Readonly<Record<string, number | null | undefined>>

/** Some goals were not rated. `missing` holds their 1-based positions, like question numbers. */
export class GoalProgressIncompleteError extends ScoringInputError {
  constructor(
    readonly unanswered: string[],
    readonly missing: number[],
  ) {
    super(`Goal progress: ${unanswered.length} goal(s) not rated`)
    this.name = 'GoalProgressIncompleteError'
  }
}

export interface GoalProgressResponse {
  /** Stored as Response.answers: what the client was asked (their wording) and what they answered. */
  answers: { goalId: string; title: string; rating: number }[]
  /** Stored as Response.scores: one value per goal id. No total. */
  scores: Record<string, number>
}

function toInputs(goals: readonly GoalItem[], ratings: GoalRatings) {
  if (goals.length === 0) throw new ScoringInputError('Goal progress: the client has no active goals to rate')
  if (Array.isArray(ratings)) {
    if (ratings.length !== goals.length) throw new ScoringInputError('Goal progress: one rating per goal is required')
    return goals.map((g, i) => ({ goalId: g.goalId, rating: (ratings[i] ?? null) as number | null }))
  }
  if (typeof ratings !== 'object' || ratings === null) throw new ScoringInputError('Goal progress: ratings are missing')
  const map = ratings as Readonly<Record<string, number | null | undefined>>
  const known = new Set(goals.map((g) => g.goalId))
  for (const key of Object.keys(map)) if (!known.has(key)) throw new ScoringInputError('Goal progress: a rating names a goal that is not being asked about')
  return goals.map((g) => ({ goalId: g.goalId, rating: (Object.hasOwn(map, g.goalId) ? (map[g.goalId] ?? null) : null) as number | null }))
}

/**
 * Checks and scores the ratings once: the unrated goals (ids and 1-based positions) and, when every
 * goal is rated, the response to store. Throws ScoringInputError when the ratings do not fit the
 * goals or a value is not a whole number 0-10.
 */
export function rateGoals(
  goals: readonly GoalItem[],
  ratings: GoalRatings,
): { unanswered: string[]; missing: number[]; response: GoalProgressResponse | null } {
  const inputs = toInputs(goals, ratings)
  const result = scoreGoalProgress(inputs)
  const missing = result.unanswered.map((id) => inputs.findIndex((i) => i.goalId === id) + 1)
  if (!result.complete) return { unanswered: result.unanswered, missing, response: null }
  return {
    unanswered: [],
    missing: [],
    response: {
      answers: goals.map((g) => ({ goalId: g.goalId, title: g.title, rating: must(result.values[g.goalId], 'a complete result has every goal') })),
      scores: { ...result.values },
    },
  }
}

/** 1-based positions of the goals not yet rated (for drafts and the "please answer" marks). */
export function goalRatingGaps(goals: readonly GoalItem[], ratings: GoalRatings): number[] {
  return rateGoals(goals, ratings).missing
}

/**
 * The answers and scores of a submitted goal-progress check-in. Every goal must be rated with a
 * whole number 0-10: throws GoalProgressIncompleteError for gaps and ScoringInputError for
 * anything else that does not fit.
 */
export function buildGoalProgressResponse(goals: readonly GoalItem[], ratings: GoalRatings): GoalProgressResponse {
  const { unanswered, missing, response } = rateGoals(goals, ratings)
  if (!response) throw new GoalProgressIncompleteError(unanswered, missing)
  return response
}

/**
 * Per-goal series for charting from stored goal-progress responses (oldest first), one per goal
 * that has a rating. Only whole numbers within the scale are charted; anything else is not a rating.
 */
export function goalProgressSeries(
  goals: readonly Omit<GoalProgressSeries, 'points'>[],
  responses: readonly { id: string; scores: unknown; submittedAt: Date }[],
): GoalProgressSeries[] {
  const points = new Map<string, GoalProgressSeries['points']>()
  for (const row of responses) {
    const scores = row.scores
    if (typeof scores !== 'object' || scores === null || Array.isArray(scores)) continue
    for (const [goalId, rating] of Object.entries(scores)) {
      if (typeof rating !== 'number' || !Number.isInteger(rating) || rating < goalProgress.min || rating > goalProgress.max) continue
      const list = points.get(goalId) ?? []
      list.push({ date: row.submittedAt.toISOString(), rating, responseId: row.id })
      points.set(goalId, list)
    }
  }
  return goals.flatMap((g) => {
    const p = points.get(g.goalId)
    return p?.length ? [{ goalId: g.goalId, title: g.title, status: g.status, points: p }] : []
  })
}
