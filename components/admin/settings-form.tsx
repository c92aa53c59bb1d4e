'use client'
import { useActionState } from 'react'
import { Field, FormMessage } from '@/components/ui/field'
import { SubmitButton } from '@/components/ui/button'
import { idleState, type ActionState } from '@/lib/actions/result'
import { SETTINGS_BOUNDS as B } from '@/lib/validation/admin'

export interface SettingsValues {
  name: string
  timeZone: string
  idleTimeoutMinutes: number
  checkinExpiryDays: number
  remindersEnabled: boolean
  reminderHoursBeforeExpiry: number
  crisisResources: string | null
  mfaRequired: boolean
}

function Check({ name, label, hint, checked }: { name: string; label: string; hint: string; checked: boolean }) {
  return (
    <div className="flex items-start gap-3">
      <input id={`field-${name}`} type="checkbox" name={name} defaultChecked={checked} aria-describedby={`field-${name}-hint`} className="mt-1 h-5 w-5" />
      <div>
        <label htmlFor={`field-${name}`} className="font-medium">
          {label}
        </label>
        <p id={`field-${name}-hint`} className="text-sm text-stone-600">
          {hint}
        </p>
      </div>
    </div>
  )
}

export function SettingsForm({
  initial,
  timeZones,
  action,
}: {
  initial: SettingsValues
  timeZones: string[]
  action: (prev: ActionState, form: FormData) => Promise<ActionState>
}) {
  const [state, formAction] = useActionState(action, idleState)
  const err = state.fieldErrors ?? {}
  // After an answer, show what was submitted (checkboxes are absent from the form when unchecked).
  const echo = state.values
  const text = (k: keyof SettingsValues) => echo?.[k] ?? String(initial[k] ?? '')
  const flag = (k: 'remindersEnabled' | 'mfaRequired') => (echo ? echo[k] === 'on' : initial[k])
  const zones = timeZones.includes(text('timeZone')) ? timeZones : [text('timeZone'), ...timeZones]
  return (
    <form action={formAction} noValidate className="flex max-w-2xl flex-col gap-6" key={JSON.stringify(echo ?? initial)}>
      <FormMessage status={state.status} message={state.message} />
      <section className="flex flex-col gap-5" aria-labelledby="settings-practice">
        <h3 id="settings-practice" className="text-lg font-semibold">
          Practice
        </h3>
        <Field
          name="name"
          label="Practice name"
          required
          hint="Clients see it on check-ins and in emails."
          defaultValue={text('name')}
          error={err.name}
          maxLength={B.name.max}
        />
        <div className="flex flex-col gap-1">
          <label htmlFor="field-timeZone" className="font-medium">
            Time zone
          </label>
          <p id="field-timeZone-hint" className="text-sm text-stone-600">
            Dates and check-in due days follow this zone.
          </p>
          <select
            id="field-timeZone"
            name="timeZone"
            defaultValue={text('timeZone')}
            aria-invalid={err.timeZone ? true : undefined}
            aria-describedby={['field-timeZone-hint', err.timeZone ? 'field-timeZone-error' : ''].filter(Boolean).join(' ')}
            className="min-h-11 rounded-md border border-stone-400 bg-white px-3 py-2"
          >
            {zones.map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
          {err.timeZone ? (
            <p id="field-timeZone-error" className="text-sm font-medium text-red-800">
              {err.timeZone}
            </p>
          ) : null}
        </div>
      </section>
      <section className="flex flex-col gap-5" aria-labelledby="settings-security">
        <h3 id="settings-security" className="text-lg font-semibold">
          Sign-in and security
        </h3>
        <Field
          name="idleTimeoutMinutes"
          label="Sign out after inactivity (minutes)"
          type="number"
          inputMode="numeric"
          min={B.idleTimeoutMinutes.min}
          max={B.idleTimeoutMinutes.max}
          required
          hint={`Between ${B.idleTimeoutMinutes.min} and ${B.idleTimeoutMinutes.max} minutes. Shorter is safer on shared computers.`}
          defaultValue={text('idleTimeoutMinutes')}
          error={err.idleTimeoutMinutes}
        />
        <Check
          name="mfaRequired"
          label="Require two-step verification for everyone"
          hint="Staff then need a code from an authenticator app as well as their password. People who have not set it up are asked to when they next sign in."
          checked={flag('mfaRequired')}
        />
      </section>
      <section className="flex flex-col gap-5" aria-labelledby="settings-checkins">
        <h3 id="settings-checkins" className="text-lg font-semibold">
          Check-ins
        </h3>
        <Field
          name="checkinExpiryDays"
          label="Check-in links stay open for (days)"
          type="number"
          inputMode="numeric"
          min={B.checkinExpiryDays.min}
          max={B.checkinExpiryDays.max}
          required
          hint={`Between ${B.checkinExpiryDays.min} and ${B.checkinExpiryDays.max} days. Applies to check-ins opened from now on.`}
          defaultValue={text('checkinExpiryDays')}
          error={err.checkinExpiryDays}
        />
        <Check
          name="remindersEnabled"
          label="Send one reminder before a check-in closes"
          hint="Only to clients with an email address, and only if they have not answered yet."
          checked={flag('remindersEnabled')}
        />
        <Field
          name="reminderHoursBeforeExpiry"
          label="Send the reminder this many hours before it closes"
          type="number"
          inputMode="numeric"
          min={B.reminderHoursBeforeExpiry.min}
          max={B.reminderHoursBeforeExpiry.max}
          required
          hint={`Between ${B.reminderHoursBeforeExpiry.min} and ${B.reminderHoursBeforeExpiry.max} hours, and less than the time the link stays open.`}
          defaultValue={text('reminderHoursBeforeExpiry')}
          error={err.reminderHoursBeforeExpiry}
        />
        <div className="flex flex-col gap-1">
          <label htmlFor="field-crisisResources" className="font-medium">
            Crisis resources <span className="font-normal text-stone-600">(optional)</span>
          </label>
          <p id="field-crisisResources-hint" className="text-sm text-stone-600">
            Shown to a client at once if they report thoughts of self-harm: local emergency numbers, helplines, how to reach the practice. Up to{' '}
            {B.crisisResources.max} characters.
          </p>
          <textarea
            id="field-crisisResources"
            name="crisisResources"
            rows={6}
            maxLength={B.crisisResources.max}
            defaultValue={text('crisisResources')}
            aria-invalid={err.crisisResources ? true : undefined}
            aria-describedby={['field-crisisResources-hint', err.crisisResources ? 'field-crisisResources-error' : ''].filter(Boolean).join(' ')}
            className="rounded-md border border-stone-400 bg-white px-3 py-2 text-base"
          />
          {err.crisisResources ? (
            <p id="field-crisisResources-error" className="text-sm font-medium text-red-800">
              {err.crisisResources}
            </p>
          ) : null}
        </div>
      </section>
      <div>
        <SubmitButton pendingLabel="Saving…">Save settings</SubmitButton>
      </div>
    </form>
  )
}
