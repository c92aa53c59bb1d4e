// "Insert scores" for a note: the client's complete scores in the current episode of care.
import 'server-only'
import { db } from './client'
import type { Actor } from '@/lib/auth/actor'
import { NotFoundError } from './errors'
import { requireNoteScope } from './scope'
import { isUuid } from '@/lib/validation/uuid'
import { buildScoreSnapshot, type ScoreSnapshot } from '@/lib/notes/snapshot'
import { episodeFrame } from './series'

/**
 * Baseline (first complete score on or after the episode's first instant in the practice's time
 * zone, as on the overview), latest and change, per score.
 */
export async function captureScoreSnapshot(actor: Actor, clientId: string, now = new Date()): Promise<ScoreSnapshot> {
  const scope = requireNoteScope(actor, 'Client')
  if (!isUuid(clientId)) throw new NotFoundError('Client')
  const client = await db.client.findFirst({ where: { id: clientId, ...scope }, select: { episodeStart: true, practice: { select: { timeZone: true } } } })
  if (!client) throw new NotFoundError('Client')
  const episode = episodeFrame(client.episodeStart, client.practice.timeZone)
  const responses = await db.response.findMany({
    where: { clientId, client: scope, complete: true, submittedAt: { gte: episode.episodeFrom } },
    orderBy: { submittedAt: 'asc' },
    select: { instrumentId: true, relationshipTarget: true, complete: true, scores: true, band: true, submittedAt: true },
  })
  return buildScoreSnapshot(responses, episode, now)
}
