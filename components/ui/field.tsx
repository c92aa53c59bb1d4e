import type { InputHTMLAttributes } from 'react'
import type { ActionState } from '@/lib/actions/result'

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  name: string
  label: string
  error?: string
  hint?: string
}

/** A labelled input with its hint and error tied to it for screen readers. */
export function Field({ name, label, error, hint, id, required, ...rest }: FieldProps) {
  const inputId = id ?? `field-${name}`
  const hintId = hint ? `${inputId}-hint` : undefined
  const errorId = error ? `${inputId}-error` : undefined
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={inputId} className="font-medium text-stone-800">
        {label}
        {required ? null : <span className="font-normal text-stone-600"> (optional)</span>}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      <input
        id={inputId}
        name={name}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        className={`min-h-11 rounded-md border bg-white px-3 py-2 text-base text-stone-900 ${error ? 'border-red-700' : 'border-stone-400'}`}
        {...rest}
      />
      {error ? (
        <p id={errorId} className="text-sm font-medium text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  )
}

export function FormMessage({ status, message }: { status: ActionState['status']; message?: string }) {
  if (!message || status === 'idle') return null
  return (
    <p
      role={status === 'error' ? 'alert' : 'status'}
      className={`rounded-md px-3 py-2 ${status === 'error' ? 'bg-red-50 text-red-900' : 'bg-accent-50 text-accent-800'}`}
    >
      {message}
    </p>
  )
}
