import { describe, expect, it } from 'vitest'
import { INSTRUMENT_IDS, getInstrument, scoreResponse } from '../../../lib/assessments'
import { fitGoalDrafts, parseAnswerMap, responseColumns, scoreCheckIn, scoreInstrumentAnswers } from '../../../lib/assessments/checkin-answers'
import { goalProgressSeries } from '../../../lib/assessments/goal-ratings'
import { isRiskAnswer, scoreWithRisks } from '../../../lib/assessments/scoring'
import { prng, randInt } from '../../../lib/seeded-random'
import { itemAt } from '../../fixtures/item-at'

const goals = [
  { goalId: 'g1', title: 'Ask for what I need' },
  { goalId: 'g2', title: 'Stay when it gets hard' },
]
const phq = { id: 'i-phq', instrumentId: 'phq9' }
const core = { id: 'i-core', instrumentId: 'core10' }
const goal = { id: 'i-goal', instrumentId: 'goal-progress', goals }
const items = [phq, core, goal]
const PHQ = [1, 2, 1, 2, 1, 0, 1, 1, 0]
const CORE = [1, 1, 1, 1, 1, 0, 1, 1, 1, 1]
const complete = { [phq.id]: PHQ, [core.id]: CORE, [goal.id]: [3, 8] }

describe('parseAnswerMap (drafts)', () => {
  it('keeps partial answers of known items, as copies', () => {
    const raw = { [phq.id]: [1, null, null, null, null, null, null, null, null] }
    const parsed = parseAnswerMap(items, raw)
    expect(parsed).toStrictEqual(raw)
    expect(parsed![phq.id]).not.toBe(raw[phq.id])
    expect(parseAnswerMap(items, {})).toStrictEqual({})
    expect(parseAnswerMap(items, { [goal.id]: [null, 4] })).toStrictEqual({ [goal.id]: [null, 4] })
  })

  it.each([
    ['not an object', [PHQ]],
    ['an unknown item', { nope: PHQ }],
    ['not an array', { [phq.id]: '1,2' }],
    ['the wrong length', { [phq.id]: PHQ.slice(1) }],
    ['a value out of range', { [phq.id]: [4, 0, 0, 0, 0, 0, 0, 0, 0] }],
    ['a fraction', { [phq.id]: [0.5, 0, 0, 0, 0, 0, 0, 0, 0] }],
    ['a goal rating above 10', { [goal.id]: [11, 0] }],
    ['one rating too many', { [goal.id]: [1, 2, 3] }],
  ])('refuses %s', (_, raw) => {
    expect(parseAnswerMap(items, raw)).toBeNull()
  })

  it('refuses an item of an unknown instrument and a goal item without goals', () => {
    expect(parseAnswerMap([{ id: 'x', instrumentId: 'phq-10' }], { x: [1] })).toBeNull()
    expect(parseAnswerMap([{ id: 'x', instrumentId: 'goal-progress', goals: [] }], { x: [] })).toBeNull()
  })
})

describe('fitGoalDrafts', () => {
  it('drops goal answers that no longer fit the goals the link asks about, keeps the rest', () => {
    const raw = { [phq.id]: PHQ, [goal.id]: [1, 2, 3] }
    expect(fitGoalDrafts(raw, items, items)).toStrictEqual({ [phq.id]: PHQ })
    expect(fitGoalDrafts(raw, items, [phq])).toStrictEqual({ [phq.id]: PHQ })
    expect(fitGoalDrafts({ [goal.id]: [1, 2] }, items, items)).toStrictEqual({ [goal.id]: [1, 2] })
  })
})

