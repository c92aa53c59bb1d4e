'use server'
import { revalidatePath } from 'next/cache'
import { requireUser } from '@/lib/auth/session'
import { NotFoundError } from '@/lib/db/errors'
import { startNewEpisode } from '@/lib/db/series'
import { formatCalendarDate } from '@/lib/format'
import { getResponseDetail } from '@/lib/db/series-detail'
import type { ResponseDetailResult } from '@/lib/assessments/response-detail'
import type { ActionState } from '@/lib/validation/action-state'
import { isUuid } from '@/lib/validation/uuid'


/** The item-level answers behind one chart point. */
export async function loadResponseDetailAction(clientId: string, responseId: string): Promise<ResponseDetailResult> {
  const user = await requireUser()
  if (!isUuid(String(clientId)) || !isUuid(String(responseId))) return { status: 'error', message: 'Answers not found.' }
  try {
    return { status: 'success', detail: await getResponseDetail(user, String(clientId), String(responseId)) }
  } catch (e) {
    if (e instanceof NotFoundError) return { status: 'error', message: 'Answers not found.' }
    throw e
  }
}

/** A new episode of care from today (practice time zone): the next answers become the new baseline. */
export async function startNewEpisodeAction(clientId: string): Promise<ActionState> {
  const user = await requireUser()
  if (!isUuid(String(clientId))) return { status: 'error', message: 'Client not found.' }
  let episodeStart: string
  try {
    ;({ episodeStart } = await startNewEpisode(user, String(clientId)))
  } catch (e) {
    if (e instanceof NotFoundError) return { status: 'error', message: 'Client not found.' }
    throw e
  }
  revalidatePath(`/clients/${clientId}`)
  return { status: 'success', message: `New episode of care started on ${formatCalendarDate(`${episodeStart}T00:00:00Z`)}. Change is now measured from the first answers on or after that day.` }
}
