'use client'
import { useActionState } from 'react'
import type { ActionState } from '@/lib/actions/result'
import { idleState } from '@/lib/actions/result'
import { SubmitButton } from '@/components/ui/button'
import { Field, FormMessage } from '@/components/ui/field'

/** Turning MFA off needs a current code (or a recovery code): a borrowed session is not enough. */
export function MfaDisable({ action }: { action: (prev: ActionState, form: FormData) => Promise<ActionState> }) {
  const [state, formAction] = useActionState(action, idleState)
  return (
    <details className="rounded-md border border-stone-200 p-4">
      <summary className="min-h-11 cursor-pointer py-2 font-medium text-stone-800">Turn off two-step verification</summary>
      <form action={formAction} noValidate className="mt-3 flex flex-col gap-3">
        <p className="text-stone-700">Without it, your password alone opens your clients&apos; records. To confirm, enter a current code.</p>
        <Field
          name="code"
          label="Code from your authenticator app, or a recovery code"
          required
          autoComplete="one-time-code"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={20}
          error={state.fieldErrors?.code}
        />
        <FormMessage status={state.status} message={state.message} />
        <div>
          <SubmitButton variant="danger" pendingLabel="Turning off…">
            Turn off two-step verification
          </SubmitButton>
        </div>
      </form>
    </details>
  )
}
