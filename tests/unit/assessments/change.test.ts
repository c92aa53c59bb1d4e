import { describe, expect, it } from 'vitest'
import {
  ATTACHMENT_RELIABLE_CHANGE,
  ScoringInputError,
  changeCategory,
  changeCategoryForScores,
  clinicalCutoffC,
  jacobsonTruaxCategory,
  reliableChangeCriterion,
  reliableChangeIndex,
  round2,
  scoreResponse,
  standardErrorOfDifference,
  type InstrumentId,
} from '../../../lib/assessments'

describe('Jacobson–Truax worked example (CORE-OM item means, Evans, Margison & Barkham 1998)', () => {
  const params = { sd1: 0.53, reliability: 0.89 }
  const c = clinicalCutoffC({ mFun: 0.72, sdFun: 0.57, mDys: 1.81, sdDys: 0.53 })

  it('SEdiff 0.2486', () => expect(standardErrorOfDifference(params)).toBeCloseTo(0.2486, 4))
  it('reliable-change criterion 0.487', () => expect(reliableChangeCriterion(params)).toBeCloseTo(0.487, 3))
  it('cutoff c 1.285', () => expect(c).toBeCloseTo(1.285, 3))
  it('2.10 → 1.10 has RCI -4.02', () => expect(round2(reliableChangeIndex(params, 2.1, 1.1))).toBe(-4.02))
  it('2.10 → 1.10 is recovered', () => {
    expect(jacobsonTruaxCategory({ ...params, cutoff: c }, 2.1, 1.1)).toBe('recovered')
  })

  it.each([
    [2.1, 1.62, 'no reliable change'], // drop 0.48 < 0.487
    [2.1, 1.6, 'improved'], // drop 0.50, still above c
    [1.5, 1.0, 'recovered'], // crosses c with reliable drop
    [1.2, 0.6, 'improved'], // reliable drop but started below c
    [1.0, 1.48, 'no reliable change'],
    [1.0, 1.5, 'deteriorated'],
  ] as const)('%d → %d: %s', (x1, x2, category) => {
    expect(jacobsonTruaxCategory({ ...params, cutoff: c }, x1, x2)).toBe(category)
  })

  it('without a cutoff a reliable improvement is never "recovered"', () => {
    expect(jacobsonTruaxCategory(params, 2.1, 1.1)).toBe('improved')
  })

  it('higher-is-better direction mirrors the categories', () => {
    expect(jacobsonTruaxCategory({ ...params, direction: 'higher-is-better' }, 1.1, 2.1)).toBe('improved')
    expect(jacobsonTruaxCategory({ ...params, direction: 'higher-is-better' }, 2.1, 1.1)).toBe('deteriorated')
  })

  it.each([
    [{ sd1: 0, reliability: 0.9 }],
    [{ sd1: -1, reliability: 0.9 }],
    [{ sd1: 1, reliability: 1 }],
    [{ sd1: 1, reliability: -0.1 }],
    [{ sd1: Number.NaN, reliability: 0.9 }],
  ])('invalid parameters %j throw', (bad) => {
    expect(() => standardErrorOfDifference(bad)).toThrow(ScoringInputError)
  })

  it('invalid population parameters throw', () => {
    expect(() => clinicalCutoffC({ mFun: 1, sdFun: 0, mDys: 2, sdDys: 1 })).toThrow(ScoringInputError)
  })
})

describe('changeCategory with published point thresholds', () => {
  it.each([
    // PHQ-9: threshold 6, cutoff 10
    ['phq9', 15, 9, 'recovered'],
    ['phq9', 15, 10, 'no reliable change'],
    ['phq9', 16, 10, 'improved'], // reliable drop, but latest not below 10
    ['phq9', 10, 4, 'recovered'], // baseline exactly at cutoff counts as caseness
    ['phq9', 10, 5, 'no reliable change'],
    ['phq9', 9, 3, 'improved'], // baseline below cutoff: never recovered
    ['phq9', 27, 0, 'recovered'],
    ['phq9', 12, 12, 'no reliable change'],
    ['phq9', 5, 10, 'no reliable change'],
    ['phq9', 5, 11, 'deteriorated'],
    ['phq9', 0, 27, 'deteriorated'],
    // GAD-7: threshold 4, cutoff 8
    ['gad7', 11, 7, 'recovered'],
    ['gad7', 11, 8, 'no reliable change'],
    ['gad7', 12, 8, 'improved'],
    ['gad7', 8, 4, 'recovered'],
    ['gad7', 7, 3, 'improved'],
    ['gad7', 3, 6, 'no reliable change'],
    ['gad7', 3, 7, 'deteriorated'],
    // CORE-10: threshold 6, cutoff 11 (pro-rated scores may have one decimal)
    ['core10', 16, 10, 'recovered'],
    ['core10', 16, 10.1, 'no reliable change'],
    ['core10', 17, 11, 'improved'],
    ['core10', 17, 10.9, 'recovered'],
    ['core10', 11, 5, 'recovered'],
    ['core10', 10.9, 4.9, 'improved'],
    ['core10', 22.2, 16.2, 'improved'], // 22.2 - 16.2 is 6.000000000000002 in floating point
    ['core10', 16.2, 22.2, 'deteriorated'],
    ['core10', 11.2, 5.2, 'recovered'], // 11.2 - 5.2 is 5.999999999999999 in floating point
    ['core10', 10.2, 4.2, 'improved'],
    ['core10', 2.2, 8.2, 'deteriorated'], // 8.2 - 2.2 is 5.999999999999999
    ['core10', 4, 9.9, 'no reliable change'],
    ['core10', 4, 10, 'deteriorated'],
  ] as const)('%s %d → %d: %s', (id, baseline, latest, category) => {
    expect(changeCategory(id, baseline, latest)).toBe(category)
  })
})

