// A client's scores over time (charts, report, CSV) and the episode of care they are measured in.
// Scope lives in every statement: another clinician's or practice's client is "not found".
import 'server-only'
import { db } from './client'
import { TX_OPTIONS } from './tx'
import type { Actor } from '@/lib/auth/actor'
import { clientScope, clientScopeSql } from './scope'
import { NotFoundError } from './errors'
import { actorFields, recordAudit } from '@/lib/audit/record'
import { recordDenied } from '@/lib/audit/denied'
import type { AuditAction } from '@/lib/audit/actions'
import { buildScoresCsv, type CsvResponseRow } from '@/lib/assessments/csv'
import { prepareSeries, rangeStartDay, type ClientSeries, type SeriesRange, type SeriesRow } from '@/lib/assessments/series'
import { startOfDayInTimeZone, toCalendarDate, toDateColumn, todayInTimeZone } from '@/lib/scheduling/recurrence'
import { isUuid } from '@/lib/validation/uuid'

export type { ClientSeries }

async function scopedClientFrame(actor: Actor, clientId: string, attempted: AuditAction) {
  if (!isUuid(clientId)) throw new NotFoundError('Client')
  const client = await db.client.findFirst({
    where: { id: clientId, ...clientScope(actor) },
    select: { id: true, episodeStart: true, practice: { select: { timeZone: true } } },
  })
  if (!client) {
    await recordDenied(actor, { action: attempted, targetType: 'Client', targetId: clientId })
    throw new NotFoundError('Client')
  }
  return episodeFrame(client.episodeStart, client.practice.timeZone)
}

/**
 * The client's episode of care: its first day, and that day's first instant in the practice's time
 * zone, from which the baseline is taken (the overview, charts, CSV and a note's scores alike).
 */
export const episodeFrame = (episodeStart: Date, timeZone: string) => ({
  timeZone,
  episodeStart: toCalendarDate(episodeStart),
  episodeFrom: startOfDayInTimeZone(episodeStart, timeZone),
})

/** The client as the caller has already read it in the actor's scope (the overview): saves a read. */
export interface KnownClient {
  episodeStart: Date
  /** The practice's. */
  timeZone: string
}

/**
 * Scores over time for the client's overview. Two statements whatever the history's length (one
 * when the caller passes the client it has read): the scoped client (episode start, time zone),
 * then the complete responses that are in the range, plus each instrument's baseline (first answer
 * of the episode) and latest answer even when they are older than the range. Item answers are
 * never read here.
 */
export async function getClientSeries(actor: Actor, clientId: string, range: SeriesRange, now: Date = new Date(), known?: KnownClient): Promise<ClientSeries> {
  // Shown on the client's page and report, whose getClient() already records the CLIENT_VIEW.
  // The responses' statement carries the scope either way.
  if (!isUuid(clientId)) throw new NotFoundError('Client')
  const frame = known ? episodeFrame(known.episodeStart, known.timeZone) : await scopedClientFrame(actor, clientId, 'SCORES_VIEW')
  const startDay = rangeStartDay(range, todayInTimeZone(now, frame.timeZone))
  const rangeFrom = startDay ? startOfDayInTimeZone(startDay, frame.timeZone) : null
  const rows = await db.$queryRaw<SeriesRow[]>`
    WITH scoped AS (
      SELECT r."id", r."instrumentId", r."submittedAt", r."scores", r."band", r."quadrant", r."flags", r."relationshipTarget",
        row_number() OVER (PARTITION BY r."instrumentId", r."submittedAt" >= ${frame.episodeFrom}::timestamptz
                           ORDER BY r."submittedAt", r."id") AS first_in_part,
        row_number() OVER (PARTITION BY r."instrumentId" ORDER BY r."submittedAt" DESC, r."id" DESC) AS last_rank
      FROM "Response" r
      JOIN "Client" c ON c."id" = r."clientId"
      WHERE r."clientId" = ${clientId}::uuid AND ${clientScopeSql(actor)} AND r."complete"
    )
    SELECT "id", "instrumentId", "submittedAt", "scores", "band", "quadrant", "flags", "relationshipTarget"
    FROM scoped
    WHERE ${rangeFrom}::timestamptz IS NULL
       OR "submittedAt" >= ${rangeFrom}::timestamptz
       OR last_rank = 1
       OR (first_in_part = 1 AND "submittedAt" >= ${frame.episodeFrom}::timestamptz)
    ORDER BY "submittedAt", "id"`
  const prepared = prepareSeries(
    rows.map((r) => ({ ...r, submittedAt: new Date(r.submittedAt), flags: r.flags ?? [] })),
    { episodeFrom: frame.episodeFrom, rangeFrom },
  )
  return {
    range,
    timeZone: frame.timeZone,
    episodeStart: frame.episodeStart,
    rangeFrom: rangeFrom?.toISOString() ?? null,
    now: now.toISOString(),
    ...prepared,
  }
}

