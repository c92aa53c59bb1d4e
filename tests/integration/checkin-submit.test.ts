// The client's check-in link end to end at the data layer: read-only opening, drafts, one
// transactional and idempotent submission, expiry/revocation, token probing and risk flags.
import crypto from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../lib/db/client'
import { DEFAULT_CRISIS_RESOURCES, getCheckInForToken } from '../../lib/db/system/checkin-view'
import { saveCheckInDraft } from '../../lib/db/system/checkin-draft'
import { submitCheckIn } from '../../lib/db/system/checkin-submit'
import { hashToken, newToken } from '../../lib/crypto/tokens'
import { createClientRow, createPractice, createUser } from '../fixtures/factory'

type Instrument = 'phq9' | 'gad7' | 'core10' | 'ecr-rs'
interface World {
  practiceId: string
  clientId: string
  clinicianId: string
}

let a: World
let b: World

async function createWorld(): Promise<World> {
  const practice = await createPractice()
  const clinician = await createUser(practice.id, ['CLINICIAN'])
  const client = await createClientRow(practice.id, clinician.id)
  return { practiceId: practice.id, clientId: client.id, clinicianId: clinician.id }
}

const DAY = 24 * 60 * 60 * 1000
const NOW = () => new Date()

/** An OPEN check-in with one item per instrument and a live link; returns the raw token. */
async function createCheckIn(w: World, instruments: Instrument[] = ['phq9', 'ecr-rs'], expiresInMs = 4 * DAY) {
  const today = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z')
  const checkIn = await db.checkIn.create({
    data: { practiceId: w.practiceId, clientId: w.clientId, dueDate: today, expiresAt: new Date(Date.now() + expiresInMs) },
  })
  const items = []
  for (const [position, instrumentId] of instruments.entries()) {
    const relationshipTarget = instrumentId === 'ecr-rs' ? 'your romantic partner' : null
    const assignment = await db.assignment.create({
      data: {
        practiceId: w.practiceId,
        clientId: w.clientId,
        instrumentId,
        relationshipTarget,
        recurrence: 'ONCE',
        startDate: today,
        createdById: w.clinicianId,
      },
    })
    items.push(
      await db.checkInItem.create({
        data: { checkInId: checkIn.id, assignmentId: assignment.id, occurrenceDate: today, instrumentId, relationshipTarget, position },
      }),
    )
  }
  const token = newToken()
  const link = await db.checkInLink.create({ data: { checkInId: checkIn.id, tokenHash: hashToken(token), createdById: w.clinicianId } })
  return { token, checkIn, items, link }
}

type Made = Awaited<ReturnType<typeof createCheckIn>>

// PHQ-9 total 8 (mild); ECR-RS avoidance items 1-4 are reversed: avoidance 2.00, anxiety 6.00.
const PHQ9 = [1, 1, 1, 1, 1, 1, 1, 1, 0]
const ECRRS = [6, 6, 6, 6, 2, 2, 6, 6, 6]
const answersFor = (m: Made, over: Partial<Record<Instrument, (number | null)[]>> = {}) =>
  Object.fromEntries(
    m.items.map((i) => [i.id, over[i.instrumentId as Instrument] ?? (i.instrumentId === 'phq9' ? PHQ9 : i.instrumentId === 'ecr-rs' ? ECRRS : [])]),
  )

const key = () => crypto.randomUUID()

async function snapshot(m: Made) {
  const [checkIn, link, items, responses, flags] = await Promise.all([
    db.checkIn.findUniqueOrThrow({ where: { id: m.checkIn.id } }),
    db.checkInLink.findUniqueOrThrow({ where: { id: m.link.id } }),
    db.checkInItem.findMany({ where: { checkInId: m.checkIn.id }, orderBy: { position: 'asc' } }),
    db.response.findMany({ where: { checkInId: m.checkIn.id } }),
    db.riskFlag.findMany({ where: { response: { checkInId: m.checkIn.id } } }),
  ])
  return { checkIn, link, items, responses, flags }
}

