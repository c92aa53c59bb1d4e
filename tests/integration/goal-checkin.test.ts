// The goal-progress check-in end to end at the data layer: assigned like a questionnaire, it asks
// about the client's active goals in their own words, as they stood when the link was issued;
// every goal must be rated 0-10; ratings are stored per goal (no total, no band, never a risk
// flag) and charted per goal. No active goals: the item has nothing to ask and is left out.
import crypto from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../lib/db/client'
import { createAssignments } from '../../lib/db/assignments'
import { issueCheckInLink } from '../../lib/db/checkin-links'
import { generateDueCheckIns } from '../../lib/db/system/due-checkins'
import { getCheckInForToken } from '../../lib/db/system/checkin-view'
import { saveCheckInDraft } from '../../lib/db/system/checkin-draft'
import { submitCheckIn } from '../../lib/db/system/checkin-submit'
import { createGoal, updateGoal } from '../../lib/db/goals'
import { listGoalProgressSeries } from '../../lib/db/goal-progress'
import { goalProgress, goalPrompt } from '../../lib/assessments'
import { assignmentInput } from '../../lib/validation/assignment'
import { actorFor, createClientRow, createWorld } from '../fixtures/factory'

type World = Awaited<ReturnType<typeof createWorld>>
let w: World
const clin = () => actorFor(w.clinA)
const key = () => crypto.randomUUID()
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const PHQ9 = [1, 1, 1, 1, 1, 1, 1, 1, 0]

beforeAll(async () => {
  w = await createWorld()
})

/** A new client of clinician A with the given goals (created in order, oldest first). */
async function clientWithGoals(goals: { title: string; status?: 'ACTIVE' | 'PAUSED' | 'ACHIEVED' }[]) {
  const client = await createClientRow(w.p1.id, w.clinA.id)
  const ids: string[] = []
  for (const g of goals) ids.push((await createGoal(clin(), client.id, g)).id)
  return { client, goalIds: ids }
}

/**
 * Assigns PHQ-9 and the goal check-in through the real path (assignment → due check-in → link)
 * and returns the link's token and the check-in's items.
 */
async function assignAndIssue(clientId: string, instruments: string[] = ['phq9', 'goal-progress']) {
  const today = new Date().toISOString().slice(0, 10)
  await createAssignments(clin(), clientId, assignmentInput.parse({ instruments, recurrence: 'ONCE', startDate: today }))
  const { created } = await generateDueCheckIns({ clientId, practiceId: w.p1.id })
  expect(created).toHaveLength(1)
  const checkInId = created[0]!
  // The link is issued a moment after the goals were written, and changes come a moment later.
  await sleep(5)
  const token = await issue(checkInId)
  await sleep(5)
  const items = await db.checkInItem.findMany({ where: { checkInId }, orderBy: { position: 'asc' } })
  const item = (id: string) => items.find((i) => i.instrumentId === id)!
  return { checkInId, token, items, goalItem: item('goal-progress'), phqItem: item('phq9') }
}

async function issue(checkInId: string, reason: 'new' | 'reissue' = 'new') {
  const { url } = await issueCheckInLink(clin(), checkInId, { reason })
  return url.slice(url.lastIndexOf('/') + 1)
}

async function openView(token: string) {
  const view = await getCheckInForToken(token)
  if (view?.state !== 'open') throw new Error('expected an open check-in')
  return view
}

// Links and goal revisions are stamped to the millisecond: a change made in the same millisecond a
// link was issued is, by definition, "as of" that link. These tests mean "after", so they let the
// clock move on (no fixed sleep: it waits only until the millisecond changes).
async function nextMillisecond() {
  const t = Date.now()
  while (Date.now() <= t) await new Promise((r) => setTimeout(r, 1))
}

describe('assigning', () => {
  it('goal-progress is one of the questionnaires a clinician can assign', () => {
    const parsed = assignmentInput.safeParse({ instruments: ['goal-progress'], recurrence: 'WEEKLY', startDate: '2026-01-05' })
    expect(parsed.success).toBe(true)
    expect(assignmentInput.safeParse({ instruments: ['goal-progress', 'goal-progress'], recurrence: 'WEEKLY', startDate: '2026-01-05' }).success).toBe(false)
  })
})

