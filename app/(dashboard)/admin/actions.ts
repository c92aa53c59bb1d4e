'use server'
// Practice administration. Every action is a public endpoint: requireRole('ADMIN') first, then a
// strict zod parse, then one call into lib/db that is scoped to the admin's practice.
import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { requireRole } from '@/lib/auth/session'
import {
  changeRoles,
  deactivateUser,
  inviteUser,
  issuePasswordReset,
  reactivateUser,
  resendInvite,
  transferClients,
  updatePracticeSettings,
  type IssuedLink,
} from '@/lib/db/admin-users'
import { getPractice } from '@/lib/db/users'
import { NotFoundError } from '@/lib/db/errors'
import { sendStaffEmail, staffEmail, type StaffEmailKind } from '@/lib/email/staff-messages'
import { formatDateTime } from '@/lib/format'
import { inviteInput, rolesInput, settingsFormData, settingsInput, transferInput } from '@/lib/validation/admin'
import { isUuid } from '@/lib/validation/uuid'
import { failed, fieldErrors, formValues, invalid, ok, recordNotFound, type ActionState, type LinkActionState } from '@/lib/actions/result'
import { fromKnownError } from '@/lib/actions/known-errors'
import type { Actor } from '@/lib/auth/actor'
import { withdrawResetLinks } from '@/lib/db/user-tokens'
import { must } from '@/lib/must'

/** Emails the link when SMTP is set up; otherwise hands it back to be shown to the admin once. */
async function deliver(admin: Actor, link: IssuedLink, kind: StaffEmailKind, done: string): Promise<LinkActionState> {
  const { timeZone } = await getPractice(admin)
  const content = staffEmail({ kind, practiceName: link.practiceName, name: link.name, url: link.url, expiresAt: link.expiresAt, timeZone })
  const sent = await sendStaffEmail(link.email, content, { userId: link.userId, kind })
  const until = formatDateTime(link.expiresAt, timeZone)
  if (sent === 'SENT') return ok(`${done} We emailed the link to ${link.email}; it works until ${until}.`)
  if (kind === 'reset') {
    // A reset link for an existing account is a key to that person's records: it goes only to
    // their own inbox, never through an admin's screen. Undelivered, it is withdrawn at once.
    await withdrawResetLinks(admin, link.userId)
    return failed(
      (sent === 'NO_SMTP' ? 'Email is not set up on this server' : 'The email could not be sent') +
        ', so no reset link was issued. For safety a reset link is only ever sent to the person’s own email address, never shown to an admin. Set up SMTP (see the README) and try again.',
    )
  }
  const why = sent === 'NO_SMTP' ? 'Email is not set up on this server, so' : 'The email could not be sent, so'
  return {
    status: 'success',
    message: `${done} ${why} give them this link yourself, through a channel only they read. It works once, until ${until}, and is shown only now.`,
    url: link.url,
  }
}

export async function inviteUserAction(_prev: LinkActionState, form: FormData): Promise<LinkActionState> {
  const admin = await requireRole('ADMIN')
  const roles = form.getAll('roles').map(String)
  // Echoed so a refused form keeps what was typed (roles as one comma-separated value).
  const values: Record<string, string> = { ...formValues(form), roles: roles.join(',') }
  const parsed = inviteInput.safeParse({ email: values.email ?? '', name: values.name ?? '', roles })
  if (!parsed.success) return invalid(parsed.error, values)
  let link: IssuedLink
  try {
    link = await inviteUser(admin, parsed.data)
  } catch (e) {
    // The rule an invitation can break is about the address (already in use).
    return fromKnownError(e, 'Account', { field: 'email', values })
  }
  revalidatePath('/admin')
  return deliver(admin, link, 'invite', `${link.name} is invited.`)
}

export async function resendInviteAction(userId: string): Promise<LinkActionState> {
  const admin = await requireRole('ADMIN')
  if (!isUuid(userId)) return recordNotFound('Invitation')
  let link: IssuedLink
  try {
    link = await resendInvite(admin, userId)
  } catch (e) {
    return fromKnownError(e, 'Invitation')
  }
  revalidatePath('/admin')
  return deliver(admin, link, 'invite', 'New invitation made; earlier links no longer work.')
}

