'use client'
import { useState } from 'react'
import { ConfirmAction } from '@/components/ui/confirm-action'
import { FormMessage } from '@/components/ui/field'
import type { ActionState } from '@/lib/actions/result'

const SIGN_EXPLANATION = "Once signed, this note can't be edited. Changes later are made as an amendment, and both versions are kept."

/** Signing asks first and says what will happen; an error comes back next to the button. */
export function SignButton({ sign, onSigned }: { sign: () => Promise<ActionState>; onSigned?: () => void }) {
  const [state, setState] = useState<ActionState>({ status: 'idle' })
  return (
    <div className="flex flex-col gap-2">
      <ConfirmAction
        label="Sign note"
        confirmLabel="Sign now"
        explanation={SIGN_EXPLANATION}
        action={sign}
        onDone={(s) => {
          setState(s)
          if (s.status === 'success') onSigned?.()
        }}
      />
      <FormMessage status={state.status} message={state.message} />
    </div>
  )
}
