// The audit trail as the data layer writes it: one event per action with who, what, which client
// and outcome; refusals recorded without changing the answer; nothing written for a failed change;
// no names, emails, answers, notes or tokens in any column; the chain still verifies after a burst;
// and the admin's viewer/export reads only its own practice.
import crypto from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../lib/db/client'
import type { AuditEvent } from '../../lib/db/generated/client'
import { recordAudit } from '../../lib/audit/record'
import type { AuditAction } from '../../lib/audit/actions' // test-only codes below are cast: no production path writes them
import { verifyAuditChains } from '../../lib/audit/verify'
import { auditCsv, csvCell, listAuditEvents, listAuditFilterOptions } from '../../lib/db/audit-trail'
import { recordDenied } from '../../lib/audit/denied'
import { createClient, getClient, listClients, updateClient } from '../../lib/db/clients'
import { changeAssignmentStatus, createAssignments, updateAssignmentSchedule } from '../../lib/db/assignments'
import { acknowledgeRiskFlag, resolveRiskFlag } from '../../lib/db/risk-flags'
import { cancelCheckIn, issueCheckInLink, revokeCheckInLinks } from '../../lib/db/checkin-links'
import { sendFirstCheckInLink } from '../../lib/db/system/checkin-link-issue'
import { getCheckInForToken } from '../../lib/db/system/checkin-view'
import { saveCheckInDraft } from '../../lib/db/system/checkin-draft'
import { submitCheckIn } from '../../lib/db/system/checkin-submit'
import { listRecentResponses } from '../../lib/db/client-checkins'
import { ConflictError, NotFoundError } from '../../lib/db/errors'
import { hashToken, newToken } from '../../lib/crypto/tokens'
import { clientInput } from '../../lib/validation/client'
import { assignmentInput } from '../../lib/validation/assignment'
import { DEFAULT_AUDIT_FILTERS, parseAuditFilters, type AuditFilters } from '../../lib/validation/audit'
import { resetEnvForTests } from '../../lib/env'
import { actorFor, createPractice, createUser } from '../fixtures/factory'
import { itemAt } from '../fixtures/item-at'

const uid = () => crypto.randomBytes(4).toString('hex')
const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x))
const MISSING = '00000000-0000-4000-8000-000000000000'
const PHQ9 = [1, 1, 1, 1, 1, 1, 1, 1, 0]
const draft = (n: number) => Array.from({ length: 9 }, (_, i) => (i < n ? 1 : null))
const filters = (f: Partial<AuditFilters> = {}): AuditFilters => ({ ...DEFAULT_AUDIT_FILTERS, ...f })

async function createWorld() {
  const p1 = await createPractice()
  const p2 = await createPractice()
  const admin1 = await createUser(p1.id, ['ADMIN'], { name: `Adeline Admin ${uid()}` })
  const clinA = await createUser(p1.id, ['CLINICIAN'], { name: `Clara Clinician ${uid()}` })
  const clinB = await createUser(p1.id, ['CLINICIAN'], { name: `Boris Clinician ${uid()}` })
  const admin2 = await createUser(p2.id, ['ADMIN'], { name: `Other Admin ${uid()}` })
  const clinP2 = await createUser(p2.id, ['CLINICIAN'])
  const client = async (practiceId: string, clinicianId: string) => {
    const first = `Wilhelmina${uid()}`
    const last = `Quartermaine${uid()}`
    const email = `${first.toLowerCase()}@client.example`
    const row = await db.client.create({
      data: {
        practiceId,
        primaryClinicianId: clinicianId,
        firstName: first,
        lastName: last,
        email,
        phone: '+44 7700 900123',
        dateOfBirth: new Date('1988-04-12T00:00:00Z'),
        episodeStart: new Date('2026-01-01T00:00:00Z'),
      },
    })
    return { ...row, secrets: [first, last, email, '7700 900123', '1988-04-12'] }
  }
  const clientA = await client(p1.id, clinA.id)
  const clientB = await client(p1.id, clinB.id)
  const clientP2 = await client(p2.id, clinP2.id)
  return { p1, p2, admin1, clinA, clinB, admin2, clinP2, clientA, clientB, clientP2 }
}

type World = Awaited<ReturnType<typeof createWorld>>
let w: World

beforeAll(async () => {
  // Links go to the outbox (no SMTP server in this file).
  resetEnvForTests({ SMTP_URL: undefined })
  w = await createWorld()
})

/** Runs fn and returns the events it appended to the given practices' trails. */
async function eventsOf<T>(fn: () => Promise<T>, practiceIds: string[] = [w.p1.id, w.p2.id]): Promise<{ result: T; events: AuditEvent[] }> {
  const marks = await Promise.all(
    practiceIds.map(async (practiceId) => {
      const last = await db.auditEvent.findFirst({ where: { practiceId }, orderBy: { id: 'desc' }, select: { id: true } })
      return { practiceId, id: last?.id ?? 0n }
    }),
  )
  const result = await fn()
  const events = (
    await Promise.all(marks.map((m) => db.auditEvent.findMany({ where: { practiceId: m.practiceId, id: { gt: m.id } }, orderBy: { id: 'asc' } })))
  ).flat()
  return { result, events }
}

