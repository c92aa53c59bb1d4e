// The per-address limit on check-in link lookups (lib/db/system/checkin-link-throttle.ts), against the real
// database: the functions the page calls, and lib/checkins/public-checkin.ts on top of them.
// Every test uses its own random address: on PostgreSQL all test files share one database.
import crypto from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'

const request = { address: 'unknown' }

import { db } from '../../lib/db/client'
import { openCheckInLinkFrom, saveCheckInDraftFrom, submitCheckInFrom } from '../../lib/db/system/checkin-link-throttle'
import { LINK_POLICY, addressBucket, linkKey } from '../../lib/db/throttle'
import { hashToken, newToken } from '../../lib/crypto/tokens'
import { saveCheckInDraftFor, submitCheckInFor } from '../../lib/checkins/public-checkin'

const saveCheckInDraftAction = (t: unknown, d: unknown) => saveCheckInDraftFor(request.address, t, d)
const submitCheckInAction = (t: unknown, k: unknown, a: unknown) => submitCheckInFor(request.address, t, k, a)
import { createClientRow, createPractice, createUser } from '../fixtures/factory'

const N = LINK_POLICY.limit
const MIN = 60_000
const DAY = 24 * 60 * MIN
const PHQ9 = [1, 1, 1, 1, 1, 1, 1, 1, 0]

let world: { practiceId: string; clientId: string; clinicianId: string }

beforeAll(async () => {
  const practice = await createPractice()
  const clinician = await createUser(practice.id, ['CLINICIAN'])
  const client = await createClientRow(practice.id, clinician.id)
  world = { practiceId: practice.id, clientId: client.id, clinicianId: clinician.id }
})

/** A fresh address from the benchmarking range 198.18.0.0/15, never used by another test. */
const newAddress = () => `198.${18 + crypto.randomInt(2)}.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`

/** A PHQ-9 check-in with a link; returns the raw token. */
async function createCheckIn(opts: { expiresInMs?: number; revoked?: boolean } = {}) {
  const today = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z')
  const checkIn = await db.checkIn.create({
    data: { practiceId: world.practiceId, clientId: world.clientId, dueDate: today, expiresAt: new Date(Date.now() + (opts.expiresInMs ?? 4 * DAY)) },
  })
  const assignment = await db.assignment.create({
    data: {
      practiceId: world.practiceId,
      clientId: world.clientId,
      instrumentId: 'phq9',
      recurrence: 'ONCE',
      startDate: today,
      createdById: world.clinicianId,
    },
  })
  const item = await db.checkInItem.create({
    data: { checkInId: checkIn.id, assignmentId: assignment.id, occurrenceDate: today, instrumentId: 'phq9', position: 0 },
  })
  const token = newToken()
  await db.checkInLink.create({
    data: { checkInId: checkIn.id, tokenHash: hashToken(token), createdById: world.clinicianId, revokedAt: opts.revoked ? new Date() : null },
  })
  return { token, checkInId: checkIn.id, itemId: item.id }
}

const row = (address: string) => db.authThrottle.findUnique({ where: { key: linkKey(address) } })

/** Nothing of the check-in was opened, saved or sent. */
async function expectUntouched(checkInId: string) {
  const c = await db.checkIn.findUniqueOrThrow({ where: { id: checkInId } })
  expect(c.status).toBe('OPEN')
  expect(c.draftEnc).toBeNull()
  expect(await db.response.count({ where: { checkInId } })).toBe(0)
  expect(await db.auditEvent.count({ where: { targetId: checkInId } })).toBe(0)
}

const throttledAudits = (address: string) => db.auditEvent.findMany({ where: { action: 'LINK_THROTTLED', ip: address } })

