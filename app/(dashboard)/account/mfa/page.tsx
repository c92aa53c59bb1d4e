import type { Metadata } from 'next'
import Link from 'next/link'
import { currentPractice, requireUserForMfaSetup } from '@/lib/auth/session'
import { mfaStatus } from '@/lib/db/mfa'
import { formatDate } from '@/lib/format'
import { MfaEnrol } from '@/components/account/mfa-enrol'
import { MfaDisable } from '@/components/account/mfa-disable'
import { confirmMfaEnrolmentAction, disableMfaAction, startMfaEnrolmentAction } from './actions'

export const metadata: Metadata = { title: 'Two-step verification' }

// The one page a user whose practice requires MFA can reach before setting it up.
export default async function MfaPage() {
  const actor = await requireUserForMfaSetup()
  const [status, practice] = await Promise.all([mfaStatus(actor), currentPractice()])
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold">Two-step verification</h1>
        <p className="text-stone-700">
          After your password, SecureBase asks for a code from an authenticator app on your phone, so a stolen or guessed password is not enough to open your
          clients&apos; records.
        </p>
      </div>
      {status.enabled ? (
        <section aria-labelledby="mfa-on" className="flex flex-col gap-4 rounded-xl border border-stone-200 bg-white p-5">
          <h2 id="mfa-on" className="text-lg font-semibold">
            Two-step verification is on
          </h2>
          <p className="text-stone-700">
            Turned on {status.enabledAt ? formatDate(status.enabledAt, practice.timeZone) : ''}. You have {status.recoveryCodesLeft} of 10 recovery codes left.
          </p>
          {status.recoveryCodesLeft <= 3 ? (
            <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950">
              You are running out of recovery codes.{' '}
              {status.required
                ? 'Ask your practice admin to reset two-step verification, then set it up again to get a new set.'
                : 'Turn two-step verification off and on again to get a new set.'}
            </p>
          ) : null}
          {status.required ? (
            <p className="text-stone-700">Your practice requires two-step verification for everyone, so it cannot be turned off.</p>
          ) : (
            <MfaDisable action={disableMfaAction} />
          )}
          <p>
            <Link href="/" className="font-medium text-accent-800 underline underline-offset-4">
              Back to SecureBase
            </Link>
          </p>
        </section>
      ) : (
        <>
          {status.required ? (
            <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950">
              Your practice requires two-step verification. Set it up now to continue using SecureBase.
            </p>
          ) : null}
          <MfaEnrol start={startMfaEnrolmentAction} confirm={confirmMfaEnrolmentAction} />
        </>
      )}
    </div>
  )
}
