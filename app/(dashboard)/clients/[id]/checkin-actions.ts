'use server'
import { revalidatePath } from 'next/cache'
import { requireUser } from '@/lib/auth/session'
import { changeAssignmentStatus, createAssignments, updateAssignmentSchedule } from '@/lib/db/assignments'
import { cancelCheckIn, issueCheckInLink, revokeCheckInLinks } from '@/lib/db/checkin-links'
import { generateClientCheckIns } from '@/lib/db/client-checkins'
import { acknowledgeRiskFlag, resolveRiskFlag } from '@/lib/db/risk-flags'
import { listGoals } from '@/lib/db/goals'
import { ConflictError, NotFoundError } from '@/lib/db/errors'
import { assignmentFormData, assignmentInput, riskResolutionInput, scheduleInput } from '@/lib/validation/assignment'
import { fieldErrors } from '@/lib/validation/client'
import type { ActionState } from '@/lib/validation/action-state'

export interface LinkActionState extends ActionState {
  url?: string
}

/** Turns the expected failures into a message; anything else is a real error (error.tsx). */
function known(e: unknown, what: string): ActionState {
  if (e instanceof NotFoundError) return { status: 'error', message: `${what} not found.` }
  if (e instanceof ConflictError) return { status: 'error', message: e.message }
  throw e
}

export async function assignAction(clientId: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser()
  const raw = assignmentFormData(form)
  const parsed = assignmentInput.safeParse(raw)
  if (!parsed.success) return { status: 'error', message: 'Please correct the highlighted fields.', fieldErrors: fieldErrors(parsed.error) }
  if (parsed.data.instruments.includes('goal-progress')) {
    // The goal check-in asks the client about their active goals: without one it would be empty.
    // Scoped read: a client outside the caller's reach has no goals here, so it answers like a missing one.
    let hasActiveGoal: boolean
    try {
      hasActiveGoal = (await listGoals(user, String(clientId))).some((g) => g.status === 'ACTIVE')
    } catch (e) {
      return known(e, 'Client')
    }
    if (!hasActiveGoal) {
      return {
        status: 'error',
        message: 'Please correct the highlighted fields.',
        fieldErrors: { instruments: 'Add an active goal first: this check-in asks the client about their active goals.' },
      }
    }
  }
  try {
    await createAssignments(user, String(clientId), parsed.data)
  } catch (e) {
    return known(e, 'Client')
  }
  // A check-in that is due today is created at once, not at the next scheduler tick.
  await generateClientCheckIns(user, String(clientId))
  revalidatePath(`/clients/${clientId}`)
  const n = parsed.data.instruments.length
  return { status: 'success', message: `${n === 1 ? 'Questionnaire' : `${n} questionnaires`} assigned.` }
}

export async function changeAssignmentAction(clientId: string, assignmentId: string, change: 'pause' | 'resume' | 'end'): Promise<ActionState> {
  const user = await requireUser()
  if (!['pause', 'resume', 'end'].includes(change)) return { status: 'error', message: 'Unknown change.' }
  let owner: string
  try {
    owner = (await changeAssignmentStatus(user, String(assignmentId), change)).clientId
  } catch (e) {
    return known(e, 'Assignment')
  }
  // The scheduler runs for the client the in-scope assignment belongs to, never the bound id.
  if (change === 'resume') await generateClientCheckIns(user, owner)
  revalidatePath(`/clients/${clientId}`)
  return { status: 'success', message: change === 'pause' ? 'Paused.' : change === 'resume' ? 'Resumed.' : 'Ended.' }
}

/** Changes how often (and from/until when) an assignment is due. Only the assignment id is bound. */
export async function editAssignmentAction(assignmentId: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser()
  const parsed = scheduleInput.safeParse({
    recurrence: String(form.get('recurrence') ?? ''),
    startDate: String(form.get('startDate') ?? ''),
    endDate: String(form.get('endDate') ?? ''),
  })
  if (!parsed.success) return { status: 'error', message: 'Please correct the highlighted fields.', fieldErrors: fieldErrors(parsed.error) }
  let owner: string
  try {
    owner = (await updateAssignmentSchedule(user, String(assignmentId), parsed.data)).clientId
  } catch (e) {
    return known(e, 'Assignment')
  }
  await generateClientCheckIns(user, owner)
  revalidatePath(`/clients/${owner}`)
  return { status: 'success', message: 'Schedule saved.' }
}

export async function linkAction(clientId: string, checkInId: string, mode: 'copy' | 'email' | 'reissue' | 'revoke' | 'cancel'): Promise<LinkActionState> {
  const user = await requireUser()
  try {
    if (mode === 'revoke') {
      const n = await revokeCheckInLinks(user, String(checkInId))
      revalidatePath(`/clients/${clientId}`)
      return { status: 'success', message: n ? 'Links revoked: they no longer open the check-in.' : 'There were no live links.' }
    }
    if (mode === 'cancel') {
      await cancelCheckIn(user, String(checkInId))
      revalidatePath(`/clients/${clientId}`)
      return { status: 'success', message: 'Check-in cancelled.' }
    }
    if (!['copy', 'email', 'reissue'].includes(mode)) return { status: 'error', message: 'Unknown action.' }
    const res = await issueCheckInLink(user, String(checkInId), { send: mode === 'email', reason: mode === 'reissue' ? 'reissue' : 'new' })
    revalidatePath(`/clients/${clientId}`)
    if (mode === 'email') {
      if (!res.email) return { status: 'error', message: 'There is no email address on file for this client. Copy the link instead.', url: res.url }
      const message =
        res.email.status === 'SENT'
          ? 'Link emailed.'
          : res.email.status === 'OUTBOX'
            ? 'No mail server is configured: the email is in the outbox below, ready to pass on.'
            : 'The email could not be sent. The link below still works: copy it instead.'
      return { status: res.email.status === 'FAILED' ? 'error' : 'success', message, url: res.url }
    }
    return { status: 'success', message: mode === 'reissue' ? 'Earlier links were revoked. This is the new link.' : 'New link ready.', url: res.url }
  } catch (e) {
    return known(e, 'Check-in')
  }
}

export async function acknowledgeFlagAction(clientId: string, flagId: string): Promise<ActionState> {
  const user = await requireUser()
  try {
    await acknowledgeRiskFlag(user, String(flagId))
  } catch (e) {
    return known(e, 'Risk flag')
  }
  revalidatePath(`/clients/${clientId}`)
  revalidatePath('/clients')
  return { status: 'success', message: 'Acknowledged.' }
}

export async function resolveFlagAction(clientId: string, flagId: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser()
  const parsed = riskResolutionInput.safeParse({ note: form.get('note') ?? '' })
  if (!parsed.success) return { status: 'error', message: 'Please add a note.', fieldErrors: fieldErrors(parsed.error) }
  try {
    await resolveRiskFlag(user, String(flagId), parsed.data.note)
  } catch (e) {
    return known(e, 'Risk flag')
  }
  revalidatePath(`/clients/${clientId}`)
  revalidatePath('/clients')
  return { status: 'success', message: 'Resolved.' }
}