export async function resetPasswordAction(userId: string): Promise<LinkActionState> {
  const admin = await requireRole('ADMIN')
  if (!isUuid(userId)) return recordNotFound('Account')
  let link: IssuedLink
  try {
    link = await issuePasswordReset(admin, userId)
  } catch (e) {
    return fromKnownError(e, 'Account')
  }
  return deliver(admin, link, 'reset', 'Password reset link made; earlier reset links no longer work.')
}

export async function changeRolesAction(userId: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const admin = await requireRole('ADMIN')
  if (!isUuid(userId)) return recordNotFound('Account')
  const parsed = rolesInput.safeParse({ roles: form.getAll('roles').map(String) })
  // One checkbox group: its message is the whole answer.
  if (!parsed.success) return failed(must(fieldErrors(parsed.error).roles, 'the roles error'))
  let r: { changed: boolean; sessionsEnded: number }
  try {
    r = await changeRoles(admin, userId, parsed.data.roles)
  } catch (e) {
    return fromKnownError(e, 'Account')
  }
  revalidatePath('/admin')
  if (!r.changed) return ok('No change: those are already their roles.')
  return ok(
    userId === admin.userId
      ? 'Your roles are changed. Your other sessions were ended.'
      : 'Roles changed. They were signed out and will have the new roles when they sign in again.',
  )
}

export async function deactivateUserAction(userId: string): Promise<ActionState> {
  const admin = await requireRole('ADMIN')
  if (!isUuid(userId)) return recordNotFound('Account')
  try {
    await deactivateUser(admin, userId)
  } catch (e) {
    return fromKnownError(e, 'Account')
  }
  // Deactivating oneself (allowed while another admin remains) ends this session too.
  if (userId === admin.userId) redirect('/login?reason=revoked')
  revalidatePath('/admin')
  return ok('Deactivated. They were signed out and cannot sign in until reactivated.')
}

export async function reactivateUserAction(userId: string): Promise<ActionState> {
  const admin = await requireRole('ADMIN')
  if (!isUuid(userId)) return recordNotFound('Account')
  let r: { status: 'ACTIVE' | 'INVITED' }
  try {
    r = await reactivateUser(admin, userId)
  } catch (e) {
    return fromKnownError(e, 'Account')
  }
  revalidatePath('/admin')
  return ok(r.status === 'ACTIVE' ? 'Reactivated. They can sign in again.' : 'Reactivated as invited: send them a new invitation to set a password.')
}

export async function transferClientsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const admin = await requireRole('ADMIN')
  const values = formValues(form)
  const parsed = transferInput.safeParse({
    fromClinicianId: values.fromClinicianId ?? '',
    toClinicianId: values.toClinicianId ?? '',
    scope: values.scope ?? '',
    clientIds: form.getAll('clientIds').map(String),
  })
  if (!parsed.success) return invalid(parsed.error, values)
  let n: number
  try {
    n = await transferClients(admin, parsed.data)
  } catch (e) {
    // Several records are named here: a missing one means the page is out of date, not which one.
    if (e instanceof NotFoundError) {
      return failed('Nothing was moved: the clinicians or clients have changed since the page loaded. Reload and try again.', { values })
    }
    // An account rule: the receiving clinician cannot take clients.
    return fromKnownError(e, 'Clinician', { field: 'toClinicianId', values })
  }
  revalidatePath('/admin')
  revalidatePath('/admin/transfer')
  revalidatePath('/clients')
  if (n === 0) return ok('They have no clients to transfer.')
  return ok(`${n} client${n === 1 ? '' : 's'} transferred. Open check-ins and assignments went with them.`)
}

export async function updateSettingsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const admin = await requireRole('ADMIN')
  const values = formValues(form)
  const parsed = settingsInput.safeParse(settingsFormData(form))
  if (!parsed.success) return invalid(parsed.error, values)
  let changed: string[]
  try {
    changed = await updatePracticeSettings(admin, parsed.data)
  } catch (e) {
    return fromKnownError(e, 'Practice')
  }
  revalidatePath('/admin', 'layout')
  return ok(changed.length ? 'Settings saved.' : 'No changes to save.', values)
}
