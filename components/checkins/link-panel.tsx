'use client'
import { useState, useTransition } from 'react'
import { buttonStyles } from '@/components/ui/button'
import { ConfirmAction } from '@/components/ui/confirm-action'
import { useHydrated } from '@/components/ui/use-hydrated'
import type { LinkActionState } from '@/lib/actions/result'

type Mode = 'copy' | 'email' | 'reissue' | 'revoke' | 'cancel'

/** Link actions for one open check-in. A token is shown only right after it is made: the app keeps only its hash. */
export function LinkPanel({ action, liveLinks }: { action: (mode: Mode) => Promise<LinkActionState>; liveLinks: number }) {
  const [result, setResult] = useState<LinkActionState | null>(null)
  const [copied, setCopied] = useState(false)
  const [pending, start] = useTransition()
  const hydrated = useHydrated()
  const run = (mode: Mode) =>
    start(async () => {
      setCopied(false)
      const r = await action(mode)
      setResult(r)
      if (mode === 'copy' && r.url) {
        try {
          await navigator.clipboard.writeText(r.url)
          setCopied(true)
        } catch {
          /* clipboard not allowed: the link is shown to copy by hand */
        }
      }
    })
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-2">
        <button type="button" className={buttonStyles.primary} disabled={!hydrated || pending} onClick={() => run('copy')}>
          Copy link
        </button>
        <button type="button" className={buttonStyles.secondary} disabled={!hydrated || pending} onClick={() => run('email')}>
          Email link
        </button>
        <ConfirmAction
          label="Re-issue link"
          confirmLabel="Revoke old links and make a new one"
          explanation="Every earlier link to this check-in will stop working. The client will need the new link."
          action={() => action('reissue')}
          onDone={(s) => setResult(s)}
        />
        {liveLinks > 0 ? (
          <ConfirmAction
            label="Revoke links"
            confirmLabel="Revoke links"
            explanation={`The ${liveLinks === 1 ? 'link' : `${liveLinks} links`} to this check-in will stop working at once. You can make a new link afterwards.`}
            action={() => action('revoke')}
            onDone={(s) => setResult(s)}
            variant="danger"
          />
        ) : null}
        <ConfirmAction
          label="Cancel check-in"
          confirmLabel="Cancel this check-in"
          explanation="The client will no longer be able to answer this check-in. Scheduled future check-ins are not affected."
          action={() => action('cancel')}
          onDone={(s) => setResult(s)}
          variant="danger"
        />
      </div>
      {pending ? <p className="text-stone-600">Working…</p> : null}
      {result?.message ? (
        <p role={result.status === 'error' ? 'alert' : 'status'} className={result.status === 'error' ? 'text-red-800' : 'text-accent-800'}>
          {result.message}
          {copied ? ' Copied to the clipboard.' : ''}
        </p>
      ) : null}
      {result?.url ? (
        <div className="flex flex-col gap-1">
          <label htmlFor="checkin-link" className="text-sm font-medium">
            Check-in link (share it only with the client)
          </label>
          <input
            id="checkin-link"
            readOnly
            value={result.url}
            onFocus={(e) => e.currentTarget.select()}
            className="min-h-11 w-full rounded-md border border-stone-400 bg-white px-3 py-2 font-mono text-sm"
          />
        </div>
      ) : null}
    </div>
  )
}
