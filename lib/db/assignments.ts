// Assignments of questionnaires to a client, always within the actor's client scope.
import { db } from './client'
import type { Actor } from '@/lib/auth/actor'
import { clientScope } from './clients'
import { NotFoundError, ConflictError } from './errors'
import type { AssignmentInput } from '@/lib/validation/assignment'

const day = (s: string) => new Date(`${s}T00:00:00Z`)
const uuid = /^[0-9a-f-]{36}$/i

async function assertClientInScope(actor: Actor, clientId: string) {
  if (!uuid.test(clientId)) throw new NotFoundError('Client')
  const c = await db.client.findFirst({ where: { id: clientId, ...clientScope(actor) }, select: { id: true, status: true } })
  if (!c) throw new NotFoundError('Client')
  return c
}

/** Creates one assignment per chosen instrument, in one transaction. */
export async function createAssignments(actor: Actor, clientId: string, input: AssignmentInput): Promise<string[]> {
  const client = await assertClientInScope(actor, clientId)
  if (client.status !== 'ACTIVE') throw new ConflictError('This client is discharged. Make them active again to assign check-ins.')
  const rows = await db.$transaction(
    input.instruments.map((instrumentId) =>
      db.assignment.create({
        data: {
          practiceId: actor.practiceId,
          clientId,
          instrumentId,
          relationshipTarget: instrumentId === 'ecr-rs' ? input.relationshipTarget : null,
          recurrence: input.recurrence,
          startDate: day(input.startDate),
          endDate: input.endDate ? day(input.endDate) : null,
          createdById: actor.userId,
        },
        select: { id: true },
      }),
    ),
  )
  return rows.map((r) => r.id)
}

export async function listAssignments(actor: Actor, clientId: string) {
  await assertClientInScope(actor, clientId)
  return db.assignment.findMany({
    where: { clientId, client: clientScope(actor) },
    orderBy: [{ status: 'asc' }, { createdAt: 'desc' }],
    select: {
      id: true,
      instrumentId: true,
      relationshipTarget: true,
      recurrence: true,
      startDate: true,
      endDate: true,
      status: true,
      createdAt: true,
      endedAt: true,
    },
  })
}

type Change = 'pause' | 'resume' | 'end'
const transitions: Record<Change, { from: ('ACTIVE' | 'PAUSED')[]; to: 'ACTIVE' | 'PAUSED' | 'ENDED' }> = {
  pause: { from: ['ACTIVE'], to: 'PAUSED' },
  resume: { from: ['PAUSED'], to: 'ACTIVE' },
  end: { from: ['ACTIVE', 'PAUSED'], to: 'ENDED' },
}

/** Pause, resume or end; scoped and conditional in one statement. Ended is final (history stays). */
export async function changeAssignmentStatus(actor: Actor, assignmentId: string, change: Change): Promise<void> {
  if (!uuid.test(assignmentId)) throw new NotFoundError('Assignment')
  const t = transitions[change]
  const r = await db.assignment.updateMany({
    where: { id: assignmentId, client: clientScope(actor), status: { in: t.from } },
    data: { status: t.to, ...(t.to === 'ENDED' ? { endedAt: new Date() } : {}) },
  })
  if (r.count === 1) return
  const exists = await db.assignment.findFirst({ where: { id: assignmentId, client: clientScope(actor) }, select: { status: true } })
  if (!exists) throw new NotFoundError('Assignment')
  throw new ConflictError(exists.status === 'ENDED' ? 'This assignment has already ended.' : 'That change does not apply any more.')
}

/** Edit the schedule of an assignment that has not ended (instrument stays; end it and assign anew to change that). */
export async function updateAssignmentSchedule(
  actor: Actor,
  assignmentId: string,
  input: Pick<AssignmentInput, 'recurrence' | 'startDate' | 'endDate' | 'relationshipTarget'>,
): Promise<void> {
  if (!uuid.test(assignmentId)) throw new NotFoundError('Assignment')
  const r = await db.assignment.updateMany({
    where: { id: assignmentId, client: clientScope(actor), status: { in: ['ACTIVE', 'PAUSED'] } },
    data: {
      recurrence: input.recurrence,
      startDate: day(input.startDate),
      endDate: input.endDate ? day(input.endDate) : null,
    },
  })
  if (r.count !== 1) throw new NotFoundError('Assignment')
}
