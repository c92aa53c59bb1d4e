'use server'
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { requireUser, requireUserForMfaSetup } from '@/lib/auth/session'
import { MfaError, confirmEnrolment, disableMfa, startEnrolment, type MfaErrorCode } from '@/lib/db/mfa'
import { failed, ok, type ActionState, type ConfirmEnrolmentState, type StartEnrolmentResult } from '@/lib/actions/result'

// These actions are the only ones a user who must still set up MFA may call
// (requireUserForMfaSetup); everything else redirects them here through requireUser().
// MfaError is this page's own refusal: its wording depends on the code and on the form.

const messages: Record<MfaErrorCode, string> = {
  'already-enabled': 'Two-step verification is already on for your account.',
  'not-started': 'The set-up was interrupted. Please start again.',
  'not-enabled': 'Two-step verification is not on for your account.',
  'invalid-code': "That code didn't work. Check your authenticator app's clock, and that you added the key shown on this page.",
  required: 'Your practice requires two-step verification, so it cannot be turned off.',
  throttled: 'Too many incorrect codes. Please wait 15 minutes and try again.',
}

const codeInput = z.object({ code: z.string().trim().min(1, 'Enter the code.').max(32, 'That is not a code.') })

// A one-field form: the message next to the code is the whole answer, with no summary above it.
const codeRefused = (message: string): ActionState => ({ status: 'error', fieldErrors: { code: message } })

/** Creates a new (not yet active) secret and shows it once to its owner. */
export async function startMfaEnrolmentAction(): Promise<StartEnrolmentResult> {
  const actor = await requireUserForMfaSetup()
  try {
    return { status: 'ready', ...(await startEnrolment(actor)) }
  } catch (e) {
    if (e instanceof MfaError) return failed(messages[e.code])
    throw e
  }
}

/**
 * Turns MFA on and returns the recovery codes, shown once. No revalidatePath here: the page would
 * re-render as "on" and unmount the codes before they are saved; the client refreshes after
 * "I've saved these".
 */
export async function confirmMfaEnrolmentAction(_prev: ConfirmEnrolmentState, form: FormData): Promise<ConfirmEnrolmentState> {
  const actor = await requireUserForMfaSetup()
  const parsed = codeInput.safeParse({ code: form.get('code') })
  if (!parsed.success) return codeRefused(parsed.error.issues[0]?.message ?? 'Enter the code.')
  try {
    const recoveryCodes = await confirmEnrolment(actor, parsed.data.code)
    return { ...ok('Two-step verification is on.'), recoveryCodes }
  } catch (e) {
    if (e instanceof MfaError) return codeRefused(messages[e.code])
    throw e
  }
}

export async function disableMfaAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireUser()
  const parsed = codeInput.safeParse({ code: form.get('code') })
  if (!parsed.success) return codeRefused(parsed.error.issues[0]?.message ?? 'Enter the code.')
  try {
    await disableMfa(actor, parsed.data.code)
  } catch (e) {
    if (e instanceof MfaError) {
      return codeRefused(
        e.code === 'invalid-code'
          ? "That code didn't work. Enter the current code from your authenticator app, or one of your recovery codes."
          : messages[e.code],
      )
    }
    throw e
  }
  revalidatePath('/account/mfa')
  return ok('Two-step verification is off. You can turn it on again at any time.')
}
