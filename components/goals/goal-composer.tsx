'use client'
import { useEffect, useState } from 'react'
import { AddGoalForm, NEW_GOAL_TEXT_ID, type GoalFormAction, type GoalPreset } from './add-goal-form'
import { GoalSuggestions, type SuggestionView } from './goal-suggestions'

export interface SuggestionsView {
  regionLabel: string
  basedOn: string
  templates: SuggestionView[]
}

/** Suggestions and the add form together: a suggestion's "Add" pre-fills the form for rewording. */
export function GoalComposer({ action, suggestions, startOpen }: { action: GoalFormAction; suggestions: SuggestionsView | null; startOpen: boolean }) {
  const [preset, setPreset] = useState<GoalPreset | null>(null)
  const [open, setOpen] = useState(startOpen)

  useEffect(() => {
    if (!preset) return
    const el = document.getElementById(NEW_GOAL_TEXT_ID)
    el?.scrollIntoView({ block: 'center' })
    el?.focus()
  }, [preset])

  return (
    <div className="flex flex-col gap-4">
      {suggestions ? (
        <GoalSuggestions
          regionLabel={suggestions.regionLabel}
          basedOn={suggestions.basedOn}
          templates={suggestions.templates}
          onAdd={(templateKey) => {
            setOpen(true)
            setPreset((p) => ({ templateKey, nonce: (p?.nonce ?? 0) + 1 }))
          }}
        />
      ) : null}
      <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)} className="rounded-lg border border-stone-200 p-4">
        <summary className="cursor-pointer py-1 font-semibold">Add a goal</summary>
        <div className="mt-3">
          <AddGoalForm action={action} preset={preset} />
        </div>
      </details>
    </div>
  )
}
