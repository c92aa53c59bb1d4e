import type { Metadata } from 'next'
import { inspectUserToken } from '@/lib/db/user-tokens'
import { PASSWORD_HINT } from '@/lib/auth/password-policy'
import { SetPasswordForm } from '@/components/account/set-password-form'
import { LinkInvalid } from '@/components/account/link-invalid'
import { resetPasswordFromLinkAction } from '../../password-link-actions'

export const dynamic = 'force-dynamic'
// The token is in the path: never pass it on as a referrer.
export const metadata: Metadata = { title: 'Choose a new password', referrer: 'no-referrer' }

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  // Reads only: opening the link (or a mail scanner fetching it) changes nothing.
  const holder = await inspectUserToken(token, 'PASSWORD_RESET')
  return (
    <main id="main" className="mx-auto flex min-h-screen w-full max-w-md flex-col justify-center px-4 py-10">
      <div className="rounded-xl border border-stone-200 bg-white p-6 shadow-sm sm:p-8">
        <p className="text-sm font-semibold uppercase tracking-wide text-accent-700">SecureBase</p>
        {holder ? (
          <>
            <h1 className="mb-2 mt-1 text-2xl font-semibold">Choose a new password</h1>
            <p className="mb-6 text-stone-700">Setting it signs you out on every device; then sign in with the new password.</p>
            <SetPasswordForm email={holder.email} hint={PASSWORD_HINT} submitLabel="Set new password" token={token} action={resetPasswordFromLinkAction} />
          </>
        ) : (
          <LinkInvalid />
        )}
      </div>
    </main>
  )
}
