// One list of what happened with a client, newest first: session notes (metadata only, never the
// body), check-ins that ended, risk flags raised and resolved, and goal changes. A fixed number of
// queries whatever the size of the record. Notes appear only for the client's primary clinician:
// an admin sees the practice's clients but does not read their notes.
import 'server-only'
import { db } from './client'
import type { Prisma } from './generated/client'
import type { Actor } from '@/lib/auth/actor'
import { canAccessClientNotes, clientScope } from './scope'
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

export async function getClientTimeline(actor: Actor, clientId: string, opts: { goalId?: string | null } = {}): Promise<ClientTimeline> {
  if (!isUuid(clientId)) throw new NotFoundError('Client')
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
  const includesNotes = canAccessClientNotes(actor, client)
  const goal = opts.goalId ? (client.goals.find((g) => g.id === opts.goalId) ?? null) : null
  const goalId = goal?.id
  const inClient = { clientId: client.id }

  const noteWhere: Prisma.SessionNoteWhereInput = goalId ? { ...inClient, rootId: { in: await linkedRootIds(client.id, goalId) } } : inClient
  const [notes, checkIns, flags, revisions] = await Promise.all([
    includesNotes
      ? db.sessionNote.findMany({
          where: noteWhere,
          orderBy: [{ sessionDate: 'desc' }, { rootId: 'asc' }, { revision: 'desc' }],
          take: NOTE_ROWS,
          select: {
            id: true,
            rootId: true,
            revision: true,
            sessionDate: true,
            format: true,
            status: true,
            createdAt: true,
            goals: { select: { goal: { select: { id: true, title: true } } } },
          },
        })
      : [],
    db.checkIn.findMany({
      where: {
        ...inClient,
        status: { in: ['COMPLETED', 'EXPIRED', 'CANCELLED'] },
        ...(goalId ? { items: { some: { instrumentId: GOAL_PROGRESS_ID } } } : {}),
      },
      orderBy: [{ dueDate: 'desc' }, { createdAt: 'desc' }],
      take: PER_SOURCE,
      select: {
        id: true,
        status: true,
        dueDate: true,
        completedAt: true,
        expiresAt: true,
        items: { orderBy: { position: 'asc' }, select: { instrumentId: true, response: { select: { instrumentId: true, scores: true } } } },
      },
    }),
    goalId
      ? []
      : db.riskFlag.findMany({
          where: inClient,
          orderBy: { raisedAt: 'desc' },
          take: PER_SOURCE,
          select: { id: true, instrumentId: true, itemNumber: true, raisedAt: true, resolvedAt: true },
        }),
    db.goalRevision.findMany({
      where: { goal: { ...inClient, ...(goalId ? { id: goalId } : {}) } },
      orderBy: [{ changedAt: 'desc' }, { id: 'desc' }],
      // Twice the limit: each change is compared with the revision before it.
      take: PER_SOURCE * 2,
      select: { id: true, goalId: true, title: true, status: true, changedAt: true },
    }),
  ])

  const entries: TimelineEntry[] = [
    ...noteEntries(notes, goalId),
    ...checkInEntries(checkIns, goalId),
    ...riskEntries(flags),
    ...goalEntries(revisions, revisions.length >= PER_SOURCE * 2),
  ]
  const tz = client.practice.timeZone
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

/** Notes (any version) linked to the goal, by root: the latest version decides below. */
async function linkedRootIds(clientId: string, goalId: string): Promise<string[]> {
  const rows = await db.sessionNote.findMany({
    where: { clientId, goals: { some: { goalId } } },
    distinct: ['rootId'],
    select: { rootId: true },
    take: NOTE_ROWS,
  })
  return rows.map((r) => r.rootId)
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
