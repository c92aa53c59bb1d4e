'use client'
import { useFormStatus } from 'react-dom'
import { useHydrated } from './use-hydrated'
import { buttonStyles } from './button-styles'

export { buttonStyles }

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
