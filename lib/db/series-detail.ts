// One response's item-level answers, read through the client's scope (a chart point opens it).
import 'server-only'
import { db } from './client'
import type { Actor } from '@/lib/auth/actor'
import { clientScope } from './scope'
import { NotFoundError } from './errors'
import { actorFields, recordAudit } from '@/lib/audit/record'
import { recordDenied } from '@/lib/audit/denied'
import { getInstrument, isInstrumentId, RISK_FLAG } from '@/lib/assessments'
import { ANSWERED_BY_CLIENT, describeAnswers, type ResponseDetail } from '@/lib/assessments/response-detail'
import { readScores } from '@/lib/assessments/series'
import { isUuid } from '@/lib/validation/uuid'

export { ANSWERED_BY_CLIENT, type ResponseDetail }

export async function getResponseDetail(actor: Actor, clientId: string, responseId: string): Promise<ResponseDetail> {
  if (!isUuid(clientId) || !isUuid(responseId)) throw new NotFoundError('Response')
  const r = await db.response.findFirst({
    where: { id: responseId, clientId, client: clientScope(actor) },
    select: {
      id: true,
      instrumentId: true,
      instrumentVersion: true,
      scoringVersion: true,
      relationshipTarget: true,
      answers: true,
      complete: true,
      scores: true,
      band: true,
      quadrant: true,
      flags: true,
      submittedAt: true,
      client: { select: { practice: { select: { timeZone: true } } } },
    },
  })
  if (!r || !isInstrumentId(r.instrumentId)) {
    // Recorded only when the client exists but is not the actor's (a wrong pair within scope records nothing).
    await recordDenied(actor, { action: 'RESPONSE_VIEW', targetType: 'Client', targetId: clientId })
    throw new NotFoundError('Response')
  }
  // Item-level answers are the most sensitive read here: recorded before they are returned.
  await recordAudit({ ...actorFields(actor), action: 'RESPONSE_VIEW', targetType: 'Response', targetId: r.id, clientId })
  const def = getInstrument(r.instrumentId)
  return {
    responseId: r.id,
    instrumentId: def.id,
    abbreviation: def.abbreviation,
    name: def.name,
    instrumentVersion: r.instrumentVersion,
    scoringVersion: r.scoringVersion,
    relationshipTarget: r.relationshipTarget,
    submittedAt: r.submittedAt.toISOString(),
    timeZone: r.client.practice.timeZone,
    answeredBy: ANSWERED_BY_CLIENT,
    complete: r.complete,
    scores: readScores(def.id, r.scores),
    band: r.band,
    quadrant: r.quadrant,
    risk: r.flags.includes(RISK_FLAG),
    items: describeAnswers(def.id, r.answers),
  }
}
