import { defineInstrument, makeItems, rItems } from './define'
import type { Anchor, Licence, QuadrantRule, ReliableChangeIndexRule } from './types'

export const AGREEMENT_ANCHORS_1_TO_7: readonly Anchor[] = [
  { value: 1, label: 'Strongly disagree' },
  { value: 2, label: 'Disagree' },
  { value: 3, label: 'Slightly disagree' },
  { value: 4, label: 'Neutral / mixed' },
  { value: 5, label: 'Slightly agree' },
  { value: 6, label: 'Agree' },
  { value: 7, label: 'Strongly agree' },
]

/**
 * PRODUCT CONFIGURATION, not a published norm. INSTRUMENTS.md gives no clinical cutoff, point
 * threshold or norms for ECR-R / ECR-RS, so reliable change on each dimension uses the
 * Jacobson–Truax RCI with an assumed SD of 1.0 and reliability .90:
 *   SEdiff = 1.0 × √2 × √(1 − .90) ≈ 0.447; criterion = 1.96 × SEdiff ≈ 0.88 scale points.
 * No cutoff exists, so an attachment score is never classed 'recovered'.
 * Revisit if the practice adopts published norms for its population.
 */
export const ATTACHMENT_RELIABLE_CHANGE: ReliableChangeIndexRule = {
  kind: 'reliable-change-index',
  sd1: 1.0,
  reliability: 0.9,
  source:
    'Product configuration (no published norms in INSTRUMENTS.md): Jacobson–Truax RCI with SD 1.0, reliability .90 → criterion ≈ 0.88; no clinical cutoff, so never "recovered".',
}

export const ATTACHMENT_QUADRANT: QuadrantRule = {
  midpoint: 4,
  anxietyKey: 'anxiety',
  avoidanceKey: 'avoidance',
  descriptors: {
    secure: 'Secure (low anxiety, low avoidance)',
    anxious: 'Anxious / preoccupied (high anxiety, low avoidance)',
    avoidant: 'Avoidant / dismissing (low anxiety, high avoidance)',
    fearful: 'Fearful-avoidant / disorganized (high anxiety, high avoidance)',
  },
  note: 'A descriptor of where a point lies today, never a diagnosis; the ECR-R author argues against categorising people. Show the point and its path over time rather than a label. A score of exactly 4 counts as low.',
}

export const ECR_LICENCE_TEXT =
  'Distributed without charge by the author for research and clinical use; no explicit licence text. Cite the paper and show the source; a commercial deployment should confirm terms with the author.'

const licence: Licence = {
  name: 'Free for research and clinical use (no explicit licence)',
  text: ECR_LICENCE_TEXT,
  attribution: 'Experiences in Close Relationships-Revised (ECR-R): Fraley, R. C., Waller, N. G., & Brennan, K. A. (2000).',
  source: "R. Chris Fraley's lab page (University of Illinois); Fraley, Waller & Brennan (2000).",
}

const anxietyItems = rItems('anxiety', [
  "I'm afraid that I will lose my partner's love.",
  'I often worry that my partner will not want to stay with me.',
  "I often worry that my partner doesn't really love me.",
  "I worry that romantic partners won't care about me as much as I care about them.",
  "I often wish that my partner's feelings for me were as strong as my feelings for him or her.",
  'I worry a lot about my relationships.',
  'When my partner is out of sight, I worry that he or she might become interested in someone else.',
  "When I show my feelings for romantic partners, I'm afraid they will not feel the same about me.",
  'I rarely worry about my partner leaving me. (R)',
  'My romantic partner makes me doubt myself.',
  'I do not often worry about being abandoned. (R)',
  "I find that my partner(s) don't want to get as close as I would like.",
  'Sometimes romantic partners change their feelings about me for no apparent reason.',
  'My desire to be very close sometimes scares people away.',
  "I'm afraid that once a romantic partner gets to know me, he or she won't like who I really am.",
  "It makes me mad that I don't get the affection and support I need from my partner.",
  "I worry that I won't measure up to other people.",
  "My partner only seems to notice me when I'm angry.",
])

const avoidanceItems = rItems('avoidance', [
  'I prefer not to show a partner how I feel deep down.',
  'I feel comfortable sharing my private thoughts and feelings with my partner. (R)',
  'I find it difficult to allow myself to depend on romantic partners.',
  'I am very comfortable being close to romantic partners. (R)',
  "I don't feel comfortable opening up to romantic partners.",
  'I prefer not to be too close to romantic partners.',
  'I get uncomfortable when a romantic partner wants to be very close.',
  'I find it relatively easy to get close to my partner. (R)',
  "It's not difficult for me to get close to my partner. (R)",
  'I usually discuss my problems and concerns with my partner. (R)',
  'It helps to turn to my romantic partner in times of need. (R)',
  'I tell my partner just about everything. (R)',
  'I talk things over with my partner. (R)',
  'I am nervous when partners get too close to me.',
  'I feel comfortable depending on romantic partners. (R)',
  'I find it easy to depend on romantic partners. (R)',
  "It's easy for me to be affectionate with my partner. (R)",
  'My partner really understands me and my needs. (R)',
])

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i)

export const ecrR = defineInstrument({
  id: 'ecr-r',
  name: 'Experiences in Close Relationships-Revised',
  abbreviation: 'ECR-R',
  clientTitle: 'How you feel in close relationships',
  construct: 'Adult attachment (general): anxiety and avoidance',
  citation:
    'Fraley RC, Waller NG, Brennan KA. An item response theory analysis of self-report measures of adult attachment. J Pers Soc Psychol. 2000;78(2):350-365.',
  instrumentVersion: 'ecr-r/2000@1',
  scoringVersion: 'ecr-r-scoring@1',
  minutesToComplete: 10,
  colour: '#A16207',
  direction: 'higher-is-worse',
  stem: 'How much do you agree or disagree with each statement?',
  instructions:
    'These statements are about how you generally experience emotionally close relationships — not only what is happening in a current relationship. Rate how much you agree or disagree with each one.',
  anchors: AGREEMENT_ANCHORS_1_TO_7,
  items: makeItems([...anxietyItems, ...avoidanceItems]),
  scores: [
    {
      key: 'anxiety',
      label: 'Attachment anxiety',
      method: 'mean',
      items: range(1, 18),
      min: 1,
      max: 7,
      decimals: 2,
      change: ATTACHMENT_RELIABLE_CHANGE,
    },
    {
      key: 'avoidance',
      label: 'Attachment avoidance',
      method: 'mean',
      items: range(19, 36),
      min: 1,
      max: 7,
      decimals: 2,
      change: ATTACHMENT_RELIABLE_CHANGE,
    },
  ],
  missingData: {
    kind: 'all-required',
    description: 'All 36 items are required; an incomplete response is not scored.',
  },
  quadrant: ATTACHMENT_QUADRANT,
  licence,
})
