// One list of what happened with a client, newest first: session notes (metadata only, never the
// body), check-ins that ended, risk flags raised and resolved, and goal changes. One statement
// (two when the caller has not read the client) whatever the size of the record. Notes appear only
// for the client's primary clinician: an admin sees the practice's clients but does not read their
// notes.
import 'server-only'
import { db } from './client'
import { Prisma } from './generated/client'
import type { Actor } from '@/lib/auth/actor'
import { canAccessClientNotes, clientScope, clientScopeSql } from './scope'
import { jsonList } from './client-parts'
import { NotFoundError } from './errors'
import { GOAL_PROGRESS_ID } from '@/lib/assessments/goal-progress'
import type { CheckInEntry, ClientTimeline, GoalChangeEntry, NoteEntry, RiskEntry, TimelineEntry } from '@/lib/timeline/types'
import type { GoalStatus } from '@/lib/goals/types'
import { isUuid } from '@/lib/validation/uuid'
import { todayInTimeZone } from '@/lib/scheduling/recurrence'

const TIMELINE_LIMIT = 200
// Rows read per source: enough for TIMELINE_LIMIT entries after merging, bounded whatever happens.
const PER_SOURCE = TIMELINE_LIMIT
const NOTE_ROWS = TIMELINE_LIMIT * 3

const day = (d: Date) => d.toISOString().slice(0, 10)

/** The client as the caller has already read it in the actor's scope (the overview): saves a read. */
export interface TimelineClient {
  id: string
  primaryClinicianId: string
  /** The practice's. */
  timeZone: string
  /** Status, then oldest first (as listGoals). */
  goals: { id: string; title: string; status: GoalStatus }[]
}

/** One statement for every source, whatever the record's size; two without `known`. */
export async function getClientTimeline(
  actor: Actor,
  clientId: string,
  opts: { goalId?: string | null; known?: TimelineClient } = {},
): Promise<ClientTimeline> {
  if (!isUuid(clientId)) throw new NotFoundError('Client')
  const client = opts.known ?? (await readClient(actor, clientId))
  const includesNotes = canAccessClientNotes(actor, client)
  const goal = opts.goalId ? (client.goals.find((g) => g.id === opts.goalId) ?? null) : null
  const goalId = goal?.id
  const rows = await readSources(actor, client.id, includesNotes, goalId)

  const entries: TimelineEntry[] = [
    ...noteEntries(rows.notes, goalId),
    ...checkInEntries(rows.checkIns, goalId),
    ...riskEntries(rows.flags),
    ...goalEntries(rows.revisions, rows.revisions.length >= PER_SOURCE * 2),
  ]
  const tz = client.timeZone
  entries.sort(newestFirst(tz))
  return {
    entries: entries.slice(0, TIMELINE_LIMIT),
    goals: client.goals,
    goal: goal ? { id: goal.id, title: goal.title } : null,
    unknownGoal: Boolean(opts.goalId) && !goal,
    includesNotes,
    truncated: entries.length > TIMELINE_LIMIT,
    timeZone: tz,
  }
}

async function readClient(actor: Actor, clientId: string): Promise<TimelineClient> {
  const client = await db.client.findFirst({
    where: { id: clientId, ...clientScope(actor) },
    select: {
      id: true,
      primaryClinicianId: true,
      practice: { select: { timeZone: true } },
      goals: { orderBy: [{ status: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }], select: { id: true, title: true, status: true } },
    },
  })
  if (!client) throw new NotFoundError('Client')
  return { id: client.id, primaryClinicianId: client.primaryClinicianId, timeZone: client.practice.timeZone, goals: client.goals }
}

type Stamp = string
interface Sources {
  notes: (Omit<NoteRow, 'sessionDate' | 'createdAt'> & { sessionDate: Stamp; createdAt: Stamp })[]
  checkIns: (Omit<CheckInRow, 'dueDate' | 'completedAt' | 'expiresAt'> & { dueDate: Stamp; completedAt: Stamp | null; expiresAt: Stamp })[]
  flags: { id: string; instrumentId: string; itemNumber: number; raisedAt: Stamp; resolvedAt: Stamp | null }[]
  revisions: { id: string; goalId: string; title: string; status: GoalStatus; changedAt: Stamp }[]
}

/**
 * Every source in one statement (JSON subqueries of the scoped client row): notes (latest first;
 * with a goal, only notes any version of which is linked to it), ended check-ins (with a goal, only
 * those that asked for goal progress), risk flags (none with a goal) and goal revisions.
 */
