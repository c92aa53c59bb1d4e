'use client'
import Link from 'next/link'
import { useActionState } from 'react'
import { Field, FormMessage } from '@/components/ui/field'
import { SubmitButton } from '@/components/ui/button'
import { idleState, type SetPasswordState } from '@/lib/actions/result'

/** Choosing a password from an invite or reset link. It never signs in: the person signs in next. */
export function SetPasswordForm({
  token,
  email,
  hint,
  submitLabel,
  action,
}: {
  token: string
  email: string
  hint: string
  submitLabel: string
  action: (prev: SetPasswordState, form: FormData) => Promise<SetPasswordState>
}) {
  const [state, formAction] = useActionState(action, idleState as SetPasswordState)
  const err = state.fieldErrors ?? {}
  if (state.done) {
    return (
      <div className="flex flex-col gap-4" role="status">
        <p className="rounded-md bg-accent-50 px-3 py-2 text-accent-800">Your password is set.</p>
        {state.mfaSetupNeeded ? (
          <p className="text-stone-700">Your practice uses two-step verification: after you sign in you will be asked to set it up.</p>
        ) : null}
        <p>
          <Link href="/login" className="font-medium text-accent-700 underline underline-offset-4">
            Sign in
          </Link>
        </p>
      </div>
    )
  }
  return (
    <form action={formAction} noValidate className="flex flex-col gap-4">
      <FormMessage status={state.status} message={state.message} />
      <input type="hidden" name="token" value={token} />
      {/* Lets password managers store the new password under the right account. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <p className="text-stone-700">
        Account: <span className="font-medium break-all">{email}</span>
      </p>
      <Field name="password" label="New password" type="password" autoComplete="new-password" required hint={hint} error={err.password} />
      <Field name="confirm" label="New password again" type="password" autoComplete="new-password" required error={err.confirm} />
      <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
    </form>
  )
}
