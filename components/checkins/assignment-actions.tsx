'use client'
import { useState, useTransition } from 'react'
import { buttonStyles } from '@/components/ui/button'
import { ConfirmAction } from '@/components/ui/confirm-action'
import type { ActionState } from '@/lib/actions/result'

export function AssignmentActions({
  status,
  action,
}: {
  status: 'ACTIVE' | 'PAUSED' | 'ENDED'
  action: (change: 'pause' | 'resume' | 'end') => Promise<ActionState>
}) {
  const [result, setResult] = useState<ActionState | null>(null)
  const [pending, start] = useTransition()
  if (status === 'ENDED') return null
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        className={buttonStyles.secondary}
        disabled={pending}
        onClick={() => start(async () => setResult(await action(status === 'ACTIVE' ? 'pause' : 'resume')))}
      >
        {status === 'ACTIVE' ? 'Pause' : 'Resume'}
      </button>
      <ConfirmAction
        label="End"
        confirmLabel="End this assignment"
        explanation="No further check-ins will be scheduled for it. Answers already given stay in the record."
        action={() => action('end')}
        onDone={setResult}
        variant="danger"
      />
      {result?.message ? (
        <span role={result.status === 'error' ? 'alert' : 'status'} className={result.status === 'error' ? 'text-red-800' : 'text-accent-800'}>
          {result.message}
        </span>
      ) : null}
    </div>
  )
}
