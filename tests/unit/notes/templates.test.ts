import { describe, expect, it } from 'vitest'
import { convertBody, emptyBody, isBodyEmpty, MAX_SECTION_CHARS, NOTE_FORMATS, NOTE_TEMPLATES, validateBody } from '../../../lib/notes/templates'
import { groupSigns, isSignKey, SIGN_GROUPS, SIGN_KEYS, signLabel, sortSigns } from '../../../lib/notes/signs'
import { latestTodayIso, noteFieldErrors, noteInput, noteSaveInput } from '../../../lib/validation/note'
import { buildScoreSnapshot, changeCategoryText, formatScore, parseScoreSnapshot, type SnapshotResponse } from '../../../lib/notes/snapshot'
import { itemAt } from '../../fixtures/item-at'

const GOAL = '3f0b8a52-7d1e-4c1a-9a51-6f8a2b1c0d11'
const GOAL2 = '9b7e1c44-2a3d-4f5e-8a6b-0c1d2e3f4a5b'

describe('note templates', () => {
  it('give each format its headed sections, and an empty body with exactly those keys', () => {
    expect(NOTE_TEMPLATES.FREE.sections.map((s) => s.key)).toEqual(['text'])
    expect(NOTE_TEMPLATES.DAP.sections.map((s) => s.heading)).toEqual(['Data', 'Assessment', 'Plan'])
    expect(NOTE_TEMPLATES.SOAP.sections.map((s) => s.heading)).toEqual(['Subjective', 'Objective', 'Assessment', 'Plan'])
    for (const f of NOTE_FORMATS) {
      for (const s of NOTE_TEMPLATES[f].sections) expect(s.hint.length).toBeGreaterThan(10)
      expect(Object.keys(emptyBody(f))).toEqual(NOTE_TEMPLATES[f].sections.map((s) => s.key))
      expect(isBodyEmpty(emptyBody(f))).toBe(true)
    }
    expect(isBodyEmpty({ text: '  \n ' })).toBe(true)
    expect(isBodyEmpty({ data: '', plan: 'x' })).toBe(false)
  })

  it('validate a body: missing sections are empty, unknown sections and overlong text are refused', () => {
    expect(validateBody('DAP', { data: 'd' })).toEqual({ ok: true, body: { data: 'd', assessment: '', plan: '' } })
    expect(validateBody('FREE', { text: 'x'.repeat(MAX_SECTION_CHARS) }).ok).toBe(true)
    const long = validateBody('SOAP', { plan: 'x'.repeat(MAX_SECTION_CHARS + 1) })
    expect(long).toEqual({ ok: false, errors: { plan: expect.stringContaining('the limit is 20,000') } })
    expect(validateBody('FREE', { text: 'a', data: 'b' })).toEqual({ ok: false, errors: { form: expect.stringContaining('“data”') } })
    expect(validateBody('DAP', { data: 3 })).toEqual({ ok: false, errors: { data: 'Data must be text.' } })
    expect(validateBody('DAP', 'text').ok).toBe(false)
    expect(validateBody('DAP', null).ok).toBe(false)
    expect(validateBody('DAP', ['x']).ok).toBe(false)
  })

  it('change format without losing text', () => {
    const dap = { data: 'Said X', assessment: 'Pattern Y', plan: 'Try Z' }
    expect(convertBody(dap, 'DAP', 'SOAP')).toEqual({ subjective: 'Data\nSaid X', objective: '', assessment: 'Pattern Y', plan: 'Try Z' })
    expect(convertBody(dap, 'DAP', 'FREE')).toEqual({ text: 'Data\nSaid X\n\nAssessment\nPattern Y\n\nPlan\nTry Z' })
    expect(convertBody({ text: 'free words' }, 'FREE', 'DAP')).toEqual({ data: 'free words', assessment: '', plan: '' })
    expect(convertBody({ subjective: '', objective: 'calm', assessment: 'a', plan: '' }, 'SOAP', 'DAP')).toEqual({
      data: 'Objective\ncalm',
      assessment: 'a',
      plan: '',
    })
    expect(convertBody({ text: 'same' }, 'FREE', 'FREE')).toEqual({ text: 'same' })
  })
})

