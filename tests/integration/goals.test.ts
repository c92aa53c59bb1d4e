// Goals (library templates or from scratch, history kept), suggestions from the latest attachment
// scores, the goal-progress check-in helpers and the client timeline, against the real database.
import crypto from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../lib/db/client'
import type { AuditEvent } from '../../lib/db/generated/client'
import { NotFoundError } from '../../lib/db/errors'
import { createGoal, goalSuggestions, listGoals, updateGoal } from '../../lib/db/goals'
import { goalItemsForCheckIn, listActiveGoals } from '../../lib/db/system/checkin-goals'
import { listGoalProgressSeries } from '../../lib/db/goal-progress'
import { buildGoalProgressResponse, goalRatingGaps, GoalProgressIncompleteError } from '../../lib/assessments/goal-ratings'
import { getClientTimeline } from '../../lib/db/timeline'
import type { TimelineEntry } from '../../lib/timeline/types'
import { ScoringInputError } from '../../lib/assessments'
import { actorFor, createClientRow, createWorld } from '../fixtures/factory'
import { itemAt } from '../fixtures/item-at'

type World = Awaited<ReturnType<typeof createWorld>>
let w: World
const MISSING = '00000000-0000-4000-8000-000000000000'

beforeAll(async () => {
  w = await createWorld()
})

const clinA = () => actorFor(w.clinA)
const newClient = () => createClientRow(w.p1.id, w.clinA.id)

interface ItemSpec {
  instrumentId: string
  response?: { scores: Record<string, number>; quadrant?: string | null; submittedAt: Date; flags?: string[] }
}

/** A check-in with one item (and optional response) per instrument, written straight to the tables. */
async function insertCheckIn(
  clientId: string,
  opts: { status: 'COMPLETED' | 'EXPIRED' | 'CANCELLED' | 'OPEN'; dueDate: string; completedAt?: Date; expiresAt?: Date; items: ItemSpec[] },
) {
  const dueDate = new Date(`${opts.dueDate}T00:00:00Z`)
  const checkIn = await db.checkIn.create({
    data: {
      practiceId: w.p1.id,
      clientId,
      dueDate,
      status: opts.status,
      completedAt: opts.completedAt ?? null,
      expiresAt: opts.expiresAt ?? new Date(dueDate.getTime() + 4 * 86_400_000),
    },
  })
  const responses = []
  for (const [position, spec] of opts.items.entries()) {
    const assignment = await db.assignment.create({
      data: { practiceId: w.p1.id, clientId, instrumentId: spec.instrumentId, recurrence: 'ONCE', startDate: dueDate, createdById: w.clinA.id },
    })
    const item = await db.checkInItem.create({
      data: { checkInId: checkIn.id, assignmentId: assignment.id, occurrenceDate: dueDate, instrumentId: spec.instrumentId, position },
    })
    if (spec.response) {
      responses.push(
        await db.response.create({
          data: {
            practiceId: w.p1.id,
            clientId,
            checkInId: checkIn.id,
            checkInItemId: item.id,
            instrumentId: spec.instrumentId,
            instrumentVersion: `${spec.instrumentId}@1`,
            scoringVersion: `${spec.instrumentId}-scoring@1`,
            answers: [],
            complete: true,
            scores: spec.response.scores,
            quadrant: spec.response.quadrant ?? null,
            flags: spec.response.flags ?? [],
            submittedAt: spec.response.submittedAt,
          },
        }),
      )
    }
  }
  return { checkIn, responses }
}

const attachment = (clientId: string, instrumentId: 'ecr-r' | 'ecr-rs' | 'phq9', quadrant: string | null, submittedAt: string) =>
  insertCheckIn(clientId, {
    status: 'COMPLETED',
    dueDate: submittedAt.slice(0, 10),
    completedAt: new Date(submittedAt),
    items: [
      {
        instrumentId,
        response: { scores: quadrant ? { anxiety: 5, avoidance: 2 } : { total: 4 }, quadrant, submittedAt: new Date(submittedAt) },
      },
    ],
  })

const counts = async (clientId: string) => ({
  goals: await db.goal.count({ where: { clientId } }),
  revisions: await db.goalRevision.count({ where: { goal: { clientId } } }),
})

