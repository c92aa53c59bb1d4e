import { describe, expect, it } from 'vitest'
import { GOAL_TEMPLATES, GOAL_TEMPLATE_KEYS, getGoalTemplate, isGoalTemplateKey, suggestedTemplates, templatesByDimension } from '../../../lib/goals/library'
import { goalCreateInput, goalUpdateInput } from '../../../lib/validation/goal'
import { fieldErrors } from '../../../lib/actions/result'

describe('goal library (CLINICAL-FRAME.md)', () => {
  it('holds the 15 templates in the document order with their dimensions', () => {
    expect(GOAL_TEMPLATES.map((t) => [t.key, t.dimension])).toStrictEqual([
      ['know-patterns', 'both'],
      ['self-regulate', 'anxiety'],
      ['tolerate-uncertainty', 'anxiety'],
      ['self-worth', 'anxiety'],
      ['inner-voice', 'anxiety'],
      ['express-needs', 'both'],
      ['repair', 'both'],
      ['boundaries', 'both'],
      ['vulnerability', 'avoidance'],
      ['reconnect-emotions', 'avoidance'],
      ['interdependence', 'both'],
      ['safe-relationships', 'both'],
      ['self-compassion', 'both'],
      ['grieve', 'both'],
      ['build-safety', 'both'],
    ])
    expect(new Set(GOAL_TEMPLATE_KEYS).size).toBe(15)
  })

  it('keeps the titles and "progress looks like" texts word for word', () => {
    expect(getGoalTemplate('self-regulate')).toMatchObject({
      title: 'Stay steady when feelings run high',
      progress: 'pauses and names the feeling, uses a calming practice, feels discomfort without lashing out or shutting down',
    })
    expect(getGoalTemplate('express-needs')?.progress).toBe('states needs and feelings with "I" statements instead of hints, tests or escalation')
    expect(getGoalTemplate('boundaries')?.progress).toBe("says no without guilt; hears others' limits without feeling rejected")
    expect(getGoalTemplate('build-safety')).toMatchObject({ title: 'Build safety gradually after trauma', dimension: 'both', note: 'fearful' })
    for (const t of GOAL_TEMPLATES) {
      expect(t.title.length).toBeGreaterThanOrEqual(3)
      expect(t.title.length).toBeLessThanOrEqual(200)
      expect(Object.isFrozen(t)).toBe(true)
    }
  })

  it('looks keys up strictly', () => {
    expect(isGoalTemplateKey('repair')).toBe(true)
    expect(isGoalTemplateKey('Repair')).toBe(false)
    expect(isGoalTemplateKey('toString')).toBe(false)
    expect(getGoalTemplate(null)).toBeUndefined()
    expect(getGoalTemplate('')).toBeUndefined()
    expect(getGoalTemplate('nope')).toBeUndefined()
  })

  it('groups templates by dimension for the picker, every template once', () => {
    const groups = templatesByDimension()
    expect(groups.map((g) => [g.dimension, g.templates.length])).toStrictEqual([
      ['anxiety', 4],
      ['avoidance', 2],
      ['both', 9],
    ])
    expect(groups.flatMap((g) => g.templates.map((t) => t.key)).sort()).toStrictEqual([...GOAL_TEMPLATE_KEYS].sort())
  })
})

describe('suggestedTemplates', () => {
  const keys = (q: string | null) => suggestedTemplates(q).map((t) => t.key)

  it('follows the region lists of the document, in order', () => {
    expect(keys('anxious')).toStrictEqual(['self-regulate', 'tolerate-uncertainty', 'self-worth', 'express-needs'])
    expect(keys('avoidant')).toStrictEqual(['reconnect-emotions', 'vulnerability', 'interdependence', 'express-needs'])
    expect(keys('fearful')).toStrictEqual(['build-safety', 'self-regulate', 'vulnerability', 'self-compassion'])
    expect(keys('secure')).toStrictEqual(['repair', 'boundaries'])
  })

  it('marks boundaries as maintenance in the secure region only', () => {
    expect(suggestedTemplates('secure').map((t) => [t.key, t.maintenance])).toStrictEqual([
      ['repair', false],
      ['boundaries', true],
    ])
    for (const q of ['anxious', 'avoidant', 'fearful']) expect(suggestedTemplates(q).every((t) => !t.maintenance)).toBe(true)
  })

  it('carries the full template so the add form can pre-fill it', () => {
    expect(suggestedTemplates('anxious')[0]).toMatchObject({ key: 'self-regulate', title: 'Stay steady when feelings run high', dimension: 'anxiety' })
  })

  it('suggests nothing for an unknown or missing region', () => {
    expect(keys(null)).toStrictEqual([])
    expect(keys('dismissive')).toStrictEqual([])
    expect(keys('constructor')).toStrictEqual([])
  })
})

describe('goal form validation', () => {
  it('accepts a library key or empty (written from scratch), trims the wording, defaults to active', () => {
    expect(goalCreateInput.parse({ templateKey: 'repair', title: '  Come back after a row  ' })).toStrictEqual({
      templateKey: 'repair',
      title: 'Come back after a row',
      status: 'ACTIVE',
    })
    expect(goalCreateInput.parse({ templateKey: '', title: 'Text Sam back', status: 'PAUSED' })).toMatchObject({ templateKey: null, status: 'PAUSED' })
    expect(goalCreateInput.parse({ title: 'Text Sam back' }).templateKey).toBeNull()
  })

  it('explains each problem next to its field', () => {
    const r = goalCreateInput.safeParse({ templateKey: 'cure-everything', title: ' a ', status: 'DONE' })
    expect(r.success).toBe(false)
    expect(fieldErrors(r.error!)).toStrictEqual({
      templateKey: 'Choose a goal from the library, or write your own.',
      title: "Write the goal in the client's words (at least 3 characters).",
      status: 'Choose active, paused or achieved.',
    })
    expect(fieldErrors(goalCreateInput.safeParse({ title: 'x'.repeat(201) }).error!).title).toBe('Keep the goal to 200 characters or fewer.')
    expect(goalCreateInput.safeParse({ title: 'x'.repeat(200) }).success).toBe(true)
  })

  it('updates take either field, and nothing unknown', () => {
    expect(goalUpdateInput.parse({ status: 'ACHIEVED' })).toStrictEqual({ status: 'ACHIEVED' })
    expect(goalUpdateInput.parse({ title: ' New words ' })).toStrictEqual({ title: 'New words' })
    expect(goalUpdateInput.safeParse({ title: 'ok words', clientId: 'x' }).success).toBe(false)
    expect(goalUpdateInput.safeParse({ title: '  ' }).success).toBe(false)
  })
})
