'use client'
import { useActionState, useEffect, useRef, useState } from 'react'
import { idleState, type ActionState } from '@/lib/actions/result'
import { goalStatusLabel } from '@/lib/validation/goal'
import { GOAL_STATUSES, type GoalStatus } from '@/lib/goals/types'
import { FormMessage } from '@/components/ui/field'
import { SubmitButton, buttonStyles } from '@/components/ui/button'

export interface GoalHistoryView {
  id: string
  /** "12 Mar 2026" in the practice's time zone. */
  when: string
  /** "Added as active", "Reworded", "Marked achieved", … */
  what: string
  title: string
  by: string | null
}

export interface GoalItemView {
  id: string
  title: string
  status: GoalStatus
  /** Library template title and what progress looks like, when the goal started from one. */
  template: { title: string; progress: string } | null
  dimensionLabel: string | null
  since: string
  history: GoalHistoryView[]
}

type UpdateAction = (prev: ActionState, form: FormData) => Promise<ActionState>

const badge: Record<GoalStatus, string> = {
  ACTIVE: 'border-accent-700 bg-accent-50 text-accent-800',
  PAUSED: 'border-stone-400 bg-stone-100 text-stone-800',
  ACHIEVED: 'border-stone-600 bg-white text-stone-900',
}

export function GoalsPanel({ goals, update, readOnly = false }: { goals: GoalItemView[]; update: UpdateAction; readOnly?: boolean }) {
  if (goals.length === 0) {
    return (
      <p className="text-stone-600">
        No goals yet. {readOnly ? '' : "Add one below: start from the library or write one from scratch, in the client's own words."}
      </p>
    )
  }
  return (
    <ul className="flex flex-col gap-3">
      {goals.map((g) => (
        <GoalRow key={g.id} goal={g} update={update} readOnly={readOnly} />
      ))}
    </ul>
  )
}

function GoalRow({ goal, update, readOnly }: { goal: GoalItemView; update: UpdateAction; readOnly: boolean }) {
  const [editing, setEditing] = useState(false)
  const [showHistory, setShowHistory] = useState(false)
  const editButton = useRef<HTMLButtonElement>(null)
  const textArea = useRef<HTMLTextAreaElement>(null)
  const wasEditing = useRef(false)
  const [state, formAction] = useActionState(async (prev: ActionState, form: FormData) => {
    const next = await update(prev, form)
    if (next.status === 'success') setEditing(false)
    return next
  }, idleState)

  // Focus follows the edit: into the wording when it opens, back to "Edit" when it closes.
  useEffect(() => {
    if (editing) textArea.current?.focus()
    else if (wasEditing.current) editButton.current?.focus()
    wasEditing.current = editing
  }, [editing])

  const base = `goal-${goal.id}`
  const err = state.status === 'error' ? (state.fieldErrors ?? {}) : {}
  const values = state.status === 'error' ? state.values : undefined
  return (
    <li className="rounded-lg border border-stone-200 p-3 sm:p-4">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <p className="break-words text-lg font-medium text-stone-900">“{goal.title}”</p>
          <p className="text-sm text-stone-600">
            {goal.template ? `From the library: ${goal.template.title}` : 'Written from scratch'}
            {goal.dimensionLabel ? ` · ${goal.dimensionLabel}` : ''} · since {goal.since}
          </p>
          {goal.template ? <p className="text-sm text-stone-600">Progress looks like: {goal.template.progress}</p> : null}
        </div>
        <span className={`shrink-0 self-start rounded-full border px-3 py-0.5 text-sm font-medium ${badge[goal.status]}`}>
          <span className="sr-only">Status: </span>
          {goalStatusLabel[goal.status]}
        </span>
      </div>

      {!editing && state.status === 'success' && state.message ? <FormMessage status="success" message={state.message} /> : null}

      <div className="mt-2 flex flex-wrap gap-2">
        {!readOnly && !editing ? (
          <button ref={editButton} type="button" className={buttonStyles.secondary} onClick={() => setEditing(true)} aria-label={`Edit goal “${goal.title}”`}>
            Edit
          </button>
        ) : null}
        <button
          type="button"
          className={buttonStyles.secondary}
          aria-expanded={showHistory}
          aria-controls={`${base}-history`}
          onClick={() => setShowHistory((v) => !v)}
        >
          {showHistory ? 'Hide history' : `History (${goal.history.length})`}
        </button>
      </div>

      {editing ? (
        <form action={formAction} noValidate className="mt-3 flex flex-col gap-3" key={JSON.stringify(values ?? {})}>
          <FormMessage status={state.status} message={state.status === 'error' ? state.message : undefined} />
          <input type="hidden" name="goalId" value={goal.id} />
          <div className="flex flex-col gap-1">
            <label htmlFor={`${base}-title`} className="font-medium text-stone-800">
              Goal in the client&apos;s words
            </label>
            <textarea
              ref={textArea}
              id={`${base}-title`}
              name="title"
              rows={2}
              required
              maxLength={200}
              defaultValue={values?.title ?? goal.title}
              aria-invalid={err.title ? true : undefined}
              aria-describedby={err.title ? `${base}-title-error` : undefined}
              className={`rounded-md border bg-white px-3 py-2 text-base ${err.title ? 'border-red-700' : 'border-stone-400'}`}
            />
            {err.title ? (
              <p id={`${base}-title-error`} className="text-sm font-medium text-red-800">
                {err.title}
              </p>
            ) : null}
          </div>
          <fieldset aria-describedby={err.status ? `${base}-status-error` : undefined}>
            <legend className="mb-1 font-medium text-stone-800">Status</legend>
            <div className="flex flex-wrap gap-x-6">
              {GOAL_STATUSES.map((s) => (
                <label key={s} className="flex min-h-11 items-center gap-2">
                  <input type="radio" name="status" value={s} defaultChecked={(values?.status ?? goal.status) === s} className="h-5 w-5 accent-accent-700" />
                  {goalStatusLabel[s]}
                </label>
              ))}
            </div>
            {err.status ? (
              <p id={`${base}-status-error`} className="text-sm font-medium text-red-800">
                {err.status}
              </p>
            ) : null}
          </fieldset>
          <p className="text-sm text-stone-600">Saving keeps the earlier wording and status in the goal&apos;s history.</p>
          <div className="flex flex-wrap gap-2">
            <SubmitButton>Save goal</SubmitButton>
            <button type="button" className={buttonStyles.secondary} onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}

      <div id={`${base}-history`} hidden={!showHistory} className="mt-3">
        <h4 className="sr-only">History of this goal</h4>
        <ol className="flex flex-col gap-2 border-l-2 border-stone-200 pl-3">
          {goal.history.map((h) => (
            <li key={h.id} className="text-sm">
              <p className="text-stone-600">
                {h.when} · {h.what}
                {h.by ? ` by ${h.by}` : ''}
              </p>
              <p className="break-words text-stone-900">“{h.title}”</p>
            </li>
          ))}
        </ol>
      </div>
    </li>
  )
}