/** Every person's and client's identifying text, which must never reach a column of the trail. */
function secrets(): string[] {
  const people = [w.admin1, w.clinA, w.clinB, w.admin2, w.clinP2].flatMap((u) => [u.email, u.name])
  return [...people, ...w.clientA.secrets, ...w.clientB.secrets, ...w.clientP2.secrets]
}

function expectNoPhi(events: AuditEvent[], extra: string[] = []) {
  const text = events.map(json).join('\n')
  for (const s of [...secrets(), ...extra]) expect(text, `"${s}" found in the audit trail`).not.toContain(s)
}

async function one(fn: () => Promise<unknown>, expected: Partial<AuditEvent>, practiceIds?: string[]): Promise<AuditEvent> {
  const { events } = await eventsOf(fn, practiceIds)
  expect(events.map((e) => e.action)).toEqual([expected.action])
  expect(events[0]).toMatchObject({ outcome: 'SUCCESS', ...expected })
  expectNoPhi(events)
  return itemAt(events, 0)
}

const asUser = (u: { id: string; practiceId: string; roles: string[] }) => ({
  practiceId: u.practiceId,
  actorType: 'USER',
  actorId: u.id,
  actorRole: u.roles.join('+'),
})

/** An OPEN check-in for the client with one PHQ-9 item and a live link. */
async function openCheckIn(client: { id: string; practiceId: string; primaryClinicianId: string }, withLink = true) {
  const today = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z')
  const checkIn = await db.checkIn.create({
    data: { practiceId: client.practiceId, clientId: client.id, dueDate: today, expiresAt: new Date(Date.now() + 4 * 86_400_000) },
  })
  const assignment = await db.assignment.create({
    data: {
      practiceId: client.practiceId,
      clientId: client.id,
      instrumentId: 'phq9',
      recurrence: 'ONCE',
      startDate: today,
      createdById: client.primaryClinicianId,
    },
  })
  const item = await db.checkInItem.create({
    data: { checkInId: checkIn.id, assignmentId: assignment.id, occurrenceDate: today, instrumentId: 'phq9', position: 0 },
  })
  const token = newToken()
  const link = withLink
    ? await db.checkInLink.create({ data: { checkInId: checkIn.id, tokenHash: hashToken(token), createdById: client.primaryClinicianId } })
    : null
  return { checkIn, item, token, link }
}

async function riskFlagFor(client: { id: string; practiceId: string; primaryClinicianId: string }) {
  const { checkIn, item } = await openCheckIn(client, false)
  await db.checkIn.update({ where: { id: checkIn.id }, data: { status: 'COMPLETED' } })
  const response = await db.response.create({
    data: {
      practiceId: client.practiceId,
      clientId: client.id,
      checkInId: checkIn.id,
      checkInItemId: item.id,
      instrumentId: 'phq9',
      instrumentVersion: 'v',
      scoringVersion: 'v',
      answers: [0, 0, 0, 0, 0, 0, 0, 0, 2],
      complete: true,
      scores: { total: 2 },
      flags: ['risk'],
      submittedAt: new Date(),
    },
  })
  return db.riskFlag.create({
    data: {
      practiceId: client.practiceId,
      clientId: client.id,
      responseId: response.id,
      instrumentId: 'phq9',
      itemNumber: 9,
      itemValue: 2,
      raisedAt: new Date(),
    },
  })
}

const clientForm = (o: Record<string, string> = {}) =>
  clientInput.parse({ firstName: `Ottoline${uid()}`, lastName: `Featherstonehaugh${uid()}`, dateOfBirth: '1979-11-30', ...o })

