'use client'
import { useState, useTransition } from 'react'
import type { ActionState } from '@/lib/actions/result'
import { buttonStyles } from './button'
import { useHydrated } from './use-hydrated'

/**
 * A button for an action that cannot be undone: the first click explains what will happen and
 * asks to confirm; only the second runs it.
 */
export function ConfirmAction({
  label,
  confirmLabel,
  explanation,
  action,
  onDone,
  variant = 'secondary',
}: {
  label: string
  confirmLabel: string
  explanation: string
  action: () => Promise<ActionState>
  onDone?: (s: ActionState) => void
  variant?: 'secondary' | 'danger'
}) {
  const [asking, setAsking] = useState(false)
  const [pending, start] = useTransition()
  const hydrated = useHydrated()
  if (!asking) {
    return (
      <button type="button" disabled={!hydrated} className={buttonStyles.secondary} onClick={() => setAsking(true)}>
        {label}
      </button>
    )
  }
  return (
    <div role="group" aria-label={`Confirm: ${label}`} className="flex w-full flex-col gap-2 rounded-md border border-stone-300 bg-stone-50 p-3">
      <p className="text-stone-800">{explanation}</p>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          disabled={pending}
          className={variant === 'danger' ? buttonStyles.danger : buttonStyles.primary}
          onClick={() =>
            start(async () => {
              const s = await action()
              setAsking(false)
              onDone?.(s)
            })
          }
        >
          {pending ? 'Working…' : confirmLabel}
        </button>
        <button type="button" className={buttonStyles.secondary} onClick={() => setAsking(false)} disabled={pending}>
          Keep as it is
        </button>
      </div>
    </div>
  )
}
