import { defineInstrument, makeItems, rItems } from './define'
import { AGREEMENT_ANCHORS_1_TO_7, ATTACHMENT_QUADRANT, ATTACHMENT_RELIABLE_CHANGE, ECR_LICENCE_TEXT } from './ecr-r'

/** Placeholder in `instructions` replaced by the chosen relationship target. */
const RELATIONSHIP_TARGET_PLACEHOLDER = '{target}'

export const ecrRs = defineInstrument({
  id: 'ecr-rs',
  name: 'Experiences in Close Relationships-Relationship Structures',
  abbreviation: 'ECR-RS',
  clientTitle: 'How you feel with someone close',
  construct: 'Attachment in one relationship: anxiety and avoidance',
  citation:
    'Fraley RC, Heffernan ME, Vicary AM, Brumbaugh CC. The Experiences in Close Relationships-Relationship Structures questionnaire: a method for assessing attachment orientations across relationships. Psychological Assessment. 2011;23(3):615-625.',
  instrumentVersion: 'ecr-rs/2011@1',
  scoringVersion: 'ecr-rs-scoring@1',
  minutesToComplete: 3,
  colour: '#4D7C0F',
  direction: 'higher-is-worse',
  stem: 'How much do you agree or disagree with each statement about this person?',
  instructions: `Think about your relationship with ${RELATIONSHIP_TARGET_PLACEHOLDER}. Each statement is about this person; rate how much you agree or disagree with it.`,
  anchors: AGREEMENT_ANCHORS_1_TO_7,
  items: makeItems([
    ...rItems('avoidance', [
      'It helps to turn to this person in times of need. (R)',
      'I usually discuss my problems and concerns with this person. (R)',
      'I talk things over with this person. (R)',
      'I find it easy to depend on this person. (R)',
      "I don't feel comfortable opening up to this person.",
      'I prefer not to show this person how I feel deep down.',
    ]),
    ...rItems('anxiety', [
      "I often worry that this person doesn't really care for me.",
      "I'm afraid that this person may abandon me.",
      "I worry that this person won't care about me as much as I care about him or her.",
    ]),
  ]),
  scores: [
    {
      key: 'anxiety',
      label: 'Attachment anxiety',
      method: 'mean',
      items: [7, 8, 9],
      min: 1,
      max: 7,
      decimals: 2,
      change: ATTACHMENT_RELIABLE_CHANGE,
    },
    {
      key: 'avoidance',
      label: 'Attachment avoidance',
      method: 'mean',
      items: [1, 2, 3, 4, 5, 6],
      min: 1,
      max: 7,
      decimals: 2,
      change: ATTACHMENT_RELIABLE_CHANGE,
    },
  ],
  missingData: {
    kind: 'all-required',
    description: 'All 9 items are required; an incomplete response is not scored.',
  },
  quadrant: ATTACHMENT_QUADRANT,
  licence: {
    name: 'Free for research and clinical use (no explicit licence)',
    text: ECR_LICENCE_TEXT,
    attribution:
      'Experiences in Close Relationships-Relationship Structures (ECR-RS): Fraley, R. C., Heffernan, M. E., Vicary, A. M., & Brumbaugh, C. C. (2011).',
    source: "R. Chris Fraley's lab page (University of Illinois); Fraley et al. (2011).",
  },
  relationshipTargets: ['your romantic partner', 'the person you feel closest to'],
})

/** Instructions with the chosen relationship target filled in (default: the first target). */
export function ecrRsInstructions(target: string = ecrRs.relationshipTargets?.[0] ?? 'this person'): string {
  return ecrRs.instructions.replace(RELATIONSHIP_TARGET_PLACEHOLDER, target)
}