async function expectNothingStored(m: Made) {
  const s = await snapshot(m)
  expect(s.checkIn.status).toBe('OPEN')
  expect(s.checkIn.submissionKey).toBeNull()
  expect(s.checkIn.completedAt).toBeNull()
  expect(s.responses).toHaveLength(0)
  expect(s.flags).toHaveLength(0)
}

beforeAll(async () => {
  a = await createWorld()
  b = await createWorld()
})

describe('opening the link', () => {
  it('shows the practice, the instruments in order and the default crisis text, and changes nothing', async () => {
    const m = await createCheckIn(a)
    const before = await snapshot(m)
    const practice = await db.practice.findUniqueOrThrow({ where: { id: a.practiceId } })
    for (let i = 0; i < 3; i++) {
      const view = await getCheckInForToken(m.token)
      expect(view).toEqual({
        state: 'open',
        practiceName: practice.name,
        timeZone: 'Europe/London',
        crisisResources: DEFAULT_CRISIS_RESOURCES,
        expiresAt: m.checkIn.expiresAt,
        items: [
          { itemId: m.items[0]!.id, instrumentId: 'phq9', relationshipTarget: null },
          { itemId: m.items[1]!.id, instrumentId: 'ecr-rs', relationshipTarget: 'your romantic partner' },
        ],
        draft: null,
      })
    }
    expect(await snapshot(m)).toEqual(before)
  })

  it("uses the practice's own crisis resources when it has written them", async () => {
    const w = await createWorld()
    await db.practice.update({ where: { id: w.practiceId }, data: { crisisResources: 'Call our duty line: 01234 567890' } })
    const m = await createCheckIn(w)
    const view = await getCheckInForToken(m.token)
    expect(view?.state === 'open' && view.crisisResources).toBe('Call our duty line: 01234 567890')
  })

  it('the default crisis text names UK services and says answers are not watched in real time', () => {
    for (const s of ['999', 'A&E', '116 123', '111', 'option 2', 'SHOUT', '85258', 'does not see your answers']) {
      expect(DEFAULT_CRISIS_RESOURCES).toContain(s)
    }
  })
})

describe('drafts', () => {
  it('are stored encrypted and come back on the next visit', async () => {
    const m = await createCheckIn(a)
    const [phq, ecr] = m.items
    const draft = { [phq!.id]: [1, 2, null, null, null, null, null, null, null], [ecr!.id]: [7, null, null, null, null, null, null, null, 1] }
    expect(await saveCheckInDraft(m.token, draft)).toEqual({ status: 'ok' })
    const row = await db.checkIn.findUniqueOrThrow({ where: { id: m.checkIn.id } })
    expect(row.draftEnc?.startsWith('v1.')).toBe(true)
    expect(row.draftEnc).not.toContain(phq!.id)
    expect(row.draftUpdatedAt).not.toBeNull()
    const view = await getCheckInForToken(m.token)
    expect(view?.state === 'open' && view.draft).toEqual(draft)
  })

  it('refuse anything that is not this check-in’s own answers, and keep the last good draft', async () => {
    const m = await createCheckIn(a)
    const other = await createCheckIn(a)
    const phq = m.items[0]!.id
    const good = { [phq]: [0, null, null, null, null, null, null, null, null] }
    await saveCheckInDraft(m.token, good)
    const bad: unknown[] = [
      { [other.items[0]!.id]: PHQ9 },
      { [phq]: [1, 1] },
      { [phq]: [4, null, null, null, null, null, null, null, null] },
      { [phq]: [0.5, null, null, null, null, null, null, null, null] },
      { [phq]: ['1', null, null, null, null, null, null, null, null] },
      [PHQ9],
      null,
      'x',
    ]
    for (const d of bad) expect(await saveCheckInDraft(m.token, d)).toEqual({ status: 'invalid' })
    const view = await getCheckInForToken(m.token)
    expect(view?.state === 'open' && view.draft).toEqual(good)
  })

  it('is dropped, not shown, when its ciphertext is moved to another check-in', async () => {
    const m = await createCheckIn(a)
    const other = await createCheckIn(a)
    await saveCheckInDraft(m.token, { [m.items[0]!.id]: PHQ9 })
    const { draftEnc } = await db.checkIn.findUniqueOrThrow({ where: { id: m.checkIn.id } })
    await db.checkIn.update({ where: { id: other.checkIn.id }, data: { draftEnc } })
    const view = await getCheckInForToken(other.token)
    expect(view?.state === 'open' && view.draft).toBeNull()
  })

  it('are not saved once the check-in has expired or its link is revoked', async () => {
    const m = await createCheckIn(a)
    const later = () => new Date(m.checkIn.expiresAt.getTime() + 1000)
    expect(await saveCheckInDraft(m.token, { [m.items[0]!.id]: PHQ9 }, later)).toEqual({ status: 'inactive' })
    await db.checkInLink.update({ where: { id: m.link.id }, data: { revokedAt: NOW() } })
    expect(await saveCheckInDraft(m.token, { [m.items[0]!.id]: PHQ9 })).toEqual({ status: 'inactive' })
    expect((await db.checkIn.findUniqueOrThrow({ where: { id: m.checkIn.id } })).draftEnc).toBeNull()
  })
})