describe('client record events', () => {
  it('getClient records CLIENT_VIEW with the actor and the client id', async () => {
    await one(() => getClient(actorFor(w.clinA), w.clientA.id), {
      ...asUser(w.clinA),
      action: 'CLIENT_VIEW',
      targetType: 'Client',
      targetId: w.clientA.id,
      clientId: w.clientA.id,
    })
  })

  it('listClients records one CLIENT_LIST with the count, not the ids', async () => {
    const e = await one(() => listClients(actorFor(w.admin1)), { ...asUser(w.admin1), action: 'CLIENT_LIST', clientId: null })
    expect(e.details).toMatchObject({ count: 2 })
    expect(json(e)).not.toContain(w.clientA.id)
    expect(json(e)).not.toContain(w.clientB.id)
  })

  it('createClient records CLIENT_CREATE in the same transaction, with no name in it', async () => {
    const form = clientForm({ email: 'ottoline@client.example' })
    const { result, events } = await eventsOf(() => createClient(actorFor(w.clinA), form))
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ ...asUser(w.clinA), action: 'CLIENT_CREATE', clientId: result.id, targetId: result.id, outcome: 'SUCCESS' })
    expectNoPhi(events, [form.firstName, form.lastName, 'ottoline@client.example'])
  })

  it('updateClient records CLIENT_UPDATE with the names of the changed fields only', async () => {
    const form = clientForm()
    const { id } = await createClient(actorFor(w.clinA), form)
    const changed = { ...form, preferredName: 'Lina', email: 'lina.new@client.example' }
    const e = await one(() => updateClient(actorFor(w.clinA), id, changed), {
      ...asUser(w.clinA),
      action: 'CLIENT_UPDATE',
      clientId: id,
      targetId: id,
    })
    expect(e.details).toEqual({ changed: ['preferredName', 'email'] })
    expect(json(e)).not.toContain('Lina')
    expect(json(e)).not.toContain('lina.new@client.example')
    // Saving the same values again is still an update event, with nothing changed.
    const again = await one(() => updateClient(actorFor(w.clinA), id, changed), { action: 'CLIENT_UPDATE', clientId: id })
    expect(again.details).toEqual({ changed: [] })
  })

  it('listRecentResponses records RESULTS_VIEW with the count', async () => {
    const e = await one(() => listRecentResponses(actorFor(w.clinA), w.clientA.id), {
      ...asUser(w.clinA),
      action: 'RESULTS_VIEW',
      clientId: w.clientA.id,
    })
    expect(e.details).toEqual({ count: expect.any(Number) })
  })
})

describe('refusals', () => {
  it("another clinician's client: AUTHZ_DENIED with the client id, and the same NotFoundError as a missing one", async () => {
    const { result: denied, events } = await eventsOf(() => getClient(actorFor(w.clinB), w.clientA.id).catch((e: unknown) => e))
    const { result: missing, events: none } = await eventsOf(() => getClient(actorFor(w.clinB), MISSING).catch((e: unknown) => e))
    const { result: malformed, events: none2 } = await eventsOf(() => getClient(actorFor(w.clinB), 'not-a-uuid').catch((e: unknown) => e))
    for (const e of [denied, missing, malformed]) {
      expect(e).toBeInstanceOf(NotFoundError)
      expect((e as Error).message).toBe('Client not found')
    }
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({
      ...asUser(w.clinB),
      action: 'AUTHZ_DENIED',
      outcome: 'DENIED',
      targetType: 'Client',
      targetId: w.clientA.id,
      clientId: w.clientA.id,
      details: { attempted: 'CLIENT_VIEW' },
    })
    expect(none).toHaveLength(0)
    expect(none2).toHaveLength(0)
    expectNoPhi(events)
  })

  it("another practice's client: recorded in the actor's own trail, without that practice's client id", async () => {
    const { events } = await eventsOf(() => expect(getClient(actorFor(w.admin2), w.clientA.id)).rejects.toBeInstanceOf(NotFoundError))
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({
      practiceId: w.p2.id,
      action: 'AUTHZ_DENIED',
      outcome: 'DENIED',
      targetId: w.clientA.id,
      clientId: null,
      details: { attempted: 'CLIENT_VIEW', otherPractice: true },
    })
  })

  it('every instrumented function records its refusal once and still answers not found', async () => {
    const flag = await riskFlagFor(w.clientA)
    const assignmentId = itemAt(
      await createAssignments(actorFor(w.clinA), w.clientA.id, assignmentInput.parse({ instruments: ['gad7'], recurrence: 'WEEKLY', startDate: '2026-01-05' })),
      0,
    )
    const { checkIn } = await openCheckIn(w.clientA)
    const b = actorFor(w.clinB)
    const cases: [string, string, () => Promise<unknown>][] = [
      ['CLIENT_UPDATE', w.clientA.id, () => updateClient(b, w.clientA.id, clientForm())],
      [
        'ASSIGNMENT_CREATE',
        w.clientA.id,
        () => createAssignments(b, w.clientA.id, assignmentInput.parse({ instruments: ['phq9'], recurrence: 'ONCE', startDate: '2026-01-05' })),
      ],
      ['ASSIGNMENT_PAUSE', assignmentId, () => changeAssignmentStatus(b, assignmentId, 'pause')],
      [
        'ASSIGNMENT_UPDATE',
        assignmentId,
        () => updateAssignmentSchedule(b, assignmentId, { recurrence: 'MONTHLY', startDate: '2026-01-05', endDate: null, relationshipTarget: null }),
      ],
      ['FLAG_ACKNOWLEDGE', flag.id, () => acknowledgeRiskFlag(b, flag.id)],
      ['FLAG_RESOLVE', flag.id, () => resolveRiskFlag(b, flag.id, 'not mine')],
      ['LINK_ISSUE', checkIn.id, () => issueCheckInLink(b, checkIn.id)],
      ['LINK_REVOKE', checkIn.id, () => revokeCheckInLinks(b, checkIn.id)],
      ['CHECKIN_CANCEL', checkIn.id, () => cancelCheckIn(b, checkIn.id)],
    ]
    for (const [attempted, targetId, run] of cases) {
      const { result, events } = await eventsOf(() =>
        run().then(
          () => 'resolved',
          (e: unknown) => e,
        ),
      )
      expect(result, attempted).toBeInstanceOf(NotFoundError)
      expect(events.map((e) => [e.action, e.outcome, e.targetId, e.clientId, (e.details as { attempted?: string }).attempted])).toEqual([
        ['AUTHZ_DENIED', 'DENIED', targetId, w.clientA.id, attempted],
      ])
    }
    // A list that answers "empty" for someone else's client still records the refusal.
    const { result, events } = await eventsOf(() => listRecentResponses(b, w.clientA.id))
    expect(result).toEqual([])
    expect(events.map((e) => [e.action, (e.details as { attempted?: string }).attempted])).toEqual([['AUTHZ_DENIED', 'RESULTS_VIEW']])
    // Nothing was changed by any of them.
    expect((await db.riskFlag.findUniqueOrThrow({ where: { id: flag.id } })).status).toBe('OPEN')
    expect((await db.checkIn.findUniqueOrThrow({ where: { id: checkIn.id } })).status).toBe('OPEN')
  })

  it('recordDenied records nothing for a missing, malformed or in-scope record', async () => {
    const { events } = await eventsOf(async () => {
      expect(await recordDenied(actorFor(w.clinB), { action: 'CLIENT_VIEW', targetType: 'Client', targetId: MISSING })).toBe(false)
      expect(await recordDenied(actorFor(w.clinB), { action: 'CLIENT_VIEW', targetType: 'Client', targetId: 'x' })).toBe(false)
      expect(await recordDenied(actorFor(w.admin1), { action: 'CLIENT_VIEW', targetType: 'Client', targetId: w.clientA.id })).toBe(false)
    })
    expect(events).toHaveLength(0)
  })
})

