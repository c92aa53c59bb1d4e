// The goal-progress check-in (INSTRUMENTS.md): the client rates each active goal, in their own
// words, 0 (none) to 10 (a great deal). Stored per goal (scores keyed by goal id), charted per
// goal, never totalled. Checking and scoring the ratings and building the series are pure
// (lib/assessments/goal-ratings.ts); this file only reads the goals and the rows.
import 'server-only'
import { db } from './client'
import type { Actor } from '@/lib/auth/actor'
import { GOAL_PROGRESS_ID } from '@/lib/assessments/goal-progress'
import { goalProgressSeries } from '@/lib/assessments/goal-ratings'
import { clientScope } from './scope'
import { NotFoundError } from './errors'
import { isUuid } from '@/lib/validation/uuid'
import type { GoalProgressSeries } from '@/lib/goals/types'

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
  // Newest first to keep the latest SERIES_LIMIT; charted oldest first.
  return goalProgressSeries(
    goals.map((g) => ({ goalId: g.id, title: g.title, status: g.status })),
    rows.reverse(),
  )
}
