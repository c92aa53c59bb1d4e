import { describe, expect, it } from 'vitest'
import { ecrR, ecrRs, quadrantFor, scoreResponse } from '../../../lib/assessments'
import { range, withValue } from './helpers'

const ECR_R_REVERSED = [9, 11, 20, 22, 26, 27, 28, 29, 30, 31, 33, 34, 35, 36]
const ECR_RS_REVERSED = [1, 2, 3, 4]

describe('ECR-R scoring', () => {
  const allFour = Array<number>(36).fill(4)

  it('all 4 → 4.00 / 4.00, secure (exactly 4 counts as low)', () => {
    expect(scoreResponse('ecr-r', allFour)).toStrictEqual({
      complete: true,
      scores: { anxiety: 4, avoidance: 4 },
      flags: [],
      quadrant: 'secure',
    })
  })

  it('non-reversed items 7 and reversed items 1 → 7.00 / 7.00', () => {
    const answers = range(1, 36).map((n) => (ECR_R_REVERSED.includes(n) ? 1 : 7))
    expect(scoreResponse('ecr-r', answers)).toStrictEqual({
      complete: true,
      scores: { anxiety: 7, avoidance: 7 },
      flags: [],
      quadrant: 'fearful',
    })
  })

  it('non-reversed items 1 and reversed items 7 → 1.00 / 1.00', () => {
    const answers = range(1, 36).map((n) => (ECR_R_REVERSED.includes(n) ? 7 : 1))
    expect(scoreResponse('ecr-r', answers).scores).toStrictEqual({ anxiety: 1, avoidance: 1 })
  })

  it('published long vector → anxiety 4.78, avoidance 2.33 (two decimals)', () => {
    const answers = [6, 5, 6, 5, 4, 6, 5, 5, 2, 5, 3, 4, 4, 3, 5, 4, 5, 3, 2, 6, 3, 5, 2, 2, 2, 6, 5, 6, 6, 5, 6, 2, 5, 5, 6, 6]
    const result = scoreResponse('ecr-r', answers)
    expect(result).toStrictEqual({
      complete: true,
      scores: { anxiety: 4.78, avoidance: 2.33 },
      flags: [],
      quadrant: 'anxious',
    })
  })

  it('definition reverse keys are exactly 9, 11, 20, 22, 26-31, 33-36', () => {
    expect(ecrR.items.filter((i) => i.reverse).map((i) => i.number)).toStrictEqual(ECR_R_REVERSED)
  })

  // Each item individually: from all-4s, set item to 1. A reversed item scores 7 (+3/18 = +0.17),
  // a non-reversed item scores 1 (-0.17); only that item's own dimension moves.
  it.each(range(1, 36).map((n) => [n, ECR_R_REVERSED.includes(n)] as const))('item %i (reversed: %s) keyed and placed correctly', (n, reversed) => {
    const { scores } = scoreResponse('ecr-r', withValue(allFour, n, 1))
    const own = n <= 18 ? 'anxiety' : 'avoidance'
    const other = n <= 18 ? 'avoidance' : 'anxiety'
    expect(scores[own]).toBe(reversed ? 4.17 : 3.83)
    expect(scores[other]).toBe(4)
  })

  it.each([1, 9, 18, 19, 36])('item %i missing → incomplete, no scores, no quadrant', (n) => {
    expect(scoreResponse('ecr-r', withValue<number | null>(allFour, n, null))).toStrictEqual({
      complete: false,
      scores: {},
      flags: [],
    })
  })
})

describe('ECR-RS scoring', () => {
  const allFour = Array<number>(9).fill(4)

  it('published vector [2,3,2,3,5,6,6,5,6] → avoidance 5.50, anxiety 5.67', () => {
    expect(scoreResponse('ecr-rs', [2, 3, 2, 3, 5, 6, 6, 5, 6])).toStrictEqual({
      complete: true,
      scores: { anxiety: 5.67, avoidance: 5.5 },
      flags: [],
      quadrant: 'fearful',
    })
  })

  it('definition reverse keys are exactly items 1-4', () => {
    expect(ecrRs.items.filter((i) => i.reverse).map((i) => i.number)).toStrictEqual(ECR_RS_REVERSED)
  })

  it.each([
    // item, expected { anxiety, avoidance } after setting that item to 1 from all-4s
    [1, 4, 4.5],
    [2, 4, 4.5],
    [3, 4, 4.5],
    [4, 4, 4.5],
    [5, 4, 3.5],
    [6, 4, 3.5],
    [7, 3, 4],
    [8, 3, 4],
    [9, 3, 4],
  ])('item %i set to 1 → anxiety %d, avoidance %d', (n, anxiety, avoidance) => {
    expect(scoreResponse('ecr-rs', withValue(allFour, n, 1)).scores).toStrictEqual({ anxiety, avoidance })
  })

  it.each(range(1, 9))('item %i missing → incomplete', (n) => {
    expect(scoreResponse('ecr-rs', withValue<number | null>(allFour, n, null))).toStrictEqual({
      complete: false,
      scores: {},
      flags: [],
    })
  })

  it('two-decimal rounding of thirds and sixths', () => {
    // anxiety (5+5+6)/3 = 5.333… → 5.33; avoidance (4×5 + 5)/6 = 4.1666… → 4.17
    expect(scoreResponse('ecr-rs', [4, 4, 4, 4, 4, 5, 5, 5, 6]).scores).toStrictEqual({ anxiety: 5.33, avoidance: 4.17 })
  })
})

describe('quadrant boundaries (midpoint 4; exactly 4.00 counts as low)', () => {
  it.each([
    // ECR-RS answers → expected quadrant
    [[4, 4, 4, 4, 4, 4, 4, 4, 4], 4, 4, 'secure'],
    [[4, 4, 4, 4, 4, 4, 4, 4, 5], 4.33, 4, 'anxious'],
    [[4, 4, 4, 4, 5, 4, 4, 4, 4], 4, 4.17, 'avoidant'],
    [[4, 4, 4, 4, 5, 4, 4, 4, 5], 4.33, 4.17, 'fearful'],
    [[4, 4, 4, 4, 4, 4, 4, 4, 3], 3.67, 4, 'secure'],
    [[7, 7, 7, 7, 1, 1, 7, 7, 7], 7, 1, 'anxious'],
    [[1, 1, 1, 1, 7, 7, 1, 1, 1], 1, 7, 'avoidant'],
  ] as const)('ECR-RS %j → anxiety %d, avoidance %d, %s', (answers, anxiety, avoidance, quadrant) => {
    const result = scoreResponse('ecr-rs', [...answers])
    expect(result.scores).toStrictEqual({ anxiety, avoidance })
    expect(result.quadrant).toBe(quadrant)
  })

  it.each([
    [4, 4, 'secure'],
    [4.01, 4, 'anxious'],
    [4, 4.01, 'avoidant'],
    [4.01, 4.01, 'fearful'],
    [3.99, 3.99, 'secure'],
    [1, 1, 'secure'],
    [7, 7, 'fearful'],
  ] as const)('quadrantFor(anxiety %d, avoidance %d) → %s', (anxiety, avoidance, quadrant) => {
    expect(quadrantFor(ecrR.quadrant!, anxiety, avoidance)).toBe(quadrant)
  })

  it('attachment scales never raise risk flags or bands', () => {
    const result = scoreResponse('ecr-r', Array<number>(36).fill(7))
    expect(result.flags).toStrictEqual([])
    expect(result).not.toHaveProperty('band')
  })
})
