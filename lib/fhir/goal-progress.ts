// The goal-progress check-in (this product's own, not a validated scale) in FHIR. Its questions are
// the client's own goals, so the Questionnaire is generic: a repeating group of "the goal, in the
// client's words" and "the rating, 0-10". Each rating is also an Observation whose `focus` is the
// Goal it rates (goals are never deleted, so the Goal is always in the same export).
import { goalProgress, GOAL_PROGRESS_ID } from '@/lib/assessments/goal-progress'
import { nameUuid, patientRef, questionnaireUrl, SCORE_CODE_SYSTEM, surveyCategory } from './systems'
import type { FhirResponseInput, Observation, Questionnaire, QuestionnaireResponse } from './types'

export const isGoalProgress = (r: Pick<FhirResponseInput, 'instrumentId' | 'instrumentVersion'>) =>
  r.instrumentId === GOAL_PROGRESS_ID && r.instrumentVersion === goalProgress.instrumentVersion

const canonical = `${questionnaireUrl(GOAL_PROGRESS_ID)}|${goalProgress.instrumentVersion}`
const RATING_CODE = { system: SCORE_CODE_SYSTEM, code: 'goal-progress-rating', display: 'Goal progress rating (0-10)' }

export function buildGoalProgressQuestionnaire(): Questionnaire {
  return {
    resourceType: 'Questionnaire',
    id: nameUuid(`Questionnaire|${canonical}`),
    url: questionnaireUrl(GOAL_PROGRESS_ID),
    version: goalProgress.instrumentVersion,
    name: 'Goal_progress',
    title: goalProgress.name,
    status: 'active',
    subjectType: ['Patient'],
    description: `${goalProgress.validationNote} ${goalProgress.description}`,
    copyright: "SecureBase's own check-in; not a validated scale. No third-party licence.",
    item: [
      {
        linkId: 'goal',
        type: 'group',
        repeats: true,
        text: goalProgress.prompt,
        item: [
          { linkId: 'goal.title', type: 'string', readOnly: true, text: "The goal, in the client's words" },
          { linkId: 'goal.rating', type: 'integer', text: `Progress, ${goalProgress.min} (none) to ${goalProgress.max} (a great deal)` },
        ],
      },
    ],
  }
}

interface Rating {
  goalId: string
  title: string
  rating: number
}

/** The stored per-goal answers; a malformed entry is refused, never guessed at. */
function ratings(r: FhirResponseInput): Rating[] {
  const list = Array.isArray(r.answers) ? (r.answers as unknown[]) : []
  return list.map((a, i) => {
    const x = a as Partial<Rating> | null
    if (!x || typeof x.goalId !== 'string' || typeof x.title !== 'string' || !Number.isInteger(x.rating)) {
      throw new RangeError(`Response ${r.id}: goal rating ${i + 1} is malformed`)
    }
    return { goalId: x.goalId, title: x.title, rating: x.rating as number }
  })
}

export function goalProgressResources(r: FhirResponseInput): [QuestionnaireResponse, ...Observation[]] {
  const rated = ratings(r)
  const response: QuestionnaireResponse = {
    resourceType: 'QuestionnaireResponse',
    id: r.id,
    questionnaire: canonical,
    status: 'completed',
    subject: patientRef(r.clientId),
    source: patientRef(r.clientId),
    authored: r.submittedAt.toISOString(),
    item: rated.map((g) => ({
      linkId: 'goal',
      item: [
        { linkId: 'goal.title', answer: [{ valueString: g.title }] },
        { linkId: 'goal.rating', answer: [{ valueInteger: g.rating }] },
      ],
    })),
  }
  const observations = rated.map((g): Observation => ({
    resourceType: 'Observation',
    id: nameUuid(`Observation|${r.id}|${g.goalId}`),
    status: 'final',
    category: [surveyCategory],
    code: { coding: [RATING_CODE], text: RATING_CODE.display },
    subject: patientRef(r.clientId),
    focus: [{ reference: `Goal/${g.goalId}` }],
    effectiveDateTime: r.submittedAt.toISOString(),
    valueInteger: g.rating,
    derivedFrom: [{ reference: `QuestionnaireResponse/${r.id}` }],
  }))
  return [response, ...observations]
}
