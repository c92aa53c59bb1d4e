'use server'
import { requireUser } from '@/lib/auth/session'
import { PasswordRejectedError, changeOwnPassword } from '@/lib/db/user-tokens'
import { NotFoundError } from '@/lib/db/errors'
import { changePasswordInput } from '@/lib/validation/admin'
import { failed, invalid, ok, type ActionState } from '@/lib/actions/result'

/** Changes the signed-in person's own password; their other sessions end, this one stays. */
export async function changePasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser()
  const parsed = changePasswordInput.safeParse({
    current: String(form.get('current') ?? ''),
    password: String(form.get('password') ?? ''),
    confirm: String(form.get('confirm') ?? ''),
  })
  if (!parsed.success) return invalid(parsed.error)
  let ended: number
  try {
    ended = (await changeOwnPassword(user, parsed.data.current, parsed.data.password)).sessionsEnded
  } catch (e) {
    // The refusal is about a field (a wrong current password, or a new one that breaks the policy).
    if (e instanceof PasswordRejectedError) return failed('Your password was not changed.', { fieldErrors: { [e.field]: e.message } })
    // Their own account: "not found" here means it went away since they signed in.
    if (e instanceof NotFoundError) return failed('Your account could not be found. Please sign in again.')
    throw e
  }
  return ok(`Your password is changed.${ended > 0 ? ` You were signed out everywhere else (${ended} other session${ended === 1 ? '' : 's'}).` : ''}`)
}