describe('assignments and risk flags', () => {
  it('create, pause, resume, update and end each record one event with the client id', async () => {
    const clin = actorFor(w.clinA)
    const { result: ids, events } = await eventsOf(() =>
      createAssignments(
        clin,
        w.clientA.id,
        assignmentInput.parse({ instruments: ['phq9', 'ecr-rs'], recurrence: 'WEEKLY', startDate: '2026-01-05', relationshipTarget: 'my partner Jonquil' }),
      ),
    )
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ ...asUser(w.clinA), action: 'ASSIGNMENT_CREATE', clientId: w.clientA.id, targetType: 'Assignment', targetId: null })
    expect(itemAt(events, 0).details).toEqual({ assignmentIds: ids })
    expectNoPhi(events, ['Jonquil'])
    const a = itemAt(ids, 0)
    const base = { ...asUser(w.clinA), targetType: 'Assignment', targetId: a, clientId: w.clientA.id }
    await one(() => changeAssignmentStatus(clin, a, 'pause'), { ...base, action: 'ASSIGNMENT_PAUSE' })
    await one(() => changeAssignmentStatus(clin, a, 'resume'), { ...base, action: 'ASSIGNMENT_RESUME' })
    const upd = await one(
      () => updateAssignmentSchedule(clin, a, { recurrence: 'MONTHLY', startDate: '2026-01-05', endDate: null, relationshipTarget: null }),
      { ...base, action: 'ASSIGNMENT_UPDATE' },
    )
    expect(upd.details).toEqual({ changed: ['recurrence'] })
    await one(() => changeAssignmentStatus(actorFor(w.admin1), a, 'end'), { ...base, ...asUser(w.admin1), action: 'ASSIGNMENT_END' })
  })

  it('a refused change (conflict) records no success event', async () => {
    const clin = actorFor(w.clinA)
    const a = itemAt(
      await createAssignments(clin, w.clientA.id, assignmentInput.parse({ instruments: ['core10'], recurrence: 'ONCE', startDate: '2026-01-05' })),
      0,
    )
    await changeAssignmentStatus(clin, a, 'pause')
    const { events } = await eventsOf(async () => {
      await expect(changeAssignmentStatus(clin, a, 'pause')).rejects.toBeInstanceOf(ConflictError)
      await changeAssignmentStatus(clin, a, 'end')
      await expect(changeAssignmentStatus(clin, a, 'resume')).rejects.toBeInstanceOf(ConflictError)
      await expect(
        updateAssignmentSchedule(clin, a, { recurrence: 'WEEKLY', startDate: '2026-01-05', endDate: null, relationshipTarget: null }),
      ).rejects.toBeInstanceOf(NotFoundError)
      await db.client.update({ where: { id: w.clientB.id }, data: { status: 'DISCHARGED' } })
      await expect(
        createAssignments(actorFor(w.clinB), w.clientB.id, assignmentInput.parse({ instruments: ['phq9'], recurrence: 'ONCE', startDate: '2026-01-05' })),
      ).rejects.toBeInstanceOf(ConflictError)
      await db.client.update({ where: { id: w.clientB.id }, data: { status: 'ACTIVE' } })
    })
    // Only the one change that happened; an ended (in-scope) assignment is not a refusal either.
    expect(events.map((e) => e.action)).toEqual(['ASSIGNMENT_END'])
  })

  it('acknowledge and resolve record FLAG_ACKNOWLEDGE / FLAG_RESOLVE (never the note); repeats record nothing', async () => {
    const flag = await riskFlagFor(w.clientA)
    const base = { ...asUser(w.clinA), targetType: 'RiskFlag', targetId: flag.id, clientId: w.clientA.id }
    await one(() => acknowledgeRiskFlag(actorFor(w.clinA), flag.id), { ...base, action: 'FLAG_ACKNOWLEDGE' })
    const note = 'Spoke with Wilhelmina; safety plan reviewed with her sister.'
    const e = await one(() => resolveRiskFlag(actorFor(w.clinA), flag.id, note), { ...base, action: 'FLAG_RESOLVE' })
    expect(e.details).toEqual({ acknowledgedNow: false })
    expect(json(e)).not.toContain('safety plan')
    const { events } = await eventsOf(async () => {
      await expect(acknowledgeRiskFlag(actorFor(w.clinA), flag.id)).rejects.toBeInstanceOf(ConflictError)
      await expect(resolveRiskFlag(actorFor(w.clinA), flag.id, 'again')).rejects.toBeInstanceOf(ConflictError)
    })
    expect(events).toHaveLength(0)
  })
})

