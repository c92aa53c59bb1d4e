'use server'
import { revalidatePath } from 'next/cache'
import { requireUser } from '@/lib/auth/session'
import { createGoal, updateGoal } from '@/lib/db/goals'
import { ConflictError, NotFoundError } from '@/lib/db/errors'
import { goalCreateInput, goalFormData, goalUpdateInput } from '@/lib/validation/goal'
import { fieldErrors } from '@/lib/validation/client'
import { formValues, type ActionState } from '@/lib/validation/action-state'

function known(e: unknown, what: string, form: FormData): ActionState {
  if (e instanceof NotFoundError) return { status: 'error', message: `${what} not found.`, values: formValues(form) }
  if (e instanceof ConflictError) return { status: 'error', message: e.message, values: formValues(form) }
  throw e
}

export async function createGoalAction(clientId: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser()
  const parsed = goalCreateInput.safeParse(goalFormData(form, ['templateKey', 'title', 'status']))
  if (!parsed.success) {
    return { status: 'error', message: 'Please correct the highlighted fields.', fieldErrors: fieldErrors(parsed.error), values: formValues(form) }
  }
  try {
    await createGoal(user, String(clientId), parsed.data)
  } catch (e) {
    return known(e, 'Client', form)
  }
  revalidatePath(`/clients/${clientId}`)
  return { status: 'success', message: 'Goal added.' }
}

/** The goal comes from a hidden field; lib/db finds it only through the user's scope. */
export async function updateGoalAction(clientId: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser()
  const goalId = String(form.get('goalId') ?? '')
  const parsed = goalUpdateInput.safeParse(goalFormData(form, ['title', 'status']))
  if (!parsed.success) {
    return { status: 'error', message: 'Please correct the highlighted fields.', fieldErrors: fieldErrors(parsed.error), values: formValues(form) }
  }
  let changed: boolean
  try {
    ;({ changed } = await updateGoal(user, goalId, parsed.data))
  } catch (e) {
    return known(e, 'Goal', form)
  }
  if (!changed) return { status: 'success', message: 'Nothing changed.' }
  revalidatePath(`/clients/${clientId}`)
  return { status: 'success', message: 'Goal saved. The earlier version is kept in its history.' }
}
