'use client'
import { MAX_GOAL_COMMENT } from '@/lib/validation/note'
import type { GoalOption } from '@/lib/goals/types'

export type GoalEntry = { rating: number | null; comment: string }
const errorText = 'text-sm font-medium text-red-800'
const statusWord = { ACTIVE: '', PAUSED: ' (paused)', ACHIEVED: ' (achieved)' } as const

/** Goals worked on: a checkbox per goal, then a 0-10 progress scale and a short comment. */
export function NoteGoalsFields({
  goals,
  selected,
  errors,
  disabled,
  onChange,
}: {
  goals: GoalOption[]
  selected: Record<string, GoalEntry>
  errors: Record<string, string>
  disabled?: boolean
  onChange: (next: Record<string, GoalEntry>) => void
}) {
  const set = (id: string, entry: GoalEntry | null) => {
    const next = { ...selected }
    if (entry) next[id] = entry
    else delete next[id]
    onChange(next)
  }
  return (
    <fieldset className="flex min-w-0 flex-col gap-3" disabled={disabled}>
      <legend className="mb-1 font-medium">Goals worked on</legend>
      {goals.length === 0 ? <p className="text-stone-600">This client has no goals yet. Add goals on the client&rsquo;s page to rate progress here.</p> : null}
      {goals.map((g) => {
        const entry = selected[g.id]
        const base = `goal-${g.id}`
        const ratingError = errors[`goals.${g.id}.rating`]
        const commentError = errors[`goals.${g.id}.comment`]
        return (
          <div key={g.id} className="rounded-md border border-stone-200 bg-white p-3">
            <label className="flex min-h-11 items-start gap-3">
              <input
                type="checkbox"
                checked={!!entry}
                onChange={(e) => set(g.id, e.currentTarget.checked ? { rating: null, comment: '' } : null)}
                className="mt-1 h-5 w-5"
              />
              <span className="font-medium">
                {g.title}
                <span className="font-normal text-stone-600">{statusWord[g.status]}</span>
              </span>
            </label>
            {entry ? (
              <div className="mt-2 flex flex-col gap-3 pl-0 sm:pl-8">
                <fieldset className="min-w-0" aria-describedby={ratingError ? `${base}-rating-error` : `${base}-rating-hint`}>
                  <legend className="font-medium text-stone-800">Progress in this session</legend>
                  <p id={`${base}-rating-hint`} className="text-sm text-stone-600">
                    0 = no movement, 10 = goal fully reached.
                  </p>
                  <div className="mt-1 flex flex-wrap gap-1">
                    {[null, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => (
                      <label
                        key={n ?? 'none'}
                        className={`flex min-h-11 min-w-11 cursor-pointer items-center justify-center rounded-md border px-2 has-[:checked]:border-accent-700 has-[:checked]:bg-accent-50 has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-accent-600 ${n === null ? 'text-sm' : ''} border-stone-300`}
                      >
                        <input
                          type="radio"
                          name={`${base}-rating`}
                          checked={entry.rating === n}
                          onChange={() => set(g.id, { ...entry, rating: n })}
                          className="sr-only"
                        />
                        {n === null ? 'Not rated' : n}
                      </label>
                    ))}
                  </div>
                  {ratingError ? (
                    <p id={`${base}-rating-error`} className={errorText}>
                      {ratingError}
                    </p>
                  ) : null}
                </fieldset>
                <div className="flex flex-col gap-1">
                  <label htmlFor={`${base}-comment`} className="font-medium text-stone-800">
                    Comment <span className="font-normal text-stone-600">(optional, up to {MAX_GOAL_COMMENT} characters)</span>
                  </label>
                  <input
                    id={`${base}-comment`}
                    type="text"
                    value={entry.comment}
                    maxLength={MAX_GOAL_COMMENT}
                    onChange={(e) => set(g.id, { ...entry, comment: e.currentTarget.value })}
                    aria-invalid={commentError ? true : undefined}
                    aria-describedby={commentError ? `${base}-comment-error` : undefined}
                    className={`min-h-11 rounded-md border bg-white px-3 py-2 ${commentError ? 'border-red-700' : 'border-stone-400'}`}
                  />
                  {commentError ? (
                    <p id={`${base}-comment-error`} className={errorText}>
                      {commentError}
                    </p>
                  ) : null}
                </div>
              </div>
            ) : null}
          </div>
        )
      })}
      {errors.goals ? <p className={errorText}>{errors.goals}</p> : null}
    </fieldset>
  )
}
