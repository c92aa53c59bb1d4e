import { beforeAll, describe, expect, it } from 'vitest'
import { itemAt } from '../fixtures/item-at'
import { db } from '../../lib/db/client'
import { getPracticeGlance, listNeedsAttention } from '../../lib/db/attention'
import { listCaseload } from '../../lib/db/caseload'
import { getClient } from '../../lib/db/clients'
import { NotFoundError } from '../../lib/db/errors'
import { actorFields, recordAudit } from '../../lib/audit/record'
import { DEFAULT_CASELOAD_QUERY, type CaseloadQuery } from '../../lib/validation/caseload'
import { actorFor, createPractice, createUser } from '../fixtures/factory'
import type { Actor } from '../../lib/auth/actor'

// 12:00 UTC on 15 Mar 2026 (London, GMT). The completed window starts 1 Mar 12:00; the expired
// window (30 days) 13 Feb 12:00.
const NOW = new Date('2026-03-15T12:00:00Z')
const DAY = 86_400_000

type ClientRow = Awaited<ReturnType<typeof db.client.create>>
type User = Awaited<ReturnType<typeof createUser>>

const dateCol = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`)

async function addClient(clinician: User, lastName: string, opts: { status?: 'ACTIVE' | 'DISCHARGED' } = {}): Promise<ClientRow> {
  return db.client.create({
    data: {
      practiceId: clinician.practiceId,
      primaryClinicianId: clinician.id,
      firstName: 'Test',
      lastName,
      dateOfBirth: dateCol('1990-01-01'),
      episodeStart: dateCol('2026-01-01'),
      status: opts.status ?? 'ACTIVE',
    },
  })
}

/** A completed check-in (completed at `at`) with one scored PHQ-9 response. */
async function respond(c: ClientRow, total: number, at: string) {
  const when = new Date(at)
  const base = { practiceId: c.practiceId, clientId: c.id }
  const assignment = await db.assignment.create({
    data: { ...base, instrumentId: 'phq9', recurrence: 'ONCE', startDate: dateCol(at), status: 'ENDED', createdById: c.primaryClinicianId },
  })
  const checkIn = await db.checkIn.create({
    data: { ...base, dueDate: dateCol(at), status: 'COMPLETED', expiresAt: new Date(when.getTime() + 4 * DAY), completedAt: when },
  })
  const item = await db.checkInItem.create({
    data: { checkInId: checkIn.id, assignmentId: assignment.id, occurrenceDate: dateCol(at), instrumentId: 'phq9', position: 0 },
  })
  return db.response.create({
    data: {
      ...base,
      checkInId: checkIn.id,
      checkInItemId: item.id,
      instrumentId: 'phq9',
      instrumentVersion: 'test@1',
      scoringVersion: 'test@1',
      answers: [],
      complete: true,
      scores: { total },
      flags: [],
      submittedAt: when,
    },
  })
}

async function checkIn(c: ClientRow, status: 'OPEN' | 'EXPIRED', dueDate: string, expiresAt: string) {
  await db.checkIn.create({ data: { practiceId: c.practiceId, clientId: c.id, dueDate: dateCol(dueDate), status, expiresAt: new Date(expiresAt) } })
}

async function flag(c: ClientRow, status: 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED', raisedAt: string) {
  const r = await respond(c, 12, '2026-01-20T10:00:00Z')
  await db.riskFlag.create({
    data: {
      practiceId: c.practiceId,
      clientId: c.id,
      responseId: r.id,
      instrumentId: 'phq9',
      itemNumber: 9,
      itemValue: 1,
      status,
      raisedAt: new Date(raisedAt),
    },
  })
}

async function viewed(by: User, c: ClientRow, at: string) {
  await recordAudit({ ...actorFields(actorFor(by)), action: 'CLIENT_VIEW', targetType: 'Client', targetId: c.id, clientId: c.id, occurredAt: new Date(at) })
}

let users: Record<'admin1' | 'adminClin' | 'clinA' | 'clinB' | 'admin2' | 'clinP2', User>
let u: Record<keyof typeof users, Actor>
const c: Record<string, ClientRow> = {}

beforeAll(async () => {
  const p1 = await createPractice({ name: 'Harbour' })
  const p2 = await createPractice({ name: 'Kauri' })
  users = {
    admin1: await createUser(p1.id, ['ADMIN']),
    adminClin: await createUser(p1.id, ['ADMIN', 'CLINICIAN']),
    clinA: await createUser(p1.id, ['CLINICIAN']),
    clinB: await createUser(p1.id, ['CLINICIAN']),
    admin2: await createUser(p2.id, ['ADMIN']),
    clinP2: await createUser(p2.id, ['CLINICIAN']),
  }
  u = Object.fromEntries(Object.entries(users).map(([k, v]) => [k, actorFor(v)])) as typeof u
  const { clinA, clinB, adminClin, admin1, clinP2 } = users

  // Risk flags: OPEN and ACKNOWLEDGED count, RESOLVED does not; a discharged client never shows.
  c.riskOpen = await addClient(clinA, 'RiskOpen')
  await flag(c.riskOpen, 'OPEN', '2026-02-20T09:00:00Z')
  c.riskAck = await addClient(clinA, 'RiskAck')
  await flag(c.riskAck, 'ACKNOWLEDGED', '2026-02-10T09:00:00Z')
  c.riskResolved = await addClient(clinA, 'RiskResolved')
  await flag(c.riskResolved, 'RESOLVED', '2026-02-10T09:00:00Z')
  c.discharged = await addClient(clinA, 'Discharged', { status: 'DISCHARGED' })
  await flag(c.discharged, 'OPEN', '2026-02-10T09:00:00Z')
  await checkIn(c.discharged, 'OPEN', '2026-03-01', '2026-03-05T00:00:00Z')

  // PHQ-9 threshold 6: +6 is reliable deterioration, +5 is not, −8 is improvement.
  c.detAt = await addClient(clinA, 'DetAt')
  await respond(c.detAt, 8, '2026-01-10T10:00:00Z')
  await respond(c.detAt, 14, '2026-02-10T10:00:00Z')
  c.detBelow = await addClient(clinA, 'DetBelow')
  await respond(c.detBelow, 8, '2026-01-10T10:00:00Z')
  await respond(c.detBelow, 13, '2026-02-10T10:00:00Z')
  c.improving = await addClient(clinA, 'Improving')
  await respond(c.improving, 16, '2026-01-10T10:00:00Z')
  await respond(c.improving, 8, '2026-02-10T10:00:00Z')

  // Overdue: OPEN and due before today, or EXPIRED within 30 days.
  c.overdueOpen = await addClient(clinA, 'OverdueOpen')
  await checkIn(c.overdueOpen, 'OPEN', '2026-03-10', '2026-03-14T00:00:00Z')
  await checkIn(c.overdueOpen, 'EXPIRED', '2026-03-03', '2026-03-07T00:00:00Z')
  c.dueToday = await addClient(clinA, 'DueToday')
  await checkIn(c.dueToday, 'OPEN', '2026-03-15', '2026-03-19T00:00:00Z')
  c.notYetDue = await addClient(clinA, 'NotYetDue')
  await checkIn(c.notYetDue, 'OPEN', '2026-03-20', '2026-03-24T00:00:00Z')
  c.expiredRecent = await addClient(clinA, 'ExpiredRecent')
  await checkIn(c.expiredRecent, 'EXPIRED', '2026-02-12', '2026-02-16T00:00:00Z')
  c.expiredOld = await addClient(clinA, 'ExpiredOld')
  await checkIn(c.expiredOld, 'EXPIRED', '2026-02-06', '2026-02-10T00:00:00Z')

  // Completed since this user last looked (last 14 days only).
  c.neverViewed = await addClient(clinA, 'NeverViewed')
  await respond(c.neverViewed, 10, '2026-03-10T10:00:00Z')
  c.viewedAfter = await addClient(clinA, 'ViewedAfter')
  await respond(c.viewedAfter, 10, '2026-03-10T10:00:00Z')
  await viewed(clinA, c.viewedAfter, '2026-03-12T10:00:00Z')
  c.viewedBefore = await addClient(clinA, 'ViewedBefore')
  await viewed(clinA, c.viewedBefore, '2026-03-08T10:00:00Z')
  await respond(c.viewedBefore, 10, '2026-03-10T10:00:00Z')
  await respond(c.viewedBefore, 11, '2026-03-11T10:00:00Z')
  c.viewedByOther = await addClient(clinA, 'ViewedByOther')
  await respond(c.viewedByOther, 10, '2026-03-10T10:00:00Z')
  await viewed(admin1, c.viewedByOther, '2026-03-12T10:00:00Z')
  c.completedOld = await addClient(clinA, 'CompletedOld')
  await respond(c.completedOld, 10, '2026-02-28T10:00:00Z')

  // Bob's client: everything at once, never on Alice's list.
  c.bob = await addClient(clinB, 'Bobs')
  await flag(c.bob, 'OPEN', '2026-03-01T09:00:00Z')
  await checkIn(c.bob, 'OPEN', '2026-03-01', '2026-03-05T00:00:00Z')
  await respond(c.bob, 5, '2026-01-10T10:00:00Z')
  await respond(c.bob, 20, '2026-03-12T10:00:00Z')
  // The admin-clinician's own client.
  c.casey = await addClient(adminClin, 'Caseys')
  await checkIn(c.casey, 'OPEN', '2026-03-01', '2026-03-05T00:00:00Z')
  // Another practice.
  c.other = await addClient(clinP2, 'Elsewhere')
  await flag(c.other, 'OPEN', '2026-03-01T09:00:00Z')
  await checkIn(c.other, 'OPEN', '2026-03-01', '2026-03-05T00:00:00Z')
  await respond(c.other, 5, '2026-01-10T10:00:00Z')
  await respond(c.other, 20, '2026-03-12T10:00:00Z')
})

const attention = (actor: Actor, now = NOW) => listNeedsAttention(actor, { now })
const names = (items: { lastName: string }[]) => items.map((i) => i.lastName)

describe('listNeedsAttention', () => {
  it('lists open and acknowledged risk flags, unacknowledged first; resolved flags and discharged clients never', async () => {
    const { risk } = await attention(u.clinA)
    expect(names(risk.items)).toEqual(['RiskOpen', 'RiskAck'])
    expect(risk.total).toBe(2)
    expect(itemAt(risk.items, 0).flags).toEqual([{ instrumentId: 'phq9', itemNumber: 9, raisedAt: new Date('2026-02-20T09:00:00Z'), acknowledged: false }])
    expect(itemAt(itemAt(risk.items, 1).flags, 0).acknowledged).toBe(true)
  })

  it('lists reliable deterioration from the threshold up (PHQ-9 +6 yes, +5 no)', async () => {
    const { deteriorated } = await attention(u.clinA)
    expect(deteriorated.items).toEqual([expect.objectContaining({ lastName: 'DetAt', instrumentId: 'phq9', baseline: 8, latest: 14 })])
    expect(deteriorated.total).toBe(1)
  })

  it('lists overdue check-ins as the caseload counts them: not due today or later, not expired over 30 days ago', async () => {
    const { overdue } = await attention(u.clinA)
    expect(overdue.items.map((o) => [o.lastName, o.count, o.firstDue])).toEqual([
      ['OverdueOpen', 2, '2026-03-03'],
      ['ExpiredRecent', 1, '2026-02-12'],
    ])
    const caseload = await listCaseload(u.clinA, { ...DEFAULT_CASELOAD_QUERY, overdue: true, pageSize: 100 }, { now: NOW })
    expect(caseload.rows.map((r) => r.lastName).sort()).toEqual(['ExpiredRecent', 'OverdueOpen'])
  })

  it('lists check-ins completed in the last 14 days after this user last opened the record; a view by someone else does not count', async () => {
    const { completed } = await attention(u.clinA)
    // Newest completion first; ties by name.
    expect(names(completed.items)).toEqual(['ViewedBefore', 'NeverViewed', 'ViewedByOther'])
    const before = itemAt(completed.items, 0)
    expect(before.count).toBe(2)
    expect(before.lastCompletedAt).toEqual(new Date('2026-03-11T10:00:00Z'))
    expect(before.lastViewedAt).toEqual(new Date('2026-03-08T10:00:00Z'))
    expect(itemAt(completed.items, 1).lastViewedAt).toBeNull()
    expect(itemAt(completed.items, 2).lastViewedAt).toBeNull()
  })

  it("opening the client's record (getClient, its CLIENT_VIEW) takes it off 'completed since you last looked'", async () => {
    const now = new Date()
    const fresh = await addClient(users.clinA, 'JustCompleted')
    await respond(fresh, 9, new Date(now.getTime() - 3_600_000).toISOString())
    expect(names((await attention(u.clinA, now)).completed.items)).toContain('JustCompleted')
    await getClient(u.clinA, fresh.id)
    expect(names((await attention(u.clinA, new Date())).completed.items)).not.toContain('JustCompleted')
    await db.client.update({ where: { id: fresh.id }, data: { status: 'DISCHARGED' } })
  })

  it("never lists another clinician's or another practice's clients", async () => {
    const all = await attention(u.clinA)
    const listed = [all.risk, all.deteriorated, all.overdue, all.completed].flatMap((s) => s.items.map((i) => i.id))
    for (const key of ['bob', 'casey', 'other', 'discharged']) expect(listed).not.toContain(c[key]?.id)
    const bob = await attention(u.clinB)
    expect(names(bob.risk.items)).toEqual(['Bobs'])
    expect(names(bob.deteriorated.items)).toEqual(['Bobs'])
    expect(names(bob.overdue.items)).toEqual(['Bobs'])
    expect(names(bob.completed.items)).toEqual(['Bobs'])
  })

  it('an admin who is also a clinician sees their own caseload; an admin alone has none', async () => {
    const casey = await attention(u.adminClin)
    expect(names(casey.overdue.items)).toEqual(['Caseys'])
    expect(casey.risk.total + casey.deteriorated.total + casey.completed.total).toBe(0)
    const admin = await attention(u.admin1)
    expect(admin.risk.total + admin.deteriorated.total + admin.overdue.total + admin.completed.total).toBe(0)
  })

  it('writes one audit record with counts only', async () => {
    const before = await db.auditEvent.count({ where: { actorId: users.clinA.id, action: 'ATTENTION_LIST' } })
    await attention(u.clinA)
    const events = await db.auditEvent.findMany({ where: { actorId: users.clinA.id, action: 'ATTENTION_LIST' }, orderBy: { id: 'desc' } })
    expect(events).toHaveLength(before + 1)
    expect(itemAt(events, 0).details).toEqual({ risk: 2, deteriorated: 1, overdue: 2, completed: 3 })
    expect(itemAt(events, 0).clientId).toBeNull()
    expect(JSON.stringify(itemAt(events, 0).details)).not.toMatch(/RiskOpen|DetAt|OverdueOpen|NeverViewed/)
  })
})

describe('getPracticeGlance', () => {
  const filtered = async (actor: Actor, patch: Partial<CaseloadQuery>) =>
    (await listCaseload(actor, { ...DEFAULT_CASELOAD_QUERY, scope: 'all', pageSize: 100, ...patch }, { now: NOW })).total

  it("counts the whole practice's active clients, exactly as the caseload's filters do", async () => {
    const glance = await getPracticeGlance(u.admin1, { now: NOW })
    expect(glance).toEqual({ risk: 3, deteriorated: 2, overdue: 4, completed: expect.any(Number) })
    expect(glance.risk).toBe(await filtered(u.admin1, { risk: true }))
    expect(glance.deteriorated).toBe(await filtered(u.admin1, { deteriorated: true }))
    expect(glance.overdue).toBe(await filtered(u.admin1, { overdue: true }))
    // Completed 1-15 Mar: NeverViewed, ViewedAfter, ViewedByOther (1 each), ViewedBefore (2), Bobs (1).
    expect(glance.completed).toBe(6)
    expect(await getPracticeGlance(u.adminClin, { now: NOW })).toEqual(glance)
  })

  it('covers only its own practice', async () => {
    expect(await getPracticeGlance(u.admin2, { now: NOW })).toEqual({ risk: 1, deteriorated: 1, overdue: 1, completed: 1 })
  })

  it('answers a clinician like a missing page', async () => {
    await expect(getPracticeGlance(u.clinA, { now: NOW })).rejects.toBeInstanceOf(NotFoundError)
  })
})
