import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../lib/db/client'
import { changeAssignmentStatus, createAssignments, listAssignments, updateAssignmentSchedule } from '../../lib/db/assignments'
import { acknowledgeRiskFlag, countOpenFlags, listRiskFlags, resolveRiskFlag } from '../../lib/db/risk-flags'
import { ConflictError, NotFoundError } from '../../lib/db/errors'
import { assignmentInput, scheduleInput } from '../../lib/validation/assignment'
import { actorFor, createWorld } from '../fixtures/factory'
import { itemAt } from '../fixtures/item-at'

type World = Awaited<ReturnType<typeof createWorld>>
let w: World

// Counted within this file's practices: on PostgreSQL every test file shares one database.
const inWorld = () => ({ practiceId: { in: [w.p1.id, w.p2.id] } })
const input = (o: Record<string, unknown> = {}) =>
  assignmentInput.parse({ instruments: ['phq9', 'ecr-rs'], recurrence: 'WEEKLY', startDate: '2026-01-05', relationshipTarget: 'your partner', ...o })

beforeAll(async () => {
  w = await createWorld()
})

describe('assignments', () => {
  it('validates the form: at least one questionnaire, a relationship for ECR-RS, end after start', () => {
    expect(assignmentInput.safeParse({ instruments: [], recurrence: 'WEEKLY', startDate: '2026-01-05' }).success).toBe(false)
    const noTarget = assignmentInput.safeParse({ instruments: ['ecr-rs'], recurrence: 'WEEKLY', startDate: '2026-01-05' })
    expect(noTarget.success).toBe(false)
    const backwards = assignmentInput.safeParse({ instruments: ['phq9'], recurrence: 'WEEKLY', startDate: '2026-02-01', endDate: '2026-01-01' })
    expect(backwards.error?.issues[0]?.message).toBe('The end date must be on or after the start date.')
    expect(assignmentInput.safeParse({ instruments: ['phq9', 'bogus'], recurrence: 'WEEKLY', startDate: '2026-01-05' }).success).toBe(false)
    expect(assignmentInput.safeParse({ instruments: ['phq9'], recurrence: 'DAILY', startDate: '2026-01-05' }).success).toBe(false)
  })

  it('creates one assignment per questionnaire, the relationship only on ECR-RS', async () => {
    const ids = await createAssignments(actorFor(w.clinA), w.clientA.id, input())
    expect(ids).toHaveLength(2)
    const rows = await listAssignments(actorFor(w.clinA), w.clientA.id)
    expect(rows.map((r) => [r.instrumentId, r.relationshipTarget, r.status]).sort()).toEqual([
      ['ecr-rs', 'your partner', 'ACTIVE'],
      ['phq9', null, 'ACTIVE'],
    ])
  })

  it('another clinician or practice cannot assign, list or change; nothing is written', async () => {
    const before = await db.assignment.count({ where: inWorld() })
    await expect(createAssignments(actorFor(w.clinB), w.clientA.id, input())).rejects.toBeInstanceOf(NotFoundError)
    await expect(createAssignments(actorFor(w.admin2), w.clientA.id, input())).rejects.toBeInstanceOf(NotFoundError)
    await expect(listAssignments(actorFor(w.clinB), w.clientA.id)).rejects.toBeInstanceOf(NotFoundError)
    const a = itemAt(await createAssignments(actorFor(w.clinA), w.clientA.id, input({ instruments: ['gad7'] })), 0)
    await expect(changeAssignmentStatus(actorFor(w.clinB), a, 'end')).rejects.toBeInstanceOf(NotFoundError)
    expect((await db.assignment.findUniqueOrThrow({ where: { id: a } })).status).toBe('ACTIVE')
    expect(await db.assignment.count({ where: inWorld() })).toBe(before + 1)
  })

  it('pauses, resumes and ends; ended is final and history stays', async () => {
    const a = itemAt(await createAssignments(actorFor(w.clinA), w.clientA.id, input({ instruments: ['core10'] })), 0)
    await changeAssignmentStatus(actorFor(w.clinA), a, 'pause')
    await expect(changeAssignmentStatus(actorFor(w.clinA), a, 'pause')).rejects.toBeInstanceOf(ConflictError)
    await changeAssignmentStatus(actorFor(w.clinA), a, 'resume')
    await changeAssignmentStatus(actorFor(w.admin1), a, 'end')
    await expect(changeAssignmentStatus(actorFor(w.clinA), a, 'resume')).rejects.toThrow('already ended')
    const row = await db.assignment.findUniqueOrThrow({ where: { id: a } })
    expect(row.status).toBe('ENDED')
    expect(row.endedAt).not.toBeNull()
  })

  it('edits the schedule in scope (history kept), refuses others and ended assignments', async () => {
    const a = itemAt(await createAssignments(actorFor(w.clinA), w.clientA.id, input({ instruments: ['gad7'] })), 0)
    const next = scheduleInput.parse({ recurrence: 'MONTHLY', startDate: '2026-02-01', endDate: '2026-12-31' })
    expect(await updateAssignmentSchedule(actorFor(w.clinA), a, next)).toEqual({ clientId: w.clientA.id })
    const row = await db.assignment.findUniqueOrThrow({ where: { id: a } })
    expect(row).toMatchObject({ recurrence: 'MONTHLY', instrumentId: 'gad7', status: 'ACTIVE' })
    expect(row.endDate?.toISOString().slice(0, 10)).toBe('2026-12-31')
    await expect(updateAssignmentSchedule(actorFor(w.clinB), a, next)).rejects.toBeInstanceOf(NotFoundError)
    await expect(updateAssignmentSchedule(actorFor(w.admin2), a, next)).rejects.toBeInstanceOf(NotFoundError)
    await changeAssignmentStatus(actorFor(w.clinA), a, 'end')
    await expect(updateAssignmentSchedule(actorFor(w.clinA), a, next)).rejects.toBeInstanceOf(NotFoundError)
    expect(scheduleInput.safeParse({ recurrence: 'ONCE', startDate: '2026-02-01', endDate: '2026-03-01' }).success).toBe(false)
    expect(scheduleInput.safeParse({ recurrence: 'WEEKLY', startDate: '2026-02-01', endDate: '2026-01-01' }).success).toBe(false)
  })

  it('refuses to assign to a discharged client', async () => {
    await db.client.update({ where: { id: w.clientB.id }, data: { status: 'DISCHARGED' } })
    await expect(createAssignments(actorFor(w.clinB), w.clientB.id, input())).rejects.toBeInstanceOf(ConflictError)
    await db.client.update({ where: { id: w.clientB.id }, data: { status: 'ACTIVE' } })
  })
})