describe('creating goals', () => {
  it('from a library template: the client’s wording, the template’s dimension and a first revision', async () => {
    const client = await newClient()
    const { id } = await createGoal(clinA(), client.id, { templateKey: 'self-regulate', title: '  Stay calm when Sam goes quiet ' })
    const goal = await db.goal.findUniqueOrThrow({ where: { id }, include: { revisions: true } })
    expect(goal).toMatchObject({
      practiceId: w.p1.id,
      clientId: client.id,
      templateKey: 'self-regulate',
      title: 'Stay calm when Sam goes quiet',
      dimension: 'anxiety',
      status: 'ACTIVE',
      createdById: w.clinA.id,
    })
    expect(goal.revisions).toHaveLength(1)
    expect(goal.revisions[0]).toMatchObject({ title: 'Stay calm when Sam goes quiet', status: 'ACTIVE', changedById: w.clinA.id })
  })

  it('from scratch: no template, no dimension, the chosen status', async () => {
    const client = await newClient()
    const { id } = await createGoal(clinA(), client.id, { title: 'Text my sister back the same day', status: 'PAUSED' })
    const goal = await db.goal.findUniqueOrThrow({ where: { id } })
    expect(goal).toMatchObject({ templateKey: null, dimension: null, status: 'PAUSED' })
    expect(await db.goalRevision.count({ where: { goalId: id } })).toBe(1)
  })

  it('an admin adds goals for any client of their practice', async () => {
    const { id } = await createGoal(actorFor(w.admin1), w.clientB.id, { templateKey: 'repair', title: 'Come back after a row' })
    expect((await db.goal.findUniqueOrThrow({ where: { id } })).createdById).toBe(w.admin1.id)
  })

  it('refuses an unknown template and writes nothing', async () => {
    const client = await newClient()
    await expect(createGoal(clinA(), client.id, { templateKey: 'cure-all', title: 'Anything' })).rejects.toThrow(/template/)
    expect(await counts(client.id)).toStrictEqual({ goals: 0, revisions: 0 })
  })
})

describe('rewording and status changes keep history', () => {
  it('writes one revision per real change, none for a no-op, newest first in listGoals', async () => {
    const client = await newClient()
    const { id } = await createGoal(clinA(), client.id, { templateKey: 'express-needs', title: 'Ask for what I need' })
    expect(await updateGoal(clinA(), id, { title: 'Ask Sam for a hug instead of sulking' })).toStrictEqual({ changed: true })
    expect(await updateGoal(clinA(), id, { status: 'PAUSED' })).toStrictEqual({ changed: true })
    expect(await updateGoal(clinA(), id, { title: ' Ask Sam for a hug instead of sulking ', status: 'PAUSED' })).toStrictEqual({ changed: false })
    expect(await updateGoal(actorFor(w.admin1), id, { title: 'Ask Sam for a hug', status: 'ACHIEVED' })).toStrictEqual({ changed: true })

    const goal = itemAt(await listGoals(clinA(), client.id), 0)
    expect(goal).toMatchObject({ id, title: 'Ask Sam for a hug', status: 'ACHIEVED', templateKey: 'express-needs', dimension: 'both' })
    expect(goal.revisions.map((r) => [r.title, r.status, r.changedByName])).toStrictEqual([
      ['Ask Sam for a hug', 'ACHIEVED', w.admin1.name],
      ['Ask Sam for a hug instead of sulking', 'PAUSED', w.clinA.name],
      ['Ask Sam for a hug instead of sulking', 'ACTIVE', w.clinA.name],
      ['Ask for what I need', 'ACTIVE', w.clinA.name],
    ])
    const times = goal.revisions.map((r) => r.changedAt.getTime())
    expect([...times].sort((a, b) => b - a)).toStrictEqual(times)
    expect(new Set(times).size).toBe(times.length)
  })

  it('lists active goals first, then paused, then achieved', async () => {
    const client = await newClient()
    const a = await createGoal(clinA(), client.id, { title: 'First goal', status: 'ACHIEVED' })
    const b = await createGoal(clinA(), client.id, { title: 'Second goal', status: 'PAUSED' })
    const c = await createGoal(clinA(), client.id, { title: 'Third goal' })
    expect((await listGoals(clinA(), client.id)).map((g) => g.id)).toStrictEqual([c.id, b.id, a.id])
  })
})

