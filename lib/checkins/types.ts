// The client's check-in page contracts, shared by lib/db (checkin-public), the page's server
// actions (app/c/[token]/actions.ts) and the client components (components/checkin). Pure types.
import type { GoalItem } from '@/lib/goals/types'

/** Answers per check-in item id: raw values in item order, null for unanswered. */
export type AnswerMap = Record<string, (number | null)[]>

/** One item of a check-in as the client's page asks it. */
export interface CheckInItemView {
  itemId: string
  instrumentId: string
  relationshipTarget: string | null
  /** Goal-progress items only: the goals to rate, in the client's own words, in order (one answer per goal). */
  goals?: GoalItem[]
}

export type SaveDraftResult = { status: 'ok' | 'inactive' | 'not-found' | 'invalid' }

export type SubmitResult =
  | { status: 'submitted'; crisis: boolean; replay: boolean }
  | { status: 'incomplete'; missing: Record<string, number[]> }
  | { status: 'inactive' }
  | { status: 'not-found' }
  | { status: 'invalid' }

// What the page's actions answer: 'error' for a failure or a refusal (too many attempts), on
// which the page keeps the client's answers and asks them to try again later.
export type SaveDraftActionResult = SaveDraftResult | { status: 'error' }
export type SubmitActionResult = SubmitResult | { status: 'error' }
