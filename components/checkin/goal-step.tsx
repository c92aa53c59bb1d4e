// The goal-progress part of a check-in: each of the client's active goals, in their own words,
// rated 0 (none) to 10 (a great deal). Eleven native radios per goal, so arrow keys and screen
// readers work as expected; six to a row on a phone, one row of eleven from the sm breakpoint.
import { goalProgress, goalPrompt } from '@/lib/assessments'
import { questionId } from '@/lib/checkins/checkin-form'
import { StepHeader } from './step-header'
import type { GoalItem } from '@/lib/goals/types'
import type { GoalPart } from './types'

const RATINGS = Array.from({ length: goalProgress.max - goalProgress.min + 1 }, (_, i) => goalProgress.min + i)
const ENDS: Readonly<Record<number, string>> = { [goalProgress.min]: 'none', [goalProgress.max]: 'a great deal' }

const goalMissingLabel = (part: GoalPart, n: number) => `“${part.goals[n - 1]?.title.trim() ?? `Goal ${n}`}” needs an answer`

export function GoalStep({
  part,
  index,
  count,
  values,
  missing,
  answered,
  total,
}: {
  part: GoalPart
  index: number
  count: number
  values: (number | null)[]
  /** Goal numbers (1-based, in order) to mark as needing a rating. */
  missing: number[]
  answered: number
  total: number
}) {
  return (
    <section className="flex flex-col gap-5">
      <StepHeader
        itemId={part.itemId}
        index={index}
        count={count}
        answered={answered}
        total={total}
        title={goalProgress.clientTitle}
        missing={missing}
        missingLabel={(n) => goalMissingLabel(part, n)}
      />
      <p className="text-stone-800">0 means none, 10 means a great deal.</p>
      {part.goals.map((goal, i) => (
        <GoalRating
          key={goal.goalId}
          itemId={part.itemId}
          number={i + 1}
          goal={goal}
          value={values[i] ?? null}
          invalid={missing.includes(i + 1)}
          label={goalMissingLabel(part, i + 1)}
        />
      ))}
    </section>
  )
}

function GoalRating({
  itemId,
  number,
  goal,
  value,
  invalid,
  label,
}: {
  itemId: string
  number: number
  goal: GoalItem
  value: number | null
  invalid: boolean
  label: string
}) {
  const id = questionId(itemId, number)
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      data-question=""
      data-label={label}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? `${id}-error` : undefined}
      className={`min-w-0 scroll-mt-4 rounded-lg border bg-white p-4 ${invalid ? 'border-l-8 border-red-700' : 'border-stone-300'}`}
    >
      <legend className="float-left mb-3 w-full text-lg font-medium text-stone-900">{goalPrompt(goal.title)}</legend>
      <p id={`${id}-error`} hidden={!invalid} className="clear-both mb-3 font-medium text-red-800">
        Please choose an answer.
      </p>
      <div className="clear-both grid grid-cols-6 gap-1 sm:grid-cols-11">
        {RATINGS.map((r) => {
          const optionId = `${id}-${r}`
          return (
            <label
              key={r}
              htmlFor={optionId}
              className="flex min-h-11 min-w-11 cursor-pointer flex-col items-center justify-center gap-1 rounded-md border border-stone-300 px-1 py-2 text-base tabular-nums hover:bg-stone-50 has-[:checked]:border-accent-700 has-[:checked]:bg-accent-50 has-[:checked]:font-medium"
            >
              <input id={optionId} type="radio" name={id} value={r} defaultChecked={value === r} className="h-5 w-5 shrink-0 accent-accent-700" />
              <span>
                {r}
                {ENDS[r] ? <span className="sr-only"> ({ENDS[r]})</span> : null}
              </span>
            </label>
          )
        })}
      </div>
      <div aria-hidden="true" className="mt-2 flex justify-between gap-4 text-sm text-stone-600">
        <span>0 none</span>
        <span className="text-right">10 a great deal</span>
      </div>
    </fieldset>
  )
}
