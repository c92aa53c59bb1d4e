import Link from 'next/link'
import { getOptionalUser } from '@/lib/auth/session'
import { isAdmin, isClinician } from '@/lib/auth/actor'
import { signOutAction } from './actions'

// Navigation shell only. Every page and action checks authorization itself (a layout does not
// wrap server actions, and can be skipped by client navigation).
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await getOptionalUser()
  return (
    <div className="flex min-h-screen flex-col">
      <header className="no-print border-b border-stone-200 bg-white">
        <div className="mx-auto flex w-full max-w-6xl flex-wrap items-center gap-x-6 gap-y-1 px-4 py-2">
          <Link href="/" className="py-2 text-lg font-semibold text-accent-800">
            SecureBase
          </Link>
          {user ? (
            <>
              <nav aria-label="Main" className="order-last flex w-full flex-wrap gap-x-4 sm:order-none sm:w-auto">
                {isClinician(user) ? (
                  <Link href="/attention" className="rounded px-1 py-2 text-stone-800 underline-offset-4 hover:underline">
                    Needs attention
                  </Link>
                ) : null}
                {isClinician(user) || isAdmin(user) ? (
                  <Link href="/clients" className="rounded px-1 py-2 text-stone-800 underline-offset-4 hover:underline">
                    Clients
                  </Link>
                ) : null}
                {isClinician(user) || isAdmin(user) ? (
                  <Link href="/outcomes" className="rounded px-1 py-2 text-stone-800 underline-offset-4 hover:underline">
                    Outcomes
                  </Link>
                ) : null}
                {isAdmin(user) ? (
                  <Link href="/admin" className="rounded px-1 py-2 text-stone-800 underline-offset-4 hover:underline">
                    Accounts
                  </Link>
                ) : null}
              </nav>
              <div className="ml-auto flex items-center gap-3">
                <span className="hidden text-sm text-stone-600 sm:inline">
                  Signed in as <span className="font-medium text-stone-800">{user.name}</span>
                </span>
                <Link href="/account" className="rounded px-1 py-2 text-stone-800 underline-offset-4 hover:underline">
                  Account
                </Link>
                <form action={signOutAction}>
                  <button type="submit" className="min-h-11 rounded-md border border-stone-300 px-3 py-1 text-stone-800 hover:bg-stone-100">
                    Sign out
                  </button>
                </form>
              </div>
            </>
          ) : null}
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
        {children}
      </main>
    </div>
  )
}
