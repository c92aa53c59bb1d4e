'use server'
import { revalidatePath } from 'next/cache'
import { requireRole } from '@/lib/auth/session'
import { changeAssignmentStatus, createAssignments, updateAssignmentSchedule } from '@/lib/db/assignments'
import { cancelCheckIn, issueCheckInLink, revokeCheckInLinks } from '@/lib/db/checkin-links'
import { generateClientCheckIns } from '@/lib/db/client-checkins'
import { acknowledgeRiskFlag, resolveRiskFlag } from '@/lib/db/risk-flags'
import { listGoals } from '@/lib/db/goals'
import { assignmentFormData, assignmentInput, riskResolutionInput, scheduleInput } from '@/lib/validation/assignment'
import { isUuid, parseIds } from '@/lib/validation/uuid'
import { FIX_FIELDS, failed, fieldErrors, invalid, ok, recordNotFound, type ActionState, type LinkActionState } from '@/lib/actions/result'
import { fromKnownError } from '@/lib/actions/known-errors'

export async function assignAction(clientId: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  if (!isUuid(clientId)) return recordNotFound('Client')
  const parsed = assignmentInput.safeParse(assignmentFormData(form))
  if (!parsed.success) return invalid(parsed.error)
  if (parsed.data.instruments.includes('goal-progress')) {
    // The goal check-in asks the client about their active goals: without one it would be empty.
    // Scoped read: a client outside the caller's reach has no goals here, so it answers like a missing one.
    let hasActiveGoal: boolean
    try {
      hasActiveGoal = (await listGoals(user, clientId)).some((g) => g.status === 'ACTIVE')
    } catch (e) {
      return fromKnownError(e, 'Client')
    }
    if (!hasActiveGoal) {
      return failed(FIX_FIELDS, { fieldErrors: { instruments: 'Add an active goal first: this check-in asks the client about their active goals.' } })
    }
  }
  try {
    await createAssignments(user, clientId, parsed.data)
  } catch (e) {
    return fromKnownError(e, 'Client')
  }
  // A check-in that is due today is created at once, not at the next scheduler tick.
  await generateClientCheckIns(user, clientId)
  revalidatePath(`/clients/${clientId}`)
  const n = parsed.data.instruments.length
  return ok(`${n === 1 ? 'Questionnaire' : `${n} questionnaires`} assigned.`)
}

export async function changeAssignmentAction(clientId: string, assignmentId: string, change: 'pause' | 'resume' | 'end'): Promise<ActionState> {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  if (!parseIds({ clientId, assignmentId })) return recordNotFound('Assignment')
  if (!['pause', 'resume', 'end'].includes(change)) return failed('Unknown change.')
  let owner: string
  try {
    owner = (await changeAssignmentStatus(user, assignmentId, change)).clientId
  } catch (e) {
    return fromKnownError(e, 'Assignment')
  }
  // The scheduler runs for the client the in-scope assignment belongs to, never the bound id.
  if (change === 'resume') await generateClientCheckIns(user, owner)
  revalidatePath(`/clients/${clientId}`)
  return ok(change === 'pause' ? 'Paused.' : change === 'resume' ? 'Resumed.' : 'Ended.')
}

/** Changes how often (and from/until when) an assignment is due. Only the assignment id is bound. */
export async function editAssignmentAction(assignmentId: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  if (!isUuid(assignmentId)) return recordNotFound('Assignment')
  const parsed = scheduleInput.safeParse({
    recurrence: String(form.get('recurrence') ?? ''),
    startDate: String(form.get('startDate') ?? ''),
    endDate: String(form.get('endDate') ?? ''),
  })
  if (!parsed.success) return invalid(parsed.error)
  let owner: string
  try {
    owner = (await updateAssignmentSchedule(user, assignmentId, parsed.data)).clientId
  } catch (e) {
    return fromKnownError(e, 'Assignment')
  }
  await generateClientCheckIns(user, owner)
  revalidatePath(`/clients/${owner}`)
  return ok('Schedule saved.')
}

export async function linkAction(clientId: string, checkInId: string, mode: 'copy' | 'email' | 'reissue' | 'revoke' | 'cancel'): Promise<LinkActionState> {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  if (!parseIds({ clientId, checkInId })) return recordNotFound('Check-in')
  try {
    if (mode === 'revoke') {
      const n = await revokeCheckInLinks(user, checkInId)
      revalidatePath(`/clients/${clientId}`)
      return ok(n ? 'Links revoked: they no longer open the check-in.' : 'There were no live links.')
    }
    if (mode === 'cancel') {
      await cancelCheckIn(user, checkInId)
      revalidatePath(`/clients/${clientId}`)
      return ok('Check-in cancelled.')
    }
    if (!['copy', 'email', 'reissue'].includes(mode)) return failed('Unknown action.')
    const res = await issueCheckInLink(user, checkInId, { send: mode === 'email', reason: mode === 'reissue' ? 'reissue' : 'new' })
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
    return fromKnownError(e, 'Check-in')
  }
}

export async function acknowledgeFlagAction(clientId: string, flagId: string): Promise<ActionState> {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  if (!parseIds({ clientId, flagId })) return recordNotFound('Risk flag')
  try {
    await acknowledgeRiskFlag(user, flagId)
  } catch (e) {
    return fromKnownError(e, 'Risk flag')
  }
  revalidatePath(`/clients/${clientId}`)
  revalidatePath('/clients')
  return ok('Acknowledged.')
}

export async function resolveFlagAction(clientId: string, flagId: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  if (!parseIds({ clientId, flagId })) return recordNotFound('Risk flag')
  const parsed = riskResolutionInput.safeParse({ note: form.get('note') ?? '' })
  if (!parsed.success) return failed('Please add a note.', { fieldErrors: fieldErrors(parsed.error) })
  try {
    await resolveRiskFlag(user, flagId, parsed.data.note)
  } catch (e) {
    return fromKnownError(e, 'Risk flag')
  }
  revalidatePath(`/clients/${clientId}`)
  revalidatePath('/clients')
  return ok('Resolved.')
}