describe('check-in link lookups, per address', () => {
  it('answers the first N-1 failed lookups as usual, blocks on the Nth, then refuses even a valid token', async () => {
    const address = newAddress()
    const t0 = new Date()
    const clock = () => t0
    const live = await createCheckIn()
    const revoked = await createCheckIn({ revoked: true })
    const expired = await createCheckIn({ expiresInMs: -DAY })
    // Every kind of failure counts: unknown, malformed, revoked, expired.
    const guesses = [() => newToken(), () => 'not-a-token', () => revoked.token, () => expired.token]
    for (let i = 0; i < N - 1; i++) {
      const r = await openCheckInLinkFrom(address, guesses[i % guesses.length]!(), { clock })
      expect(r.status === 'not-found' || (r.status === 'ok' && r.checkIn.state === 'inactive')).toBe(true)
    }
    expect(await row(address)).toMatchObject({ failures: N - 1, blockedUntil: null })
    expect(await throttledAudits(address)).toHaveLength(0)

    // The Nth failure starts the block and is already answered "throttled".
    expect(await openCheckInLinkFrom(address, newToken(), { clock })).toEqual({ status: 'throttled' })
    expect((await row(address))?.blockedUntil).toEqual(new Date(t0.getTime() + LINK_POLICY.blockMs))

    // The live link, from the blocked address, by every door: refused, and nothing recorded.
    expect(await openCheckInLinkFrom(address, live.token, { clock })).toEqual({ status: 'throttled' })
    expect(await saveCheckInDraftFrom(address, live.token, { [live.itemId]: PHQ9 }, { clock })).toEqual({ status: 'throttled' })
    expect(await submitCheckInFrom(address, live.token, crypto.randomUUID(), { [live.itemId]: PHQ9 }, { clock })).toEqual({
      status: 'throttled',
    })
    await expectUntouched(live.checkInId)
    // Refusals are not counted: the block is not extended by hammering.
    expect((await row(address))?.failures).toBe(N)

    // Audited once for the block, ids and numbers only.
    const audits = await throttledAudits(address)
    expect(audits).toHaveLength(1)
    expect(audits[0]).toMatchObject({ practiceId: null, actorType: 'ANONYMOUS', outcome: 'DENIED', targetId: null, clientId: null })
    expect(JSON.stringify(audits[0]!.details)).not.toMatch(/[A-Za-z0-9_-]{43}/)

    // Another address opens the same link and saves answers.
    const other = newAddress()
    const opened = await openCheckInLinkFrom(other, live.token, { clock })
    expect(opened.status === 'ok' && opened.checkIn.state).toBe('open')
    expect(await saveCheckInDraftFrom(other, live.token, { [live.itemId]: PHQ9 }, { clock })).toEqual({ status: 'ok' })
    expect(await row(other)).toBeNull()
  })

  it('never counts successful lookups, however many', async () => {
    const address = newAddress()
    const live = await createCheckIn()
    for (let i = 0; i < N + 5; i++) expect((await openCheckInLinkFrom(address, live.token)).status).toBe('ok')
    expect(await saveCheckInDraftFrom(address, live.token, { [live.itemId]: PHQ9 })).toEqual({ status: 'ok' })
    expect(await submitCheckInFrom(address, live.token, crypto.randomUUID(), { [live.itemId]: PHQ9 })).toMatchObject({ status: 'submitted' })
    expect(await row(address)).toBeNull()
  })

  it('forgets failures older than the window, and lifts the block after 15 minutes', async () => {
    const t0 = new Date()
    const at = (minutes: number) => () => new Date(t0.getTime() + minutes * MIN)
    const live = await createCheckIn()

    // N-1 failures, then one more just after the 10-minute window: the count starts again.
    const slow = newAddress()
    for (let i = 0; i < N - 1; i++) await openCheckInLinkFrom(slow, newToken(), { clock: at(0) })
    expect(await openCheckInLinkFrom(slow, newToken(), { clock: at(10.5) })).toEqual({ status: 'not-found' })
    expect(await row(slow)).toMatchObject({ failures: 1, blockedUntil: null })

    // A block started at minute 1 holds until minute 16, then the live link opens again.
    const fast = newAddress()
    for (let i = 0; i < N; i++) await openCheckInLinkFrom(fast, newToken(), { clock: at(1) })
    expect(await openCheckInLinkFrom(fast, live.token, { clock: at(15.9) })).toEqual({ status: 'throttled' })
    expect((await openCheckInLinkFrom(fast, live.token, { clock: at(16.1) })).status).toBe('ok')
    // And failures start from one, not from where the block left off.
    expect(await openCheckInLinkFrom(fast, newToken(), { clock: at(16.2) })).toEqual({ status: 'not-found' })
    expect(await row(fast)).toMatchObject({ failures: 1 })
  })

  it('counts guesses made through the draft and submit functions (malformed ones too) and refuses them the same way', async () => {
    const address = newAddress()
    request.address = address
    const live = await createCheckIn()
    const draft = { [live.itemId]: PHQ9 }
    // Not a string, too long, too short, unknown: all failed lookups.
    const tokens: unknown[] = [42, 'x'.repeat(100), 'short', newToken()]
    for (let i = 0; i < N - 1; i++) {
      const t = tokens[i % tokens.length]
      const r = i % 2 === 0 ? await saveCheckInDraftAction(t, draft) : await submitCheckInAction(t, crypto.randomUUID(), draft)
      expect(r).toEqual({ status: 'not-found' })
    }
    expect(await row(address)).toMatchObject({ failures: N - 1, blockedUntil: null })
    // The Nth guess (through an action) blocks; the browser gets the plain "try again later" answer.
    expect(await submitCheckInAction(newToken(), crypto.randomUUID(), draft)).toEqual({ status: 'error' })
    expect((await row(address))?.blockedUntil).not.toBeNull()

    // The live token through the actions and the page function: refused, nothing stored.
    expect(await saveCheckInDraftAction(live.token, draft)).toEqual({ status: 'error' })
    expect(await submitCheckInAction(live.token, crypto.randomUUID(), draft)).toEqual({ status: 'error' })
    expect(await openCheckInLinkFrom(address, live.token)).toEqual({ status: 'throttled' })
    await expectUntouched(live.checkInId)
    expect((await row(address))?.failures).toBe(N)
    expect(await throttledAudits(address)).toHaveLength(1)

    // From another address the same action sends the check-in.
    request.address = newAddress()
    expect(await submitCheckInAction(live.token, crypto.randomUUID(), draft)).toMatchObject({ status: 'submitted' })
  })

  it('loses no increment under 40 parallel failed lookups', async () => {
    const address = newAddress()
    const roomy = { ...LINK_POLICY, limit: 1_000 }
    const results = await Promise.all(Array.from({ length: 40 }, () => openCheckInLinkFrom(address, newToken(), { policy: roomy })))
    expect(results.every((r) => r.status === 'not-found')).toBe(true)
    expect(await row(address)).toMatchObject({ failures: 40, blockedUntil: null })
  })

  it('lets exactly N-1 of 40 parallel guesses through with the real policy, and audits the block once', async () => {
    const address = newAddress()
    const results = await Promise.all(Array.from({ length: 40 }, () => openCheckInLinkFrom(address, newToken())))
    // Every failure that was counted got its own number: numbers 1..N-1 answer "not found", the
    // one numbered N and everything after it (or refused before counting) "throttled".
    expect(results.filter((r) => r.status === 'not-found')).toHaveLength(N - 1)
    expect(results.filter((r) => r.status === 'throttled')).toHaveLength(40 - (N - 1))
    const r = await row(address)
    expect(r?.failures).toBeGreaterThanOrEqual(N)
    expect(r?.failures).toBeLessThanOrEqual(40)
    expect(r?.blockedUntil?.getTime()).toBeGreaterThan(Date.now())
    expect(await throttledAudits(address)).toHaveLength(1)
  })
})

