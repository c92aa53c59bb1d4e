// The goal-progress check-in (INSTRUMENTS.md): the client rates each active goal, in their own
// words, 0 (none) to 10 (a great deal). Stored per goal (scores keyed by goal id), charted per
// goal, never totalled. Validation is lib/assessments' scoreGoalProgress; this file only maps
// goals to ratings and reads the rows.
import { db } from './client'
import type { Prisma } from './generated/client'
import type { Actor } from '@/lib/auth/actor'
import { goalProgress, scoreGoalProgress, ScoringInputError } from '@/lib/assessments'
import { clientScope } from './clients'
import { listActiveGoals } from './goals'
import { NotFoundError } from './errors'
import { isUuid } from '@/lib/validation/uuid'
import type { GoalItem, GoalProgressSeries } from '@/lib/goals/types'

export const GOAL_PROGRESS_ID = goalProgress.id

/**
 * The goals a goal-progress check-in asks about, oldest first. Without `asOf`: the goals active
 * now. With `asOf`: the goals that were active at that instant, in the wording they had then
 * (rebuilt from GoalRevision), so the page that shows the questions and the submission that
 * stores the answers see the same list even if a goal is changed in between.
 */
export async function goalItemsForCheckIn(
  clientId: string,
  opts: { asOf?: Date; client?: Pick<Prisma.TransactionClient, 'goal'> } = {},
): Promise<GoalItem[]> {
  const c = opts.client ?? db
  if (!opts.asOf) return (await listActiveGoals(clientId, c)).map((g) => ({ goalId: g.id, title: g.title }))
  if (!isUuid(clientId)) return []
  const asOf = opts.asOf
  const goals = await c.goal.findMany({
    where: { clientId, revisions: { some: { changedAt: { lte: asOf } } } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      revisions: { where: { changedAt: { lte: asOf } }, orderBy: [{ changedAt: 'desc' }, { id: 'desc' }], take: 1, select: { title: true, status: true } },
    },
  })
  return goals.flatMap((g) => (g.revisions[0]?.status === 'ACTIVE' ? [{ goalId: g.id, title: g.revisions[0].title }] : []))
}

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
 * 1-based positions of the goals not yet rated (for drafts and the "please answer" marks).
 * Throws ScoringInputError when the ratings do not fit the goals or a value is not 0-10.
 */
export function goalRatingGaps(goals: readonly GoalItem[], ratings: GoalRatings): number[] {
  const inputs = toInputs(goals, ratings)
  const { unanswered } = scoreGoalProgress(inputs)
  return unanswered.map((id) => inputs.findIndex((i) => i.goalId === id) + 1)
}

export interface GoalProgressResponse {
  /** Stored as Response.answers: what the client was asked (their wording) and what they answered. */
  answers: { goalId: string; title: string; rating: number }[]
  /** Stored as Response.scores: one value per goal id. No total. */
  scores: Record<string, number>
}

/**
 * The answers and scores of a submitted goal-progress check-in. Every goal must be rated with a
 * whole number 0-10: throws GoalProgressIncompleteError for gaps and ScoringInputError for
 * anything else that does not fit.
 */
export function buildGoalProgressResponse(goals: readonly GoalItem[], ratings: GoalRatings): GoalProgressResponse {
  const inputs = toInputs(goals, ratings)
  const result = scoreGoalProgress(inputs)
  if (!result.complete) {
    throw new GoalProgressIncompleteError(
      result.unanswered,
      result.unanswered.map((id) => inputs.findIndex((i) => i.goalId === id) + 1),
    )
  }
  return {
    answers: goals.map((g) => ({ goalId: g.goalId, title: g.title, rating: result.values[g.goalId] })),
    scores: { ...result.values },
  }
}

const SERIES_LIMIT = 500

/** Per-goal ratings over time for charting, one series per goal that has been rated. */
export async function listGoalProgressSeries(actor: Actor, clientId: string): Promise<GoalProgressSeries[]> {
  if (!isUuid(clientId)) throw new NotFoundError('Client')
  const where = { clientId, client: clientScope(actor) }
  const [goals, rows] = await Promise.all([
    db.goal.findMany({
      where,
      orderBy: [{ status: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, title: true, status: true },
    }),
    db.response.findMany({
      where: { ...where, instrumentId: GOAL_PROGRESS_ID },
      orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }],
      take: SERIES_LIMIT,
      select: { id: true, scores: true, submittedAt: true },
    }),
  ])
  const points = new Map<string, GoalProgressSeries['points']>()
  for (const row of rows.reverse()) {
    const scores = row.scores
    if (typeof scores !== 'object' || scores === null || Array.isArray(scores)) continue
    for (const [goalId, rating] of Object.entries(scores)) {
      // Only whole numbers within the scale are charted; anything else is not a rating.
      if (typeof rating !== 'number' || !Number.isInteger(rating) || rating < goalProgress.min || rating > goalProgress.max) continue
      const list = points.get(goalId) ?? []
      list.push({ date: row.submittedAt.toISOString(), rating, responseId: row.id })
      points.set(goalId, list)
    }
  }
  return goals.flatMap((g) => {
    const p = points.get(g.id)
    return p?.length ? [{ goalId: g.id, title: g.title, status: g.status, points: p }] : []
  })
}
