import { deepFreeze } from './define'
import { ScoringInputError } from './errors'
import type { Anchor, Direction } from './types'

/** Placeholder in the prompt replaced by the goal in the client's own words. */
const GOAL_PLACEHOLDER = '<goal>'

export interface GoalProgressDefinition {
  readonly id: 'goal-progress'
  readonly name: string
  readonly clientTitle: string
  readonly validated: false
  /** Shown wherever the ratings are shown. */
  readonly validationNote: string
  readonly description: string
  readonly instrumentVersion: string
  readonly scoringVersion: string
  readonly minutesToComplete: number
  readonly colour: string
  readonly direction: Direction
  /** Per-goal prompt; GOAL_PLACEHOLDER is replaced by the goal text. */
  readonly prompt: string
  readonly min: number
  readonly max: number
  /** End-point labels of the 0-10 rating. */
  readonly anchors: readonly Anchor[]
  readonly total: false
}

export const goalProgress: GoalProgressDefinition = deepFreeze({
  id: 'goal-progress',
  name: 'Goal progress check-in',
  clientTitle: 'Progress on your goals',
  validated: false,
  validationNote: 'Not a validated scale: an individualised (idiographic) rating of each of your own goals.',
  description:
    "For each active attachment goal the client rates the past week's progress, 0-10. Stored and charted per goal; there is no total. Shown next to standard scales, not instead of them.",
  instrumentVersion: 'goal-progress@1',
  scoringVersion: 'goal-progress-scoring@1',
  minutesToComplete: 2,
  colour: '#475569',
  direction: 'higher-is-better',
  prompt: `Over the past week, how much progress did you feel on: ${GOAL_PLACEHOLDER}?`,
  min: 0,
  max: 10,
  anchors: [
    { value: 0, label: 'None' },
    { value: 10, label: 'A great deal' },
  ],
  total: false,
})

/** The instrument id stored on goal-progress check-in items and responses. */
export const GOAL_PROGRESS_ID = goalProgress.id

/** The prompt for one goal, in the client's words. */
export function goalPrompt(goalText: string): string {
  return goalProgress.prompt.replace(GOAL_PLACEHOLDER, goalText.trim())
}

export interface GoalRatingInput {
  readonly goalId: string
  /** 0-10 integer, or null when the client skipped this goal. */
  readonly rating: number | null
}

export interface GoalProgressResult {
  /** True when every listed goal was rated. */
  readonly complete: boolean
  /** Per-goal ratings (rated goals only). No total: goals are not comparable or summable. */
  readonly values: Record<string, number>
  /** Goal ids left unrated. */
  readonly unanswered: string[]
}

/**
 * Validate and collect a goal check-in. Throws ScoringInputError for an empty list, a missing
 * or duplicate goal id, or a rating that is not an integer within 0-10.
 */
export function scoreGoalProgress(ratings: readonly GoalRatingInput[]): GoalProgressResult {
  if (!Array.isArray(ratings) || ratings.length === 0) {
    throw new ScoringInputError('Goal progress: at least one goal rating is required')
  }
  const values: Record<string, number> = {}
  const unanswered: string[] = []
  const seen = new Set<string>()
  for (const entry of ratings) {
    const { goalId, rating } = entry
    if (typeof goalId !== 'string' || goalId.trim() === '') {
      throw new ScoringInputError('Goal progress: every rating needs a goalId')
    }
    if (seen.has(goalId)) throw new ScoringInputError(`Goal progress: goal ${goalId} is rated twice`)
    seen.add(goalId)
    if (rating === null) {
      unanswered.push(goalId)
      continue
    }
    const { min, max } = goalProgress
    if (typeof rating !== 'number' || !Number.isInteger(rating)) {
      throw new ScoringInputError(`Goal progress goal ${goalId}: ${String(rating)} is not a whole number within ${min}-${max}`)
    }
    if (rating < min || rating > max) {
      throw new ScoringInputError(`Goal progress goal ${goalId}: ${rating} is outside ${min}-${max}`)
    }
    values[goalId] = rating
  }
  return { complete: unanswered.length === 0, values, unanswered }
}