describe('check-in links and the client side', () => {
  it('issue, reissue, revoke and cancel record one event each; the token never appears', async () => {
    const { checkIn } = await openCheckIn(w.clientA, false)
    const clin = actorFor(w.clinA)
    const issued = await eventsOf(() => issueCheckInLink(clin, checkIn.id))
    expect(issued.events).toHaveLength(1)
    const link = await db.checkInLink.findFirstOrThrow({ where: { checkInId: checkIn.id }, orderBy: { createdAt: 'desc' } })
    expect(issued.events[0]).toMatchObject({
      ...asUser(w.clinA),
      action: 'LINK_ISSUE',
      targetType: 'CheckInLink',
      targetId: link.id,
      clientId: w.clientA.id,
      details: { reason: 'new', checkInId: checkIn.id },
    })
    const token = issued.result.url.slice(issued.result.url.lastIndexOf('/') + 1)
    const reissued = await eventsOf(() => issueCheckInLink(clin, checkIn.id, { reason: 'reissue' }))
    expect(reissued.events.map((e) => [e.action, e.details])).toEqual([['LINK_ISSUE', { reason: 'reissue', checkInId: checkIn.id, revokedLinks: 1 }]])
    const revoked = await eventsOf(() => revokeCheckInLinks(clin, checkIn.id))
    expect(revoked.events.map((e) => [e.action, e.targetId, e.clientId, e.details])).toEqual([['LINK_REVOKE', checkIn.id, w.clientA.id, { revokedLinks: 1 }]])
    // Nothing live to revoke: no change, no event.
    expect((await eventsOf(() => revokeCheckInLinks(clin, checkIn.id))).events).toHaveLength(0)
    const cancelled = await eventsOf(() => cancelCheckIn(clin, checkIn.id))
    expect(cancelled.events.map((e) => [e.action, e.targetId, e.clientId])).toEqual([['CHECKIN_CANCEL', checkIn.id, w.clientA.id]])
    const conflict = await eventsOf(() => expect(cancelCheckIn(clin, checkIn.id)).rejects.toBeInstanceOf(ConflictError))
    expect(conflict.events).toHaveLength(0)
    const all = [...issued.events, ...reissued.events, ...revoked.events, ...cancelled.events]
    expectNoPhi(all, [token, hashToken(token)])
  })

  it('the scheduler issues as SYSTEM, in the check-in practice', async () => {
    const { checkIn } = await openCheckIn(w.clientA, false)
    const { events } = await eventsOf(() => sendFirstCheckInLink(checkIn.id))
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ practiceId: w.p1.id, actorType: 'SYSTEM', actorId: null, action: 'LINK_ISSUE', clientId: w.clientA.id })
    // Already has a link: nothing issued, nothing recorded.
    expect((await eventsOf(() => sendFirstCheckInLink(checkIn.id))).events).toHaveLength(0)
  })

  it('opening the page records nothing; the first saved answers record LINK_OPEN once; submit records CHECKIN_SUBMIT once', async () => {
    const m = await openCheckIn(w.clientA)
    const opened = await eventsOf(async () => {
      for (let i = 0; i < 3; i++) expect((await getCheckInForToken(m.token))?.state).toBe('open')
    })
    expect(opened.events).toHaveLength(0)

    // Two tabs saving their first answers at once: both saved, one LINK_OPEN.
    const first = await eventsOf(() => Promise.all([1, 2, 3].map(() => saveCheckInDraft(m.token, { [m.item.id]: draft(2) }))))
    expect(first.result).toEqual([{ status: 'ok' }, { status: 'ok' }, { status: 'ok' }])
    expect(first.events).toHaveLength(1)
    expect(first.events[0]).toMatchObject({
      practiceId: w.p1.id,
      actorType: 'CLIENT_LINK',
      actorId: m.link!.id,
      actorRole: null,
      action: 'LINK_OPEN',
      targetType: 'CheckIn',
      targetId: m.checkIn.id,
      clientId: w.clientA.id,
      outcome: 'SUCCESS',
    })
    expect((await eventsOf(() => saveCheckInDraft(m.token, { [m.item.id]: draft(3) }))).events).toHaveLength(0)

    const key = crypto.randomUUID()
    const submitted = await eventsOf(() => submitCheckIn(m.token, key, { [m.item.id]: PHQ9 }))
    expect(submitted.result).toMatchObject({ status: 'submitted', replay: false })
    const responses = await db.response.findMany({ where: { checkInId: m.checkIn.id }, select: { id: true } })
    expect(submitted.events).toHaveLength(1)
    expect(submitted.events[0]).toMatchObject({
      actorType: 'CLIENT_LINK',
      actorId: m.link!.id,
      action: 'CHECKIN_SUBMIT',
      targetId: m.checkIn.id,
      clientId: w.clientA.id,
      details: { responseIds: responses.map((r) => r.id) },
    })
    // A replay, a different key and a draft after submission: nothing recorded.
    const later = await eventsOf(async () => {
      expect(await submitCheckIn(m.token, key, { [m.item.id]: PHQ9 })).toMatchObject({ replay: true })
      expect(await submitCheckIn(m.token, crypto.randomUUID(), { [m.item.id]: PHQ9 })).toEqual({ status: 'inactive' })
      expect(await saveCheckInDraft(m.token, { [m.item.id]: draft(1) })).toEqual({ status: 'inactive' })
    })
    expect(later.events).toHaveLength(0)
    expectNoPhi([...first.events, ...submitted.events], [m.token, hashToken(m.token), json(PHQ9)])
  })

  it('parallel submits record exactly one CHECKIN_SUBMIT', async () => {
    const m = await openCheckIn(w.clientA)
    const { events } = await eventsOf(() => Promise.all(Array.from({ length: 8 }, () => submitCheckIn(m.token, crypto.randomUUID(), { [m.item.id]: PHQ9 }))))
    expect(events.map((e) => e.action)).toEqual(['CHECKIN_SUBMIT'])
  })
})

