// Creating the check-ins that come due. No actor: the scheduler tick runs this for every practice;
// a clinician's action reaches it only through generateClientCheckIns (lib/db/client-checkins.ts),
// which passes the actor's scope as `within`. Idempotent by a database guarantee, not by timing:
// the unique (assignmentId, occurrenceDate) on CheckInItem and a per-client advisory lock while
// bundling, so concurrent runs (several app instances) create nothing twice.
import 'server-only'
import { db } from '../client'
import type { Prisma } from '../generated/client'
import { TX_OPTIONS } from '../tx'
import { isUuid } from '@/lib/validation/uuid'
import { addDays, checkInExpiry, latestOccurrence, toCalendarDate, toDateColumn, todayInTimeZone } from '@/lib/scheduling/recurrence'
import { logger } from '@/lib/log'
import { must } from '@/lib/must'
import { INSTRUMENT_IDS } from '@/lib/assessments/registry'

/** Limits a run to one practice (tests share a database; an admin tool could use it too). */
export interface TickScope {
  practiceId?: string
}

export interface GenerateOptions extends TickScope {
  now?: Date
  /** Only this client (e.g. right after a clinician assigns something). */
  clientId?: string
  /** Only clients that also match this (the acting user's scope), in the same statement. */
  within?: Prisma.ClientWhereInput
}

export const practiceFilter = (s: TickScope) => (s.practiceId ? { practiceId: s.practiceId } : {})

interface DueItem {
  assignmentId: string
  instrumentId: string
  relationshipTarget: string | null
  occurrence: string
  expiresAt: Date
}

interface ClientDue {
  practiceId: string
  items: DueItem[]
}

const itemKey = (assignmentId: string, occurrence: Date | string) => `${assignmentId}|${toCalendarDate(occurrence)}`

async function existingItemKeys(client: Prisma.TransactionClient, items: DueItem[]): Promise<Set<string>> {
  if (!items.length) return new Set()
  // Exact (assignment, occurrence) pairs joined on the unique index. Two IN lists (every assignment
  // × every date) made PostgreSQL scan the whole table in parallel every minute (~70 ms at 280k items).
  const rows = await client.$queryRaw<{ assignmentId: string; occurrenceDate: string }[]>`
    SELECT c."assignmentId"::text AS "assignmentId", to_char(c."occurrenceDate", 'YYYY-MM-DD') AS "occurrenceDate"
      FROM unnest(${items.map((i) => i.assignmentId)}::uuid[], ${items.map((i) => i.occurrence)}::date[]) AS p(a, d)
      JOIN "CheckInItem" c ON c."assignmentId" = p.a AND c."occurrenceDate" = p.d`
  return new Set(rows.map((r) => itemKey(r.assignmentId, r.occurrenceDate)))
}

function memo<T>(compute: (key: string) => T): (key: string) => T {
  const seen = new Map<string, T>()
  return (key) => {
    let value = seen.get(key)
    if (value === undefined) seen.set(key, (value = compute(key)))
    return value
  }
}

/**
 * The order of a check-in's questionnaires: as assigned, and among those assigned in the same
 * instant (several ticked in one form) in the form's own order, not by their random ids.
 */
function checkInOrder(a: { clientId: string; createdAt: Date; instrumentId: string; id: string }, b: typeof a): number {
  const rank = (id: string) => {
    const i = (INSTRUMENT_IDS as readonly string[]).indexOf(id)
    return i === -1 ? INSTRUMENT_IDS.length : i
  }
  return (
    a.clientId.localeCompare(b.clientId) ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    rank(a.instrumentId) - rank(b.instrumentId) ||
    a.id.localeCompare(b.id)
  )
}