async function readSources(actor: Actor, clientId: string, includesNotes: boolean, goalId: string | undefined) {
  const goal = goalId ? Prisma.sql`${goalId}::uuid` : null
  const empty = Prisma.sql`'[]'::json`
  const notes = includesNotes
    ? jsonList(
        Prisma.sql`n.id, n."rootId", n.revision, n."sessionDate", n.format, n.status, n."createdAt",
          (SELECT COALESCE(json_agg(json_build_object('goal', json_build_object('id', g.id, 'title', g.title)) ORDER BY ng.id), '[]'::json)
           FROM "NoteGoal" ng JOIN "Goal" g ON g.id = ng."goalId" WHERE ng."noteId" = n.id) AS goals`,
        Prisma.sql`FROM "SessionNote" n WHERE n."clientId" = c.id ${
          goal
            ? Prisma.sql`AND n."rootId" IN (SELECT m."rootId" FROM "SessionNote" m JOIN "NoteGoal" mg ON mg."noteId" = m.id
                WHERE m."clientId" = c.id AND mg."goalId" = ${goal})`
            : Prisma.empty
        }`,
        Prisma.sql`n."sessionDate" DESC, n."rootId" ASC, n.revision DESC`,
        NOTE_ROWS,
      )
    : empty
  const checkIns = jsonList(
    Prisma.sql`k.id, k.status, k."dueDate", k."completedAt", k."expiresAt",
      ${jsonList(
        Prisma.sql`i."instrumentId",
          (SELECT json_build_object('instrumentId', r."instrumentId", 'scores', r.scores) FROM "Response" r WHERE r."checkInItemId" = i.id) AS response`,
        Prisma.sql`FROM "CheckInItem" i WHERE i."checkInId" = k.id`,
        Prisma.sql`i.position ASC`,
      )} AS items`,
    Prisma.sql`FROM "CheckIn" k WHERE k."clientId" = c.id AND k.status IN ('COMPLETED', 'EXPIRED', 'CANCELLED') ${
      goal ? Prisma.sql`AND EXISTS (SELECT 1 FROM "CheckInItem" gi WHERE gi."checkInId" = k.id AND gi."instrumentId" = ${GOAL_PROGRESS_ID})` : Prisma.empty
    }`,
    Prisma.sql`k."dueDate" DESC, k."createdAt" DESC`,
    PER_SOURCE,
  )
  const flags = goal
    ? empty
    : jsonList(
        Prisma.sql`f.id, f."instrumentId", f."itemNumber", f."raisedAt", f."resolvedAt"`,
        Prisma.sql`FROM "RiskFlag" f WHERE f."clientId" = c.id`,
        Prisma.sql`f."raisedAt" DESC`,
        PER_SOURCE,
      )
  // Twice the limit: each change is compared with the revision before it.
  const revisions = jsonList(
    Prisma.sql`v.id, v."goalId", v.title, v.status, v."changedAt"`,
    Prisma.sql`FROM "GoalRevision" v JOIN "Goal" g ON g.id = v."goalId" WHERE g."clientId" = c.id ${goal ? Prisma.sql`AND v."goalId" = ${goal}` : Prisma.empty}`,
    Prisma.sql`v."changedAt" DESC, v.id DESC`,
    PER_SOURCE * 2,
  )
  const [row] = await db.$queryRaw<{ data: string }[]>`
    SELECT json_build_object('notes', ${notes}, 'checkIns', ${checkIns}, 'flags', ${flags}, 'revisions', ${revisions})::text AS data
    FROM "Client" c WHERE c.id = ${clientId}::uuid AND ${clientScopeSql(actor)}`
  if (!row) throw new NotFoundError('Client')
  const s = JSON.parse(row.data) as Sources
  const at = (x: string) => new Date(x)
  const atOrNull = (x: string | null) => (x === null ? null : new Date(x))
  return {
    notes: s.notes.map((n): NoteRow => ({ ...n, sessionDate: at(n.sessionDate), createdAt: at(n.createdAt) })),
    checkIns: s.checkIns.map((k): CheckInRow => ({ ...k, dueDate: at(k.dueDate), completedAt: atOrNull(k.completedAt), expiresAt: at(k.expiresAt) })),
    flags: s.flags.map((f) => ({ ...f, raisedAt: at(f.raisedAt), resolvedAt: atOrNull(f.resolvedAt) })),
    revisions: s.revisions.map((v) => ({ ...v, changedAt: at(v.changedAt) })),
  }
}

type NoteRow = {
  id: string
  rootId: string
  revision: number
  sessionDate: Date
  format: NoteEntry['format']
  status: NoteEntry['status']
  createdAt: Date
  goals: { goal: { id: string; title: string } }[]
}

function noteEntries(rows: NoteRow[], goalId: string | undefined): NoteEntry[] {
  const latest = new Map<string, NoteRow>()
  for (const r of rows) if ((latest.get(r.rootId)?.revision ?? 0) < r.revision) latest.set(r.rootId, r)
  return [...latest.values()]
    .map((n) => ({
      kind: 'note' as const,
      id: `note:${n.rootId}`,
      at: n.sessionDate.toISOString(),
      dateOnly: true,
      noteId: n.id,
      rootId: n.rootId,
      sessionDate: day(n.sessionDate),
      format: n.format,
      status: n.status,
      revisions: n.revision,
      goals: n.goals.map((g) => g.goal),
    }))
    .filter((n) => !goalId || n.goals.some((g) => g.id === goalId))
}