describe('chain integrity', () => {
  it('both practices verify after a burst of mixed, concurrent actions', async () => {
    const clin = actorFor(w.clinA)
    const flag = await riskFlagFor(w.clientA)
    const { checkIn } = await openCheckIn(w.clientA, false)
    await Promise.all([
      ...Array.from({ length: 5 }, () => getClient(clin, w.clientA.id)),
      listClients(actorFor(w.admin1)),
      getClient(actorFor(w.clinB), w.clientA.id).catch(() => null),
      getClient(actorFor(w.admin2), w.clientA.id).catch(() => null),
      getClient(actorFor(w.admin2), w.clientP2.id),
      createClient(clin, clientForm()),
      createAssignments(clin, w.clientA.id, assignmentInput.parse({ instruments: ['gad7'], recurrence: 'WEEKLY', startDate: '2026-01-05' })),
      acknowledgeRiskFlag(clin, flag.id),
      issueCheckInLink(clin, checkIn.id),
      listRecentResponses(clin, w.clientA.id),
      ...Array.from({ length: 10 }, (_, i) => recordAudit({ practiceId: w.p2.id, actorType: 'SYSTEM', action: 'TEST_EVENT' as AuditAction, details: { i } })),
    ])
    const reports = (await verifyAuditChains()).filter((r) => r.practiceId === w.p1.id || r.practiceId === w.p2.id)
    expect(reports).toHaveLength(2)
    for (const r of reports) expect(r).toMatchObject({ ok: true })
    // The whole trail of both practices: no person's or client's details anywhere.
    expectNoPhi(await db.auditEvent.findMany({ where: { practiceId: { in: [w.p1.id, w.p2.id] } } }))
  })
})

