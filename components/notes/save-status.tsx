'use client'
import { useState } from 'react'
import { buttonStyles } from '@/components/ui/button'
import type { SaveStatus } from './use-note-autosave'
import { dateTimeFormat } from '@/lib/intl-format'

const time = (iso: string) => dateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(new Date(iso))

/**
 * Autosave status in a live region ("Saving…", "Saved 12:04"). When saving has stopped (a
 * conflict), an alert explains what to do and offers to copy the text that is on screen.
 */
export function SaveStatusLine({ status, copyText }: { status: SaveStatus; copyText: () => string }) {
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle')
  const text =
    status.kind === 'saving'
      ? 'Saving…'
      : status.kind === 'saved'
        ? `Saved ${time(status.at)}`
        : status.kind === 'invalid' || status.kind === 'offline'
          ? status.message
          : status.kind === 'stopped'
            ? 'Not saved.'
            : status.kind === 'done'
              ? status.message
              : 'Saves as you type.'
  return (
    <div className="flex flex-col gap-2">
      <p
        role="status"
        aria-live="polite"
        className={`text-sm ${status.kind === 'invalid' || status.kind === 'offline' ? 'font-medium text-red-800' : 'text-stone-700'}`}
      >
        {text}
      </p>
      {status.kind === 'stopped' ? (
        <div role="alert" className="flex flex-col gap-2 rounded-md border border-red-700 bg-red-50 p-3 text-red-900">
          <p className="font-medium">{status.message}</p>
          <p>Your text is still on this page and has not been lost. Autosave has stopped so nothing is overwritten.</p>
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className={buttonStyles.secondary}
              onClick={async () => {
                try {
                  await navigator.clipboard.writeText(copyText())
                  setCopied('done')
                } catch {
                  setCopied('failed')
                }
              }}
            >
              Copy my text
            </button>
            <button type="button" className={buttonStyles.secondary} onClick={() => window.location.reload()}>
              Reload the note
            </button>
          </div>
          {copied !== 'idle' ? (
            <p role="status">
              {copied === 'done' ? 'Copied. Reload, then paste what you need.' : 'Copying did not work here: select your text and copy it by hand.'}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  )
}
