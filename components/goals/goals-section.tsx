// Server-renderable: turns the goals and suggestions read on the server (listGoals, goalSuggestions)
// into plain, formatted props for the client components. No hooks, no 'use client'.
import type { ActionState } from '@/lib/actions/result'
import type { GoalStatus } from '@/lib/goals/types'
import { GOAL_DIMENSION_LABELS, getGoalTemplate, type GoalDimension } from '@/lib/goals/library'
import { instrumentLabel, quadrantLabel } from '@/lib/assessments/labels'
import { formatDate } from '@/lib/format'
import { GoalsPanel, type GoalHistoryView, type GoalItemView } from './goals-panel'
import { GoalComposer } from './goal-composer'

/** The shape of one goal from lib/db/goals listGoals (revisions newest first). */
export interface GoalsSectionGoal {
  id: string
  templateKey: string | null
  title: string
  dimension: string | null
  status: GoalStatus
  createdAt: Date
  revisions: { id: string; title: string; status: GoalStatus; changedAt: Date; changedByName: string | null }[]
}

/** The shape of lib/db/goals goalSuggestions (null when there is no attachment score). */
export interface GoalsSectionSuggestions {
  quadrant: string
  basedOn: { instrumentId: string; date: Date }
  templates: { key: string; title: string; progress: string; maintenance: boolean }[]
}

type FormAction = (prev: ActionState, form: FormData) => Promise<ActionState>

const statusWord: Record<GoalStatus, string> = { ACTIVE: 'active', PAUSED: 'paused', ACHIEVED: 'achieved' }

function historyOf(g: GoalsSectionGoal, timeZone: string): GoalHistoryView[] {
  return g.revisions.map((r, i) => {
    const prev = g.revisions[i + 1]
    const reworded = Boolean(prev && prev.title !== r.title)
    const marked = Boolean(prev && prev.status !== r.status)
    const what = !prev
      ? `Added as ${statusWord[r.status]}`
      : reworded && marked
        ? `Reworded and marked ${statusWord[r.status]}`
        : reworded
          ? 'Reworded'
          : marked
            ? `Marked ${statusWord[r.status]}`
            : 'Saved'
    return { id: r.id, when: formatDate(r.changedAt, timeZone), what, title: r.title, by: r.changedByName }
  })
}

export function GoalsSection({
  goals,
  suggestions,
  timeZone,
  createAction,
  updateAction,
  readOnly = false,
}: {
  goals: GoalsSectionGoal[]
  suggestions: GoalsSectionSuggestions | null
  timeZone: string
  createAction: FormAction
  updateAction: FormAction
  /** No adding or editing (e.g. a discharged client); history stays visible. */
  readOnly?: boolean
}) {
  const items: GoalItemView[] = goals.map((g) => {
    const t = getGoalTemplate(g.templateKey)
    return {
      id: g.id,
      title: g.title,
      status: g.status,
      template: t ? { title: t.title, progress: t.progress } : null,
      dimensionLabel: g.dimension && g.dimension in GOAL_DIMENSION_LABELS ? GOAL_DIMENSION_LABELS[g.dimension as GoalDimension] : null,
      since: formatDate(g.createdAt, timeZone),
      history: historyOf(g, timeZone),
    }
  })
  const active = goals.filter((g) => g.status === 'ACTIVE').length
  return (
    <section aria-labelledby="goals-heading" className="rounded-xl border border-stone-200 bg-white p-4 sm:p-6">
      <h2 id="goals-heading" className="text-lg font-semibold">
        Goals
      </h2>
      <p className="mb-4 text-sm text-stone-600">
        In the client&apos;s own words.{' '}
        {active === 0
          ? 'Active goals are what the goal-progress check-in asks about; there are none at the moment.'
          : `${active === 1 ? 'The active goal is' : `The ${active} active goals are`} what the goal-progress check-in asks about.`}
      </p>
      <GoalsPanel goals={items} update={updateAction} readOnly={readOnly} />
      {readOnly ? null : (
        <div className="mt-6">
          <GoalComposer
            action={createAction}
            startOpen={goals.length === 0}
            suggestions={
              suggestions
                ? {
                    regionLabel: quadrantLabel(suggestions.quadrant),
                    basedOn: `the ${instrumentLabel(suggestions.basedOn.instrumentId)} on ${formatDate(suggestions.basedOn.date, timeZone)}`,
                    templates: suggestions.templates.map((t) => ({ key: t.key, title: t.title, progress: t.progress, maintenance: t.maintenance })),
                  }
                : null
            }
          />
        </div>
      )}
    </section>
  )
}