describe('the admin viewer', () => {
  it('lists only its own practice, newest first, with user names from User', async () => {
    await getClient(actorFor(w.clinA), w.clientA.id)
    const page = await listAuditEvents(actorFor(w.admin1), filters({ pageSize: 200 }))
    expect(page.rows.length).toBeGreaterThan(0)
    expect(page.timeZone).toBe('Europe/London')
    const ids = page.rows.map((r) => BigInt(r.id))
    expect([...ids].sort((a, b) => (a > b ? -1 : 1))).toEqual(ids)
    const inTrail = await db.auditEvent.count({ where: { practiceId: w.p1.id } })
    // Everything before this view (the view itself is recorded after the read).
    expect(page.total).toBe(inTrail - 1)
    const view = page.rows.find((r) => r.action === 'CLIENT_VIEW' && r.actorId === w.clinA.id)!
    expect(view).toMatchObject({ actorName: w.clinA.name, clientId: w.clientA.id, outcome: 'SUCCESS' })
    const other = await listAuditEvents(actorFor(w.admin2), filters({ pageSize: 200 }))
    for (const r of other.rows) expect(r.clientId === w.clientA.id || r.clientId === w.clientB.id).toBe(false)
    const p2Events = await db.auditEvent.findMany({ where: { practiceId: w.p2.id }, select: { id: true } })
    expect(other.rows.every((r) => p2Events.some((e) => String(e.id) === r.id))).toBe(true)
    // Filtering by another practice's user or client finds nothing.
    expect((await listAuditEvents(actorFor(w.admin2), filters({ userId: w.clinA.id }))).total).toBe(0)
    expect((await listAuditEvents(actorFor(w.admin2), filters({ clientId: w.clientA.id }))).total).toBe(0)
  })

  it('filters by user, client, action and practice-time-zone days, and pages', async () => {
    const admin = actorFor(w.admin1)
    await getClient(actorFor(w.clinB), w.clientB.id)
    const byUser = await listAuditEvents(admin, filters({ userId: w.clinB.id, pageSize: 200 }))
    expect(byUser.total).toBeGreaterThan(0)
    expect(byUser.rows.every((r) => r.actorId === w.clinB.id)).toBe(true)
    const byClient = await listAuditEvents(admin, filters({ clientId: w.clientA.id, pageSize: 200 }))
    expect(byClient.rows.every((r) => r.clientId === w.clientA.id)).toBe(true)
    const byAction = await listAuditEvents(admin, filters({ action: 'AUTHZ_DENIED', pageSize: 200 }))
    expect(byAction.total).toBeGreaterThan(0)
    expect(byAction.rows.every((r) => r.action === 'AUTHZ_DENIED' && r.outcome === 'DENIED')).toBe(true)

    // 23:30 UTC on 10 July is 00:30 on 11 July in London (BST): it belongs to the 11th.
    const p = await createPractice()
    const a = await createUser(p.id, ['ADMIN'])
    await recordAudit({ practiceId: p.id, actorType: 'SYSTEM', action: 'TEST_EVENT' as AuditAction, occurredAt: new Date('2026-07-10T23:30:00Z') })
    await recordAudit({ practiceId: p.id, actorType: 'SYSTEM', action: 'TEST_EVENT' as AuditAction, occurredAt: new Date('2026-07-10T22:59:59Z') })
    const day = async (from: string | null, to: string | null) =>
      (await listAuditEvents(actorFor(a), filters({ action: 'TEST_EVENT', from, to }))).rows.map((r) => r.occurredAt.toISOString())
    expect(await day('2026-07-11', '2026-07-11')).toEqual(['2026-07-10T23:30:00.000Z'])
    expect(await day('2026-07-10', '2026-07-10')).toEqual(['2026-07-10T22:59:59.000Z'])
    expect(await day(null, '2026-07-10')).toEqual(['2026-07-10T22:59:59.000Z'])
    expect(await day('2026-07-10', null)).toHaveLength(2)

    for (let i = 0; i < 5; i++) await recordAudit({ practiceId: p.id, actorType: 'SYSTEM', action: 'PAGED' as AuditAction, details: { i } })
    const p1 = await listAuditEvents(actorFor(a), filters({ action: 'PAGED', pageSize: 2 }))
    const p3 = await listAuditEvents(actorFor(a), filters({ action: 'PAGED', pageSize: 2, page: 3 }))
    expect(p1.total).toBe(5)
    expect(p1.rows.map((r) => (r.details as { i: number }).i)).toEqual([4, 3])
    expect(p3.rows.map((r) => (r.details as { i: number }).i)).toEqual([0])
    const options = await listAuditFilterOptions(actorFor(a))
    expect(options.actions).toEqual(expect.arrayContaining(['PAGED', 'TEST_EVENT', 'AUDIT_VIEW']))
    expect(options.users).toEqual([{ id: a.id, name: a.name }])
  })

  it('records AUDIT_VIEW and AUDIT_EXPORT with the filters (ids only)', async () => {
    const admin = actorFor(w.admin1)
    const f = filters({ clientId: w.clientA.id, action: 'CLIENT_VIEW', from: '2026-01-01' })
    const v = await one(() => listAuditEvents(admin, f, { ip: '203.0.113.9', requestId: 'req-1' }), {
      ...asUser(w.admin1),
      action: 'AUDIT_VIEW',
      targetType: 'AuditLog',
      clientId: null,
      ip: '203.0.113.9',
      requestId: 'req-1',
    })
    expect(v.details).toMatchObject({ clientId: w.clientA.id, action: 'CLIENT_VIEW', from: '2026-01-01', to: null, page: 1 })
    const x = await one(() => auditCsv(admin, f), { ...asUser(w.admin1), action: 'AUDIT_EXPORT', targetType: 'AuditLog' })
    expect(x.details).toMatchObject({ clientId: w.clientA.id, rows: expect.any(Number) })
  })

  it('a clinician is refused (not found) and the refusal is recorded', async () => {
    const clin = actorFor(w.clinA)
    const { events } = await eventsOf(async () => {
      await expect(listAuditEvents(clin, filters())).rejects.toBeInstanceOf(NotFoundError)
      await expect(auditCsv(clin, filters())).rejects.toBeInstanceOf(NotFoundError)
      await expect(listAuditFilterOptions(clin)).rejects.toBeInstanceOf(NotFoundError)
    })
    expect(events.map((e) => [e.action, e.outcome, e.actorId, (e.details as { attempted: string }).attempted])).toEqual([
      ['AUTHZ_DENIED', 'DENIED', w.clinA.id, 'AUDIT_VIEW'],
      ['AUTHZ_DENIED', 'DENIED', w.clinA.id, 'AUDIT_EXPORT'],
      ['AUTHZ_DENIED', 'DENIED', w.clinA.id, 'AUDIT_VIEW'],
    ])
  })
})

