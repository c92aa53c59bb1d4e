'use client'
import { useActionState } from 'react'
import { Field, FormMessage } from '@/components/ui/field'
import { SubmitButton } from '@/components/ui/button'
import { idleState, type LinkActionState } from '@/lib/actions/result'
import { ROLES, roleLabel } from '@/lib/validation/admin'
import { OneTimeLink } from './one-time-link'

const roleHint = {
  CLINICIAN: 'Has a caseload: adds clients, assigns check-ins, writes notes.',
  ADMIN: 'Manages accounts, client transfers, practice settings and the audit trail.',
} as const

export function InviteForm({ action }: { action: (prev: LinkActionState, form: FormData) => Promise<LinkActionState> }) {
  const [state, formAction] = useActionState(action, idleState as LinkActionState)
  const err = state.fieldErrors ?? {}
  const sent = state.status === 'success'
  // After a successful invite the form starts empty again; after an error it keeps what was typed.
  const values = sent ? {} : (state.values ?? {})
  const checked = (r: string) => (state.status === 'error' ? (state.values?.roles ?? '').split(',').includes(r) : r === 'CLINICIAN')
  return (
    <div className="flex max-w-xl flex-col gap-5">
      <FormMessage status={state.status} message={state.message} />
      {state.url ? <OneTimeLink url={state.url} label="Invitation link" /> : null}
      <form action={formAction} noValidate className="flex flex-col gap-5" key={JSON.stringify(state)}>
        <Field name="name" label="Name" required autoComplete="off" defaultValue={values.name ?? ''} error={err.name} />
        <Field
          name="email"
          label="Email"
          type="email"
          required
          autoComplete="off"
          hint="Their work address: they sign in with it and the invitation goes to it."
          defaultValue={values.email ?? ''}
          error={err.email}
        />
        <fieldset className="flex flex-col gap-1" aria-describedby={err.roles ? 'roles-error' : undefined}>
          <legend className="font-medium">Roles</legend>
          {ROLES.map((r) => (
            <label key={r} className="flex min-h-11 items-start gap-2 py-1">
              <input type="checkbox" name="roles" value={r} defaultChecked={checked(r)} className="mt-0.5 h-5 w-5" />
              <span>
                {roleLabel[r]}
                <span className="block text-sm text-stone-600">{roleHint[r]}</span>
              </span>
            </label>
          ))}
          {err.roles ? (
            <p id="roles-error" className="text-sm font-medium text-red-800">
              {err.roles}
            </p>
          ) : null}
        </fieldset>
        <p className="text-stone-700">The invitation link works once, for 7 days. They choose their own password; you never see it.</p>
        <div>
          <SubmitButton pendingLabel="Inviting…">Send invitation</SubmitButton>
        </div>
      </form>
    </div>
  )
}
