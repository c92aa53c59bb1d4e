import type { InstrumentDefinition } from '@/lib/assessments'

/** Answers per check-in item id: raw values in item order, null for unanswered. */
export type Answers = Record<string, (number | null)[]>

/** One goal of a goal-progress item, in the client's own words. */
export interface GoalQuestion {
  goalId: string
  title: string
}

export interface CheckInItemView {
  itemId: string
  instrumentId: string
  relationshipTarget: string | null
  /** Goal-progress items only: the goals to rate, in order (one answer per goal). */
  goals?: GoalQuestion[]
}

/** One step of the check-in: one instrument, or the client's goals to rate. */
export type Part = InstrumentPart | GoalPart

export interface InstrumentPart extends CheckInItemView {
  kind: 'instrument'
  def: InstrumentDefinition
}

export interface GoalPart extends CheckInItemView {
  kind: 'goals'
  goals: GoalQuestion[]
}

export type SaveDraftFn = (token: string, draft: Answers) => Promise<{ status: string }>

export type SubmitFn = (
  token: string,
  submissionKey: string,
  answers: Answers,
) => Promise<
  | { status: 'submitted'; crisis: boolean; replay: boolean }
  | { status: 'incomplete'; missing: Record<string, number[]> }
  | { status: 'inactive' | 'not-found' | 'invalid' | 'error' }
>
