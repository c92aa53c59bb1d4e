// The overview's one-statement read (lib/db/client-overview.ts) against the functions that read
// each part on their own: the same data, the same scope, the same audit events.
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../lib/db/client'
import { NotFoundError } from '../../lib/db/errors'
import { getClientOverview } from '../../lib/db/client-overview'
import { getClient } from '../../lib/db/clients'
import { listRiskFlags } from '../../lib/db/risk-flags'
import { listClientCheckIns, listRecentResponses } from '../../lib/db/client-checkins'
import { goalSuggestions, listGoals, updateGoal } from '../../lib/db/goals'
import { listAssignments } from '../../lib/db/assignments'
import { listOutbox } from '../../lib/db/outbox'
import { listGoalProgressSeries } from '../../lib/db/goal-progress'
import { listClientNotes } from '../../lib/db/notes'
import { listPracticeClinicians } from '../../lib/db/users'
import { getClientTimeline } from '../../lib/db/timeline'
import { getClientSeries } from '../../lib/db/series'
import type { Actor } from '../../lib/auth/actor'
import { actorFor } from '../fixtures/factory'
import { createBundle, createWorld, type World } from './authz/world'

let w: World
const actor = async (userId: string): Promise<Actor> => actorFor(await db.user.findUniqueOrThrow({ where: { id: userId } }))

beforeAll(async () => {
  w = await createWorld()
  // A goal with history (a rewording and a status change) and a second goal.
  const owner = await actor(w.users.clinA)
  await updateGoal(owner, w.C1.goalId, { title: 'Stay steady when feelings run high, most days' })
  await updateGoal(owner, w.C1.goalId, { status: 'PAUSED' })
}, 120_000)

async function separately(a: Actor, clientId: string) {
  const client = await getClient(a, clientId)
  const ownClinician = a.roles.includes('CLINICIAN') && client.primaryClinician.id === a.userId
  return {
    client,
    riskFlags: await listRiskFlags(a, clientId),
    checkIns: await listClientCheckIns(a, clientId),
    recentResponses: await listRecentResponses(a, clientId),
    goals: await listGoals(a, clientId),
    goalSuggestions: await goalSuggestions(a, clientId),
    assignments: await listAssignments(a, clientId),
    outbox: await listOutbox(a, clientId),
    goalProgress: await listGoalProgressSeries(a, clientId),
    notes: ownClinician ? await listClientNotes(a, clientId) : null,
    clinicians: a.roles.includes('ADMIN') ? await listPracticeClinicians(a) : undefined,
  }
}

describe('getClientOverview', () => {
  it("reads the same data as each part's own function, for the client's clinician", async () => {
    const a = await actor(w.users.clinA)
    const overview = await getClientOverview(a, w.C1.clientId)
    expect(overview).toEqual(await separately(a, w.C1.clientId))
    expect(overview.notes?.map((n) => n.id).sort()).toEqual([w.C1.signedNoteId, w.C1.draftNoteId].sort())
    expect(overview.riskFlags.map((f) => f.id)).toEqual([w.C1.flagId])
    expect(overview.goals[0]?.revisions).toHaveLength(3)
  })

  it('for a practice admin: the same, without the notes, with the clinicians to choose from', async () => {
    const a = await actor(w.users.adminP1)
    const overview = await getClientOverview(a, w.C2.clientId)
    expect(overview.notes).toBeNull()
    expect(overview.clinicians?.map((c) => c.id)).toEqual(expect.arrayContaining([w.users.clinA, w.users.clinB]))
    expect(overview).toEqual(await separately(a, w.C2.clientId))
  })

  it("answers another clinician's or practice's client exactly like a missing one", async () => {
    const attempts = [
      [w.users.clinB, w.C1.clientId],
      [w.users.adminP2, w.C1.clientId],
      [w.users.clinA, w.C3.clientId],
      [w.users.clinA, randomUUID()],
      [w.users.clinA, 'not-a-uuid'],
    ] as const
    for (const [userId, clientId] of attempts) {
      const e = await getClientOverview(await actor(userId), clientId).catch((x: unknown) => x)
      expect(e).toBeInstanceOf(NotFoundError)
      expect((e as Error).message).toBe(new NotFoundError('Client').message)
    }
  })

  it('records CLIENT_VIEW and RESULTS_VIEW for a view, and a refusal for a probe', async () => {
    const a = await actor(w.users.clinB)
    const since = new Date()
    const overview = await getClientOverview(a, w.C2.clientId)
    await getClientOverview(a, w.C1.clientId).catch(() => null)
    const events = await db.auditEvent.findMany({
      where: { actorId: a.userId, occurredAt: { gte: since } },
      orderBy: { id: 'asc' },
      select: { action: true, targetId: true, clientId: true, outcome: true, details: true },
    })
    expect(events).toEqual([
      { action: 'CLIENT_VIEW', targetId: w.C2.clientId, clientId: w.C2.clientId, outcome: 'SUCCESS', details: null },
      { action: 'RESULTS_VIEW', targetId: w.C2.clientId, clientId: w.C2.clientId, outcome: 'SUCCESS', details: { count: overview.recentResponses.length } },
      { action: 'AUTHZ_DENIED', targetId: w.C1.clientId, clientId: w.C1.clientId, outcome: 'DENIED', details: { attempted: 'CLIENT_VIEW' } },
    ])
  })

  it('reads a client with no history at all', async () => {
    const a = await actor(w.users.clinB)
    const empty = await db.client.create({
      data: {
        practiceId: w.p1,
        primaryClinicianId: a.userId,
        firstName: 'Ada',
        lastName: 'Empty',
        dateOfBirth: new Date('1990-01-01'),
        episodeStart: new Date('2026-01-05'),
      },
    })
    const overview = await getClientOverview(a, empty.id)
    expect(overview).toEqual(await separately(a, empty.id))
    expect(overview).toMatchObject({ riskFlags: [], checkIns: [], recentResponses: [], goals: [], goalSuggestions: null, notes: [] })
  })

  it('a second bundle changes nothing in the first (lists are per client)', async () => {
    const a = await actor(w.users.clinA)
    const before = await getClientOverview(a, w.C1.clientId)
    await createBundle(w.p1, w.users.clinA)
    expect(await getClientOverview(a, w.C1.clientId)).toEqual(before)
  })

  it('the timeline and the series read from the overview answer as they do on their own', async () => {
    for (const [userId, clientId] of [
      [w.users.clinA, w.C1.clientId],
      [w.users.adminP1, w.C1.clientId],
    ] as const) {
      const a = await actor(userId)
      const { client, goals } = await getClientOverview(a, clientId)
      const timeZone = (await db.practice.findUniqueOrThrow({ where: { id: a.practiceId } })).timeZone
      const known = {
        id: client.id,
        primaryClinicianId: client.primaryClinician.id,
        timeZone,
        goals: goals.map((g) => ({ id: g.id, title: g.title, status: g.status })),
      }
      for (const goalId of [null, w.C1.goalId, randomUUID()]) {
        const alone = await getClientTimeline(a, clientId, { goalId })
        expect(alone.entries.length).toBeGreaterThan(0)
        expect(await getClientTimeline(a, clientId, { goalId, known })).toEqual(alone)
      }
      const now = new Date()
      expect(await getClientSeries(a, clientId, 'all', now, { episodeStart: client.episodeStart, timeZone })).toEqual(
        await getClientSeries(a, clientId, 'all', now),
      )
    }
  })
})
