'use client'
import { useActionState } from 'react'
import { Field, FormMessage } from '@/components/ui/field'
import { SubmitButton } from '@/components/ui/button'
import { idleState, type ActionState } from '@/lib/actions/result'

export function ChangePasswordForm({
  email,
  hint,
  action,
}: {
  email: string
  hint: string
  action: (prev: ActionState, form: FormData) => Promise<ActionState>
}) {
  const [state, formAction] = useActionState(action, idleState)
  const err = state.fieldErrors ?? {}
  return (
    // Re-mounted after each answer: password fields never keep what was typed.
    <form action={formAction} noValidate className="flex max-w-md flex-col gap-4" key={JSON.stringify(state)}>
      <FormMessage status={state.status} message={state.message} />
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <Field name="current" label="Current password" type="password" autoComplete="current-password" required error={err.current} />
      <Field name="password" label="New password" type="password" autoComplete="new-password" required hint={hint} error={err.password} />
      <Field name="confirm" label="New password again" type="password" autoComplete="new-password" required error={err.confirm} />
      <p className="text-sm text-stone-600">Changing it signs you out on your other devices and browsers; you stay signed in here.</p>
      <div>
        <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
      </div>
    </form>
  )
}
