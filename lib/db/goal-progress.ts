// The goal-progress check-in (INSTRUMENTS.md): the client rates each active goal, in their own
// words, 0 (none) to 10 (a great deal). Stored per goal (scores keyed by goal id), charted per
// goal, never totalled. Checking and scoring the ratings and building the series are pure
// (lib/assessments/goal-ratings.ts); this file only reads the goals and the rows.
import { db } from './client'
import type { Prisma } from './generated/client'
import type { Actor } from '@/lib/auth/actor'
import { GOAL_PROGRESS_ID } from '@/lib/assessments/goal-progress'
import { goalProgressSeries } from '@/lib/assessments/goal-ratings'
import { clientScope } from './clients'
import { listActiveGoals } from './goals'
import { NotFoundError } from './errors'
import { isUuid } from '@/lib/validation/uuid'
import type { GoalItem, GoalProgressSeries } from '@/lib/goals/types'

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
  return goalProgressSeries(goals.map((g) => ({ goalId: g.id, title: g.title, status: g.status })), rows.reverse())
}