/**
 * Start a new episode of care: from `date` (default: today in the practice's time zone) the first
 * answer of each questionnaire becomes its new baseline. History is kept; nothing is deleted.
 * A date in the future is refused. Scoped in the same statement as the write.
 */
export async function startNewEpisode(actor: Actor, clientId: string, date?: string): Promise<{ episodeStart: string }> {
  if (!isUuid(clientId)) throw new NotFoundError('Client')
  const practice = await db.practice.findUnique({ where: { id: actor.practiceId }, select: { timeZone: true } })
  if (!practice) throw new NotFoundError('Client')
  const today = todayInTimeZone(new Date(), practice.timeZone)
  const day = date === undefined ? today : toCalendarDate(date)
  if (day > today) throw new RangeError('A new episode of care cannot start in the future')
  const updated = await db.$transaction(async (tx) => {
    const r = await tx.client.updateMany({ where: { id: clientId, ...clientScope(actor) }, data: { episodeStart: toDateColumn(day) } })
    if (r.count !== 1) return false
    await recordAudit(
      { ...actorFields(actor), action: 'CLIENT_EPISODE_START', targetType: 'Client', targetId: clientId, clientId, details: { episodeStart: day } },
      tx,
    )
    return true
  }, TX_OPTIONS)
  if (!updated) {
    await recordDenied(actor, { action: 'CLIENT_EPISODE_START', targetType: 'Client', targetId: clientId })
    throw new NotFoundError('Client')
  }
  return { episodeStart: day }
}

export interface ScoresExport {
  filename: string
  csv: string
}

/**
 * Every complete response's scores as CSV (never the item answers), oldest first. The export is
 * recorded in the audit trail before it is returned (fail closed).
 */
export async function exportClientScores(
  actor: Actor,
  clientId: string,
  opts: { now?: Date; ip?: string | null; requestId?: string | null } = {},
): Promise<ScoresExport> {
  const now = opts.now ?? new Date()
  const frame = await scopedClientFrame(actor, clientId, 'EXPORT_CSV')
  const rows: CsvResponseRow[] = await db.response.findMany({
    where: { clientId, client: clientScope(actor), complete: true },
    orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      instrumentId: true,
      instrumentVersion: true,
      scoringVersion: true,
      submittedAt: true,
      scores: true,
      band: true,
      quadrant: true,
      flags: true,
      relationshipTarget: true,
    },
  })
  const csv = buildScoresCsv(rows, frame.episodeFrom)
  await recordAudit({
    ...actorFields(actor),
    action: 'EXPORT_CSV',
    targetType: 'Client',
    targetId: clientId,
    clientId,
    details: { export: 'scores', responses: rows.length },
    ip: opts.ip ?? null,
    requestId: opts.requestId ?? null,
  })
  return { filename: `scores-${clientId}-${todayInTimeZone(now, frame.timeZone)}.csv`, csv }
}