describe('signs of movement toward security', () => {
  it('are the CLINICAL-FRAME checklist in four groups with unique keys', () => {
    expect(SIGN_GROUPS.map((g) => g.key)).toEqual(['behaviour', 'emotion', 'thinking', 'relationships'])
    expect(SIGN_KEYS).toHaveLength(15)
    expect(new Set(SIGN_KEYS).size).toBe(SIGN_KEYS.length)
    expect(isSignKey('more-trust')).toBe(true)
    expect(isSignKey('made-up')).toBe(false)
    expect(signLabel('less-catastrophising')).toBe('Less catastrophising')
    expect(signLabel('retired-key')).toBe('retired-key')
  })

  it('sort into checklist order without duplicates, and group for display', () => {
    expect(sortSigns(['intimacy-comfortable', 'more-trust', 'communicates-openly', 'more-trust'])).toEqual([
      'communicates-openly',
      'more-trust',
      'intimacy-comfortable',
    ])
    expect(groupSigns(['more-trust', 'steadier-moods']).map((g) => [g.label, g.signs.map((s) => s.label)])).toEqual([
      ['Emotion', ['More trust', 'Steadier moods']],
    ])
  })
})

describe('note input validation', () => {
  const base = { sessionDate: '2026-03-02', format: 'DAP', body: { data: 'd' }, goals: [], signs: [] }

  it('accepts a valid note and normalises it', () => {
    const v = noteInput.parse({ ...base, goals: [{ goalId: GOAL, rating: 7, comment: '  steady  ' }], signs: ['more-trust', 'communicates-openly'] })
    expect(v.sessionDate).toEqual(new Date('2026-03-02T00:00:00Z'))
    expect(v.body).toEqual({ data: 'd', assessment: '', plan: '' })
    expect(v.goals).toEqual([{ goalId: GOAL, rating: 7, comment: 'steady' }])
    expect(v.signs).toEqual(['communicates-openly', 'more-trust'])
    expect(noteInput.parse({ ...base, goals: [{ goalId: GOAL }] }).goals).toEqual([{ goalId: GOAL, rating: null, comment: '' }])
  })

  it('refuses a future session date, but accepts today anywhere on Earth', () => {
    const tomorrowPlus = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)
    const r = noteInput.safeParse({ ...base, sessionDate: tomorrowPlus })
    expect(r.success).toBe(false)
    expect(noteFieldErrors(r.error!, {})).toEqual({ sessionDate: 'The session date cannot be in the future.' })
    expect(noteInput.safeParse({ ...base, sessionDate: latestTodayIso() }).success).toBe(true)
    expect(noteInput.safeParse({ ...base, sessionDate: '2026-02-30' }).success).toBe(false)
    expect(noteInput.safeParse({ ...base, sessionDate: '' }).success).toBe(false)
  })

  it('keys errors by field, section and goal id', () => {
    const raw = {
      ...base,
      format: 'SOAP',
      body: { plan: 'x'.repeat(20_001) },
      goals: [
        { goalId: GOAL, rating: 11, comment: '' },
        { goalId: GOAL2, rating: 2.5, comment: 'x'.repeat(501) },
      ],
      signs: ['nonsense'],
    }
    const r = noteInput.safeParse(raw)
    expect(r.success).toBe(false)
    const errors = noteFieldErrors(r.error!, raw)
    expect(errors[`goals.${GOAL}.rating`]).toBe('Rate progress from 0 to 10.')
    expect(errors[`goals.${GOAL2}.rating`]).toBe('Rate progress with a whole number from 0 to 10.')
    expect(errors[`goals.${GOAL2}.comment`]).toBe('Keep the comment to 500 characters or fewer.')
    expect(errors.signs).toBe('Choose signs from the checklist.')
  })

  it('refuses duplicate goals, bad ids, unknown formats and unknown fields', () => {
    const dup = noteInput.safeParse({ ...base, goals: [{ goalId: GOAL }, { goalId: GOAL.toUpperCase() }] })
    expect(dup.success).toBe(false)
    expect(noteInput.safeParse({ ...base, goals: [{ goalId: 'x' }] }).success).toBe(false)
    expect(noteInput.safeParse({ ...base, format: 'HTML' }).success).toBe(false)
    expect(noteInput.safeParse({ ...base, authorId: GOAL }).success).toBe(false)
    const body = noteInput.safeParse({ ...base, body: { data: 'd', html: '<b>' } })
    expect(noteFieldErrors(body.error!, {})).toEqual({ body: expect.stringContaining('no “html” section') })
    const longBody = noteInput.safeParse({ ...base, body: { assessment: 'x'.repeat(20_001) } })
    expect(Object.keys(noteFieldErrors(longBody.error!, {}))).toEqual(['body.assessment'])
  })

  it('a save names the version it edited', () => {
    expect(noteSaveInput.safeParse(base).success).toBe(false)
    expect(noteSaveInput.safeParse({ ...base, expectedVersion: 0 }).success).toBe(false)
    expect(noteSaveInput.parse({ ...base, expectedVersion: 3 }).expectedVersion).toBe(3)
  })
})

