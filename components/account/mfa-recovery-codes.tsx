'use client'
import { useEffect, useRef, useState } from 'react'
import { useRouter } from 'next/navigation'
import { buttonStyles } from '@/components/ui/button'

/** The ten recovery codes, shown once right after MFA is turned on. */
export function MfaRecoveryCodes({ codes }: { codes: string[] }) {
  const router = useRouter()
  const heading = useRef<HTMLHeadingElement>(null)
  const [downloaded, setDownloaded] = useState(false)

  // The page changed under the user's focus: take them to the new content.
  useEffect(() => heading.current?.focus(), [])

  function download() {
    const text = [
      'SecureBase recovery codes',
      '',
      'Each code signs you in once if you cannot use your authenticator app.',
      'Keep them somewhere safe, away from your phone.',
      '',
      ...codes,
      '',
    ].join('\n')
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }))
    const a = document.createElement('a')
    a.href = url
    a.download = 'securebase-recovery-codes.txt'
    document.body.appendChild(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 1_000)
    setDownloaded(true)
  }

  return (
    <section aria-labelledby="mfa-codes" className="flex flex-col gap-4 rounded-xl border border-accent-100 bg-white p-5">
      <h2 id="mfa-codes" ref={heading} tabIndex={-1} className="text-lg font-semibold outline-none">
        Save your recovery codes
      </h2>
      <p role="status" className="rounded-md bg-accent-50 px-3 py-2 font-medium text-accent-800">
        Two-step verification is on.
      </p>
      <p className="text-stone-700">
        If you lose your phone, each of these codes signs you in once instead of a code from the app. Save them now, for example in your password manager or
        printed and locked away: <strong>they will not be shown again.</strong>
      </p>
      <ol aria-label="Recovery codes" data-testid="recovery-codes" className="grid grid-cols-1 gap-2 font-mono text-lg sm:grid-cols-2">
        {codes.map((c) => (
          <li key={c} className="rounded-md bg-stone-100 px-3 py-1 text-stone-900">
            {c}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-3">
        <button type="button" className={buttonStyles.secondary} onClick={download}>
          Download as a text file
        </button>
        <button type="button" className={buttonStyles.primary} onClick={() => router.refresh()}>
          I&apos;ve saved these
        </button>
      </div>
      {downloaded ? (
        <p role="status" className="text-sm text-stone-700">
          Downloaded securebase-recovery-codes.txt. Move it somewhere safe.
        </p>
      ) : null}
    </section>
  )
}
