'use client'

// Never shows the error's message (it may hold internal detail); the digest lets support find the
// server log entry.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto flex min-h-[60vh] max-w-xl flex-col justify-center gap-4 px-4 py-10">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="text-stone-700">Nothing you entered has been lost unless it was still being saved. Please try again.</p>
      {error.digest ? <p className="text-sm text-stone-600">Reference: {error.digest}</p> : null}
      <p>
        <button type="button" onClick={reset} className="min-h-11 rounded-md bg-accent-700 px-4 py-2 text-white">
          Try again
        </button>
      </p>
    </main>
  )
}
