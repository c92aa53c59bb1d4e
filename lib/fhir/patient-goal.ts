// The client as a minimal FHIR Patient (minimum necessary: id, name, birth date, nothing else) and
// their attachment goals as FHIR Goals.
import { todayInTimeZone } from '@/lib/scheduling/recurrence'
import { GOAL_ACHIEVEMENT, patientRef } from './systems'
import type { FhirClientInput, FhirGoalInput, Goal, Patient } from './types'

const calendarDate = (d: Date | string) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10))

export function buildPatient(c: FhirClientInput): Patient {
  return { resourceType: 'Patient', id: c.id, name: [{ family: c.lastName, given: [c.firstName] }], birthDate: calendarDate(c.dateOfBirth) }
}

// A paused goal is still the client's goal, set aside for now: on-hold, not cancelled.
const LIFECYCLE: Record<FhirGoalInput['status'], Goal['lifecycleStatus']> = { ACTIVE: 'active', PAUSED: 'on-hold', ACHIEVED: 'completed' }

/** `timeZone`: the practice's, so the start date is the day the goal was written there. */
export function buildGoal(g: FhirGoalInput, timeZone: string): Goal {
  return {
    resourceType: 'Goal',
    id: g.id,
    lifecycleStatus: LIFECYCLE[g.status],
    ...(g.status === 'ACHIEVED' ? { achievementStatus: { coding: [{ system: GOAL_ACHIEVEMENT, code: 'achieved', display: 'Achieved' }] } } : {}),
    description: { text: g.title },
    subject: patientRef(g.clientId),
    startDate: todayInTimeZone(g.createdAt, timeZone),
  }
}
