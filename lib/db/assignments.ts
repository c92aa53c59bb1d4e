// Assignments of questionnaires to a client, always within the actor's client scope.
import 'server-only'
import { db } from './client'
import { TX_OPTIONS } from './tx'
import type { Actor } from '@/lib/auth/actor'
import { clientScope } from './scope'
import { NotFoundError, ConflictError } from './errors'
import type { AssignmentInput } from '@/lib/validation/assignment'
import { actorFields, recordAudit } from '@/lib/audit/record'
import { recordDenied } from '@/lib/audit/denied'
import type { AuditAction } from '@/lib/audit/actions'
import { isUuid } from '@/lib/validation/uuid'
import type { ClientAssignment } from '@/lib/clients/types'

const day = (s: string) => new Date(`${s}T00:00:00Z`)

async function assertClientInScope(actor: Actor, clientId: string, action: AuditAction) {
  if (!isUuid(clientId)) throw new NotFoundError('Client')
  const c = await db.client.findFirst({ where: { id: clientId, ...clientScope(actor) }, select: { id: true, status: true } })
  if (!c) {
    await recordDenied(actor, { action, targetType: 'Client', targetId: clientId })
    throw new NotFoundError('Client')
  }
  return c
}

/** Creates one assignment per chosen instrument, in one transaction. */
export async function createAssignments(actor: Actor, clientId: string, input: AssignmentInput): Promise<string[]> {
  const client = await assertClientInScope(actor, clientId, 'ASSIGNMENT_CREATE')
  if (client.status !== 'ACTIVE') throw new ConflictError('This client is discharged. Make them active again to assign check-ins.')
  return db.$transaction(async (tx) => {
    const ids: string[] = []
    for (const instrumentId of input.instruments) {
      const row = await tx.assignment.create({
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
      })
      ids.push(row.id)
    }
    // One event per request; every created id is listed.
    await recordAudit(
      {
        ...actorFields(actor),
        action: 'ASSIGNMENT_CREATE',
        targetType: 'Assignment',
        targetId: ids.length === 1 ? ids[0] : null,
        clientId,
        details: { assignmentIds: ids },
      },
      tx,
    )
    return ids
  }, TX_OPTIONS)
}

export async function listAssignments(actor: Actor, clientId: string): Promise<ClientAssignment[]> {
  await assertClientInScope(actor, clientId, 'ASSIGNMENT_LIST')
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
const transitions: Record<Change, { from: ('ACTIVE' | 'PAUSED')[]; to: 'ACTIVE' | 'PAUSED' | 'ENDED'; action: AuditAction }> = {
  pause: { from: ['ACTIVE'], to: 'PAUSED', action: 'ASSIGNMENT_PAUSE' },
  resume: { from: ['PAUSED'], to: 'ACTIVE', action: 'ASSIGNMENT_RESUME' },
  end: { from: ['ACTIVE', 'PAUSED'], to: 'ENDED', action: 'ASSIGNMENT_END' },
}

/** Pause, resume or end; scoped and conditional in one statement. Ended is final (history stays). */
/** Returns the id of the (in-scope) client the assignment belongs to: callers must use this one, never an id from the browser. */
export async function changeAssignmentStatus(actor: Actor, assignmentId: string, change: Change): Promise<{ clientId: string }> {
  if (!isUuid(assignmentId)) throw new NotFoundError('Assignment')
  const t = transitions[change]
  const changed = await db.$transaction(async (tx) => {
    const r = await tx.assignment.updateMany({
      where: { id: assignmentId, client: clientScope(actor), status: { in: t.from } },
      data: { status: t.to, ...(t.to === 'ENDED' ? { endedAt: new Date() } : {}) },
    })
    if (r.count !== 1) return null
    const { clientId } = await tx.assignment.findUniqueOrThrow({ where: { id: assignmentId }, select: { clientId: true } })
    await recordAudit({ ...actorFields(actor), action: t.action, targetType: 'Assignment', targetId: assignmentId, clientId, details: { status: t.to } }, tx)
    return { clientId }
  }, TX_OPTIONS)
  if (changed) return changed
  const exists = await db.assignment.findFirst({ where: { id: assignmentId, client: clientScope(actor) }, select: { status: true } })
  if (!exists) {
    await recordDenied(actor, { action: t.action, targetType: 'Assignment', targetId: assignmentId })
    throw new NotFoundError('Assignment')
  }
  throw new ConflictError(exists.status === 'ENDED' ? 'This assignment has already ended.' : 'That change does not apply any more.')
}

/** Edit the schedule of an assignment that has not ended (instrument stays; end it and assign anew to change that). */
export async function updateAssignmentSchedule(
  actor: Actor,
  assignmentId: string,
  input: Pick<AssignmentInput, 'recurrence' | 'startDate' | 'endDate'> & { relationshipTarget?: string | null },
): Promise<{ clientId: string }> {
  if (!isUuid(assignmentId)) throw new NotFoundError('Assignment')
  const where = { id: assignmentId, client: clientScope(actor), status: { in: ['ACTIVE' as const, 'PAUSED' as const] } }
  const data = { recurrence: input.recurrence, startDate: day(input.startDate), endDate: input.endDate ? day(input.endDate) : null }
  const updated = await db.$transaction(async (tx) => {
    const before = await tx.assignment.findFirst({ where, select: { clientId: true, recurrence: true, startDate: true, endDate: true } })
    if (!before) return null
    const r = await tx.assignment.updateMany({ where, data })
    if (r.count !== 1) return null
    const changed = (['recurrence', 'startDate', 'endDate'] as const).filter(
      (k) => (before[k] instanceof Date ? before[k].getTime() : before[k]) !== (data[k] instanceof Date ? data[k].getTime() : data[k]),
    )
    await recordAudit(
      { ...actorFields(actor), action: 'ASSIGNMENT_UPDATE', targetType: 'Assignment', targetId: assignmentId, clientId: before.clientId, details: { changed } },
      tx,
    )
    return { clientId: before.clientId }
  }, TX_OPTIONS)
  if (!updated) {
    await recordDenied(actor, { action: 'ASSIGNMENT_UPDATE', targetType: 'Assignment', targetId: assignmentId })
    throw new NotFoundError('Assignment')
  }
  return updated
}