/** What is due now and not yet materialised, grouped by client. Only the latest occurrence counts. */
async function findDue(now: Date, opts: GenerateOptions): Promise<Map<string, ClientDue>> {
  const assignments = await db.assignment.findMany({
    where: {
      status: 'ACTIVE',
      // No time zone is more than a day ahead of UTC.
      startDate: { lte: toDateColumn(addDays(now.toISOString().slice(0, 10), 1)) },
      client: {
        status: 'ACTIVE',
        ...(opts.clientId ? { id: opts.clientId } : {}),
        ...practiceFilter(opts),
        ...(opts.within ? { AND: [opts.within] } : {}),
      },
    },
    orderBy: [{ clientId: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      clientId: true,
      createdAt: true,
      instrumentId: true,
      relationshipTarget: true,
      recurrence: true,
      startDate: true,
      endDate: true,
      client: { select: { practiceId: true, practice: { select: { timeZone: true, checkinExpiryDays: true } } } },
    },
  })
  const due: (DueItem & { clientId: string; practiceId: string })[] = []
  // Thousands of assignments share a few zones and due dates: each time-zone calculation once a run.
  const today = memo((timeZone: string) => todayInTimeZone(now, timeZone))
  const expiry = memo((key: string) => {
    const [occurrence = '', days = '', timeZone = ''] = key.split('|')
    return checkInExpiry(occurrence, Number(days), timeZone)
  })
  for (const a of assignments.sort(checkInOrder)) {
    const { timeZone, checkinExpiryDays } = a.client.practice
    const occurrence = latestOccurrence(a, today(timeZone))
    if (!occurrence) continue
    const expiresAt = expiry(`${occurrence}|${checkinExpiryDays}|${timeZone}`)
    // Never back-fill: an occurrence whose check-in would already be closed is skipped for good.
    if (now >= expiresAt) continue
    due.push({
      assignmentId: a.id,
      instrumentId: a.instrumentId,
      relationshipTarget: a.relationshipTarget,
      occurrence,
      expiresAt,
      clientId: a.clientId,
      practiceId: a.client.practiceId,
    })
  }
  const existing = await existingItemKeys(db, due)
  const byClient = new Map<string, ClientDue>()
  for (const { clientId, practiceId, ...item } of due) {
    if (existing.has(itemKey(item.assignmentId, item.occurrence))) continue
    const entry = byClient.get(clientId) ?? { practiceId, items: [] }
    entry.items.push(item)
    byClient.set(clientId, entry)
  }
  return byClient
}

/** Bundles one client's due items into check-ins, one per due date. Returns new check-in ids. */
async function materialise(clientId: string, { practiceId, items }: ClientDue, now: Date): Promise<string[]> {
  return db.$transaction(async (tx) => {
    // Concurrent ticks for the same client queue here, then see each other's committed items.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${clientId}))`
    const existing = await existingItemKeys(tx, items)
    const byDate = new Map<string, DueItem[]>()
    for (const item of items) {
      if (existing.has(itemKey(item.assignmentId, item.occurrence))) continue
      byDate.set(item.occurrence, [...(byDate.get(item.occurrence) ?? []), item])
    }
    const created: string[] = []
    for (const [occurrence, group] of byDate) {
      const dueDate = toDateColumn(occurrence)
      const open = await tx.checkIn.findFirst({
        where: { clientId, dueDate, status: 'OPEN', expiresAt: { gt: now } },
        orderBy: { createdAt: 'asc' },
        select: { id: true },
      })
      const checkIn =
        open ??
        (await tx.checkIn.create({
          data: { practiceId, clientId, dueDate, expiresAt: must(group[0], 'a due date has at least one item').expiresAt, createdAt: now },
          select: { id: true },
        }))
      const last = await tx.checkInItem.aggregate({ where: { checkInId: checkIn.id }, _max: { position: true } })
      let position = (last._max.position ?? -1) + 1
      const r = await tx.checkInItem.createMany({
        data: group.map((i) => ({
          checkInId: checkIn.id,
          assignmentId: i.assignmentId,
          occurrenceDate: dueDate,
          instrumentId: i.instrumentId,
          relationshipTarget: i.relationshipTarget,
          position: position++,
        })),
        // The unique (assignmentId, occurrenceDate) is the real guarantee against duplicates.
        skipDuplicates: true,
      })
      if (open) continue
      // Someone else materialised these items first: never leave an empty check-in behind.
      if (r.count === 0) await tx.checkIn.delete({ where: { id: checkIn.id } })
      else created.push(checkIn.id)
    }
    return created
  }, TX_OPTIONS)
}

/** Creates the check-ins that are due now (latest occurrence only, never back-filled). */
export async function generateDueCheckIns(opts: GenerateOptions = {}): Promise<{ created: string[] }> {
  const now = opts.now ?? new Date()
  if (opts.clientId && !isUuid(opts.clientId)) return { created: [] }
  const created: string[] = []
  for (const [clientId, due] of await findDue(now, opts)) {
    try {
      created.push(...(await materialise(clientId, due, now)))
    } catch (e) {
      // One client's failure must not stop everyone else's check-ins; the next tick retries.
      logger.error('check-in generation failed', { clientId, error: (e as Error)?.name })
    }
  }
  if (created.length) logger.info('check-ins created', { count: created.length })
  return { created }
}
