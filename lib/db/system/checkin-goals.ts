// The goals a goal-progress check-in asks about. No actor: on the check-in token path the link is
// the only credential, and the caller has already reached the client through it (or, for the
// scheduler, chosen the row itself).
import 'server-only'
import { db } from '../client'
import type { Prisma } from '../generated/client'
import type { GoalItem } from '@/lib/goals/types'
import { isUuid } from '@/lib/validation/uuid'

type GoalReader = Pick<Prisma.TransactionClient, 'goal'>

/** A client's ACTIVE goals, oldest first. */
export async function listActiveGoals(clientId: string, client: GoalReader = db) {
  if (!isUuid(clientId)) return []
  return client.goal.findMany({
    where: { clientId, status: 'ACTIVE' },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, title: true },
  })
}

/**
 * The goals a goal-progress check-in asks about, oldest first. Without `asOf`: the goals active
 * now. With `asOf`: the goals that were active at that instant, in the wording they had then
 * (rebuilt from GoalRevision), so the page that shows the questions and the submission that
 * stores the answers see the same list even if a goal is changed in between.
 */
export async function goalItemsForCheckIn(clientId: string, opts: { asOf?: Date; client?: GoalReader } = {}): Promise<GoalItem[]> {
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
