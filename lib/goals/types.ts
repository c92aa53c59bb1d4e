// Goal contracts shared by lib/db (what it reads) and components (what they show). Pure: no I/O,
// no imports, so server code, client components and unit tests use the same declarations.
// GoalStatus is the database enum's values; lib/db reads and writes it in both directions, so a
// status added to one and not the other fails to compile.

export const GOAL_STATUSES = ['ACTIVE', 'PAUSED', 'ACHIEVED'] as const
export type GoalStatus = (typeof GOAL_STATUSES)[number]

/** One goal a goal-progress check-in asks about, in the client's own words at the time. */
export interface GoalItem {
  goalId: string
  title: string
}

/** A goal offered for choosing (the note editor's goal links). */
export interface GoalOption {
  id: string
  title: string
  status: GoalStatus
}

export interface GoalProgressSeries {
  goalId: string
  /** The goal's current wording. */
  title: string
  status: GoalStatus
  /** Oldest first; `date` is an ISO 8601 instant (UTC). */
  points: { date: string; rating: number; responseId: string }[]
}
