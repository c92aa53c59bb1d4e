'use server'
import { redirect } from 'next/navigation'
import { revalidatePath } from 'next/cache'
import { requireRole } from '@/lib/auth/session'
import { createClient, updateClient } from '@/lib/db/clients'
import { NotFoundError } from '@/lib/db/errors'
import { clientInput } from '@/lib/validation/client'
import { isUuid } from '@/lib/validation/uuid'
import { failed, formValues, invalid, ok, recordNotFound, type ActionState } from '@/lib/actions/result'
import { fromKnownError } from '@/lib/actions/known-errors'

const CHOOSE_CLINICIAN = 'Choose a clinician from the list.'

export async function createClientAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  const values = formValues(form)
  const parsed = clientInput.safeParse(values)
  if (!parsed.success) return invalid(parsed.error, values)
  let id: string
  try {
    id = (await createClient(user, parsed.data)).id
  } catch (e) {
    // The only record a new client refers to is the clinician picked in the form.
    if (e instanceof NotFoundError) return failed(CHOOSE_CLINICIAN, { fieldErrors: { primaryClinicianId: CHOOSE_CLINICIAN }, values })
    throw e
  }
  revalidatePath('/clients')
  redirect(`/clients/${id}?created=1`)
}

export async function updateClientAction(clientId: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  const values = formValues(form)
  if (!isUuid(clientId)) return recordNotFound('Client', values)
  const parsed = clientInput.safeParse(values)
  if (!parsed.success) return invalid(parsed.error, values)
  try {
    await updateClient(user, clientId, parsed.data)
  } catch (e) {
    return fromKnownError(e, 'Client', { values })
  }
  revalidatePath(`/clients/${clientId}`)
  revalidatePath('/clients')
  return ok('Saved.', values)
}
