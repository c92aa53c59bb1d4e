import { describe, expect, it } from 'vitest'
import { round2, roundTo } from '../../../lib/assessments'

describe('rounding without floating-point error', () => {
  it.each([
    [1.005, 2, 1.01],
    [2.675, 2, 2.68],
    [86 / 18, 2, 4.78],
    [42 / 18, 2, 2.33],
    [17 / 3, 2, 5.67],
    [33 / 6, 2, 5.5],
    [(20 / 9) * 10, 1, 22.2],
    [(19 / 9) * 10, 1, 21.1],
    [(5 / 9) * 10, 1, 5.6],
    [1.45, 1, 1.5],
    [-4.0225, 2, -4.02],
    [-1.005, 2, -1.01],
    [0.1 + 0.2, 2, 0.3],
  ])('roundTo(%d, %i) = %d', (value, decimals, expected) => {
    expect(roundTo(value, decimals)).toBe(expected)
  })

  it('never returns -0', () => {
    expect(Object.is(round2(-0.001), 0)).toBe(true)
  })
})