describe('scoreCheckIn (submissions)', () => {
  it('scores every item once, with the same result as scoreResponse, and no risk when none', () => {
    const r = scoreCheckIn(items, complete)
    expect(r.status).toBe('complete')
    if (r.status !== 'complete') return
    expect(r.scored.map((s) => s.item)).toStrictEqual(items)
    expect(r.scored[0]).toMatchObject({ instrumentId: 'phq9', instrumentVersion: getInstrument('phq9').instrumentVersion, answers: PHQ, risks: [] })
    expect(itemAt(r.scored, 0).result).toStrictEqual(scoreResponse('phq9', PHQ))
    expect(itemAt(r.scored, 1).result).toStrictEqual(scoreResponse('core10', CORE))
    expect(r.scored[2]).toMatchObject({
      instrumentId: 'goal-progress',
      answers: [
        { goalId: 'g1', title: 'Ask for what I need', rating: 3 },
        { goalId: 'g2', title: 'Stay when it gets hard', rating: 8 },
      ],
      result: { complete: true, scores: { g1: 3, g2: 8 }, flags: [] },
      risks: [],
    })
  })

  it('names each positive risk item, with the flag on its response', () => {
    const r = scoreCheckIn(items, { ...complete, [phq.id]: [...PHQ.slice(0, 8), 2], [core.id]: CORE.map((v, i) => (i === 5 ? 3 : v)) })
    if (r.status !== 'complete') throw new Error(r.status)
    expect(r.scored.map((s) => s.risks)).toStrictEqual([[{ itemNumber: 9, itemValue: 2 }], [{ itemNumber: 6, itemValue: 3 }], []])
    expect(r.scored.map((s) => s.result.flags)).toStrictEqual([['risk'], ['risk'], []])
  })

  it('lists the unanswered numbers of every item, a missing item as all of them', () => {
    const r = scoreCheckIn(items, { [phq.id]: [...PHQ.slice(0, 7), null, null], [goal.id]: [null, 5] })
    expect(r).toStrictEqual({
      status: 'incomplete',
      missing: { [phq.id]: [8, 9], [core.id]: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [goal.id]: [1] },
    })
    expect(scoreCheckIn([goal], {})).toStrictEqual({ status: 'incomplete', missing: { [goal.id]: [1, 2] } })
  })

  it('is invalid when anything does not fit, even if other items are unfinished', () => {
    expect(scoreCheckIn(items, { [phq.id]: [9, null, null, null, null, null, null, null, null] })).toStrictEqual({ status: 'invalid' })
    expect(scoreCheckIn(items, { ...complete, extra: [1] })).toStrictEqual({ status: 'invalid' })
    expect(scoreCheckIn(items, { ...complete, [phq.id]: [...PHQ, 0] })).toStrictEqual({ status: 'invalid' })
    expect(scoreCheckIn(items, null)).toStrictEqual({ status: 'invalid' })
    expect(scoreCheckIn([{ id: 'x', instrumentId: 'goal-progress' }], {})).toStrictEqual({ status: 'invalid' })
    expect(scoreCheckIn([{ id: 'x', instrumentId: 'nope' }], {})).toStrictEqual({ status: 'invalid' })
  })
})

describe('one risk rule', () => {
  it('is a risk item answered above zero', () => {
    expect([1, 3].map((v) => isRiskAnswer({ risk: true }, v))).toStrictEqual([true, true])
    expect([0, null, undefined].map((v) => isRiskAnswer({ risk: true }, v))).toStrictEqual([false, false, false])
    expect(isRiskAnswer({ risk: false }, 3)).toBe(false)
  })

  it('gives the flag exactly when a risk item is above zero, for random answers of every instrument', () => {
    const rand = prng(20260310)
    for (const id of INSTRUMENT_IDS) {
      const def = getInstrument(id)
      const values = def.anchors.map((a) => a.value)
      for (let n = 0; n < 200; n++) {
        const answers = def.items.map(() => (rand() < 0.1 ? null : itemAt(values, randInt(rand, 0, values.length - 1))))
        const { result, risks } = scoreWithRisks(id, answers)
        const expected = def.items
          .filter((it, i) => it.risk && (answers[i] ?? 0) > 0)
          .map((it) => ({ itemNumber: it.number, itemValue: answers[it.number - 1] }))
        expect(risks).toStrictEqual(expected)
        expect(result.flags).toStrictEqual(expected.length > 0 ? ['risk'] : [])
        expect(result).toStrictEqual(scoreResponse(id, answers))
      }
    }
  })
})

describe('responseColumns', () => {
  it('is what a Response row stores, with absent band and quadrant as null', () => {
    expect(responseColumns(scoreInstrumentAnswers('phq9', PHQ))).toStrictEqual({
      instrumentId: 'phq9',
      instrumentVersion: getInstrument('phq9').instrumentVersion,
      scoringVersion: getInstrument('phq9').scoringVersion,
      answers: PHQ,
      complete: true,
      scores: { total: 9 },
      band: 'mild',
      quadrant: null,
      flags: [],
    })
  })
})

describe('goalProgressSeries', () => {
  it('charts whole-number ratings 0-10 per goal, oldest first, and leaves out goals never rated', () => {
    const at = (d: string) => new Date(`${d}T09:00:00Z`)
    const series = goalProgressSeries(
      [
        { goalId: 'g1', title: 'One', status: 'ACTIVE' },
        { goalId: 'g2', title: 'Two', status: 'PAUSED' },
        { goalId: 'g3', title: 'Three', status: 'ACHIEVED' },
      ],
      [
        { id: 'r1', scores: { g1: 2, g2: 11 }, submittedAt: at('2026-01-05') },
        { id: 'r2', scores: [4], submittedAt: at('2026-01-12') },
        { id: 'r3', scores: { g1: 5, g2: 2.5, g3: '7' }, submittedAt: at('2026-01-19') },
      ],
    )
    expect(series).toStrictEqual([
      {
        goalId: 'g1',
        title: 'One',
        status: 'ACTIVE',
        points: [
          { date: '2026-01-05T09:00:00.000Z', rating: 2, responseId: 'r1' },
          { date: '2026-01-19T09:00:00.000Z', rating: 5, responseId: 'r3' },
        ],
      },
    ])
  })
})
