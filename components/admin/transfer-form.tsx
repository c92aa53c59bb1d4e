'use client'
import { useActionState, useState } from 'react'
import { FormMessage } from '@/components/ui/field'
import { SubmitButton } from '@/components/ui/button'
import { idleState, type ActionState } from '@/lib/actions/result'

export interface TransferClinician {
  id: string
  name: string
  status: 'ACTIVE' | 'INVITED' | 'DEACTIVATED'
  canReceive: boolean
  clients: { id: string; label: string; status: 'ACTIVE' | 'DISCHARGED' }[]
}

const statusNote = { ACTIVE: '', INVITED: ' (invited)', DEACTIVATED: ' (deactivated)' } as const
const selectClass = 'min-h-11 rounded-md border border-stone-400 bg-white px-3 py-2'

function Select({
  id,
  name,
  label,
  value,
  onChange,
  error,
  children,
}: {
  id: string
  name: string
  label: string
  value: string
  onChange: (v: string) => void
  error?: string
  children: React.ReactNode
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      <select
        id={id}
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={selectClass}
      >
        {children}
      </select>
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  )
}

export function TransferForm({
  clinicians,
  initialFrom,
  action,
}: {
  clinicians: TransferClinician[]
  initialFrom?: string
  action: (prev: ActionState, form: FormData) => Promise<ActionState>
}) {
  const [state, formAction] = useActionState(action, idleState)
  const holders = clinicians.filter((c) => c.clients.length > 0)
  const [chosenFrom, setFrom] = useState(initialFrom ?? '')
  const [chosenTo, setTo] = useState('')
  const [scope, setScope] = useState<'all' | 'selected'>('all')
  const [chosenClients, setPicked] = useState<string[]>([])
  // After a transfer the lists change under the form: keep only choices that still exist.
  const from = holders.some((h) => h.id === chosenFrom) ? chosenFrom : (holders[0]?.id ?? '')
  const source = clinicians.find((c) => c.id === from)
  const receivers = clinicians.filter((c) => c.canReceive && c.id !== from)
  const to = receivers.some((r) => r.id === chosenTo) ? chosenTo : ''
  const target = clinicians.find((c) => c.id === to)
  const picked = chosenClients.filter((id) => source?.clients.some((c) => c.id === id))
  const err = state.fieldErrors ?? {}
  const count = scope === 'all' ? (source?.clients.length ?? 0) : picked.length

  if (holders.length === 0) {
    return (
      <div className="flex flex-col gap-3">
        <FormMessage status={state.status} message={state.message} />
        <p className="text-stone-700">No clinician has clients at the moment, so there is nothing to transfer.</p>
      </div>
    )
  }
  return (
    <form action={formAction} className="flex max-w-2xl flex-col gap-5">
      <FormMessage status={state.status} message={state.message} />
      <div className="grid gap-5 sm:grid-cols-2">
        <Select
          id="transfer-from"
          name="fromClinicianId"
          label="From"
          value={from}
          error={err.fromClinicianId}
          onChange={(v) => {
            setFrom(v)
            setPicked([])
          }}
        >
          {holders.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
              {statusNote[c.status]} · {c.clients.length} client{c.clients.length === 1 ? '' : 's'}
            </option>
          ))}
        </Select>
        <Select id="transfer-to" name="toClinicianId" label="To" value={to} onChange={setTo} error={err.toClinicianId}>
          <option value="">Choose a clinician</option>
          {receivers.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
      </div>
      <fieldset className="flex flex-col gap-1">
        <legend className="font-medium">Which clients</legend>
        <label className="flex min-h-11 items-center gap-2">
          <input type="radio" name="scope" value="all" checked={scope === 'all'} onChange={() => setScope('all')} className="h-5 w-5" />
          The whole caseload ({source?.clients.length ?? 0}, discharged clients included)
        </label>
        <label className="flex min-h-11 items-center gap-2">
          <input type="radio" name="scope" value="selected" checked={scope === 'selected'} onChange={() => setScope('selected')} className="h-5 w-5" />
          Selected clients
        </label>
      </fieldset>
      {scope === 'selected' && source ? (
        <fieldset
          className="flex flex-col gap-1 rounded-md border border-stone-200 bg-white p-3"
          aria-describedby={err.clientIds ? 'clients-error' : undefined}
        >
          <legend className="px-1 font-medium">Clients of {source.name}</legend>
          {source.clients.map((c) => (
            <label key={c.id} className="flex min-h-11 items-center gap-2">
              <input
                type="checkbox"
                name="clientIds"
                value={c.id}
                checked={picked.includes(c.id)}
                onChange={(e) => setPicked(e.target.checked ? [...picked, c.id] : picked.filter((x) => x !== c.id))}
                className="h-5 w-5"
              />
              {c.label}
              {c.status === 'DISCHARGED' ? <span className="text-sm text-stone-600">(discharged)</span> : null}
            </label>
          ))}
          {err.clientIds ? (
            <p id="clients-error" className="text-sm font-medium text-red-800">
              {err.clientIds}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      <p className="text-stone-700" aria-live="polite">
        {target && count > 0
          ? `${count} client${count === 1 ? '' : 's'} will move from ${source?.name} to ${target.name}. Their assignments, open check-ins and links go with them and keep working.`
          : 'Assignments, open check-ins and their links go with each client and keep working.'}
      </p>
      <div>
        <SubmitButton pendingLabel="Transferring…">Transfer clients</SubmitButton>
      </div>
    </form>
  )
}
