import type { InstrumentDefinition } from '@/lib/assessments'

/** Answers per check-in item id: raw values in item order, null for unanswered. */
export type Answers = Record<string, (number | null)[]>

export interface CheckInItemView {
  itemId: string
  instrumentId: string
  relationshipTarget: string | null
}

/** One step of the check-in: one instrument. */
export interface Part extends CheckInItemView {
  def: InstrumentDefinition
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
