// The client's goals, with suggestions from the latest attachment scores; read-only once discharged.
import { GoalsSection } from '@/components/goals/goals-section'
import { createGoalAction, updateGoalAction } from '../goal-actions'
import { getClientOverviewOr404 } from '../get-client-or-404'
import type { SectionProps } from './section-props'

export async function ClientGoalsSection({ actor, clientId, timeZone }: SectionProps) {
  const { client, goals, goalSuggestions: suggestions } = await getClientOverviewOr404(actor, clientId)
  return (
    <GoalsSection
      goals={goals}
      suggestions={suggestions}
      timeZone={timeZone}
      createAction={createGoalAction.bind(null, client.id)}
      updateAction={updateGoalAction.bind(null, client.id)}
      readOnly={client.status !== 'ACTIVE'}
    />
  )
}
