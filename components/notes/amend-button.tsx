'use client'
import { useActionState } from 'react'
import { idleState, type ActionState } from '@/lib/actions/result'
import { SubmitButton } from '@/components/ui/button'
import { FormMessage } from '@/components/ui/field'

/** Starts an amendment (a new draft version; the signed one stays as it is) and opens it. */
export function AmendButton({ amend }: { amend: (prev: ActionState) => Promise<ActionState> }) {
  const [state, action] = useActionState(amend, idleState)
  return (
    <form action={action} className="flex flex-col gap-2">
      <p className="text-sm text-stone-600">An amendment is a new version of this note. This signed version stays as it is, and both are kept.</p>
      <div>
        <SubmitButton variant="secondary" pendingLabel="Opening…">
          Amend
        </SubmitButton>
      </div>
      <FormMessage status={state.status} message={state.message} />
    </form>
  )
}
