'use client'
import { useState } from 'react'
import { signIn } from 'next-auth/react'
import { useHydrated } from '@/components/ui/use-hydrated'
import { buttonStyles } from '@/components/ui/button'

const messages: Record<string, string> = {
  CredentialsSignin: 'That email and password do not match an active account. Check them and try again.',
  TooManyAttempts: 'Too many sign-in attempts. For your security, sign-in is paused for a while: please try again later.',
}

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const hydrated = useHydrated()
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    const email = String(form.get('email') ?? '').trim()
    const password = String(form.get('password') ?? '')
    if (!email || !password) {
      setError('Enter your email and password.')
      return
    }
    setPending(true)
    setError(null)
    try {
      const res = await signIn('credentials', { email, password, redirect: false, callbackUrl })
      if (res?.ok && !res.error) {
        window.location.assign(callbackUrl)
        return
      }
      setError(messages[res?.error ?? ''] ?? 'Sign-in is not available right now. Please try again in a moment.')
    } catch {
      setError('Sign-in is not available right now. Please check your connection and try again.')
    }
    setPending(false)
  }

  return (
    // method="post" so that a submit before hydration never puts the password in the URL.
    <form method="post" action="/login" onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {error ? (
        <p role="alert" id="login-error" className="rounded-md bg-red-50 px-3 py-2 text-red-900">
          {error}
        </p>
      ) : null}
      <div className="flex flex-col gap-1">
        <label htmlFor="email" className="font-medium">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          aria-describedby={error ? 'login-error' : undefined}
          className="min-h-11 rounded-md border border-stone-400 bg-white px-3 py-2"
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="password" className="font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-describedby={error ? 'login-error' : undefined}
          className="min-h-11 rounded-md border border-stone-400 bg-white px-3 py-2"
        />
      </div>
      <button type="submit" disabled={!hydrated || pending} className={buttonStyles.primary}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  )
}
