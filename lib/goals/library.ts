// The goal library of CLINICAL-FRAME.md: templates a clinician picks and then rewrites with the
// client in the client's own words. Pure (browser, server, unit tests). Texts are the document's,
// word for word; change them there first.
import type { Quadrant } from '@/lib/assessments'

export type GoalDimension = 'anxiety' | 'avoidance' | 'both'

export interface GoalTemplate {
  readonly key: string
  readonly title: string
  /** What progress looks like, as the clinician reads it next to the goal. */
  readonly progress: string
  /** The attachment dimension the goal mainly serves (stored on the goal). */
  readonly dimension: GoalDimension
  /** A qualifier from the document's "mainly" column, e.g. "fearful" for build-safety. */
  readonly note?: string
}

const t = (key: string, title: string, progress: string, dimension: GoalDimension, note?: string): GoalTemplate =>
  Object.freeze(note ? { key, title, progress, dimension, note } : { key, title, progress, dimension })

export const GOAL_TEMPLATES: readonly GoalTemplate[] = Object.freeze([
  t(
    'know-patterns',
    'Notice my attachment patterns',
    'names own triggers (pursuing when a partner is distant, withdrawing when someone gets close), links them to history without shame',
    'both',
  ),
  t(
    'self-regulate',
    'Stay steady when feelings run high',
    'pauses and names the feeling, uses a calming practice, feels discomfort without lashing out or shutting down',
    'anxiety',
  ),
  t(
    'tolerate-uncertainty',
    'Tolerate uncertainty without catastrophising',
    'sits with a late reply or a quiet partner without urgent reassurance-seeking; fewer worst-case stories',
    'anxiety',
  ),
  t(
    'self-worth',
    'Build worth that does not hang on the relationship',
    'steadier self-regard when a partner is critical or absent; less need for constant validation',
    'anxiety',
  ),
  t('inner-voice', 'Rewrite the inner narrative', 'catches harsh self-talk and offers a kinder, realistic reframe', 'anxiety'),
  t('express-needs', 'Ask for what I need, directly', 'states needs and feelings with "I" statements instead of hints, tests or escalation', 'both'),
  t(
    'repair',
    'Stay present in conflict and repair afterwards',
    'takes a break and comes back, apologises, reconnects sooner; conflict no longer means catastrophe',
    'both',
  ),
  t('boundaries', 'Set and respect boundaries', "says no without guilt; hears others' limits without feeling rejected", 'both'),
  t('vulnerability', 'Let safe people see me', 'shares fears and struggles gradually; receives support without shame', 'avoidance'),
  t('reconnect-emotions', 'Reconnect with my feelings and needs', 'notices and names emotions and needs that used to be pushed away', 'avoidance'),
  t(
    'interdependence',
    'Balance closeness and independence',
    'can depend and be depended on; time apart does not feel like threat, closeness does not feel like loss of self',
    'both',
  ),
  t(
    'safe-relationships',
    'Invest in emotionally safe relationships',
    'chooses people who are consistent, warm and repair after hurt; notices red flags',
    'both',
  ),
  t('self-compassion', 'Treat myself with compassion', 'responds to setbacks with kindness instead of self-attack', 'both'),
  t('grieve', 'Grieve what I did not receive', 'acknowledges the care that was missing, feels it, and stops re-enacting the search for it', 'both'),
  t(
    'build-safety',
    'Build safety gradually after trauma',
    'with professional support, tolerates a little more closeness at a time while staying regulated',
    'both',
    'fearful',
  ),
])

export const GOAL_TEMPLATE_KEYS: readonly string[] = Object.freeze(GOAL_TEMPLATES.map((g) => g.key))

const byKey = new Map(GOAL_TEMPLATES.map((g) => [g.key, g]))

export function isGoalTemplateKey(key: unknown): key is string {
  return typeof key === 'string' && byKey.has(key)
}

/** The template for a key, or undefined (a goal written from scratch has none). */
export function getGoalTemplate(key: string | null | undefined): GoalTemplate | undefined {
  return key ? byKey.get(key) : undefined
}

export const GOAL_DIMENSION_LABELS: Readonly<Record<GoalDimension, string>> = Object.freeze({
  anxiety: 'Mainly attachment anxiety',
  avoidance: 'Mainly attachment avoidance',
  both: 'Both dimensions',
})

/** Templates grouped by dimension in the order anxiety, avoidance, both (for a grouped picker). */
export function templatesByDimension(): { dimension: GoalDimension; label: string; templates: GoalTemplate[] }[] {
  return (['anxiety', 'avoidance', 'both'] as const).map((dimension) => ({
    dimension,
    label: GOAL_DIMENSION_LABELS[dimension],
    templates: GOAL_TEMPLATES.filter((g) => g.dimension === dimension),
  }))
}

export interface SuggestedTemplate extends GoalTemplate {
  /** True when the suggestion is to keep up a strength (secure region) rather than build one. */
  readonly maintenance: boolean
}

// "Suggested starting goals by region" in CLINICAL-FRAME.md, in the document's order.
const SUGGESTIONS: Readonly<Record<Quadrant, readonly string[]>> = Object.freeze({
  anxious: ['self-regulate', 'tolerate-uncertainty', 'self-worth', 'express-needs'],
  avoidant: ['reconnect-emotions', 'vulnerability', 'interdependence', 'express-needs'],
  fearful: ['build-safety', 'self-regulate', 'vulnerability', 'self-compassion'],
  secure: ['repair', 'boundaries'],
})
const MAINTENANCE: Readonly<Partial<Record<Quadrant, readonly string[]>>> = Object.freeze({ secure: ['boundaries'] })

/**
 * Starting goals the product may suggest for a region of the anxiety × avoidance plane. A
 * suggestion for the clinician only: nothing here is ever applied to a client by itself.
 * An unknown region suggests nothing.
 */
export function suggestedTemplates(quadrant: Quadrant | string | null | undefined): SuggestedTemplate[] {
  const keys = quadrant && Object.hasOwn(SUGGESTIONS, quadrant) ? SUGGESTIONS[quadrant as Quadrant] : []
  const maintenance = quadrant ? (MAINTENANCE[quadrant as Quadrant] ?? []) : []
  return keys.map((key) => ({ ...byKey.get(key)!, maintenance: maintenance.includes(key) }))
}
