'use client'
import { useActionState, useState, useTransition } from 'react'
import { idleState, type ActionState } from '@/lib/actions/result'
import { buttonStyles, SubmitButton } from '@/components/ui/button'
import { FormMessage } from '@/components/ui/field'

export interface RiskFlagView {
  id: string
  title: string
  detail: string
  status: 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED'
  history: string
}

export function RiskFlagCard({
  flag,
  acknowledge,
  resolve,
}: {
  flag: RiskFlagView
  acknowledge: () => Promise<ActionState>
  resolve: (prev: ActionState, form: FormData) => Promise<ActionState>
}) {
  const [ackState, setAckState] = useState<ActionState>(idleState)
  const [pending, start] = useTransition()
  const [state, formAction] = useActionState(resolve, idleState)
  return (
    <li className="rounded-lg border-2 border-red-700 bg-white p-4">
      <p className="font-semibold text-red-900">{flag.title}</p>
      <p className="text-stone-800">{flag.detail}</p>
      <p className="text-sm text-stone-600">{flag.history}</p>
      {flag.status === 'OPEN' ? (
        <div className="mt-3">
          <button type="button" className={buttonStyles.primary} disabled={pending} onClick={() => start(async () => setAckState(await acknowledge()))}>
            {pending ? 'Saving…' : 'Acknowledge'}
          </button>
          <FormMessage status={ackState.status} message={ackState.message} />
        </div>
      ) : null}
      <form action={formAction} className="mt-3 flex flex-col gap-2" noValidate>
        <FormMessage status={state.status} message={state.message} />
        <label htmlFor={`note-${flag.id}`} className="font-medium">
          Resolution note
        </label>
        <textarea
          id={`note-${flag.id}`}
          name="note"
          rows={2}
          required
          aria-invalid={state.fieldErrors?.note ? true : undefined}
          aria-describedby={state.fieldErrors?.note ? `note-${flag.id}-error` : undefined}
          className="rounded-md border border-stone-400 bg-white px-3 py-2"
          placeholder="What was done, e.g. 'Called the client; safety plan reviewed.'"
        />
        {state.fieldErrors?.note ? (
          <p id={`note-${flag.id}-error`} className="text-sm font-medium text-red-800">
            {state.fieldErrors.note}
          </p>
        ) : null}
        <div>
          <SubmitButton variant="secondary" pendingLabel="Resolving…">
            Resolve flag
          </SubmitButton>
        </div>
      </form>
    </li>
  )
}
