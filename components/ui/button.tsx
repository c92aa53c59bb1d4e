'use client'
import { useFormStatus } from 'react-dom'
import { useHydrated } from './use-hydrated'

const base =
  'inline-flex min-h-11 items-center justify-center gap-2 rounded-md px-4 py-2 text-base font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-60'
export const buttonStyles = {
  primary: `${base} bg-accent-700 text-white hover:bg-accent-800`,
  secondary: `${base} border border-stone-300 bg-white text-stone-900 hover:bg-stone-100`,
  danger: `${base} bg-red-700 text-white hover:bg-red-800`,
}

/**
 * Submit button with a pending state. Disabled until hydrated: a click before React attaches
 * would submit the form as a plain GET/POST without the action.
 */
export function SubmitButton({
  children,
  pendingLabel,
  variant = 'primary',
  className = '',
}: {
  children: React.ReactNode
  pendingLabel?: string
  variant?: keyof typeof buttonStyles
  className?: string
}) {
  const { pending } = useFormStatus()
  const hydrated = useHydrated()
  return (
    <button type="submit" disabled={!hydrated || pending} aria-disabled={!hydrated || pending} className={`${buttonStyles[variant]} ${className}`}>
      {pending ? (pendingLabel ?? 'Saving…') : children}
    </button>
  )
}
