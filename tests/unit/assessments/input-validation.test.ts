import { describe, expect, it } from 'vitest'
import { ScoringInputError, getInstrument, scoreResponse, type InstrumentId } from '../../../lib/assessments'

const valid: Record<InstrumentId, number[]> = {
  phq9: Array<number>(9).fill(1),
  gad7: Array<number>(7).fill(1),
  core10: Array<number>(10).fill(1),
  'ecr-r': Array<number>(36).fill(4),
  'ecr-rs': Array<number>(9).fill(4),
}

function set(id: InstrumentId, item: number, value: unknown): (number | null)[] {
  const answers: unknown[] = [...valid[id]]
  answers[item - 1] = value
  return answers as (number | null)[]
}

describe('out-of-range answers throw ScoringInputError', () => {
  it('uses a clear message naming instrument, item, value and range', () => {
    expect(() => scoreResponse('phq9', set('phq9', 3, 4))).toThrow(new ScoringInputError('PHQ-9 item 3: 4 is outside 0-3'))
  })

  it.each([
    ['phq9', 1, -1, 'PHQ-9 item 1: -1 is outside 0-3'],
    ['phq9', 9, 4, 'PHQ-9 item 9: 4 is outside 0-3'],
    ['gad7', 1, -1, 'GAD-7 item 1: -1 is outside 0-3'],
    ['gad7', 7, 4, 'GAD-7 item 7: 4 is outside 0-3'],
    ['core10', 1, -1, 'CORE-10 item 1: -1 is outside 0-4'],
    ['core10', 10, 5, 'CORE-10 item 10: 5 is outside 0-4'],
    ['core10', 2, 5, 'CORE-10 item 2: 5 is outside 0-4'],
    ['ecr-r', 1, 0, 'ECR-R item 1: 0 is outside 1-7'],
    ['ecr-r', 36, 8, 'ECR-R item 36: 8 is outside 1-7'],
    ['ecr-rs', 1, 0, 'ECR-RS item 1: 0 is outside 1-7'],
    ['ecr-rs', 9, 8, 'ECR-RS item 9: 8 is outside 1-7'],
  ] as const)('%s item %i = %i', (id, item, value, message) => {
    expect(() => scoreResponse(id, set(id, item, value))).toThrow(ScoringInputError)
    expect(() => scoreResponse(id, set(id, item, value))).toThrow(message)
  })

  it.each([
    ['phq9', 2, 1.5],
    ['core10', 4, 2.5],
    ['ecr-r', 5, 4.5],
    ['ecr-rs', 3, 0.1],
  ] as const)('%s item %i = %d (not an integer) throws', (id, item, value) => {
    expect(() => scoreResponse(id, set(id, item, value))).toThrow(/is not a whole number/)
  })

  it.each([
    ['NaN', Number.NaN],
    ['undefined', undefined],
    ['a string', '2'],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('%s as an answer throws', (_, value) => {
    expect(() => scoreResponse('phq9', set('phq9', 5, value))).toThrow(ScoringInputError)
  })

  it('a sparse array (hole) throws rather than being read as unanswered', () => {
    const sparse: (number | null)[] = new Array<number | null>(9)
    expect(() => scoreResponse('phq9', sparse)).toThrow(/use null for an unanswered item/)
  })

  it('the lowest and highest in-range values are accepted', () => {
    expect(scoreResponse('phq9', Array<number>(9).fill(0)).complete).toBe(true)
    expect(scoreResponse('ecr-r', Array<number>(36).fill(1)).complete).toBe(true)
    expect(scoreResponse('ecr-r', Array<number>(36).fill(7)).complete).toBe(true)
  })
})

describe('wrong-length arrays throw', () => {
  it.each([
    ['phq9', 8, 'PHQ-9 expects 9 answers, got 8'],
    // The PHQ-9 difficulty follow-up is not part of the answers array.
    ['phq9', 10, 'PHQ-9 expects 9 answers, got 10'],
    ['gad7', 9, 'GAD-7 expects 7 answers, got 9'],
    ['core10', 9, 'CORE-10 expects 10 answers, got 9'],
    ['ecr-r', 35, 'ECR-R expects 36 answers, got 35'],
    ['ecr-rs', 36, 'ECR-RS expects 9 answers, got 36'],
    ['phq9', 0, 'PHQ-9 expects 9 answers, got 0'],
  ] as const)('%s with %i answers', (id, length, message) => {
    const answers = Array<number>(length).fill(1)
    expect(() => scoreResponse(id, answers)).toThrow(new ScoringInputError(message))
  })

  it('a non-array throws', () => {
    expect(() => scoreResponse('phq9', 'oops' as unknown as number[])).toThrow(ScoringInputError)
    expect(() => scoreResponse('phq9', null as unknown as number[])).toThrow(/answers must be an array/)
  })
})

describe('unknown instrument ids throw', () => {
  it.each(['phq-9', 'PHQ9', '', 'goal-progress', 'ecr', 'toString'])('%j', (id) => {
    expect(() => scoreResponse(id as InstrumentId, [1, 1, 1])).toThrow(ScoringInputError)
    expect(() => scoreResponse(id as InstrumentId, [1, 1, 1])).toThrow(/Unknown instrument id/)
    expect(() => getInstrument(id as InstrumentId)).toThrow(/Unknown instrument id/)
  })

  it('ScoringInputError is an Error with its own name', () => {
    try {
      scoreResponse('nope' as InstrumentId, [])
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(Error)
      expect(error).toBeInstanceOf(ScoringInputError)
      expect((error as Error).name).toBe('ScoringInputError')
    }
  })
})
