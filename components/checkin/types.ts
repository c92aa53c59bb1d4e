import type { InstrumentDefinition } from '@/lib/assessments'
import type { CheckInItemView } from '@/lib/checkins/types'
import type { GoalItem } from '@/lib/goals/types'

/** One step of the check-in: one instrument, or the client's goals to rate. */
export type Part = InstrumentPart | GoalPart

export interface InstrumentPart extends CheckInItemView {
  kind: 'instrument'
  def: InstrumentDefinition
}

export interface GoalPart extends CheckInItemView {
  kind: 'goals'
  goals: GoalItem[]
}
