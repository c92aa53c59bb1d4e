'use client'
import { useEffect, useRef, useState } from 'react'
import { signIn } from 'next-auth/react'
import { useHydrated } from '@/components/ui/use-hydrated'
import { buttonStyles } from '@/components/ui/button'

const UNAVAILABLE = 'Sign-in is not available right now. Please try again in a moment.'
const messages: Record<string, string> = {
  CredentialsSignin: 'That email and password do not match an active account. Check them and try again.',
  TooManyAttempts: 'Too many sign-in attempts. For your security, sign-in is paused for a while: please try again later.',
  MfaExhausted: 'Too many incorrect codes. For your security, please sign in again.',
  MfaExpired: 'That sign-in took too long to finish. Please sign in again.',
}
const WRONG_CODE = "That code didn't work. Check your authenticator app's clock, or use a recovery code."
const WRONG_RECOVERY_CODE = "That recovery code didn't work. Check it and try again: each code works only once."
// Errors of the code step that send the user back to the password step.
const RESTART = new Set(['MfaExhausted', 'MfaExpired', 'TooManyAttempts'])

type Step = { kind: 'password' } | { kind: 'code'; challengeId: string; recovery: boolean }

const inputClass = 'min-h-11 rounded-md border border-stone-400 bg-white px-3 py-2'

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const hydrated = useHydrated()
  const [step, setStep] = useState<Step>({ kind: 'password' })
  const [email, setEmail] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)
  const codeInput = useRef<HTMLInputElement>(null)
  const emailInput = useRef<HTMLInputElement>(null)
  const passwordInput = useRef<HTMLInputElement>(null)

  // Move focus with the step, so keyboard and screen-reader users land on the next field.
  const focusKey = step.kind === 'code' ? `code-${step.recovery}` : 'password'
  const firstRender = useRef(true)
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false
      return
    }
    const target = focusKey !== 'password' ? codeInput : emailInput.current?.value ? passwordInput : emailInput
    target.current?.focus()
  }, [focusKey])

  async function submitPassword(form: FormData) {
    const typedEmail = String(form.get('email') ?? '').trim()
    const password = String(form.get('password') ?? '')
    setEmail(typedEmail)
    if (!typedEmail || !password) return setError('Enter your email and password.')
    const res = await signIn('credentials', { email: typedEmail, password, redirect: false, callbackUrl })
    if (res?.ok && !res.error) return window.location.assign(callbackUrl)
    const challengeId = /^MfaRequired:([0-9a-f-]{36})$/i.exec(res?.error ?? '')?.[1]
    if (challengeId) {
      setError(null)
      setStep({ kind: 'code', challengeId, recovery: false })
      return
    }
    setError(messages[res?.error ?? ''] ?? UNAVAILABLE)
  }

  async function submitCode(form: FormData, current: Extract<Step, { kind: 'code' }>) {
    const code = String(form.get('code') ?? '').trim()
    if (!code) return setError(current.recovery ? 'Enter one of your recovery codes.' : 'Enter the 6-digit code from your authenticator app.')
    const res = await signIn('mfa', { challengeId: current.challengeId, code, redirect: false, callbackUrl })
    if (res?.ok && !res.error) return window.location.assign(callbackUrl)
    const err = res?.error ?? ''
    if (RESTART.has(err)) {
      setStep({ kind: 'password' })
      return setError(messages[err] ?? UNAVAILABLE)
    }
    setError(err === 'MfaInvalid' ? (current.recovery ? WRONG_RECOVERY_CODE : WRONG_CODE) : UNAVAILABLE)
  }

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    setPending(true)
    setError(null)
    try {
      await (step.kind === 'password' ? submitPassword(form) : submitCode(form, step))
    } catch {
      setError('Sign-in is not available right now. Please check your connection and try again.')
    }
    setPending(false)
  }

  const errorBox = error ? (
    <p role="alert" id="login-error" className="rounded-md bg-red-50 px-3 py-2 text-red-900">
      {error}
    </p>
  ) : null
  const describedBy = error ? 'login-error' : undefined

  if (step.kind === 'code') {
    const label = step.recovery ? 'Recovery code' : '6-digit code from your authenticator app'
    return (
      <form method="post" action="/login" onSubmit={onSubmit} noValidate className="flex flex-col gap-4" key={focusKey}>
        <p className="text-stone-700">
          {step.recovery
            ? 'Enter one of the recovery codes you saved when you set up two-step verification. Each code works once.'
            : 'Your account uses two-step verification. Open your authenticator app and enter the code it shows for SecureBase.'}
        </p>
        {errorBox}
        <div className="flex flex-col gap-1">
          <label htmlFor="code" className="font-medium">
            {label}
          </label>
          <input
            ref={codeInput}
            id="code"
            name="code"
            type="text"
            required
            autoComplete={step.recovery ? 'off' : 'one-time-code'}
            inputMode={step.recovery ? 'text' : 'numeric'}
            autoCapitalize="none"
            spellCheck={false}
            maxLength={step.recovery ? 20 : 7}
            aria-describedby={describedBy}
            className={`${inputClass} font-mono tracking-wider`}
          />
        </div>
        <button type="submit" disabled={!hydrated || pending} className={buttonStyles.primary}>
          {pending ? 'Checking…' : 'Verify and sign in'}
        </button>
        <div className="flex flex-wrap justify-between gap-2 text-sm">
          <button
            type="button"
            className="min-h-11 text-accent-800 underline underline-offset-4"
            onClick={() => {
              setError(null)
              setStep({ ...step, recovery: !step.recovery })
            }}
          >
            {step.recovery ? 'Use your authenticator app instead' : 'Use a recovery code instead'}
          </button>
          <button
            type="button"
            className="min-h-11 text-stone-700 underline underline-offset-4"
            onClick={() => {
              setError(null)
              setStep({ kind: 'password' })
            }}
          >
            Start again
          </button>
        </div>
      </form>
    )
  }

  return (
    // method="post" so that a submit before hydration never puts the password in the URL.
    <form method="post" action="/login" onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {errorBox}
      <div className="flex flex-col gap-1">
        <label htmlFor="email" className="font-medium">
          Email
        </label>
        <input
          ref={emailInput}
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={email}
          aria-describedby={describedBy}
          className={inputClass}
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="password" className="font-medium">
          Password
        </label>
        <input
          ref={passwordInput}
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-describedby={describedBy}
          className={inputClass}
        />
      </div>
      <button type="submit" disabled={!hydrated || pending} className={buttonStyles.primary}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  )
}
