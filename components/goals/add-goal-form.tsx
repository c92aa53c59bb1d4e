'use client'
import { useActionState, useRef, useState } from 'react'
import { idleState, type ActionState } from '@/lib/actions/result'
import { goalStatusLabel } from '@/lib/validation/goal'
import { GOAL_STATUSES } from '@/lib/goals/types'
import { getGoalTemplate, templatesByDimension } from '@/lib/goals/library'
import { FormMessage } from '@/components/ui/field'
import { SubmitButton } from '@/components/ui/button'

export type GoalFormAction = (prev: ActionState, form: FormData) => Promise<ActionState>

/** A template chosen elsewhere (a suggestion's "Add"): `nonce` changes on every choice. */
export interface GoalPreset {
  templateKey: string
  nonce: number
}

const groups = templatesByDimension()

/**
 * Adds a goal: start from a library template (grouped by dimension) or write one from scratch.
 * The template's wording is only a starting point in the textarea; nothing is saved until the
 * clinician has the wording they want and presses "Add goal".
 */
export function AddGoalForm({ action, preset }: { action: GoalFormAction; preset?: GoalPreset | null }) {
  // Each answer re-mounts the fields: after an error they show what was typed, after success they start empty.
  const [round, setRound] = useState(0)
  const [state, formAction] = useActionState(async (prev: ActionState, form: FormData) => {
    const next = await action(prev, form)
    setRound((n) => n + 1)
    return next
  }, idleState)
  const initial =
    state.status === 'error' && state.values
      ? { templateKey: state.values.templateKey ?? '', title: state.values.title ?? '', status: state.values.status ?? 'ACTIVE' }
      : { templateKey: preset?.templateKey ?? '', title: getGoalTemplate(preset?.templateKey)?.title ?? '', status: 'ACTIVE' }
  return (
    <form action={formAction} noValidate className="flex flex-col gap-4">
      <FormMessage status={state.status} message={state.message} />
      <GoalFields key={`${preset?.nonce ?? 0}-${round}`} initial={initial} errors={state.status === 'error' ? (state.fieldErrors ?? {}) : {}} />
      <div>
        <SubmitButton pendingLabel="Adding…">Add goal</SubmitButton>
      </div>
    </form>
  )
}

/** The textarea's id: a suggestion's "Add" moves focus here. */
export const NEW_GOAL_TEXT_ID = 'goal-new-title'

function GoalFields({ initial, errors }: { initial: { templateKey: string; title: string; status: string }; errors: Record<string, string> }) {
  const [templateKey, setTemplateKey] = useState(initial.templateKey)
  const textRef = useRef<HTMLTextAreaElement>(null)
  const template = getGoalTemplate(templateKey)

  const choose = (key: string) => {
    const text = textRef.current
    // Replace the wording only while it is still the previous template's (or empty): never throw away the client's words.
    if (text && (text.value.trim() === '' || text.value === (getGoalTemplate(templateKey)?.title ?? ''))) {
      text.value = getGoalTemplate(key)?.title ?? ''
    }
    setTemplateKey(key)
  }
  const restoreTemplateWording = () => {
    if (textRef.current && template) {
      textRef.current.value = template.title
      textRef.current.focus()
    }
  }

  const hintId = 'goal-new-title-hint'
  return (
    <>
      <div className="flex flex-col gap-1">
        <label htmlFor="goal-new-template" className="font-medium text-stone-800">
          Start from
        </label>
        <select
          id="goal-new-template"
          name="templateKey"
          defaultValue={initial.templateKey}
          onChange={(e) => choose(e.currentTarget.value)}
          aria-invalid={errors.templateKey ? true : undefined}
          aria-describedby={errors.templateKey ? 'goal-new-template-error' : undefined}
          className="min-h-11 w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base sm:max-w-xl"
        >
          <option value="">Write my own</option>
          {groups.map((g) => (
            <optgroup key={g.dimension} label={g.label}>
              {g.templates.map((t) => (
                <option key={t.key} value={t.key}>
                  {t.title}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {errors.templateKey ? (
          <p id="goal-new-template-error" className="text-sm font-medium text-red-800">
            {errors.templateKey}
          </p>
        ) : null}
      </div>

      <div className="flex flex-col gap-1">
        <label htmlFor={NEW_GOAL_TEXT_ID} className="font-medium text-stone-800">
          Goal in the client&apos;s words
        </label>
        <p id={hintId} className="text-sm text-stone-600">
          {template ? (
            <>Progress looks like: {template.progress}. Rewrite the wording with the client so it sounds like them.</>
          ) : (
            <>Write it as the client would say it, for example “Tell Sam when I need time alone”.</>
          )}
        </p>
        <textarea
          ref={textRef}
          id={NEW_GOAL_TEXT_ID}
          name="title"
          rows={2}
          required
          maxLength={200}
          defaultValue={initial.title}
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={[hintId, errors.title ? 'goal-new-title-error' : ''].filter(Boolean).join(' ')}
          className={`rounded-md border bg-white px-3 py-2 text-base ${errors.title ? 'border-red-700' : 'border-stone-400'}`}
        />
        {errors.title ? (
          <p id="goal-new-title-error" className="text-sm font-medium text-red-800">
            {errors.title}
          </p>
        ) : null}
        {template ? (
          <button type="button" onClick={restoreTemplateWording} className="self-start py-2 text-sm text-accent-700 underline underline-offset-4">
            Start again from the library wording
          </button>
        ) : null}
      </div>

      <fieldset aria-describedby={errors.status ? 'goal-new-status-error' : undefined}>
        <legend className="mb-1 font-medium text-stone-800">Status</legend>
        <div className="flex flex-wrap gap-x-6">
          {GOAL_STATUSES.map((s) => (
            <label key={s} className="flex min-h-11 items-center gap-2">
              <input type="radio" name="status" value={s} defaultChecked={initial.status === s} className="h-5 w-5 accent-accent-700" />
              {goalStatusLabel[s]}
            </label>
          ))}
        </div>
        {errors.status ? (
          <p id="goal-new-status-error" className="text-sm font-medium text-red-800">
            {errors.status}
          </p>
        ) : null}
      </fieldset>
    </>
  )
}