type CheckInRow = {
  id: string
  status: string
  dueDate: Date
  completedAt: Date | null
  expiresAt: Date
  items: { instrumentId: string; response: { instrumentId: string; scores: unknown } | null }[]
}

function checkInEntries(rows: CheckInRow[], goalId: string | undefined): CheckInEntry[] {
  return rows.flatMap((c) => {
    const status = c.status as CheckInEntry['status']
    const goalRatings: Record<string, number> = {}
    for (const i of c.items) {
      const s = i.response?.instrumentId === GOAL_PROGRESS_ID ? i.response.scores : null
      if (s && typeof s === 'object' && !Array.isArray(s)) {
        for (const [k, v] of Object.entries(s)) if (typeof v === 'number') goalRatings[k] = v
      }
    }
    // Filtered by goal: a completed goal-progress check-in belongs only if that goal was rated.
    if (goalId && status === 'COMPLETED' && !(goalId in goalRatings)) return []
    const at = status === 'COMPLETED' ? (c.completedAt ?? c.dueDate) : status === 'EXPIRED' ? c.expiresAt : c.dueDate
    return [
      {
        kind: 'checkin' as const,
        id: `checkin:${c.id}`,
        at: at.toISOString(),
        // A cancellation's moment is not recorded; its due date is.
        dateOnly: status === 'CANCELLED' || (status === 'COMPLETED' && !c.completedAt),
        status,
        dueDate: day(c.dueDate),
        instruments: c.items.map((i) => i.instrumentId),
        goalRatings,
      },
    ]
  })
}

function riskEntries(rows: { id: string; instrumentId: string; itemNumber: number; raisedAt: Date; resolvedAt: Date | null }[]): RiskEntry[] {
  return rows.flatMap((f) => {
    const base = { kind: 'risk' as const, flagId: f.id, instrumentId: f.instrumentId, itemNumber: f.itemNumber, dateOnly: false }
    const raised: RiskEntry = { ...base, id: `risk:${f.id}:raised`, event: 'raised', at: f.raisedAt.toISOString() }
    return f.resolvedAt ? [{ ...base, id: `risk:${f.id}:resolved`, event: 'resolved' as const, at: f.resolvedAt.toISOString() }, raised] : [raised]
  })
}

function goalEntries(rows: { id: string; goalId: string; title: string; status: GoalStatus; changedAt: Date }[], cut: boolean): GoalChangeEntry[] {
  // Rows are newest first; the revision after each one (in time) is compared with it.
  const out: GoalChangeEntry[] = []
  const byGoal = new Map<string, typeof rows>()
  for (const r of rows) byGoal.set(r.goalId, [...(byGoal.get(r.goalId) ?? []), r])
  for (const list of byGoal.values()) {
    list.forEach((r, i) => {
      const prev = list[i + 1]
      // The oldest row read is a creation only if it is the goal's first revision; with the read
      // cut short it may not be, and then it is left out rather than mislabelled.
      if (!prev && cut) return
      const reworded = Boolean(prev && prev.title !== r.title)
      const statusChanged = Boolean(prev && prev.status !== r.status)
      if (prev && !reworded && !statusChanged) return
      out.push({
        kind: 'goal',
        id: `goal:${r.id}`,
        at: r.changedAt.toISOString(),
        dateOnly: false,
        goalId: r.goalId,
        change: !prev ? 'created' : reworded && statusChanged ? 'reworded-and-status' : reworded ? 'reworded' : 'status',
        title: r.title,
        previousTitle: reworded ? prev!.title : null,
        status: r.status,
        previousStatus: statusChanged ? prev!.status : null,
      })
    })
  }
  return out
}

/**
 * Newest first by the day shown (the practice's calendar day; a date-only entry's own day), then
 * by time within the day, date-only entries last (their time is unknown). Ties fall back to the
 * id, so the order is stable.
 */
function newestFirst(timeZone: string) {
  const days = new Map<TimelineEntry, string>()
  const dayOf = (e: TimelineEntry) => {
    let d = days.get(e)
    if (d === undefined) days.set(e, (d = e.dateOnly ? e.at.slice(0, 10) : todayInTimeZone(new Date(e.at), timeZone)))
    return d
  }
  const cmp = (x: string, y: string) => (x < y ? 1 : x > y ? -1 : 0)
  return (a: TimelineEntry, b: TimelineEntry): number =>
    cmp(dayOf(a), dayOf(b)) || Number(a.dateOnly) - Number(b.dateOnly) || cmp(a.at, b.at) || -cmp(a.id, b.id)
}
