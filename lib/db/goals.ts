// A client's attachment goals, always read and written through the client's scope (clinician →
// own caseload, admin → practice). Goals are never deleted: every wording and status a goal has
// had is a GoalRevision row written in the same transaction as the change, as is its audit event
// (ids and field names only: never a goal's wording, which is the client's own words).
import 'server-only'
import { db } from './client'
import { TX_OPTIONS } from './tx'
import type { Prisma } from './generated/client'
import type { GoalStatus } from '@/lib/goals/types'
import type { Actor } from '@/lib/auth/actor'
import type { Quadrant } from '@/lib/assessments'
import { getGoalTemplate, suggestedTemplates, type SuggestedTemplate } from '@/lib/goals/library'
import { clientScope } from './scope'
import { ConflictError, NotFoundError } from './errors'
import { actorFields, recordAudit } from '@/lib/audit/record'
import { isUuid } from '@/lib/validation/uuid'

/** Instruments whose responses place the client on the anxiety × avoidance plane. */
const ATTACHMENT_INSTRUMENTS = ['ecr-r', 'ecr-rs'] as const

const goalSelect = {
  id: true,
  templateKey: true,
  title: true,
  dimension: true,
  status: true,
  createdAt: true,
  updatedAt: true,
  revisions: {
    orderBy: [{ changedAt: 'desc' }, { id: 'desc' }],
    select: { id: true, title: true, status: true, changedAt: true, changedById: true },
  },
} satisfies Prisma.GoalSelect

type GoalRow = Prisma.GoalGetPayload<{ select: typeof goalSelect }>
type GoalRevisionView = GoalRow['revisions'][number] & { changedByName: string | null }
export type GoalView = Omit<GoalRow, 'revisions'> & { revisions: GoalRevisionView[] }

