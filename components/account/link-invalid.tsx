import Link from 'next/link'

/** One answer for a wrong, used or expired staff link (so links cannot be probed). */
export function LinkInvalid() {
  return (
    <div className="flex flex-col gap-3">
      <h1 className="text-2xl font-semibold">This link is no longer valid</h1>
      <p className="text-stone-700">
        Links to set a password work once, and only for a while (invitations for 7 days, password resets for 1 hour). Ask your practice admin for a new one.
      </p>
      <p>
        <Link href="/login" className="font-medium text-accent-700 underline underline-offset-4">
          Go to sign-in
        </Link>
      </p>
    </div>
  )
}
