// A client's record as plain rows, scored by lib/assessments, for the FHIR builder tests.
import { scoreResponse } from '@/lib/assessments/scoring'
import type { InstrumentId } from '@/lib/assessments/types'
import { getInstrument } from '@/lib/assessments/registry'
import type { ClientRecordInput } from '@/lib/fhir/record'
import type { FhirResponseInput } from '@/lib/fhir/types'

export const CLIENT_ID = '3f1b2c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d'

let n = 0
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`

export function response(instrumentId: InstrumentId, answers: (number | null)[], day: number): FhirResponseInput {
  const result = scoreResponse(instrumentId, answers)
  return {
    id: uuid(),
    clientId: CLIENT_ID,
    instrumentId,
    instrumentVersion: getInstrument(instrumentId).instrumentVersion,
    submittedAt: new Date(Date.UTC(2026, 0, day, 18, 30)),
    answers,
    scores: result.scores,
    band: result.band ?? null,
  }
}

const GOAL_IDS = ['a0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000002'] as const

/** A goal-progress check-in as stored: each goal's wording at the time and its rating. */
function goalRatings(day: number): FhirResponseInput {
  const answers = [
    { goalId: GOAL_IDS[0], title: 'Ask for what I need, directly', rating: 4 },
    { goalId: GOAL_IDS[1], title: 'Stay steady', rating: 7 },
  ]
  return {
    id: uuid(),
    clientId: CLIENT_ID,
    instrumentId: 'goal-progress',
    instrumentVersion: 'goal-progress@1',
    submittedAt: new Date(Date.UTC(2026, 0, day, 18, 30)),
    answers,
    scores: Object.fromEntries(answers.map((a) => [a.goalId, a.rating])),
    band: null,
  }
}

// Vectors from INSTRUMENTS.md (CORE-10 with item 5 missing is pro-rated to 22.2).
const ECR_R_VECTOR = [6, 5, 6, 5, 4, 6, 5, 5, 2, 5, 3, 4, 4, 3, 5, 4, 5, 3, 2, 6, 3, 5, 2, 2, 2, 6, 5, 6, 6, 5, 6, 2, 5, 5, 6, 6]

export function sampleRecord(): ClientRecordInput {
  n = 0 // the same ids on every call
  return {
    client: { id: CLIENT_ID, firstName: 'Test', lastName: 'Person', dateOfBirth: new Date('1990-04-05T00:00:00Z') },
    responses: [
      response('phq9', [0, 0, 0, 1, 2, 1, 3, 2, 1], 5),
      response('phq9', [0, 0, 1, 1, 1, 0, 0, 0, 0], 19),
      response('gad7', [3, 3, 2, 3, 2, 3, 2], 5),
      response('core10', [3, 1, 1, 2, null, 0, 3, 2, 3, 1], 6),
      response('ecr-r', ECR_R_VECTOR, 7),
      response('ecr-rs', [2, 3, 2, 3, 5, 6, 6, 5, 6], 8),
      goalRatings(12),
    ],
    goals: [
      {
        id: 'a0000000-0000-4000-8000-000000000001',
        clientId: CLIENT_ID,
        title: 'Ask for what I need, directly',
        status: 'ACTIVE',
        createdAt: new Date('2026-01-02T23:30:00Z'),
      },
      { id: 'a0000000-0000-4000-8000-000000000002', clientId: CLIENT_ID, title: 'Stay steady', status: 'PAUSED', createdAt: new Date('2026-01-03T10:00:00Z') },
      {
        id: 'a0000000-0000-4000-8000-000000000003',
        clientId: CLIENT_ID,
        title: 'Repair after conflict',
        status: 'ACHIEVED',
        createdAt: new Date('2026-01-04T10:00:00Z'),
      },
    ],
    timeZone: 'Europe/London',
    now: new Date('2026-02-01T12:00:00Z'),
  }
}