/** Goals of a client (active first, then paused, then achieved; oldest first within each), with history newest first. */
export async function listGoals(actor: Actor, clientId: string): Promise<GoalView[]> {
  if (!isUuid(clientId)) throw new NotFoundError('Client')
  const goals = await db.goal.findMany({
    where: { clientId, client: clientScope(actor) },
    orderBy: [{ status: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    select: goalSelect,
  })
  const ids = [...new Set(goals.flatMap((g) => g.revisions.map((r) => r.changedById)))]
  // Names of whoever changed a goal, from the same practice only (one query, not one per row).
  const people = ids.length ? await db.user.findMany({ where: { id: { in: ids }, practiceId: actor.practiceId }, select: { id: true, name: true } }) : []
  const nameOf = new Map(people.map((p) => [p.id, p.name]))
  return goals.map((g) => ({ ...g, revisions: g.revisions.map((r) => ({ ...r, changedByName: nameOf.get(r.changedById) ?? null })) }))
}

export interface CreateGoalInput {
  templateKey?: string | null
  title: string
  status?: GoalStatus
}

export async function createGoal(actor: Actor, clientId: string, input: CreateGoalInput): Promise<{ id: string }> {
  if (!isUuid(clientId)) throw new NotFoundError('Client')
  const template = getGoalTemplate(input.templateKey)
  if (input.templateKey && !template) throw new RangeError('Unknown goal template')
  const title = input.title.trim()
  const status = input.status ?? 'ACTIVE'
  return db.$transaction(async (tx) => {
    // The client is found through the actor's scope in the same transaction as the write.
    const client = await tx.client.findFirst({ where: { id: clientId, ...clientScope(actor) }, select: { id: true, practiceId: true } })
    if (!client) throw new NotFoundError('Client')
    const now = new Date()
    const goal = await tx.goal.create({
      data: {
        practiceId: client.practiceId,
        clientId: client.id,
        templateKey: template?.key ?? null,
        title,
        dimension: template?.dimension ?? null,
        status,
        createdById: actor.userId,
        createdAt: now,
      },
      select: { id: true },
    })
    await tx.goalRevision.create({ data: { goalId: goal.id, title, status, changedById: actor.userId, changedAt: now } })
    await recordAudit(
      { ...actorFields(actor), action: 'GOAL_CREATE', targetType: 'Goal', targetId: goal.id, clientId: client.id, details: { status }, occurredAt: now },
      tx,
    )
    return goal
  }, TX_OPTIONS)
}

export interface UpdateGoalInput {
  title?: string
  status?: GoalStatus
}

/** Rewords a goal and/or changes its status. Returns changed: false (and writes nothing) when neither differs. */
export async function updateGoal(actor: Actor, goalId: string, input: UpdateGoalInput): Promise<{ changed: boolean }> {
  if (!isUuid(goalId)) throw new NotFoundError('Goal')
  const scope = { id: goalId, client: clientScope(actor) } satisfies Prisma.GoalWhereInput
  return db.$transaction(async (tx) => {
    const current = await tx.goal.findFirst({
      where: scope,
      select: { clientId: true, title: true, status: true, revisions: { orderBy: { changedAt: 'desc' }, take: 1, select: { changedAt: true } } },
    })
    if (!current) throw new NotFoundError('Goal')
    const title = input.title?.trim() ?? current.title
    const status = input.status ?? current.status
    if (title === current.title && status === current.status) return { changed: false }
    // Conditional on what was read: a change made by someone else in between is refused, not overwritten.
    const r = await tx.goal.updateMany({ where: { ...scope, title: current.title, status: current.status }, data: { title, status } })
    if (r.count !== 1) throw new ConflictError('This goal was just changed by someone else. Reload the page to see the latest wording.')
    // History is ordered by changedAt: keep it strictly increasing even for two saves in one millisecond.
    const last = current.revisions[0]?.changedAt.getTime() ?? 0
    const changedAt = new Date(Math.max(Date.now(), last + 1))
    await tx.goalRevision.create({ data: { goalId, title, status, changedById: actor.userId, changedAt } })
    const changed = [...(title !== current.title ? ['title'] : []), ...(status !== current.status ? ['status'] : [])]
    await recordAudit(
      { ...actorFields(actor), action: 'GOAL_UPDATE', targetType: 'Goal', targetId: goalId, clientId: current.clientId, details: { changed } },
      tx,
    )
    return { changed: true }
  }, TX_OPTIONS)
}

export interface GoalSuggestions {
  quadrant: Quadrant
  basedOn: { instrumentId: string; date: Date; responseId: string }
  /** Library templates for the region, minus those already used by an active or paused goal. */
  templates: SuggestedTemplate[]
}

/**
 * Starting goals for the region of the client's latest attachment score (ECR-R or ECR-RS), or null
 * when there is none. A suggestion only: this never writes anything.
 */
export async function goalSuggestions(actor: Actor, clientId: string): Promise<GoalSuggestions | null> {
  if (!isUuid(clientId)) throw new NotFoundError('Client')
  const [latest, inUse] = await Promise.all([
    db.response.findFirst({
      where: { clientId, client: clientScope(actor), instrumentId: { in: [...ATTACHMENT_INSTRUMENTS] }, quadrant: { not: null } },
      orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }],
      select: { id: true, instrumentId: true, quadrant: true, submittedAt: true },
    }),
    db.goal.findMany({
      where: { clientId, client: clientScope(actor), status: { in: ['ACTIVE', 'PAUSED'] }, templateKey: { not: null } },
      select: { templateKey: true },
    }),
  ])
  if (!latest?.quadrant) return null
  const used = new Set(inUse.map((g) => g.templateKey))
  return {
    quadrant: latest.quadrant as Quadrant,
    basedOn: { instrumentId: latest.instrumentId, date: latest.submittedAt, responseId: latest.id },
    templates: suggestedTemplates(latest.quadrant).filter((t) => !used.has(t.key)),
  }
}
