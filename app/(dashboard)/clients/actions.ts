'use server'
import { redirect } from 'next/navigation'
import { revalidatePath } from 'next/cache'
import { requireUser } from '@/lib/auth/session'
import { createClient, updateClient } from '@/lib/db/clients'
import { NotFoundError } from '@/lib/db/errors'
import { clientInput, fieldErrors } from '@/lib/validation/client'
import { formValues, type ActionState } from '@/lib/validation/action-state'

function parse(form: FormData) {
  const raw = formValues(form)
  return { raw, parsed: clientInput.safeParse(raw) }
}

export async function createClientAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser()
  const { raw, parsed } = parse(form)
  if (!parsed.success) {
    return { status: 'error', message: 'Please correct the highlighted fields.', fieldErrors: fieldErrors(parsed.error), values: raw }
  }
  let id: string
  try {
    id = (await createClient(user, parsed.data)).id
  } catch (e) {
    if (e instanceof NotFoundError) {
      return { status: 'error', message: 'Choose a clinician from the list.', fieldErrors: { primaryClinicianId: 'Choose a clinician from the list.' }, values: raw }
    }
    throw e
  }
  revalidatePath('/clients')
  redirect(`/clients/${id}?created=1`)
}

export async function updateClientAction(clientId: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser()
  const { raw, parsed } = parse(form)
  if (!parsed.success) {
    return { status: 'error', message: 'Please correct the highlighted fields.', fieldErrors: fieldErrors(parsed.error), values: raw }
  }
  try {
    await updateClient(user, String(clientId), parsed.data)
  } catch (e) {
    if (e instanceof NotFoundError) return { status: 'error', message: 'Client not found.', values: raw }
    throw e
  }
  revalidatePath(`/clients/${clientId}`)
  revalidatePath('/clients')
  return { status: 'success', message: 'Saved.', values: raw }
}
