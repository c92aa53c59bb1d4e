import { describe, expect, it } from 'vitest'
import { applyPostedAnswers, firstGap, questionId, requestedStep } from '@/lib/checkins/checkin-form'
import { initialAnswers, toParts } from '@/components/checkin/progress'
import { isSameOriginPost } from '@/lib/http/same-origin'

const PHQ9 = '11111111-1111-4111-8111-111111111111'
const GOALS = '22222222-2222-4222-8222-222222222222'
const parts = toParts([
  { itemId: PHQ9, instrumentId: 'phq9', relationshipTarget: null },
  { itemId: GOALS, instrumentId: 'goal-progress', relationshipTarget: null, goals: [{ goalId: 'g1', title: 'Sleep' }] },
])

describe('applyPostedAnswers', () => {
  const empty = initialAnswers(parts, null)

  it('lays the posted answers over the saved ones, part by part', () => {
    const saved = { ...empty, [GOALS]: [7] }
    const form = new URLSearchParams({ [questionId(PHQ9, 1)]: '2', [questionId(PHQ9, 9)]: '0' })
    const out = applyPostedAnswers(parts, saved, form)
    expect(out[PHQ9]).toEqual([2, null, null, null, null, null, null, null, 0])
    expect(out[GOALS]).toEqual([7])
  })

  it("ignores values outside a question's own scale, garbage and unknown fields", () => {
    const form = new URLSearchParams({ [questionId(PHQ9, 1)]: '4', [questionId(PHQ9, 2)]: '-1', [questionId(PHQ9, 3)]: '1e0', [questionId(GOALS, 1)]: '11' })
    form.set(questionId(PHQ9, 10), '1')
    form.set('q-33333333-3333-4333-8333-333333333333-1', '1')
    expect(applyPostedAnswers(parts, empty, form)).toEqual(empty)
  })
})

describe('requestedStep and firstGap', () => {
  it('reads "start", a part index in range, or nothing', () => {
    expect(requestedStep('start', 2)).toBe('intro')
    expect(requestedStep('1', 2)).toBe(1)
    expect(requestedStep('2', 2)).toBeNull()
    expect(requestedStep(['0'], 2)).toBeNull()
    expect(requestedStep('01x', 2)).toBeNull()
    expect(requestedStep(undefined, 2)).toBeNull()
  })

  it('finds the first part with a question left', () => {
    const answers = initialAnswers(parts, null)
    expect(firstGap(parts, answers)).toBe(0)
    expect(firstGap(parts, { ...answers, [PHQ9]: [0, 0, 0, 0, 0, 0, 0, 0, 0] })).toBe(1)
    expect(firstGap(parts, { [PHQ9]: [0, 0, 0, 0, 0, 0, 0, 0, 0], [GOALS]: [3] })).toBe(-1)
  })
})

describe('isSameOriginPost', () => {
  it('trusts fetch metadata first, then an Origin matching the Host', () => {
    expect(isSameOriginPost({ 'sec-fetch-site': 'same-origin', origin: 'null' })).toBe(true)
    expect(isSameOriginPost({ 'sec-fetch-site': 'same-site', origin: 'https://app.example', host: 'app.example' })).toBe(false)
    expect(isSameOriginPost({ 'sec-fetch-site': 'cross-site' })).toBe(false)
    expect(isSameOriginPost({ origin: 'https://app.example', host: 'app.example' })).toBe(true)
    expect(isSameOriginPost(new Headers({ origin: 'https://evil.example', host: 'app.example' }))).toBe(false)
    expect(isSameOriginPost({ origin: 'null', host: 'app.example' })).toBe(false)
    expect(isSameOriginPost({ host: 'app.example' })).toBe(false)
  })
})
