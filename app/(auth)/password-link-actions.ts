'use server'
// Public endpoints behind the invite and reset links. No session: the link's token is the only
// credential, checked (with the password policy) in lib/db/user-tokens. Setting the password never
// signs anyone in; the page then sends the person to sign-in (and MFA enrolment if required).
import { z } from 'zod'
import { InvalidLinkError, PasswordRejectedError, redeemUserToken } from '@/lib/db/user-tokens'
import { setPasswordInput } from '@/lib/validation/admin'
import { logger } from '@/lib/log'
import { failed, invalid, type SetPasswordState } from '@/lib/actions/result'

const tokenShape = z.string().min(1).max(64)

// The token travels as a form field, not a bound argument, so it never appears in action logs.
async function setPassword(kind: 'INVITE' | 'PASSWORD_RESET', form: FormData): Promise<SetPasswordState> {
  const t = tokenShape.safeParse(form.get('token'))
  if (!t.success) return failed(new InvalidLinkError().message)
  const parsed = setPasswordInput.safeParse({ password: String(form.get('password') ?? ''), confirm: String(form.get('confirm') ?? '') })
  if (!parsed.success) return invalid(parsed.error)
  try {
    const r = await redeemUserToken(t.data, kind, parsed.data.password)
    logger.info('password set from link', { userId: r.userId, kind })
    return { status: 'success', done: true, mfaSetupNeeded: r.mfaSetupNeeded }
  } catch (e) {
    // A dead link has one answer whatever the reason, so links cannot be probed; and only the new
    // password can be refused here (there is no current one).
    if (e instanceof InvalidLinkError) return failed(e.message)
    if (e instanceof PasswordRejectedError) return failed('Please choose another password.', { fieldErrors: { password: e.message } })
    throw e
  }
}

export async function acceptInviteAction(_prev: SetPasswordState, form: FormData): Promise<SetPasswordState> {
  return setPassword('INVITE', form)
}

export async function resetPasswordFromLinkAction(_prev: SetPasswordState, form: FormData): Promise<SetPasswordState> {
  return setPassword('PASSWORD_RESET', form)
}
