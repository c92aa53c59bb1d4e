import type { Metadata } from 'next'
import Link from 'next/link'
import { requireUser } from '@/lib/auth/session'
import { PASSWORD_HINT } from '@/lib/auth/password-policy'
import { roleLabel } from '@/lib/validation/admin'
import { ChangePasswordForm } from '@/components/account/change-password-form'
import { changePasswordAction } from './actions'

export const metadata: Metadata = { title: 'Your account' }

export default async function AccountPage() {
  const user = await requireUser()
  return (
    <div className="flex flex-col gap-8">
      <div>
        <h1 className="text-2xl font-semibold">Your account</h1>
        <p className="text-stone-600">
          {user.name} · <span className="break-all">{user.email}</span> · {user.roles.map((r) => roleLabel[r]).join(', ')}
        </p>
      </div>
      <section aria-labelledby="account-password" className="flex flex-col gap-3">
        <h2 id="account-password" className="text-xl font-semibold">
          Password
        </h2>
        <ChangePasswordForm email={user.email} hint={PASSWORD_HINT} action={changePasswordAction} />
      </section>
      <section aria-labelledby="account-mfa" className="flex flex-col gap-2">
        <h2 id="account-mfa" className="text-xl font-semibold">
          Two-step verification
        </h2>
        <p className="max-w-2xl text-stone-700">
          A code from an authenticator app, asked for after your password, keeps your account safe if the password leaks.
        </p>
        <p>
          <Link href="/account/mfa" className="font-medium text-accent-700 underline underline-offset-4">
            Set up or manage two-step verification
          </Link>
        </p>
      </section>
    </div>
  )
}
