'use server'
import { revalidatePath } from 'next/cache'
import { requireRole } from '@/lib/auth/session'
import { createGoal, updateGoal } from '@/lib/db/goals'
import { goalCreateInput, goalFormData, goalUpdateInput } from '@/lib/validation/goal'
import { isUuid, parseIds } from '@/lib/validation/uuid'
import { formValues, invalid, ok, recordNotFound, type ActionState } from '@/lib/actions/result'
import { fromKnownError } from '@/lib/actions/known-errors'

export async function createGoalAction(clientId: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  const values = formValues(form)
  if (!isUuid(clientId)) return recordNotFound('Client', values)
  const parsed = goalCreateInput.safeParse(goalFormData(form, ['templateKey', 'title', 'status']))
  if (!parsed.success) return invalid(parsed.error, values)
  try {
    await createGoal(user, clientId, parsed.data)
  } catch (e) {
    return fromKnownError(e, 'Client', { values })
  }
  revalidatePath(`/clients/${clientId}`)
  return ok('Goal added.')
}

/** The goal comes from a hidden field; lib/db finds it only through the user's scope. */
export async function updateGoalAction(clientId: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  const values = formValues(form)
  const ids = parseIds({ clientId, goalId: form.get('goalId') })
  if (!ids) return recordNotFound('Goal', values)
  const parsed = goalUpdateInput.safeParse(goalFormData(form, ['title', 'status']))
  if (!parsed.success) return invalid(parsed.error, values)
  let changed: boolean
  try {
    ;({ changed } = await updateGoal(user, ids.goalId, parsed.data))
  } catch (e) {
    return fromKnownError(e, 'Goal', { values })
  }
  if (!changed) return ok('Nothing changed.')
  revalidatePath(`/clients/${clientId}`)
  return ok('Goal saved. The earlier version is kept in its history.')
}
