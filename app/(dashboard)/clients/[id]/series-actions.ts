'use server'
import { revalidatePath } from 'next/cache'
import { requireRole } from '@/lib/auth/session'
import { startNewEpisode } from '@/lib/db/series'
import { formatCalendarDate } from '@/lib/format'
import { getResponseDetail } from '@/lib/db/series-detail'
import type { ResponseDetailResult } from '@/lib/assessments/response-detail'
import { isUuid, parseIds } from '@/lib/validation/uuid'
import { ok, recordNotFound, type ActionState } from '@/lib/actions/result'
import { fromKnownError } from '@/lib/actions/known-errors'

/** The item-level answers behind one chart point. */
export async function loadResponseDetailAction(clientId: string, responseId: string): Promise<ResponseDetailResult> {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  if (!parseIds({ clientId, responseId })) return recordNotFound('Answers')
  try {
    return { status: 'success', detail: await getResponseDetail(user, clientId, responseId) }
  } catch (e) {
    return fromKnownError(e, 'Answers')
  }
}

/** A new episode of care from today (practice time zone): the next answers become the new baseline. */
export async function startNewEpisodeAction(clientId: string): Promise<ActionState> {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  if (!isUuid(clientId)) return recordNotFound('Client')
  let episodeStart: string
  try {
    ;({ episodeStart } = await startNewEpisode(user, clientId))
  } catch (e) {
    return fromKnownError(e, 'Client')
  }
  revalidatePath(`/clients/${clientId}`)
  return ok(
    `New episode of care started on ${formatCalendarDate(`${episodeStart}T00:00:00Z`)}. Change is now measured from the first answers on or after that day.`,
  )
}
