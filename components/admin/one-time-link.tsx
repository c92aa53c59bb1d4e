'use client'
import { useId, useState } from 'react'
import { buttonStyles } from '@/components/ui/button'

/** A staff link shown once (the app keeps only its hash), with a copy button. */
export function OneTimeLink({ url, label }: { url: string; label: string }) {
  const id = useId()
  const [copied, setCopied] = useState(false)
  return (
    <div className="flex flex-col gap-1 rounded-md border border-amber-300 bg-amber-50 p-3">
      <label htmlFor={id} className="text-sm font-medium text-stone-900">
        {label}
      </label>
      <div className="flex flex-col gap-2">
        <input
          id={id}
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          className="min-h-11 w-full min-w-0 rounded-md border border-stone-400 bg-white px-3 py-2 font-mono text-sm"
        />
        <button
          type="button"
          className={`${buttonStyles.secondary} self-start`}
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(url)
              setCopied(true)
            } catch {
              setCopied(false)
            }
          }}
        >
          {copied ? 'Copied' : 'Copy link'}
        </button>
      </div>
      <p className="text-sm text-stone-700" role="status">
        {copied ? 'Copied to the clipboard. ' : ''}Anyone with this link can set the password: share it only with the person it is for.
      </p>
    </div>
  )
}