describe('risk flags', () => {
  async function flagFor(clientId: string, practiceId: string, clinicianId: string) {
    const assignmentId = itemAt(
      await createAssignments(
        { userId: clinicianId, practiceId, roles: ['CLINICIAN'], name: 'x', email: 'x', sessionId: 'x' },
        clientId,
        input({ instruments: ['phq9'], recurrence: 'ONCE' }),
      ),
      0,
    )
    const checkIn = await db.checkIn.create({ data: { practiceId, clientId, dueDate: new Date('2026-01-05'), status: 'COMPLETED', expiresAt: new Date() } })
    const item = await db.checkInItem.create({
      data: { checkInId: checkIn.id, assignmentId, occurrenceDate: new Date('2026-01-05'), instrumentId: 'phq9', position: 0 },
    })
    const response = await db.response.create({
      data: {
        practiceId,
        clientId,
        checkInId: checkIn.id,
        checkInItemId: item.id,
        instrumentId: 'phq9',
        instrumentVersion: 'v',
        scoringVersion: 'v',
        answers: [0, 0, 0, 0, 0, 0, 0, 0, 2],
        complete: true,
        scores: { total: 2 },
        band: 'minimal',
        flags: ['risk'],
        submittedAt: new Date(),
      },
    })
    return db.riskFlag.create({
      data: { practiceId, clientId, responseId: response.id, instrumentId: 'phq9', itemNumber: 9, itemValue: 2, raisedAt: new Date() },
    })
  }

  it('must be acknowledged and resolved by a person, with who, when and a note', async () => {
    const flag = await flagFor(w.clientA.id, w.p1.id, w.clinA.id)
    expect((await countOpenFlags(actorFor(w.clinA))).get(w.clientA.id)).toBe(1)
    await acknowledgeRiskFlag(actorFor(w.clinA), flag.id)
    await expect(acknowledgeRiskFlag(actorFor(w.clinA), flag.id)).rejects.toBeInstanceOf(ConflictError)
    // Still open (acknowledged, not resolved) on the caseload.
    expect((await countOpenFlags(actorFor(w.clinA))).get(w.clientA.id)).toBe(1)
    await resolveRiskFlag(actorFor(w.clinA), flag.id, 'Called the client; safety plan reviewed.')
    const row = itemAt(await listRiskFlags(actorFor(w.clinA), w.clientA.id), 0)
    expect(row).toMatchObject({
      status: 'RESOLVED',
      acknowledgedById: w.clinA.id,
      resolvedById: w.clinA.id,
      resolutionNote: 'Called the client; safety plan reviewed.',
    })
    expect(row.resolvedAt).not.toBeNull()
    expect((await countOpenFlags(actorFor(w.clinA))).get(w.clientA.id)).toBeUndefined()
    await expect(resolveRiskFlag(actorFor(w.clinA), flag.id, 'again')).rejects.toBeInstanceOf(ConflictError)
  })

  it("another clinician's or practice's flag answers like a missing one and is left unchanged", async () => {
    const flag = await flagFor(w.clientB.id, w.p1.id, w.clinB.id)
    await expect(acknowledgeRiskFlag(actorFor(w.clinA), flag.id)).rejects.toBeInstanceOf(NotFoundError)
    await expect(resolveRiskFlag(actorFor(w.admin2), flag.id, 'not mine')).rejects.toBeInstanceOf(NotFoundError)
    expect((await db.riskFlag.findUniqueOrThrow({ where: { id: flag.id } })).status).toBe('OPEN')
    // The practice admin may act on it (whole-practice access).
    await resolveRiskFlag(actorFor(w.admin1), flag.id, 'Covered while the clinician was away.')
    expect((await db.riskFlag.findUniqueOrThrow({ where: { id: flag.id } })).status).toBe('RESOLVED')
  })
})