describe('score snapshot shaping', () => {
  const episode = { episodeStart: '2026-01-01', episodeFrom: new Date('2026-01-01T00:00:00Z') }
  const r = (instrumentId: string, scores: Record<string, number>, at: string, extra: Partial<SnapshotResponse> = {}): SnapshotResponse => ({
    instrumentId,
    relationshipTarget: null,
    complete: true,
    scores,
    band: null,
    submittedAt: new Date(at),
    ...extra,
  })

  it('takes baseline (first in the episode) and latest per instrument and score, in display order', () => {
    const s = buildScoreSnapshot(
      [
        r('ecr-r', { anxiety: 5.2, avoidance: 2.0 }, '2026-01-10T09:00:00Z'),
        r('gad7', { total: 15 }, '2025-12-01T09:00:00Z', { band: 'severe' }), // before the episode
        r('phq9', { total: 9 }, '2026-03-01T09:00:00Z', { band: 'mild' }),
        r('phq9', { total: 20 }, '2026-01-02T09:00:00Z', { band: 'severe' }),
        r('phq9', { total: 2 }, '2026-04-01T09:00:00Z', { complete: false, band: 'minimal' }),
        r('ecr-r', { anxiety: 3.1, avoidance: 2.1 }, '2026-03-10T09:00:00Z'),
        r('goal-progress', { total: 5 }, '2026-03-10T09:00:00Z'),
      ],
      episode,
      new Date('2026-03-15T12:00:00Z'),
    )
    expect(s.version).toBe(1)
    expect(s.takenAt).toBe('2026-03-15T12:00:00.000Z')
    expect(s.episodeStart).toBe('2026-01-01')
    expect(s.instruments.map((e) => [e.label, e.baseline.value, e.latest.value, e.latest.band, e.category, e.count])).toEqual([
      ['PHQ-9', 20, 9, 'mild', 'recovered', 2],
      ['ECR-R anxiety', 5.2, 3.1, null, 'improved', 2],
      ['ECR-R avoidance', 2.0, 2.1, null, 'no reliable change', 2],
    ])
    expect(itemAt(s.instruments, 0).baseline.date).toBe('2026-01-02T09:00:00.000Z')
  })

  it('keeps each ECR-RS relationship a separate series, and a single score is a baseline only', () => {
    const s = buildScoreSnapshot(
      [
        r('ecr-rs', { anxiety: 6, avoidance: 2 }, '2026-01-05T09:00:00Z', { relationshipTarget: 'your romantic partner' }),
        r('ecr-rs', { anxiety: 2, avoidance: 5 }, '2026-01-06T09:00:00Z', { relationshipTarget: 'your mother' }),
        r('gad7', { total: 12 }, '2026-01-06T09:00:00Z', { band: 'moderate' }),
      ],
      episode,
      new Date('2026-02-01T00:00:00Z'),
    )
    expect(s.instruments.map((e) => [e.label, e.relationshipTarget, e.category])).toEqual([
      ['GAD-7', null, null],
      ['ECR-RS anxiety', 'your mother', null],
      ['ECR-RS avoidance', 'your mother', null],
      ['ECR-RS anxiety', 'your romantic partner', null],
      ['ECR-RS avoidance', 'your romantic partner', null],
    ])
    expect(changeCategoryText(null)).toMatch(/Baseline only/)
    expect(changeCategoryText('deteriorated')).toBe('Reliably worse')
    expect(formatScore({ scoreKey: 'anxiety' }, 2)).toBe('2.00')
    expect(formatScore({ scoreKey: 'total' }, 12)).toBe('12')
  })

  it('an empty episode gives an empty snapshot; stored snapshots are parsed, not trusted', () => {
    const empty = buildScoreSnapshot([], episode, new Date('2026-02-01T00:00:00Z'))
    expect(empty.instruments).toEqual([])
    const s = buildScoreSnapshot([r('phq9', { total: 12 }, '2026-01-05T09:00:00Z', { band: 'moderate' })], episode, new Date('2026-02-01T00:00:00Z'))
    expect(parseScoreSnapshot(JSON.parse(JSON.stringify(s)))).toEqual(s)
    expect(parseScoreSnapshot(null)).toBeNull()
    expect(parseScoreSnapshot({ version: 2, takenAt: s.takenAt, instruments: [] })).toBeNull()
    expect(parseScoreSnapshot({ ...s, instruments: [{ ...s.instruments[0], baseline: { value: '<b>12</b>', date: 'x' } }] })).toBeNull()
    expect(parseScoreSnapshot({ ...s, instruments: [{ ...s.instruments[0], category: 'made up' }] })?.instruments[0]?.category).toBeNull()
  })
})