describe('changeCategory for attachment scales (product-configured RCI criterion)', () => {
  it('configured criterion is SD 1.0, reliability .90 → ≈ 0.88', () => {
    expect(ATTACHMENT_RELIABLE_CHANGE).toMatchObject({ kind: 'reliable-change-index', sd1: 1, reliability: 0.9 })
    expect(ATTACHMENT_RELIABLE_CHANGE).not.toHaveProperty('clinicalCutoff')
    expect(round2(reliableChangeCriterion(ATTACHMENT_RELIABLE_CHANGE))).toBe(0.88)
  })

  it.each([
    ['ecr-r', 4, 3.12, 'improved'],
    ['ecr-r', 4, 3.13, 'no reliable change'],
    ['ecr-r', 3, 3.88, 'deteriorated'],
    ['ecr-r', 3, 3.87, 'no reliable change'],
    ['ecr-r', 6.5, 1, 'improved'], // huge drop across the midpoint: still never 'recovered'
    ['ecr-rs', 5.67, 4.5, 'improved'],
    ['ecr-rs', 5.5, 4.67, 'no reliable change'],
    ['ecr-rs', 2, 7, 'deteriorated'],
  ] as const)('%s %d → %d: %s', (id, baseline, latest, category) => {
    expect(changeCategory(id, baseline, latest)).toBe(category)
    expect(changeCategory(id, baseline, latest, 'anxiety')).toBe(category)
    expect(changeCategory(id, baseline, latest, 'avoidance')).toBe(category)
  })
})

describe('changeCategoryForScores', () => {
  it('per-score-key categories for attachment scales', () => {
    expect(changeCategoryForScores('ecr-r', { anxiety: 4.78, avoidance: 2.33 }, { anxiety: 3.5, avoidance: 2.4 })).toStrictEqual({
      anxiety: 'improved',
      avoidance: 'no reliable change',
    })
  })

  it('works directly on scoreResponse output', () => {
    const baseline = scoreResponse('phq9', [2, 2, 2, 2, 2, 2, 2, 1, 0]).scores // 15
    const latest = scoreResponse('phq9', [1, 1, 1, 1, 1, 1, 1, 1, 0]).scores // 8
    expect(changeCategoryForScores('phq9', baseline, latest)).toStrictEqual({ total: 'recovered' })
  })

  it('throws for a missing or unknown score key (incomplete responses are not compared)', () => {
    expect(() => changeCategoryForScores('phq9', {}, { total: 3 })).toThrow(ScoringInputError)
    expect(() => changeCategoryForScores('ecr-rs', { anxiety: 4 }, { anxiety: 3, avoidance: 3 })).toThrow(/avoidance/)
    expect(() => changeCategoryForScores('phq9', { total: 3, extra: 1 }, { total: 3 })).toThrow(/no score "extra"/)
  })
})

describe('changeCategory input errors', () => {
  it.each([
    ['phq9', 28, 3],
    ['phq9', 3, -1],
    ['gad7', 22, 0],
    ['core10', 40.1, 0],
    ['ecr-r', 0.99, 4],
    ['ecr-rs', 4, 7.01],
    ['phq9', Number.NaN, 3],
  ] as const)('%s %d → %d throws', (id, baseline, latest) => {
    expect(() => changeCategory(id, baseline, latest)).toThrow(ScoringInputError)
  })

  it('unknown instrument and unknown score key throw', () => {
    expect(() => changeCategory('bdi' as InstrumentId, 10, 5)).toThrow(/Unknown instrument id/)
    expect(() => changeCategory('phq9', 10, 5, 'anxiety')).toThrow(/PHQ-9 has no score "anxiety"/)
  })
})
