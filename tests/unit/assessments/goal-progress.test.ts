import { describe, expect, it } from 'vitest'
import { ScoringInputError, goalProgress, goalPrompt, scoreGoalProgress } from '../../../lib/assessments'

describe('goal progress check-in definition', () => {
  it('is labelled as not a validated scale, 0-10, higher is better, no total', () => {
    expect(goalProgress.validated).toBe(false)
    expect(goalProgress.validationNote).toMatch(/not a validated scale/i)
    expect(goalProgress).toMatchObject({ min: 0, max: 10, direction: 'higher-is-better', total: false })
    expect(goalProgress.anchors).toStrictEqual([
      { value: 0, label: 'None' },
      { value: 10, label: 'A great deal' },
    ])
  })

  it('asks about each goal in the client’s own words', () => {
    expect(goalPrompt('Ask for what I need, directly')).toBe('Over the past week, how much progress did you feel on: Ask for what I need, directly?')
  })
})

describe('scoreGoalProgress', () => {
  it('returns per-goal values and no total', () => {
    const result = scoreGoalProgress([
      { goalId: 'g1', rating: 0 },
      { goalId: 'g2', rating: 10 },
      { goalId: 'g3', rating: 6 },
    ])
    expect(result).toStrictEqual({ complete: true, values: { g1: 0, g2: 10, g3: 6 }, unanswered: [] })
    expect(result.values).not.toHaveProperty('total')
  })

  it('a skipped goal is listed as unanswered', () => {
    expect(
      scoreGoalProgress([
        { goalId: 'g1', rating: 4 },
        { goalId: 'g2', rating: null },
      ]),
    ).toStrictEqual({
      complete: false,
      values: { g1: 4 },
      unanswered: ['g2'],
    })
  })

  it.each([
    [-1, /-1 is outside 0-10/],
    [11, /11 is outside 0-10/],
    [2.5, /not a whole number/],
    [Number.NaN, /not a whole number/],
  ])('rating %d throws', (rating, message) => {
    expect(() => scoreGoalProgress([{ goalId: 'g1', rating }])).toThrow(ScoringInputError)
    expect(() => scoreGoalProgress([{ goalId: 'g1', rating }])).toThrow(message)
  })

  it('empty list, missing id and duplicate ids throw', () => {
    expect(() => scoreGoalProgress([])).toThrow(/at least one goal/)
    expect(() => scoreGoalProgress([{ goalId: ' ', rating: 3 }])).toThrow(/goalId/)
    expect(() =>
      scoreGoalProgress([
        { goalId: 'g1', rating: 3 },
        { goalId: 'g1', rating: 4 },
      ]),
    ).toThrow(/rated twice/)
  })
})
