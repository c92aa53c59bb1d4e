// The client's timeline as lib/db/timeline reads it and components/timeline shows it. Pure types.
import type { GoalStatus } from '@/lib/goals/types'

interface Base {
  id: string
  /** ISO instant the entry is ordered by (a calendar date's UTC midnight when `dateOnly`). */
  at: string
  /** True when only the day is known (session date, a cancelled check-in's due date). */
  dateOnly: boolean
}

export interface NoteEntry extends Base {
  kind: 'note'
  /** The latest version's id (what the note page opens) and the note's stable root id. */
  noteId: string
  rootId: string
  sessionDate: string
  format: 'FREE' | 'DAP' | 'SOAP'
  status: 'DRAFT' | 'SIGNED'
  revisions: number
  goals: { id: string; title: string }[]
}

export interface CheckInEntry extends Base {
  kind: 'checkin'
  status: 'COMPLETED' | 'EXPIRED' | 'CANCELLED'
  dueDate: string
  instruments: string[]
  /** Goal-progress ratings given in this check-in, by goal id (empty otherwise). */
  goalRatings: Record<string, number>
}

export interface RiskEntry extends Base {
  kind: 'risk'
  event: 'raised' | 'resolved'
  flagId: string
  instrumentId: string
  itemNumber: number
}

export interface GoalChangeEntry extends Base {
  kind: 'goal'
  goalId: string
  change: 'created' | 'reworded' | 'status' | 'reworded-and-status'
  title: string
  previousTitle: string | null
  status: GoalStatus
  previousStatus: GoalStatus | null
}

export type TimelineEntry = NoteEntry | CheckInEntry | RiskEntry | GoalChangeEntry

export interface ClientTimeline {
  entries: TimelineEntry[]
  /** The client's goals, for the filter. */
  goals: { id: string; title: string; status: GoalStatus }[]
  /** The goal the list is filtered by, or null (also null when the requested goal is not this client's). */
  goal: { id: string; title: string } | null
  /** A goal filter was asked for but names no goal of this client: the whole list is shown. */
  unknownGoal: boolean
  /** False when notes are left out because the reader is not the client's clinician. */
  includesNotes: boolean
  truncated: boolean
  timeZone: string
}
