// The 'Needs attention' view's contract, shared by lib/db/attention.ts and components/attention.
import type { ScoreInstrumentId } from '@/lib/validation/caseload'

/** Check-ins completed since the clinician last opened the record count only this far back. */
export const COMPLETED_WINDOW_DAYS = 14
/** Clients listed per section; the rest are counted ("and N more") and reached through the caseload. */
export const ATTENTION_SECTION_LIMIT = 50

export interface AttentionClient {
  id: string
  firstName: string
  lastName: string
  preferredName: string | null
}

export interface AttentionFlag {
  instrumentId: string
  itemNumber: number
  raisedAt: Date
  acknowledged: boolean
}

interface RiskItem extends AttentionClient {
  /** Open and acknowledged flags, unacknowledged first, then oldest first. */
  flags: AttentionFlag[]
}

export interface DeteriorationItem extends AttentionClient {
  instrumentId: ScoreInstrumentId
  baseline: number
  latest: number
}

export interface OverdueItem extends AttentionClient {
  count: number
  /** The earliest overdue check-in's due date (YYYY-MM-DD, a calendar date). */
  firstDue: string
}

export interface CompletedItem extends AttentionClient {
  count: number
  lastCompletedAt: Date
  /** When this user last opened the client's record; null when never. */
  lastViewedAt: Date | null
}

export interface AttentionSection<T> {
  /** Every client in the category; `items` holds the first ATTENTION_SECTION_LIMIT. */
  total: number
  items: T[]
}

export interface AttentionList {
  /** The practice's today (YYYY-MM-DD). */
  today: string
  risk: AttentionSection<RiskItem>
  deteriorated: AttentionSection<DeteriorationItem>
  overdue: AttentionSection<OverdueItem>
  completed: AttentionSection<CompletedItem>
}

/** The practice's counts of the same four categories (admins): numbers only, no client. */
export interface PracticeGlance {
  /** Active clients with an open or acknowledged risk flag. */
  risk: number
  /** Active clients with reliable deterioration since baseline. */
  deteriorated: number
  /** Active clients with an overdue check-in. */
  overdue: number
  /** Check-ins completed in the last COMPLETED_WINDOW_DAYS days. */
  completed: number
}