describe('CSV export', () => {
  it('is RFC 4180 with CRLF, every matching event oldest first, hashes included', async () => {
    const p = await createPractice()
    const a = await createUser(p.id, ['ADMIN'], { name: 'Ada, "the" Admin' })
    for (let i = 0; i < 3; i++)
      await recordAudit({ practiceId: p.id, actorType: 'USER', actorId: a.id, actorRole: 'ADMIN', action: 'CSV_TEST' as AuditAction, details: { i } })
    const { csv, filename, rows } = await auditCsv(actorFor(a), filters({ action: 'CSV_TEST' }), {}, new Date('2026-07-10T23:30:00Z'))
    expect(filename).toBe('audit-2026-07-11.csv')
    expect(rows).toBe(3)
    const lines = csv.split('\r\n')
    expect(lines.at(-1)).toBe('')
    expect(lines[0]).toBe(
      'id,occurred_at_utc,actor_type,actor_id,actor_name,actor_role,action,target_type,target_id,client_id,outcome,ip,request_id,details,prev_hash,row_hash',
    )
    expect(lines).toHaveLength(5)
    expect(lines[1]).toContain('"Ada, ""the"" Admin"')
    expect(lines[1]).toContain('"{""i"":0}"')
    const stored = await db.auditEvent.findMany({ where: { practiceId: p.id, action: 'CSV_TEST' as AuditAction }, orderBy: { id: 'asc' } })
    expect(lines.slice(1, 4).map((l) => l.split(',')[0])).toEqual(stored.map((s) => String(s.id)))
    expect(itemAt(lines, 3).endsWith(`,${itemAt(stored, 2).prevHash},${itemAt(stored, 2).rowHash}`)).toBe(true)
  })

  it('neutralises cells that a spreadsheet would run as a formula', async () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`)
    expect(csvCell('+1')).toBe("'+1")
    expect(csvCell('-2')).toBe("'-2")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell('\tx')).toBe("'\tx")
    expect(csvCell('a\nb')).toBe('"a\nb"')
    expect(csvCell(-3)).toBe('-3')
    expect(csvCell(null)).toBe('')
    const p = await createPractice()
    const a = await createUser(p.id, ['ADMIN'])
    await recordAudit({
      practiceId: p.id,
      actorType: 'USER',
      actorId: a.id,
      actorRole: '@ADMIN',
      action: 'CSV_TEST' as AuditAction,
      ip: '=1+1',
      requestId: '-cmd|x',
      targetType: '+T',
    })
    const { csv } = await auditCsv(actorFor(a), filters({ action: 'CSV_TEST' }))
    const row = csv.split('\r\n')[1]
    expect(row).toContain(",'@ADMIN,CSV_TEST,'+T,")
    expect(row).toContain(",'=1+1,'-cmd|x,")
  })
})

describe('filters from the URL', () => {
  it('garbage falls back to the defaults; valid values are kept', () => {
    expect(
      parseAuditFilters({ userId: 'x', clientId: "1' OR 1=1", action: 'drop table', from: '2026-02-30', to: 'yesterday', page: '-1', pageSize: '1e9' }),
    ).toEqual({
      ...DEFAULT_AUDIT_FILTERS,
      pageSize: 200,
    })
    expect(parseAuditFilters(new URLSearchParams('page=abc&pageSize=0'))).toEqual(DEFAULT_AUDIT_FILTERS)
    const id = crypto.randomUUID()
    expect(
      parseAuditFilters({
        userId: id.toUpperCase(),
        clientId: [id, 'x'],
        action: 'CLIENT_VIEW',
        from: '2026-03-01',
        to: '2026-02-01',
        page: '3',
        pageSize: '25',
      }),
    ).toEqual({
      userId: id,
      clientId: id,
      action: 'CLIENT_VIEW',
      from: '2026-02-01',
      to: '2026-03-01',
      page: 3,
      pageSize: 25,
    })
  })
})