describe('what the link shows', () => {
  it("asks about the client's active goals, oldest first, in the client's own words", async () => {
    const { client, goalIds } = await clientWithGoals([
      { title: 'Tell Sam when I feel left out instead of going quiet' },
      { title: 'Old goal on hold', status: 'PAUSED' },
      { title: 'Let myself lean on friends  ' },
    ])
    const m = await assignAndIssue(client.id)
    const view = await openView(m.token)
    expect(view.items).toEqual([
      { itemId: m.phqItem.id, instrumentId: 'phq9', relationshipTarget: null },
      {
        itemId: m.goalItem.id,
        instrumentId: 'goal-progress',
        relationshipTarget: null,
        goals: [
          { goalId: goalIds[0], title: 'Tell Sam when I feel left out instead of going quiet' },
          { goalId: goalIds[2], title: 'Let myself lean on friends' },
        ],
      },
    ])
    expect(goalPrompt(view.items[1]!.goals![0]!.title)).toBe(
      'Over the past week, how much progress did you feel on: Tell Sam when I feel left out instead of going quiet?',
    )
  })

  it('goals changed after the link was issued change neither what that link shows nor what it stores', async () => {
    const { client, goalIds } = await clientWithGoals([{ title: 'Say no without apologising' }, { title: 'Ask for reassurance directly' }])
    const m = await assignAndIssue(client.id)
    const before = await openView(m.token)
    await nextMillisecond()
    // Reworded, paused, and a new one added, all after the link went out.
    await updateGoal(clin(), goalIds[0]!, { title: 'Say no kindly and without apologising' })
    await updateGoal(clin(), goalIds[1]!, { status: 'PAUSED' })
    await createGoal(clin(), client.id, { title: 'A goal added later' })
    const after = await openView(m.token)
    expect(after.items).toEqual(before.items)
    expect(after.items[1]!.goals).toEqual([
      { goalId: goalIds[0], title: 'Say no without apologising' },
      { goalId: goalIds[1], title: 'Ask for reassurance directly' },
    ])

    // A draft that fits this link's goals is kept.
    expect(await saveCheckInDraft(m.token, { [m.goalItem.id]: [4, null] })).toEqual({ status: 'ok' })
    expect((await openView(m.token)).draft).toEqual({ [m.goalItem.id]: [4, null] })

    expect(await submitCheckIn(m.token, key(), { [m.phqItem.id]: PHQ9, [m.goalItem.id]: [4, 7] })).toMatchObject({ status: 'submitted' })
    const r = await db.response.findFirstOrThrow({ where: { checkInId: m.checkInId, instrumentId: 'goal-progress' } })
    expect(r.answers).toEqual([
      { goalId: goalIds[0], title: 'Say no without apologising', rating: 4 },
      { goalId: goalIds[1], title: 'Ask for reassurance directly', rating: 7 },
    ])
    expect(r.scores).toEqual({ [goalIds[0]!]: 4, [goalIds[1]!]: 7 })
  })

  it('a link issued later asks about the goals as they are then; a draft that no longer fits starts that part again', async () => {
    const { client, goalIds } = await clientWithGoals([{ title: 'Notice the urge to withdraw' }])
    const m = await assignAndIssue(client.id)
    await saveCheckInDraft(m.token, { [m.phqItem.id]: [2, null, null, null, null, null, null, null, null], [m.goalItem.id]: [5] })
    await nextMillisecond()
    const added = await createGoal(clin(), client.id, { title: 'Stay in the room during arguments' })
    await sleep(5)
    await nextMillisecond()
    const token = await issue(m.checkInId, 'reissue')
    const view = await openView(token)
    expect(view.items[1]!.goals).toEqual([
      { goalId: goalIds[0], title: 'Notice the urge to withdraw' },
      { goalId: added.id, title: 'Stay in the room during arguments' },
    ])
    // The PHQ-9 answers are kept; the one-goal rating does not fit two goals and is left out.
    expect(view.draft).toEqual({ [m.phqItem.id]: [2, null, null, null, null, null, null, null, null] })
  })
})

