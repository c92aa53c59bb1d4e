'use client'
import { useActionState, useState } from 'react'
import { idleState, type ActionState } from '@/lib/actions/result'
import { RECURRENCES, recurrenceLabel } from '@/lib/validation/assignment'
import { FormMessage } from '@/components/ui/field'
import { SubmitButton } from '@/components/ui/button'

export interface InstrumentOption {
  id: string
  abbreviation: string
  name: string
  minutes: number
}

export function AssignForm({
  action,
  instruments,
  today,
  defaultTarget,
}: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>
  instruments: InstrumentOption[]
  today: string
  defaultTarget: string
}) {
  const [state, formAction] = useActionState(action, idleState)
  const [ecrRs, setEcrRs] = useState(false)
  const [recurrence, setRecurrence] = useState<string>('WEEKLY')
  const err = state.fieldErrors ?? {}
  return (
    // React resets the form after the action (the boxes untick); the relationship field follows the
    // ECR-RS box, so it goes too.
    <form action={formAction} onReset={() => setEcrRs(false)} noValidate className="flex flex-col gap-4">
      <FormMessage status={state.status} message={state.message} />
      <fieldset aria-describedby={err.instruments ? 'instruments-error' : undefined}>
        <legend className="mb-2 font-medium">Questionnaires</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {instruments.map((i) => (
            <label key={i.id} className="flex min-h-11 items-start gap-3 rounded-md border border-stone-200 bg-white p-3">
              <input
                type="checkbox"
                name="instruments"
                value={i.id}
                className="mt-1 h-5 w-5"
                onChange={i.id === 'ecr-rs' ? (e) => setEcrRs(e.currentTarget.checked) : undefined}
              />
              <span>
                <span className="font-medium">{i.abbreviation}</span>
                <span className="block text-sm text-stone-600">
                  {i.name} · about {i.minutes} min
                </span>
              </span>
            </label>
          ))}
        </div>
        {err.instruments ? (
          <p id="instruments-error" className="mt-1 text-sm font-medium text-red-800">
            {err.instruments}
          </p>
        ) : null}
      </fieldset>
      {ecrRs ? (
        <div className="flex flex-col gap-1">
          <label htmlFor="relationshipTarget" className="font-medium">
            Relationship the ECR-RS asks about
          </label>
          <p id="relationshipTarget-hint" className="text-sm text-stone-600">
            Shown to the client as &ldquo;this person&rdquo;, for example &ldquo;your romantic partner&rdquo; or &ldquo;your mother&rdquo;.
          </p>
          <input
            id="relationshipTarget"
            name="relationshipTarget"
            defaultValue={defaultTarget}
            aria-invalid={err.relationshipTarget ? true : undefined}
            aria-describedby={`relationshipTarget-hint${err.relationshipTarget ? ' relationshipTarget-error' : ''}`}
            className="min-h-11 rounded-md border border-stone-400 bg-white px-3 py-2"
          />
          {err.relationshipTarget ? (
            <p id="relationshipTarget-error" className="text-sm font-medium text-red-800">
              {err.relationshipTarget}
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <div className="flex flex-col gap-1">
          <label htmlFor="recurrence" className="font-medium">
            How often
          </label>
          <select
            id="recurrence"
            name="recurrence"
            value={recurrence}
            onChange={(e) => setRecurrence(e.currentTarget.value)}
            className="min-h-11 rounded-md border border-stone-400 bg-white px-3 py-2"
          >
            {RECURRENCES.map((r) => (
              <option key={r} value={r}>
                {recurrenceLabel[r]}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="startDate" className="font-medium">
            First due
          </label>
          <input
            id="startDate"
            name="startDate"
            type="date"
            defaultValue={today}
            aria-invalid={err.startDate ? true : undefined}
            aria-describedby={err.startDate ? 'startDate-error' : undefined}
            className="min-h-11 rounded-md border border-stone-400 bg-white px-3 py-2"
          />
          {err.startDate ? (
            <p id="startDate-error" className="text-sm font-medium text-red-800">
              {err.startDate}
            </p>
          ) : null}
        </div>
        {recurrence !== 'ONCE' ? (
          <div className="flex flex-col gap-1">
            <label htmlFor="endDate" className="font-medium">
              Last due <span className="font-normal text-stone-600">(optional)</span>
            </label>
            <input
              id="endDate"
              name="endDate"
              type="date"
              min={today}
              aria-invalid={err.endDate ? true : undefined}
              aria-describedby={err.endDate ? 'endDate-error' : undefined}
              className="min-h-11 rounded-md border border-stone-400 bg-white px-3 py-2"
            />
            {err.endDate ? (
              <p id="endDate-error" className="text-sm font-medium text-red-800">
                {err.endDate}
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
      <div>
        <SubmitButton pendingLabel="Assigning…">Assign</SubmitButton>
      </div>
    </form>
  )
}
