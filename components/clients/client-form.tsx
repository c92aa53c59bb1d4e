'use client'
import { useActionState } from 'react'
import type { ActionState } from '@/lib/actions/result'
import { idleState } from '@/lib/actions/result'
import { Field, FormMessage } from '@/components/ui/field'
import { SubmitButton } from '@/components/ui/button'

export interface ClientFormValues {
  firstName?: string
  lastName?: string
  preferredName?: string | null
  email?: string | null
  phone?: string | null
  dateOfBirth?: string
  episodeStart?: string
  status?: 'ACTIVE' | 'DISCHARGED'
  primaryClinicianId?: string
}

interface Props {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>
  initial?: ClientFormValues
  clinicians?: { id: string; name: string }[]
  mode: 'create' | 'edit'
  today: string
  /** Whether "Me" is a choice for primary clinician (the signed-in user sees clients). */
  allowSelf?: boolean
}

export function ClientForm({ action, initial = {}, clinicians, mode, today, allowSelf = true }: Props) {
  const [state, formAction] = useActionState(action, idleState)
  const v = (k: keyof ClientFormValues) => state.values?.[k] ?? (initial[k] as string | undefined) ?? ''
  const err = state.fieldErrors ?? {}
  // Re-mount inputs after each answer so they show what the server echoed back.
  const key = JSON.stringify(state.values ?? initial)
  return (
    <form action={formAction} noValidate className="flex max-w-2xl flex-col gap-5" key={key}>
      <FormMessage status={state.status} message={state.message} />
      <div className="grid gap-5 sm:grid-cols-2">
        <Field name="firstName" label="First name" required autoComplete="off" defaultValue={v('firstName')} error={err.firstName} />
        <Field name="lastName" label="Last name" required autoComplete="off" defaultValue={v('lastName')} error={err.lastName} />
      </div>
      <Field
        name="preferredName"
        label="Preferred name"
        hint="What the client likes to be called. Check-in emails use only this or the first name."
        autoComplete="off"
        defaultValue={v('preferredName')}
        error={err.preferredName}
      />
      <div className="grid gap-5 sm:grid-cols-2">
        <Field name="email" label="Email" type="email" autoComplete="off" defaultValue={v('email')} error={err.email} />
        <Field name="phone" label="Phone" type="tel" autoComplete="off" defaultValue={v('phone')} error={err.phone} />
      </div>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field name="dateOfBirth" label="Date of birth" type="date" required max={today} defaultValue={v('dateOfBirth')} error={err.dateOfBirth} />
        <Field
          name="episodeStart"
          label="Episode of care started"
          hint={mode === 'create' ? 'Leave empty to start today.' : 'Scores are compared with the first one on or after this date.'}
          type="date"
          max={today}
          defaultValue={v('episodeStart')}
          error={err.episodeStart}
        />
      </div>
      {mode === 'edit' ? (
        <fieldset className="flex flex-col gap-2">
          <legend className="font-medium">Status</legend>
          <div className="flex flex-wrap gap-4">
            {(['ACTIVE', 'DISCHARGED'] as const).map((s) => (
              <label key={s} className="flex min-h-11 items-center gap-2">
                <input type="radio" name="status" value={s} defaultChecked={v('status') === s} className="h-5 w-5" />
                {s === 'ACTIVE' ? 'Active' : 'Discharged'}
              </label>
            ))}
          </div>
          {err.status ? <p className="text-sm font-medium text-red-800">{err.status}</p> : null}
        </fieldset>
      ) : null}
      {clinicians && clinicians.length > 0 ? (
        <div className="flex flex-col gap-1">
          <label htmlFor="field-primaryClinicianId" className="font-medium">
            Primary clinician
          </label>
          <select
            id="field-primaryClinicianId"
            name="primaryClinicianId"
            defaultValue={v('primaryClinicianId')}
            aria-invalid={err.primaryClinicianId ? true : undefined}
            aria-describedby={err.primaryClinicianId ? 'field-primaryClinicianId-error' : undefined}
            className="min-h-11 rounded-md border border-stone-400 bg-white px-3 py-2"
          >
            {mode === 'create' && allowSelf ? <option value="">Me</option> : null}
            {clinicians.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          {err.primaryClinicianId ? (
            <p id="field-primaryClinicianId-error" className="text-sm font-medium text-red-800">
              {err.primaryClinicianId}
            </p>
          ) : null}
        </div>
      ) : null}
      <div>
        <SubmitButton pendingLabel="Saving…">{mode === 'create' ? 'Add client' : 'Save changes'}</SubmitButton>
      </div>
    </form>
  )
}
