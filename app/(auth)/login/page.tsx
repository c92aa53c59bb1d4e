import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { LoginForm } from '@/components/auth/login-form'
import { getOptionalUser } from '@/lib/auth/session'

export const metadata: Metadata = { title: 'Sign in' }

const notices: Record<string, string> = {
  idle: 'You were signed out after a period without activity. Please sign in again.',
  expired: 'Your session reached its 12-hour limit. Please sign in again.',
  revoked: 'Your session was ended. Please sign in again.',
  'signed-out': 'You have signed out.',
}

/** Only same-origin paths: a callback URL must never send someone to another site. */
function safeCallback(v: string | string[] | undefined): string {
  const s = Array.isArray(v) ? v[0] : v
  return s && s.startsWith('/') && !s.startsWith('//') && !s.startsWith('/\\') ? s : '/'
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams
  if (await getOptionalUser()) redirect('/')
  const reason = typeof params.reason === 'string' ? notices[params.reason] : undefined
  return (
    <main id="main" className="mx-auto flex min-h-screen w-full max-w-md flex-col justify-center px-4 py-10">
      <div className="rounded-xl border border-stone-200 bg-white p-6 shadow-sm sm:p-8">
        <p className="text-sm font-semibold uppercase tracking-wide text-accent-700">SecureBase</p>
        <h1 className="mb-6 mt-1 text-2xl font-semibold">Sign in</h1>
        {reason ? (
          <p role="status" className="mb-4 rounded-md bg-accent-50 px-3 py-2 text-accent-800">
            {reason}
          </p>
        ) : null}
        <LoginForm callbackUrl={safeCallback(params.callbackUrl)} />
      </div>
      <p className="mt-6 text-center text-sm text-stone-600">For practice staff. Clients use the link their clinician sends.</p>
    </main>
  )
}
