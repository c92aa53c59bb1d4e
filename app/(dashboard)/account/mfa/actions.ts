'use server'
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { requireUser, requireUserForMfaSetup } from '@/lib/auth/session'
import { MfaError, confirmEnrolment, disableMfa, startEnrolment, type MfaErrorCode } from '@/lib/db/mfa'
import type { ActionState } from '@/lib/validation/action-state'

// These actions are the only ones a user who must still set up MFA may call
// (requireUserForMfaSetup); everything else redirects them here through requireUser().

const messages: Record<MfaErrorCode, string> = {
  'already-enabled': 'Two-step verification is already on for your account.',
  'not-started': 'The set-up was interrupted. Please start again.',
  'not-enabled': 'Two-step verification is not on for your account.',
  'invalid-code': "That code didn't work. Check your authenticator app's clock, and that you added the key shown on this page.",
  required: 'Your practice requires two-step verification, so it cannot be turned off.',
  throttled: 'Too many incorrect codes. Please wait 15 minutes and try again.',
}

const codeInput = z.object({ code: z.string().trim().min(1, 'Enter the code.').max(32, 'That is not a code.') })

export type StartEnrolmentResult = { status: 'ready'; secret: string; otpauthUrl: string } | { status: 'error'; message: string }

/** Creates a new (not yet active) secret and shows it once to its owner. */
export async function startMfaEnrolmentAction(): Promise<StartEnrolmentResult> {
  const actor = await requireUserForMfaSetup()
  try {
    return { status: 'ready', ...(await startEnrolment(actor)) }
  } catch (e) {
    if (e instanceof MfaError) return { status: 'error', message: messages[e.code] }
    throw e
  }
}

export type ConfirmEnrolmentState = ActionState & { recoveryCodes?: string[] }

/**
 * Turns MFA on and returns the recovery codes, shown once. No revalidatePath here: the page would
 * re-render as "on" and unmount the codes before they are saved; the client refreshes after
 * "I've saved these".
 */
export async function confirmMfaEnrolmentAction(_prev: ConfirmEnrolmentState, form: FormData): Promise<ConfirmEnrolmentState> {
  const actor = await requireUserForMfaSetup()
  const parsed = codeInput.safeParse({ code: form.get('code') })
  if (!parsed.success) return { status: 'error', fieldErrors: { code: parsed.error.issues[0].message } }
  try {
    const recoveryCodes = await confirmEnrolment(actor, parsed.data.code)
    return { status: 'success', message: 'Two-step verification is on.', recoveryCodes }
  } catch (e) {
    if (e instanceof MfaError) return { status: 'error', fieldErrors: { code: messages[e.code] } }
    throw e
  }
}

export async function disableMfaAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireUser()
  const parsed = codeInput.safeParse({ code: form.get('code') })
  if (!parsed.success) return { status: 'error', fieldErrors: { code: parsed.error.issues[0].message } }
  try {
    await disableMfa(actor, parsed.data.code)
  } catch (e) {
    if (e instanceof MfaError) {
      const message =
        e.code === 'invalid-code' ? "That code didn't work. Enter the current code from your authenticator app, or one of your recovery codes." : messages[e.code]
      return { status: 'error', fieldErrors: { code: message } }
    }
    throw e
  }
  revalidatePath('/account/mfa')
  return { status: 'success', message: 'Two-step verification is off. You can turn it on again at any time.' }
}