describe('submitting', () => {
  it('scores and stores every instrument with the check-in completed and the draft cleared', async () => {
    const m = await createCheckIn(a)
    await saveCheckInDraft(m.token, { [m.items[0]!.id]: PHQ9 })
    const k = key()
    expect(await submitCheckIn(m.token, k, answersFor(m))).toEqual({ status: 'submitted', crisis: false, replay: false })
    const s = await snapshot(m)
    expect(s.checkIn).toMatchObject({ status: 'COMPLETED', submissionKey: k, draftEnc: null, draftUpdatedAt: null })
    expect(s.checkIn.completedAt).toBeInstanceOf(Date)
    const phq = s.responses.find((r) => r.instrumentId === 'phq9')!
    expect(phq).toMatchObject({
      checkInItemId: m.items[0]!.id,
      clientId: a.clientId,
      practiceId: a.practiceId,
      answers: PHQ9,
      complete: true,
      scores: { total: 8 },
      band: 'mild',
      quadrant: null,
      flags: [],
      instrumentVersion: 'phq9/2001@1',
      scoringVersion: 'phq9-scoring@1',
      relationshipTarget: null,
    })
    const ecr = s.responses.find((r) => r.instrumentId === 'ecr-rs')!
    expect(ecr).toMatchObject({
      answers: ECRRS,
      scores: { anxiety: 6, avoidance: 2 },
      quadrant: 'anxious',
      band: null,
      relationshipTarget: 'your romantic partner',
      instrumentVersion: 'ecr-rs/2011@1',
    })
    expect(s.flags).toHaveLength(0)
    // The link now shows the kind closed page; the same key is a replay; another key is refused.
    expect(await getCheckInForToken(m.token)).toEqual({ state: 'inactive', practiceName: expect.any(String) })
    expect(await submitCheckIn(m.token, k, answersFor(m))).toEqual({ status: 'submitted', crisis: false, replay: true })
    expect(await submitCheckIn(m.token, key(), answersFor(m))).toEqual({ status: 'inactive' })
    expect(await db.response.count({ where: { checkInId: m.checkIn.id } })).toBe(2)
  })

  it('with unanswered questions names them and stores nothing', async () => {
    const m = await createCheckIn(a)
    const phq = [1, null, 1, 1, 1, 1, 1, 1, null]
    const r = await submitCheckIn(m.token, key(), { [m.items[0]!.id]: phq })
    expect(r).toEqual({
      status: 'incomplete',
      missing: { [m.items[0]!.id]: [2, 9], [m.items[1]!.id]: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
    })
    await expectNothingStored(m)
  })

  it('with an out-of-range, malformed or foreign answer is invalid and stores nothing', async () => {
    const m = await createCheckIn(a)
    const other = await createCheckIn(b)
    const cases: unknown[] = [
      answersFor(m, { phq9: [1, 1, 1, 1, 1, 1, 1, 1, 4] }),
      answersFor(m, { 'ecr-rs': [0, 6, 6, 6, 2, 2, 6, 6, 6] }),
      answersFor(m, { phq9: [1, 1, 1] }),
      { ...answersFor(m), [other.items[0]!.id]: PHQ9 },
      'not an object',
    ]
    for (const c of cases) expect(await submitCheckIn(m.token, key(), c)).toEqual({ status: 'invalid' })
    expect(await submitCheckIn(m.token, 'not-a-uuid', answersFor(m))).toEqual({ status: 'invalid' })
    await expectNothingStored(m)
    await expectNothingStored(other)
  })

  it('20 parallel submits with the same key store one response set; all are told it was sent', async () => {
    const m = await createCheckIn(a)
    const k = key()
    const results = await Promise.all(Array.from({ length: 20 }, () => submitCheckIn(m.token, k, answersFor(m))))
    expect(results.every((r) => r.status === 'submitted')).toBe(true)
    expect(results.filter((r) => r.status === 'submitted' && !r.replay)).toHaveLength(1)
    expect(await db.response.count({ where: { checkInId: m.checkIn.id } })).toBe(2)
    expect((await db.checkIn.findUniqueOrThrow({ where: { id: m.checkIn.id } })).submissionKey).toBe(k)
  })

  it('20 parallel submits with different keys store one response set; the rest are refused', async () => {
    const m = await createCheckIn(a)
    const results = await Promise.all(Array.from({ length: 20 }, () => submitCheckIn(m.token, key(), answersFor(m))))
    expect(results.filter((r) => r.status === 'submitted')).toEqual([{ status: 'submitted', crisis: false, replay: false }])
    expect(results.filter((r) => r.status === 'inactive')).toHaveLength(19)
    expect(await db.response.count({ where: { checkInId: m.checkIn.id } })).toBe(2)
  })

  it('a key already used by another check-in hits the unique backstop: refused, nothing stored, no throw', async () => {
    const first = await createCheckIn(a)
    const second = await createCheckIn(a)
    const k = key()
    expect(await submitCheckIn(first.token, k, answersFor(first))).toMatchObject({ status: 'submitted' })
    expect(await submitCheckIn(second.token, k, answersFor(second))).toEqual({ status: 'invalid' })
    await expectNothingStored(second)
    expect(await submitCheckIn(second.token, key(), answersFor(second))).toMatchObject({ status: 'submitted', replay: false })
  })

  it('after expiry is refused kindly and stores nothing', async () => {
    const m = await createCheckIn(a)
    const later = () => new Date(m.checkIn.expiresAt.getTime() + 1)
    expect(await getCheckInForToken(m.token, later)).toEqual({ state: 'inactive', practiceName: expect.any(String) })
    expect(await submitCheckIn(m.token, key(), answersFor(m), later)).toEqual({ status: 'inactive' })
    await expectNothingStored(m)
    const past = await createCheckIn(a, ['phq9'], -1000)
    expect(await submitCheckIn(past.token, key(), answersFor(past))).toEqual({ status: 'inactive' })
    await expectNothingStored(past)
  })

  it('through a revoked link is refused kindly and stores nothing', async () => {
    const m = await createCheckIn(a)
    await db.checkInLink.update({ where: { id: m.link.id }, data: { revokedAt: NOW() } })
    expect(await getCheckInForToken(m.token)).toEqual({ state: 'inactive', practiceName: expect.any(String) })
    expect(await submitCheckIn(m.token, key(), answersFor(m))).toEqual({ status: 'inactive' })
    await expectNothingStored(m)
  })
})

describe('the token is the only key', () => {
  it('a wrong, altered, truncated, extended or random token is simply not found, all alike', async () => {
    const m = await createCheckIn(a)
    const flip = (c: string) => (c === 'A' ? 'B' : 'A')
    const altered = m.token.slice(0, 20) + flip(m.token[20]!) + m.token.slice(21)
    const probes = [
      altered,
      m.token.slice(0, 42),
      m.token + 'A',
      newToken(),
      'not-a-token',
      '',
      m.token.toUpperCase() === m.token ? m.token.toLowerCase() : m.token.toUpperCase(),
    ]
    for (const t of probes) {
      expect(await getCheckInForToken(t)).toBeNull()
      expect(await saveCheckInDraft(t, { [m.items[0]!.id]: PHQ9 })).toEqual({ status: 'not-found' })
      expect(await submitCheckIn(t, key(), answersFor(m))).toEqual({ status: 'not-found' })
    }
    await expectNothingStored(m)
    expect((await db.checkIn.findUniqueOrThrow({ where: { id: m.checkIn.id } })).draftEnc).toBeNull()
  })

  it("another practice's token completes only its own check-in", async () => {
    const mA = await createCheckIn(a)
    const mB = await createCheckIn(b)
    // B's token with A's item ids is refused; with its own it completes B, and A stays open.
    expect(await submitCheckIn(mB.token, key(), answersFor(mA))).toEqual({ status: 'invalid' })
    expect(await submitCheckIn(mB.token, key(), answersFor(mB))).toMatchObject({ status: 'submitted', replay: false })
    expect((await db.checkIn.findUniqueOrThrow({ where: { id: mB.checkIn.id } })).status).toBe('COMPLETED')
    const responses = await db.response.findMany({ where: { checkInId: mB.checkIn.id } })
    expect(responses.every((r) => r.practiceId === b.practiceId && r.clientId === b.clientId)).toBe(true)
    await expectNothingStored(mA)
  })
})

describe('risk items', () => {
  it('PHQ-9 item 9 above zero raises one open risk flag and shows crisis resources', async () => {
    const m = await createCheckIn(a)
    const k = key()
    const r = await submitCheckIn(m.token, k, answersFor(m, { phq9: [0, 0, 0, 0, 0, 0, 0, 0, 2] }))
    expect(r).toEqual({ status: 'submitted', crisis: true, replay: false })
    const { flags, responses } = await snapshot(m)
    const phq = responses.find((x) => x.instrumentId === 'phq9')!
    expect(phq.flags).toEqual(['risk'])
    expect(flags).toHaveLength(1)
    expect(flags[0]).toMatchObject({
      status: 'OPEN',
      instrumentId: 'phq9',
      itemNumber: 9,
      itemValue: 2,
      responseId: phq.id,
      practiceId: a.practiceId,
      clientId: a.clientId,
    })
    expect(flags[0]!.raisedAt).toBeInstanceOf(Date)
    // A retry tells the client the same thing and raises nothing new.
    expect(await submitCheckIn(m.token, k, answersFor(m))).toEqual({ status: 'submitted', crisis: true, replay: true })
    expect(await db.riskFlag.count({ where: { responseId: phq.id } })).toBe(1)
  })

  it('CORE-10 item 6 above zero raises one open risk flag', async () => {
    const m = await createCheckIn(a, ['core10'])
    const r = await submitCheckIn(m.token, key(), { [m.items[0]!.id]: [0, 4, 4, 0, 0, 1, 0, 0, 0, 0] })
    expect(r).toEqual({ status: 'submitted', crisis: true, replay: false })
    const { flags, responses } = await snapshot(m)
    expect(responses[0]).toMatchObject({ scores: { total: 1 }, band: 'healthy' })
    expect(flags).toHaveLength(1)
    expect(flags[0]).toMatchObject({ status: 'OPEN', instrumentId: 'core10', itemNumber: 6, itemValue: 1 })
  })

  it('a zero on the risk item raises nothing', async () => {
    const m = await createCheckIn(a, ['phq9'])
    expect(await submitCheckIn(m.token, key(), answersFor(m))).toEqual({ status: 'submitted', crisis: false, replay: false })
    expect((await snapshot(m)).flags).toHaveLength(0)
  })
})
