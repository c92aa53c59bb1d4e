'use client'
import { useActionState, useState, useTransition } from 'react'
import { idleState, type ConfirmEnrolmentState, type StartEnrolmentResult } from '@/lib/actions/result'
import { buttonStyles, SubmitButton } from '@/components/ui/button'
import { Field, FormMessage } from '@/components/ui/field'
import { useHydrated } from '@/components/ui/use-hydrated'
import { MfaRecoveryCodes } from './mfa-recovery-codes'

/** "ABCDEFGH…" → "ABCD EFGH …": easier to copy by eye into an app. */
function groupsOfFour(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ')
}

export function MfaEnrol({
  start,
  confirm,
}: {
  start: () => Promise<StartEnrolmentResult>
  confirm: (prev: ConfirmEnrolmentState, form: FormData) => Promise<ConfirmEnrolmentState>
}) {
  const hydrated = useHydrated()
  const [setup, setSetup] = useState<StartEnrolmentResult | null>(null)
  const [starting, startTransition] = useTransition()
  const [state, formAction] = useActionState(confirm, idleState as ConfirmEnrolmentState)

  if (state.status === 'success' && state.recoveryCodes) return <MfaRecoveryCodes codes={state.recoveryCodes} />

  if (!setup || setup.status === 'error') {
    return (
      <section aria-labelledby="mfa-start" className="flex flex-col gap-4 rounded-xl border border-stone-200 bg-white p-5">
        <h2 id="mfa-start" className="text-lg font-semibold">
          Set up two-step verification
        </h2>
        <p className="text-stone-700">
          You need an authenticator app on your phone, for example Google Authenticator, Microsoft Authenticator, 1Password or Aegis. It takes about two
          minutes.
        </p>
        {setup?.status === 'error' ? <FormMessage status="error" message={setup.message} /> : null}
        <div>
          <button
            type="button"
            disabled={!hydrated || starting}
            className={buttonStyles.primary}
            onClick={() => startTransition(async () => setSetup(await start()))}
          >
            {starting ? 'Preparing…' : 'Set up two-step verification'}
          </button>
        </div>
      </section>
    )
  }

  return (
    <section aria-labelledby="mfa-add" className="flex flex-col gap-5 rounded-xl border border-stone-200 bg-white p-5">
      <h2 id="mfa-add" className="text-lg font-semibold">
        Add SecureBase to your authenticator app
      </h2>
      <ol className="flex list-decimal flex-col gap-4 pl-5 text-stone-800">
        <li>
          <p>In your authenticator app, add an account and choose to enter a setup key. Type this key:</p>
          <p className="mt-2 text-sm font-medium text-stone-700" id="mfa-secret-label">
            Setup key (time-based, 6 digits, every 30 seconds)
          </p>
          <code
            data-testid="mfa-secret"
            aria-labelledby="mfa-secret-label"
            className="mt-1 inline-block select-all rounded-md bg-stone-100 px-3 py-2 font-mono text-lg tracking-wider text-stone-900"
          >
            {groupsOfFour(setup.secret)}
          </code>
          <p className="mt-2 text-sm text-stone-700">
            Setting up on this phone?{' '}
            <a href={setup.otpauthUrl} className="font-medium text-accent-800 underline underline-offset-4">
              Open the setup link in your authenticator app
            </a>
            .
          </p>
        </li>
        <li>
          <form action={formAction} noValidate className="flex flex-col gap-3">
            <Field
              name="code"
              label="6-digit code from your authenticator app"
              hint="Enter the code the app now shows for SecureBase, to check that it is set up correctly."
              required
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={7}
              error={state.fieldErrors?.code}
            />
            <FormMessage status={state.status} message={state.message} />
            <div>
              <SubmitButton pendingLabel="Checking…">Turn on two-step verification</SubmitButton>
            </div>
          </form>
        </li>
      </ol>
    </section>
  )
}