describe('scope: not yours = not found, nothing written', () => {
  it('another clinician or practice cannot add, change or list goals', async () => {
    const client = await newClient()
    const { id } = await createGoal(clinA(), client.id, { title: 'Stay in the room' })
    const before = await counts(client.id)
    for (const actor of [actorFor(w.clinB), actorFor(w.clinP2), actorFor(w.admin2)]) {
      await expect(createGoal(actor, client.id, { title: 'Not mine to add' })).rejects.toBeInstanceOf(NotFoundError)
      await expect(updateGoal(actor, id, { title: 'Not mine to change', status: 'ACHIEVED' })).rejects.toBeInstanceOf(NotFoundError)
      expect(await listGoals(actor, client.id)).toStrictEqual([])
      expect(await listGoalProgressSeries(actor, client.id)).toStrictEqual([])
      await expect(getClientTimeline(actor, client.id)).rejects.toBeInstanceOf(NotFoundError)
    }
    expect(await counts(client.id)).toStrictEqual(before)
    expect(await db.goal.findUniqueOrThrow({ where: { id } })).toMatchObject({ title: 'Stay in the room', status: 'ACTIVE' })
  })

  it('missing and malformed ids answer the same way', async () => {
    await expect(createGoal(clinA(), MISSING, { title: 'Nobody' })).rejects.toBeInstanceOf(NotFoundError)
    await expect(createGoal(clinA(), 'nope', { title: 'Nobody' })).rejects.toBeInstanceOf(NotFoundError)
    await expect(updateGoal(clinA(), MISSING, { title: 'Nobody' })).rejects.toBeInstanceOf(NotFoundError)
    await expect(updateGoal(clinA(), 'nope', { title: 'Nobody' })).rejects.toBeInstanceOf(NotFoundError)
    await expect(listGoals(clinA(), 'nope')).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('suggestions from the latest attachment score', () => {
  it('is null without an attachment score (a PHQ-9 does not count)', async () => {
    const client = await newClient()
    expect(await goalSuggestions(clinA(), client.id)).toBeNull()
    await attachment(client.id, 'phq9', null, '2026-03-01T10:00:00Z')
    expect(await goalSuggestions(clinA(), client.id)).toBeNull()
  })

  it('follows the latest ECR-R or ECR-RS region and never creates goals itself', async () => {
    const client = await newClient()
    await attachment(client.id, 'ecr-r', 'anxious', '2026-02-01T10:00:00Z')
    const first = await goalSuggestions(clinA(), client.id)
    expect(first).toMatchObject({ quadrant: 'anxious', basedOn: { instrumentId: 'ecr-r', date: new Date('2026-02-01T10:00:00Z') } })
    expect(first!.templates.map((t) => t.key)).toStrictEqual(['self-regulate', 'tolerate-uncertainty', 'self-worth', 'express-needs'])

    await attachment(client.id, 'ecr-rs', 'avoidant', '2026-03-12T09:00:00Z')
    await attachment(client.id, 'phq9', null, '2026-03-20T09:00:00Z')
    const latest = await goalSuggestions(clinA(), client.id)
    expect(latest).toMatchObject({ quadrant: 'avoidant', basedOn: { instrumentId: 'ecr-rs', date: new Date('2026-03-12T09:00:00Z') } })
    expect(latest!.templates.map((t) => t.key)).toStrictEqual(['reconnect-emotions', 'vulnerability', 'interdependence', 'express-needs'])
    expect(await counts(client.id)).toStrictEqual({ goals: 0, revisions: 0 })
  })

  it('leaves out templates already used by an active or paused goal (achieved ones may come back)', async () => {
    const client = await newClient()
    await attachment(client.id, 'ecr-rs', 'fearful', '2026-03-12T09:00:00Z')
    await createGoal(clinA(), client.id, { templateKey: 'build-safety', title: 'Let Jo sit close for a while' })
    await createGoal(clinA(), client.id, { templateKey: 'vulnerability', title: 'Tell Jo one worry a week', status: 'PAUSED' })
    await createGoal(clinA(), client.id, { templateKey: 'self-compassion', title: 'Be kind to myself', status: 'ACHIEVED' })
    const s = await goalSuggestions(clinA(), client.id)
    expect(s!.templates.map((t) => t.key)).toStrictEqual(['self-regulate', 'self-compassion'])
    expect(await counts(client.id)).toStrictEqual({ goals: 3, revisions: 3 })
  })

  it('marks boundaries as maintenance for the secure region', async () => {
    const client = await newClient()
    await attachment(client.id, 'ecr-r', 'secure', '2026-03-12T09:00:00Z')
    const s = await goalSuggestions(clinA(), client.id)
    expect(s!.templates.map((t) => [t.key, t.maintenance])).toStrictEqual([
      ['repair', false],
      ['boundaries', true],
    ])
  })

  it('is null for someone outside the client’s scope', async () => {
    const client = await newClient()
    await attachment(client.id, 'ecr-r', 'anxious', '2026-03-12T09:00:00Z')
    expect(await goalSuggestions(actorFor(w.clinB), client.id)).toBeNull()
    expect(await goalSuggestions(actorFor(w.admin2), client.id)).toBeNull()
    expect(await goalSuggestions(actorFor(w.admin1), client.id)).not.toBeNull()
  })
})

describe('goal-progress check-in', () => {
  const goals = [
    { goalId: 'g1', title: 'Stay calm when Sam goes quiet' },
    { goalId: 'g2', title: 'Ask for a hug' },
  ]

  it('builds per-goal answers (in the client’s words) and scores, no total', () => {
    expect(buildGoalProgressResponse(goals, [0, 10])).toStrictEqual({
      answers: [
        { goalId: 'g1', title: 'Stay calm when Sam goes quiet', rating: 0 },
        { goalId: 'g2', title: 'Ask for a hug', rating: 10 },
      ],
      scores: { g1: 0, g2: 10 },
    })
    expect(buildGoalProgressResponse(goals, { g2: 4, g1: 7 }).scores).toStrictEqual({ g1: 7, g2: 4 })
  })

  it('requires every active goal to be rated', () => {
    for (const ratings of [[5, null], { g1: 5 }, { g1: 5, g2: undefined }]) {
      const e = (() => {
        try {
          buildGoalProgressResponse(goals, ratings)
        } catch (err) {
          return err
        }
      })()
      expect(e).toBeInstanceOf(GoalProgressIncompleteError)
      expect(e).toBeInstanceOf(ScoringInputError)
      expect(e).toMatchObject({ unanswered: ['g2'], missing: [2] })
    }
    expect(goalRatingGaps(goals, [null, null])).toStrictEqual([1, 2])
    expect(goalRatingGaps(goals, [3, 4])).toStrictEqual([])
  })

  it('accepts only whole numbers 0-10 that fit the goals asked about', () => {
    const bad: unknown[] = [[11, 5], [-1, 5], [2.5, 5], ['5', 5], [Number.NaN, 5], [5], [5, 5, 5], { g1: 5, g2: 5, g3: 5 }, null]
    for (const ratings of bad) {
      expect(() => buildGoalProgressResponse(goals, ratings as never), JSON.stringify(ratings)).toThrow(ScoringInputError)
      expect(() => buildGoalProgressResponse(goals, ratings as never)).not.toThrow(GoalProgressIncompleteError)
    }
    expect(() => buildGoalProgressResponse([], [])).toThrow(ScoringInputError)
  })

  it('asks about the active goals, oldest first; with asOf, as they stood then', async () => {
    const client = await newClient()
    const a = await createGoal(clinA(), client.id, { title: 'Goal A wording' })
    const b = await createGoal(clinA(), client.id, { title: 'Goal B wording' })
    await createGoal(clinA(), client.id, { title: 'Goal C paused', status: 'PAUSED' })
    await new Promise((r) => setTimeout(r, 5))
    const opened = new Date()
    await new Promise((r) => setTimeout(r, 5))
    await updateGoal(clinA(), a.id, { title: 'Goal A reworded later' })
    await updateGoal(clinA(), b.id, { status: 'ACHIEVED' })
    const d = await createGoal(clinA(), client.id, { title: 'Goal D added later' })

    expect(await goalItemsForCheckIn(client.id)).toStrictEqual([
      { goalId: a.id, title: 'Goal A reworded later' },
      { goalId: d.id, title: 'Goal D added later' },
    ])
    expect(await goalItemsForCheckIn(client.id, { asOf: opened })).toStrictEqual([
      { goalId: a.id, title: 'Goal A wording' },
      { goalId: b.id, title: 'Goal B wording' },
    ])
    expect((await listActiveGoals(client.id)).map((g) => g.id)).toStrictEqual([a.id, d.id])
    expect(await goalItemsForCheckIn('nope')).toStrictEqual([])
  })

  it('charts each goal from the goal-progress responses, oldest first, scoped', async () => {
    const client = await newClient()
    const a = await createGoal(clinA(), client.id, { title: 'Goal A' })
    const b = await createGoal(clinA(), client.id, { title: 'Goal B', status: 'PAUSED' })
    await createGoal(clinA(), client.id, { title: 'Never rated' })
    const rate = (when: string, scores: Record<string, number>) =>
      insertCheckIn(client.id, {
        status: 'COMPLETED',
        dueDate: when.slice(0, 10),
        completedAt: new Date(when),
        items: [{ instrumentId: 'goal-progress', response: { scores, submittedAt: new Date(when) } }],
      })
    await rate('2026-03-15T10:00:00Z', { [a.id]: 6 })
    await rate('2026-03-01T10:00:00Z', { [a.id]: 3, [b.id]: 5 })
    await rate('2026-03-22T10:00:00Z', { [a.id]: 7, [b.id]: 12.5, [MISSING]: 4 })
    await attachment(client.id, 'phq9', null, '2026-03-23T10:00:00Z')

    const series = await listGoalProgressSeries(clinA(), client.id)
    expect(series.map((s) => [s.goalId, s.title, s.status, s.points.map((p) => [p.date, p.rating])])).toStrictEqual([
      [
        a.id,
        'Goal A',
        'ACTIVE',
        [
          ['2026-03-01T10:00:00.000Z', 3],
          ['2026-03-15T10:00:00.000Z', 6],
          ['2026-03-22T10:00:00.000Z', 7],
        ],
      ],
      [b.id, 'Goal B', 'PAUSED', [['2026-03-01T10:00:00.000Z', 5]]],
    ])
    expect(await listGoalProgressSeries(actorFor(w.admin1), client.id)).toHaveLength(2)
    expect(await listGoalProgressSeries(actorFor(w.clinB), client.id)).toStrictEqual([])
  })
})

describe('timeline', () => {
  let client: Awaited<ReturnType<typeof newClient>>
  let g1: { id: string }
  let g2: { id: string }
  let note1v2: { id: string }
  let note2: { id: string }

  const note = async (opts: { rootId?: string; revision?: number; sessionDate: string; status: 'DRAFT' | 'SIGNED'; goals: string[] }) => {
    const id = crypto.randomUUID()
    return db.sessionNote.create({
      data: {
        id,
        practiceId: w.p1.id,
        clientId: client.id,
        rootId: opts.rootId ?? id,
        revision: opts.revision ?? 1,
        authorId: w.clinA.id,
        sessionDate: new Date(`${opts.sessionDate}T00:00:00Z`),
        format: 'DAP',
        bodyEnc: 'not-read-by-the-timeline',
        status: opts.status,
        goals: { create: opts.goals.map((goalId) => ({ goalId })) },
      },
    })
  }

  beforeAll(async () => {
    // West of UTC, so that "day shown" and UTC day differ for evening events.
    await db.practice.update({ where: { id: w.p1.id }, data: { timeZone: 'America/New_York' } })
    client = await newClient()
    g1 = await createGoal(clinA(), client.id, { templateKey: 'self-regulate', title: 'Stay calm' })
    g2 = await createGoal(clinA(), client.id, { title: 'Call my brother' })
    await updateGoal(clinA(), g1.id, { title: 'Stay calm when Sam goes quiet' })
    await updateGoal(clinA(), g2.id, { status: 'ACHIEVED' })

    const note1 = await note({ sessionDate: '2026-02-03', status: 'SIGNED', goals: [g1.id] })
    note1v2 = await note({ rootId: note1.id, revision: 2, sessionDate: '2026-02-03', status: 'SIGNED', goals: [g1.id, g2.id] })
    note2 = await note({ sessionDate: '2026-02-11', status: 'DRAFT', goals: [g2.id] })

    const phq = await insertCheckIn(client.id, {
      status: 'COMPLETED',
      dueDate: '2026-02-01',
      completedAt: new Date('2026-02-01T15:00:00Z'),
      items: [{ instrumentId: 'phq9', response: { scores: { total: 14 }, submittedAt: new Date('2026-02-01T15:00:00Z'), flags: ['risk'] } }],
    })
    await db.riskFlag.create({
      data: {
        practiceId: w.p1.id,
        clientId: client.id,
        responseId: itemAt(phq.responses, 0).id,
        instrumentId: 'phq9',
        itemNumber: 9,
        itemValue: 1,
        status: 'RESOLVED',
        raisedAt: new Date('2026-02-01T15:00:00Z'),
        resolvedAt: new Date('2026-02-02T10:00:00Z'),
      },
    })
    // 02:00 UTC on 11 Feb is the evening of 10 Feb in New York: shown (and ordered) as 10 Feb.
    await insertCheckIn(client.id, {
      status: 'COMPLETED',
      dueDate: '2026-02-10',
      completedAt: new Date('2026-02-11T02:00:00Z'),
      items: [
        { instrumentId: 'goal-progress', response: { scores: { [g1.id]: 6 }, submittedAt: new Date('2026-02-11T02:00:00Z') } },
        { instrumentId: 'gad7', response: { scores: { total: 5 }, submittedAt: new Date('2026-02-11T02:00:00Z') } },
      ],
    })
    await insertCheckIn(client.id, {
      status: 'EXPIRED',
      dueDate: '2026-01-20',
      expiresAt: new Date('2026-01-24T12:00:00Z'),
      items: [{ instrumentId: 'goal-progress' }],
    })
    await insertCheckIn(client.id, { status: 'CANCELLED', dueDate: '2026-01-10', items: [{ instrumentId: 'core10' }] })
    await insertCheckIn(client.id, { status: 'OPEN', dueDate: '2026-03-01', items: [{ instrumentId: 'phq9' }] })
  })

  const brief = (e: TimelineEntry) => {
    switch (e.kind) {
      case 'note':
        return `note ${e.sessionDate} r${e.revisions}`
      case 'checkin':
        return `checkin ${e.status} ${e.instruments.join('+')}`
      case 'risk':
        return `risk ${e.event}`
      case 'goal':
        return `goal ${e.change} ${e.title}`
    }
  }

  it('lists everything newest first, by the day shown in the practice time zone', async () => {
    const t = await getClientTimeline(clinA(), client.id)
    expect(t).toMatchObject({ includesNotes: true, truncated: false, timeZone: 'America/New_York', goal: null, unknownGoal: false })
    expect(t.entries.map(brief)).toStrictEqual([
      // Goal changes happened today; their relative order is by time.
      'goal status Call my brother',
      'goal reworded Stay calm when Sam goes quiet',
      'goal created Call my brother',
      'goal created Stay calm',
      'note 2026-02-11 r1',
      'checkin COMPLETED goal-progress+gad7',
      'note 2026-02-03 r2',
      'risk resolved',
      'checkin COMPLETED phq9',
      'risk raised',
      'checkin EXPIRED goal-progress',
      'checkin CANCELLED core10',
    ])
    const n1 = t.entries.find((e) => e.kind === 'note' && e.revisions === 2)
    expect(n1).toMatchObject({ noteId: note1v2.id, status: 'SIGNED', format: 'DAP', dateOnly: true })
    expect(n1 && n1.kind === 'note' && n1.goals.map((g) => g.title).sort()).toStrictEqual(['Call my brother', 'Stay calm when Sam goes quiet'])
    expect(t.entries.find((e) => e.kind === 'goal' && e.change === 'reworded')).toMatchObject({ previousTitle: 'Stay calm', goalId: g1.id })
    expect(t.entries.find((e) => e.kind === 'goal' && e.change === 'status')).toMatchObject({ status: 'ACHIEVED', previousStatus: 'ACTIVE' })
    expect(JSON.stringify(t)).not.toContain('not-read-by-the-timeline')
    expect(t.goals.map((g) => g.id)).toStrictEqual([g1.id, g2.id])
  })

  it('filtered by a goal: its notes, goal-progress check-ins that rated it (or were not answered) and its changes', async () => {
    const t = await getClientTimeline(clinA(), client.id, { goalId: g1.id })
    expect(t.goal).toStrictEqual({ id: g1.id, title: 'Stay calm when Sam goes quiet' })
    expect(t.entries.map(brief)).toStrictEqual([
      'goal reworded Stay calm when Sam goes quiet',
      'goal created Stay calm',
      'checkin COMPLETED goal-progress+gad7',
      'note 2026-02-03 r2',
      'checkin EXPIRED goal-progress',
    ])
    const t2 = await getClientTimeline(clinA(), client.id, { goalId: g2.id })
    expect(t2.entries.map(brief)).toStrictEqual([
      'goal status Call my brother',
      'goal created Call my brother',
      'note 2026-02-11 r1',
      // The first version of this note did not name g2; the latest (amended) version does.
      'note 2026-02-03 r2',
      'checkin EXPIRED goal-progress',
    ])
    expect(t2.entries.find((e) => e.kind === 'note' && e.revisions === 1)).toMatchObject({ noteId: note2.id })
  })

  it('ignores a goal filter that is not one of this client’s goals', async () => {
    const other = await createGoal(clinA(), (await newClient()).id, { title: 'Someone else’s goal' })
    for (const goalId of [other.id, MISSING, 'nope']) {
      const t = await getClientTimeline(clinA(), client.id, { goalId })
      expect(t).toMatchObject({ goal: null, unknownGoal: true })
      expect(t.entries).toHaveLength(12)
    }
  })

  it('an admin who is not the client’s clinician sees everything but the notes', async () => {
    const t = await getClientTimeline(actorFor(w.admin1), client.id)
    expect(t.includesNotes).toBe(false)
    expect(t.entries.filter((e) => e.kind === 'note')).toStrictEqual([])
    expect(t.entries).toHaveLength(10)
    const filtered = await getClientTimeline(actorFor(w.admin1), client.id, { goalId: g1.id })
    expect(filtered.entries.map(brief)).not.toContain('note 2026-02-03 r2')
  })

  it('is empty, not missing, for a client with no history', async () => {
    const fresh = await newClient()
    expect((await getClientTimeline(clinA(), fresh.id)).entries).toStrictEqual([])
  })
})

describe('audit trail', () => {
  /** Runs fn and returns the events it appended to practice 1's trail. */
  async function audited<T>(fn: () => Promise<T>): Promise<AuditEvent[]> {
    const last = await db.auditEvent.findFirst({ where: { practiceId: w.p1.id }, orderBy: { id: 'desc' }, select: { id: true } })
    await fn()
    return db.auditEvent.findMany({ where: { practiceId: w.p1.id, id: { gt: last?.id ?? 0n } }, orderBy: { id: 'asc' } })
  }
  const json = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x))

  it('creating and changing a goal each write exactly one event with ids and field names, never the wording', async () => {
    const client = await newClient()
    const first = 'AUDIT-GOAL Tell Sam when I feel left out'
    let goalId = ''
    const created = await audited(async () => {
      goalId = (await createGoal(clinA(), client.id, { templateKey: 'express-needs', title: first })).id
    })
    expect(created.map((e) => e.action)).toEqual(['GOAL_CREATE'])
    expect(created[0]).toMatchObject({ actorType: 'USER', actorId: w.clinA.id, targetType: 'Goal', targetId: goalId, clientId: client.id, outcome: 'SUCCESS' })

    const second = 'AUDIT-GOAL Tell Sam straight away'
    const cases: [Parameters<typeof updateGoal>[2], string[]][] = [
      [{ title: second }, ['title']],
      [{ status: 'PAUSED' }, ['status']],
      [{ title: 'AUDIT-GOAL third wording', status: 'ACTIVE' }, ['title', 'status']],
    ]
    const all = [...created]
    for (const [change, fields] of cases) {
      const events = await audited(() => updateGoal(actorFor(w.admin1), goalId, change))
      expect(events.map((e) => e.action)).toEqual(['GOAL_UPDATE'])
      expect(events[0]).toMatchObject({ actorId: w.admin1.id, targetType: 'Goal', targetId: goalId, clientId: client.id, details: { changed: fields } })
      all.push(...events)
    }
    for (const text of [first, second, 'AUDIT-GOAL', 'Tell Sam', 'third wording']) expect(json(all)).not.toContain(text)
  })

  it('a no-op, a refused change or an unknown template writes no event', async () => {
    const client = await newClient()
    const { id } = await createGoal(clinA(), client.id, { title: 'Stay in the room' })
    const events = await audited(async () => {
      expect(await updateGoal(clinA(), id, { title: ' Stay in the room ', status: 'ACTIVE' })).toStrictEqual({ changed: false })
      await expect(updateGoal(actorFor(w.clinB), id, { title: 'Not mine' })).rejects.toBeInstanceOf(NotFoundError)
      await expect(createGoal(actorFor(w.clinB), client.id, { title: 'Not mine' })).rejects.toBeInstanceOf(NotFoundError)
      await expect(createGoal(clinA(), client.id, { templateKey: 'cure-all', title: 'Anything' })).rejects.toThrow(/template/)
    })
    expect(events).toEqual([])
  })
})
