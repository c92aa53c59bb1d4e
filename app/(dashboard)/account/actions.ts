'use server'
import { requireUser } from '@/lib/auth/session'
import { PasswordRejectedError, changeOwnPassword } from '@/lib/db/user-tokens'
import { NotFoundError } from '@/lib/db/errors'
import { changePasswordInput } from '@/lib/validation/admin'
import { fieldErrors } from '@/lib/validation/client'
import type { ActionState } from '@/lib/validation/action-state'

/** Changes the signed-in person's own password; their other sessions end, this one stays. */
export async function changePasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser()
  const parsed = changePasswordInput.safeParse({
    current: String(form.get('current') ?? ''),
    password: String(form.get('password') ?? ''),
    confirm: String(form.get('confirm') ?? ''),
  })
  if (!parsed.success) return { status: 'error', message: 'Please correct the highlighted fields.', fieldErrors: fieldErrors(parsed.error) }
  let ended: number
  try {
    ended = (await changeOwnPassword(user, parsed.data.current, parsed.data.password)).sessionsEnded
  } catch (e) {
    if (e instanceof PasswordRejectedError) return { status: 'error', message: 'Your password was not changed.', fieldErrors: { [e.field]: e.message } }
    if (e instanceof NotFoundError) return { status: 'error', message: 'Your account could not be found. Please sign in again.' }
    throw e
  }
  return {
    status: 'success',
    message: `Your password is changed.${ended > 0 ? ` You were signed out everywhere else (${ended} other session${ended === 1 ? '' : 's'}).` : ''}`,
  }
}