describe('submitting', () => {
  it('stores one rating per goal: answers in the client’s words, scores by goal id, no total, band or risk flag', async () => {
    const { client, goalIds } = await clientWithGoals([{ title: 'Pause before texting when anxious' }, { title: 'Share one feeling a day' }])
    const m = await assignAndIssue(client.id)
    expect(await submitCheckIn(m.token, key(), { [m.phqItem.id]: PHQ9, [m.goalItem.id]: [0, 10] })).toEqual({
      status: 'submitted',
      crisis: false,
      replay: false,
    })
    const responses = await db.response.findMany({ where: { checkInId: m.checkInId } })
    expect(responses).toHaveLength(2)
    const r = responses.find((x) => x.instrumentId === 'goal-progress')!
    expect(r).toMatchObject({
      checkInItemId: m.goalItem.id,
      clientId: client.id,
      practiceId: w.p1.id,
      instrumentVersion: goalProgress.instrumentVersion,
      scoringVersion: goalProgress.scoringVersion,
      answers: [
        { goalId: goalIds[0], title: 'Pause before texting when anxious', rating: 0 },
        { goalId: goalIds[1], title: 'Share one feeling a day', rating: 10 },
      ],
      scores: { [goalIds[0]!]: 0, [goalIds[1]!]: 10 },
      complete: true,
      band: null,
      quadrant: null,
      flags: [],
      relationshipTarget: null,
    })
    expect(await db.riskFlag.count({ where: { responseId: r.id } })).toBe(0)
    expect((await db.checkIn.findUniqueOrThrow({ where: { id: m.checkInId } })).status).toBe('COMPLETED')
  })

  it('with a goal left unrated is incomplete, names its number and stores nothing', async () => {
    const { client } = await clientWithGoals([{ title: 'Goal one' }, { title: 'Goal two' }, { title: 'Goal three' }])
    const m = await assignAndIssue(client.id)
    expect(await submitCheckIn(m.token, key(), { [m.phqItem.id]: PHQ9, [m.goalItem.id]: [3, null, 8] })).toEqual({
      status: 'incomplete',
      missing: { [m.goalItem.id]: [2] },
    })
    expect(await submitCheckIn(m.token, key(), { [m.phqItem.id]: PHQ9 })).toEqual({ status: 'incomplete', missing: { [m.goalItem.id]: [1, 2, 3] } })
    expect(await db.response.count({ where: { checkInId: m.checkInId } })).toBe(0)
    expect((await db.checkIn.findUniqueOrThrow({ where: { id: m.checkInId } })).status).toBe('OPEN')
  })

  it('with a rating out of range, not a whole number or not one per goal is invalid, as a draft too, and stores nothing', async () => {
    const { client } = await clientWithGoals([{ title: 'Goal one' }, { title: 'Goal two' }])
    const m = await assignAndIssue(client.id)
    const bad: unknown[] = [[11, 5], [-1, 5], [5.5, 5], ['5', 5], [5], [5, 5, 5], 'x']
    for (const ratings of bad) {
      expect(await submitCheckIn(m.token, key(), { [m.phqItem.id]: PHQ9, [m.goalItem.id]: ratings })).toEqual({ status: 'invalid' })
      expect(await saveCheckInDraft(m.token, { [m.goalItem.id]: ratings })).toEqual({ status: 'invalid' })
    }
    expect(await db.response.count({ where: { checkInId: m.checkInId } })).toBe(0)
    expect((await db.checkIn.findUniqueOrThrow({ where: { id: m.checkInId } })).draftEnc).toBeNull()
  })
})

describe('no active goals', () => {
  it('leaves the goal item out: not shown, not required, no Response written', async () => {
    const { client } = await clientWithGoals([
      { title: 'Paused for now', status: 'PAUSED' },
      { title: 'Done', status: 'ACHIEVED' },
    ])
    const m = await assignAndIssue(client.id)
    const view = await openView(m.token)
    expect(view.items).toEqual([{ itemId: m.phqItem.id, instrumentId: 'phq9', relationshipTarget: null }])
    // Answers for the item that is not asked are refused like any foreign item.
    expect(await submitCheckIn(m.token, key(), { [m.phqItem.id]: PHQ9, [m.goalItem.id]: [5] })).toEqual({ status: 'invalid' })
    expect(await submitCheckIn(m.token, key(), { [m.phqItem.id]: PHQ9 })).toMatchObject({ status: 'submitted', replay: false })
    const responses = await db.response.findMany({ where: { checkInId: m.checkInId } })
    expect(responses.map((r) => r.instrumentId)).toEqual(['phq9'])
  })

  it('a check-in of only the goal item has nothing to ask', async () => {
    const { client } = await clientWithGoals([{ title: 'Paused for now', status: 'PAUSED' }])
    const today = new Date().toISOString().slice(0, 10)
    await createAssignments(clin(), client.id, assignmentInput.parse({ instruments: ['goal-progress'], recurrence: 'ONCE', startDate: today }))
    const { created } = await generateDueCheckIns({ clientId: client.id, practiceId: w.p1.id })
    const token = await issue(created[0]!)
    expect((await openView(token)).items).toEqual([])
  })
})

describe('charting', () => {
  it('listGoalProgressSeries returns each rated goal with its ratings, oldest first', async () => {
    const { client, goalIds } = await clientWithGoals([{ title: 'Reach out first' }, { title: 'Rest without guilt' }])
    const first = await assignAndIssue(client.id, ['goal-progress'])
    await submitCheckIn(first.token, key(), { [first.goalItem.id]: [2, 6] })
    // A second check-in a week later (its own assignment).
    const second = await assignAndIssue(client.id, ['goal-progress'])
    await submitCheckIn(second.token, key(), { [second.goalItem.id]: [5, 6] })
    const series = await listGoalProgressSeries(clin(), client.id)
    expect(series.map((s) => [s.goalId, s.title, s.status, s.points.map((p) => p.rating)])).toEqual([
      [goalIds[0], 'Reach out first', 'ACTIVE', [2, 5]],
      [goalIds[1], 'Rest without guilt', 'ACTIVE', [6, 6]],
    ])
    const r = await db.response.findFirstOrThrow({ where: { checkInId: second.checkInId } })
    expect(series[0]!.points[1]).toEqual({ date: r.submittedAt.toISOString(), rating: 5, responseId: r.id })
    // Scoped like everything else: another clinician sees nothing of it.
    await expect(listGoalProgressSeries(actorFor(w.clinB), client.id)).resolves.toEqual([])
  })
})