describe('the address a lookup is counted under', () => {
  it('counts IPv6 per /64 and IPv4-mapped addresses as IPv4', () => {
    expect(addressBucket('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64')
    expect(addressBucket('2001:0DB8:1:2::ffff')).toBe('2001:db8:1:2::/64')
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(addressBucket('2001:db8:1:3::1')).not.toBe(addressBucket('2001:db8:1:2::1'))
    expect(addressBucket('::ffff:192.0.2.1')).toBe('192.0.2.1')
    expect(addressBucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64')
    expect(addressBucket('192.0.2.1')).toBe('192.0.2.1')
    expect(linkKey('unknown')).toBe('link:unknown')
  })

  it('blocks a whole IPv6 /64, not only the addresses that guessed', async () => {
    const prefix = `2001:db8:${crypto.randomInt(65536).toString(16)}:${crypto.randomInt(65536).toString(16)}`
    for (let i = 0; i < N; i++) await openCheckInLinkFrom(`${prefix}::${(i + 1).toString(16)}`, newToken())
    expect(await openCheckInLinkFrom(`${prefix}::beef`, newToken())).toEqual({ status: 'throttled' })
  })

  it("counts 'unknown' (no address could be determined) like any other address", async () => {
    const before = await row('unknown')
    const start = new Date()
    const r = await openCheckInLinkFrom('unknown', newToken(), { policy: { ...LINK_POLICY, limit: 10_000 } })
    expect(r).toEqual({ status: 'not-found' })
    // Other test files may count under 'unknown' too (one shared database): ours added one, or
    // started a new window.
    const after = await row('unknown')
    expect(after!.updatedAt.getTime()).toBeGreaterThanOrEqual(start.getTime())
    expect(after!.failures > (before?.failures ?? 0) || after!.windowStart >= start).toBe(true)
  })
})
