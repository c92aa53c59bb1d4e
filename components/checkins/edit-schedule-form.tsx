'use client'
import { useActionState } from 'react'
import { idleState, type ActionState } from '@/lib/actions/result'
import { RECURRENCES, recurrenceLabel } from '@/lib/validation/assignment'
import { FormMessage } from '@/components/ui/field'
import { SubmitButton } from '@/components/ui/button'

/** "Change schedule" for an assignment that has not ended: how often, first due, last due. */
export function EditScheduleForm({
  id,
  action,
  initial,
}: {
  id: string
  action: (prev: ActionState, form: FormData) => Promise<ActionState>
  initial: { recurrence: string; startDate: string; endDate: string }
}) {
  const [state, formAction] = useActionState(action, idleState)
  const err = state.fieldErrors ?? {}
  const field = 'min-h-11 rounded-md border border-stone-400 bg-white px-3 py-2'
  return (
    <details className="w-full">
      <summary className="cursor-pointer py-2 font-medium text-accent-800">Change schedule</summary>
      <form action={formAction} noValidate className="mt-2 flex flex-col gap-3">
        <FormMessage status={state.status} message={state.message} />
        <div className="grid gap-3 sm:grid-cols-3">
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-recurrence`} className="font-medium">
              How often
            </label>
            <select id={`${id}-recurrence`} name="recurrence" defaultValue={initial.recurrence} className={field}>
              {RECURRENCES.map((r) => (
                <option key={r} value={r}>
                  {recurrenceLabel[r]}
                </option>
              ))}
            </select>
          </div>
          {(['startDate', 'endDate'] as const).map((k) => (
            <div key={k} className="flex flex-col gap-1">
              <label htmlFor={`${id}-${k}`} className="font-medium">
                {k === 'startDate' ? 'First due' : 'Last due'}
                {k === 'endDate' ? <span className="font-normal text-stone-600"> (optional)</span> : null}
              </label>
              <input
                id={`${id}-${k}`}
                name={k}
                type="date"
                defaultValue={initial[k]}
                aria-invalid={err[k] ? true : undefined}
                aria-describedby={err[k] ? `${id}-${k}-error` : undefined}
                className={field}
              />
              {err[k] ? (
                <p id={`${id}-${k}-error`} className="text-sm font-medium text-red-800">
                  {err[k]}
                </p>
              ) : null}
            </div>
          ))}
        </div>
        <div>
          <SubmitButton variant="secondary" pendingLabel="Saving…">
            Save schedule
          </SubmitButton>
        </div>
      </form>
    </details>
  )
}
