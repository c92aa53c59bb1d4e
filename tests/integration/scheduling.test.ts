// The scheduler and check-in links against a real database. Every test builds its own practice and
// passes its practiceId to the tick, because the PostgreSQL run shares one database between files.
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { db } from '../../lib/db/client'
import { cancelCheckIn, issueCheckInLink, revokeCheckInLinks } from '../../lib/db/checkin-links'
import { generateDueCheckIns } from '../../lib/db/system/due-checkins'
import { expireCheckIns, schedulerTick, sendReminders } from '../../lib/db/system/scheduler'
import { ConflictError, NotFoundError } from '../../lib/db/errors'
import { hashToken } from '../../lib/crypto/tokens'
import { listOutbox } from '../../lib/db/outbox'
import { resetEnvForTests } from '../../lib/env'
import { logger } from '../../lib/log'
import { startInAppScheduler } from '../../lib/scheduling/in-app'
import { actorFor, createClientRow, createPractice, createUser } from '../fixtures/factory'
import { itemAt } from '../fixtures/item-at'

const NOW = new Date('2026-03-10T09:00:00Z') // a Tuesday; Europe/London is on GMT
const day = (s: string) => new Date(`${s}T00:00:00Z`)
const hours = (d: Date, h: number) => new Date(d.getTime() + h * 3_600_000)
const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1)

beforeAll(() => {
  // This file checks the outbox path: no SMTP server.
  resetEnvForTests({ SMTP_URL: undefined, APP_BASE_URL: 'https://securebase.test' })
})

type Recurrence = 'ONCE' | 'WEEKLY' | 'FORTNIGHTLY' | 'MONTHLY'

async function setup(opts: { practiceName?: string; email?: string | null; lastName?: string; remindersEnabled?: boolean } = {}) {
  const practice = await createPractice({ name: opts.practiceName })
  if (opts.remindersEnabled === false) await db.practice.update({ where: { id: practice.id }, data: { remindersEnabled: false } })
  const clinician = await createUser(practice.id, ['CLINICIAN'])
  const other = await createUser(practice.id, ['CLINICIAN'])
  const admin = await createUser(practice.id, ['ADMIN'])
  const client = await createClientRow(practice.id, clinician.id, { lastName: opts.lastName })
  if (opts.email !== null) {
    await db.client.update({ where: { id: client.id }, data: { email: opts.email ?? `client-${client.id.slice(0, 8)}@example.test` } })
  }
  const assign = (
    instrumentId: string,
    recurrence: Recurrence,
    startDate: string,
    extra: { endDate?: string; status?: 'ACTIVE' | 'PAUSED' | 'ENDED'; clientId?: string } = {},
  ) =>
    db.assignment.create({
      data: {
        practiceId: practice.id,
        clientId: extra.clientId ?? client.id,
        instrumentId,
        relationshipTarget: instrumentId === 'ecr-rs' ? 'your partner' : null,
        recurrence,
        startDate: day(startDate),
        endDate: extra.endDate ? day(extra.endDate) : null,
        status: extra.status ?? 'ACTIVE',
        createdById: clinician.id,
      },
    })
  const scope = { practiceId: practice.id }
  const checkIns = () =>
    db.checkIn.findMany({ where: { practiceId: practice.id }, include: { items: { orderBy: { position: 'asc' } } }, orderBy: { createdAt: 'asc' } })
  return { practice, clinician, other, admin, client, assign, scope, checkIns }
}

describe('generating check-ins', () => {
  it('a weekly assignment started weeks ago gets one check-in, for its latest occurrence only', async () => {
    const s = await setup()
    const a = await s.assign('phq9', 'WEEKLY', '2026-02-15') // Sundays: 15, 22 Feb, 1, 8 Mar
    const { created } = await generateDueCheckIns({ now: NOW, ...s.scope })
    expect(created).toHaveLength(1)
    const c = itemAt(await s.checkIns(), 0)
    expect(c.dueDate).toEqual(day('2026-03-08'))
    expect(c.expiresAt.toISOString()).toBe('2026-03-12T00:00:00.000Z') // end of 11 March, London
    expect(c.status).toBe('OPEN')
    expect(c.items.map((i) => [i.assignmentId, i.occurrenceDate.toISOString().slice(0, 10), i.position])).toEqual([[a.id, '2026-03-08', 0]])
  })

  it('instruments due the same day are bundled into one check-in', async () => {
    const s = await setup()
    const phq = await s.assign('phq9', 'WEEKLY', '2026-03-03')
    const ecr = await s.assign('ecr-rs', 'MONTHLY', '2026-02-10')
    await generateDueCheckIns({ now: NOW, ...s.scope })
    const list = await s.checkIns()
    expect(list).toHaveLength(1)
    expect(itemAt(list, 0).dueDate).toEqual(day('2026-03-10'))
    expect(itemAt(list, 0).items.map((i) => [i.assignmentId, i.instrumentId, i.relationshipTarget, i.position])).toEqual([
      [phq.id, 'phq9', null, 0],
      [ecr.id, 'ecr-rs', 'your partner', 1],
    ])
    // The database keeps the check-in's questionnaires on it (what the outcomes count).
    expect(itemAt(list, 0).itemInstrumentIds).toEqual(['phq9', 'ecr-rs'])

    // Assigned later the same day: joins the open check-in, after the existing items.
    const gad = await s.assign('gad7', 'ONCE', '2026-03-10')
    const again = await generateDueCheckIns({ now: hours(NOW, 2), clientId: s.client.id })
    expect(again.created).toEqual([])
    const c = itemAt(await s.checkIns(), 0)
    expect(c.items.map((i) => [i.assignmentId, i.position])).toEqual([
      [phq.id, 0],
      [ecr.id, 1],
      [gad.id, 2],
    ])
    expect(c.itemInstrumentIds).toEqual(['phq9', 'ecr-rs', 'gad7'])

    // What the client was asked stays as it was: the database refuses to change an item.
    await expect(db.checkInItem.update({ where: { id: itemAt(c.items, 0).id }, data: { instrumentId: 'gad7' } })).rejects.toThrow(/not changed once written/)
    await expect(db.checkInItem.updateMany({ where: { checkInId: c.id }, data: { position: 9 } })).rejects.toThrow(/not changed once written/)
    const after = itemAt(await s.checkIns(), 0)
    expect(after.items.map((i) => [i.instrumentId, i.position])).toEqual([
      ['phq9', 0],
      ['ecr-rs', 1],
      ['gad7', 2],
    ])
    expect(after.itemInstrumentIds).toEqual(['phq9', 'ecr-rs', 'gad7'])
  })

  it("questionnaires assigned in the same instant come in the form's order, not by their ids", async () => {
    const s = await setup()
    // Ticked together in one form: the same createdAt, and ECR-RS with the id that sorts first.
    const at = new Date('2026-03-09T12:00:00Z')
    const suffix = s.client.id.slice(-12)
    const ecr = await s.assign('ecr-rs', 'ONCE', '2026-03-10')
    const phq = await s.assign('phq9', 'ONCE', '2026-03-10')
    await db.assignment.update({ where: { id: ecr.id }, data: { id: `00000000-0000-4000-8000-${suffix}`, createdAt: at } })
    await db.assignment.update({ where: { id: phq.id }, data: { id: `ffffffff-0000-4000-8000-${suffix}`, createdAt: at } })
    await generateDueCheckIns({ now: NOW, ...s.scope })
    const c = itemAt(await s.checkIns(), 0)
    expect(c.items.map((i) => [i.instrumentId, i.position])).toEqual([
      ['phq9', 0],
      ['ecr-rs', 1],
    ])
  })

  it('running the tick twice creates and sends nothing new', async () => {
    const s = await setup()
    await s.assign('phq9', 'WEEKLY', '2026-03-03')
    await s.assign('gad7', 'FORTNIGHTLY', '2026-02-24')
    const first = await schedulerTick(NOW, s.scope)
    expect(first).toEqual({ expired: 0, created: 1, emailed: 1, reminders: 0 })
    const second = await schedulerTick(hours(NOW, 0.1), s.scope)
    expect(second).toEqual({ expired: 0, created: 0, emailed: 0, reminders: 0 })
    expect(await db.checkInItem.count({ where: { checkIn: { practiceId: s.practice.id } } })).toBe(2)
    expect(await db.outboundEmail.count({ where: { practiceId: s.practice.id } })).toBe(1)
    expect(await db.checkInLink.count({ where: { checkIn: { practiceId: s.practice.id } } })).toBe(1)
  })

  it('5 concurrent runs create exactly one check-in per client and one item per assignment', async () => {
    const s = await setup()
    const second = await createClientRow(s.practice.id, s.clinician.id)
    const third = await createClientRow(s.practice.id, s.clinician.id)
    const ids: string[] = []
    for (const clientId of [s.client.id, second.id, third.id]) {
      ids.push((await s.assign('phq9', 'WEEKLY', '2026-03-03', { clientId })).id)
      ids.push((await s.assign('ecr-rs', 'MONTHLY', '2026-01-10', { clientId })).id)
    }
    const runs = await Promise.all(Array.from({ length: 5 }, () => generateDueCheckIns({ now: NOW, ...s.scope })))
    expect(runs.flatMap((r) => r.created)).toHaveLength(3)
    const list = await s.checkIns()
    expect(list).toHaveLength(3)
    expect(new Set(list.map((c) => c.clientId)).size).toBe(3)
    for (const c of list) expect(c.items.map((i) => i.position)).toEqual([0, 1]) // no empty check-in
    // The runs that lost the race inserted no item, so they added no questionnaire either.
    for (const c of list) expect(c.itemInstrumentIds).toEqual(['phq9', 'ecr-rs'])
    expect(list.flatMap((c) => c.items.map((i) => i.assignmentId)).sort()).toEqual([...ids].sort())
  })

  it('paused and ended assignments, and discharged clients, create nothing', async () => {
    const s = await setup()
    await s.assign('phq9', 'WEEKLY', '2026-03-03', { status: 'PAUSED' })
    await s.assign('gad7', 'WEEKLY', '2026-03-03', { status: 'ENDED' })
    const discharged = await createClientRow(s.practice.id, s.clinician.id, { status: 'DISCHARGED' })
    await s.assign('phq9', 'WEEKLY', '2026-03-03', { clientId: discharged.id })
    expect(await schedulerTick(NOW, s.scope)).toEqual({ expired: 0, created: 0, emailed: 0, reminders: 0 })
    expect(await s.checkIns()).toEqual([])
  })

  it('respects start and end dates and never back-fills a missed occurrence', async () => {
    const s = await setup()
    await s.assign('phq9', 'WEEKLY', '2026-02-15', { endDate: '2026-03-05' }) // last one 1 Mar: closed on 5 Mar
    await s.assign('gad7', 'ONCE', '2026-03-11') // tomorrow
    await s.assign('core10', 'ONCE', '2026-03-01') // its check-in would have closed on 5 Mar
    expect((await generateDueCheckIns({ now: NOW, ...s.scope })).created).toEqual([])
    const inRange = await s.assign('ecr-r', 'WEEKLY', '2026-02-15', { endDate: '2026-03-08' })
    const { created } = await generateDueCheckIns({ now: NOW, ...s.scope })
    expect(created).toHaveLength(1)
    const c = itemAt(await s.checkIns(), 0)
    expect(c.items.map((i) => [i.assignmentId, i.occurrenceDate])).toEqual([[inRange.id, day('2026-03-08')]])
  })

  it('uses the practice time zone for "today" and for the expiry', async () => {
    const s = await setup()
    await db.practice.update({ where: { id: s.practice.id }, data: { timeZone: 'America/New_York', checkinExpiryDays: 2 } })
    await s.assign('phq9', 'ONCE', '2026-03-10')
    // 03:00 UTC on 10 March is still 9 March in New York.
    expect((await generateDueCheckIns({ now: new Date('2026-03-10T03:00:00Z'), ...s.scope })).created).toEqual([])
    expect((await generateDueCheckIns({ now: new Date('2026-03-10T05:00:00Z'), ...s.scope })).created).toHaveLength(1)
    const c = itemAt(await s.checkIns(), 0)
    expect(c.expiresAt.toISOString()).toBe('2026-03-12T04:00:00.000Z') // end of 11 March, EDT
  })
})

describe('expiry, reminders and cancelling', () => {
  it('an OPEN check-in becomes EXPIRED only once expiresAt has passed', async () => {
    const s = await setup()
    await s.assign('phq9', 'ONCE', '2026-03-10')
    await generateDueCheckIns({ now: NOW, ...s.scope })
    const c = itemAt(await s.checkIns(), 0)
    expect(await expireCheckIns(new Date(c.expiresAt.getTime() - 1), s.scope)).toBe(0)
    expect((await db.checkIn.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('OPEN')
    expect(await expireCheckIns(c.expiresAt, s.scope)).toBe(1)
    expect((await db.checkIn.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('EXPIRED')
    await expect(issueCheckInLink(actorFor(s.clinician), c.id)).rejects.toBeInstanceOf(ConflictError)
    // Nothing is re-created for the same occurrence once it has expired.
    expect(await schedulerTick(c.expiresAt, s.scope)).toEqual({ expired: 0, created: 0, emailed: 0, reminders: 0 })
  })

  it('sends one reminder, once, even from two instances at the same moment', async () => {
    const s = await setup()
    await s.assign('phq9', 'WEEKLY', '2026-03-10')
    await schedulerTick(NOW, s.scope) // creates it and emails the first link
    const c = itemAt(await s.checkIns(), 0)
    expect(await sendReminders(hours(c.expiresAt, -25), s.scope)).toBe(0) // not yet in the window
    const at = hours(c.expiresAt, -23)
    const counts = await Promise.all([sendReminders(at, s.scope), sendReminders(at, s.scope)])
    expect(counts.sort()).toEqual([0, 1])
    expect(await sendReminders(hours(at, 1), s.scope)).toBe(0)
    expect((await schedulerTick(hours(at, 2), s.scope)).reminders).toBe(0)

    const emails = await db.outboundEmail.findMany({ where: { checkInId: c.id }, orderBy: { createdAt: 'asc' } })
    expect(emails.map((e) => [e.kind, e.status])).toEqual([
      ['checkin', 'OUTBOX'],
      ['checkin-reminder', 'OUTBOX'],
    ])
    expect(itemAt(emails, 1).subject).toBe(`A reminder from ${s.practice.name}`)
    const links = await db.checkInLink.findMany({ where: { checkInId: c.id } })
    expect(links).toHaveLength(2)
    expect(links.every((l) => l.revokedAt === null)).toBe(true) // the first link keeps working
    expect((await db.checkIn.findUniqueOrThrow({ where: { id: c.id } })).reminderSentAt).toEqual(at)
  })

  it('sends no reminder when the practice has switched them off, or the client has no email', async () => {
    const off = await setup({ remindersEnabled: false })
    await off.assign('phq9', 'ONCE', '2026-03-10')
    const noEmail = await setup({ email: null })
    await noEmail.assign('phq9', 'ONCE', '2026-03-10')
    for (const s of [off, noEmail]) {
      await schedulerTick(NOW, s.scope)
      const c = itemAt(await s.checkIns(), 0)
      expect(await sendReminders(hours(c.expiresAt, -2), s.scope)).toBe(0)
      expect((await db.checkIn.findUniqueOrThrow({ where: { id: c.id } })).reminderSentAt).toBeNull()
    }
    // Without an email address the tick creates the check-in but no link (the clinician copies one).
    expect(await db.checkInLink.count({ where: { checkIn: { practiceId: noEmail.practice.id } } })).toBe(0)
    expect(await db.outboundEmail.count({ where: { practiceId: noEmail.practice.id } })).toBe(0)
  })

  it('cancelling closes the check-in, revokes its links and the scheduler does not bring it back', async () => {
    const s = await setup()
    await s.assign('phq9', 'ONCE', '2026-03-10')
    await schedulerTick(NOW, s.scope)
    const c = itemAt(await s.checkIns(), 0)
    await expect(cancelCheckIn(actorFor(s.other), c.id)).rejects.toBeInstanceOf(NotFoundError)
    await cancelCheckIn(actorFor(s.clinician), c.id, hours(NOW, 1))
    const after = await db.checkIn.findUniqueOrThrow({ where: { id: c.id }, include: { links: true } })
    expect(after.status).toBe('CANCELLED')
    expect(after.links.map((l) => [l.revokedAt, l.revokedById])).toEqual([[hours(NOW, 1), s.clinician.id]])
    await expect(cancelCheckIn(actorFor(s.clinician), c.id)).rejects.toBeInstanceOf(ConflictError)
    expect(await schedulerTick(hours(NOW, 2), s.scope)).toEqual({ expired: 0, created: 0, emailed: 0, reminders: 0 })
  })
})

describe('check-in links', () => {
  it('stores only the hash of the token; no column anywhere holds the token', async () => {
    const s = await setup({ practiceName: 'Harbour Lane Therapy', lastName: 'Quarrington' })
    await s.assign('phq9', 'ONCE', '2026-03-10')
    await generateDueCheckIns({ now: NOW, ...s.scope })
    const c = itemAt(await s.checkIns(), 0)
    const res = await issueCheckInLink(actorFor(s.clinician), c.id, { send: true, now: NOW })
    expect(res.url).toMatch(/^https:\/\/securebase\.test\/c\/[A-Za-z0-9_-]{43}$/)
    expect(res.email).toEqual({ status: 'OUTBOX' })
    const token = tokenOf(res.url)
    const links = await db.checkInLink.findMany({ where: { checkInId: c.id } })
    expect(links.map((l) => l.tokenHash)).toEqual([hashToken(token)])
    const rows = [
      links,
      await db.outboundEmail.findMany({ where: { clientId: s.client.id } }),
      await db.checkIn.findMany({ where: { id: c.id }, include: { items: true } }),
    ]
    for (const r of rows) expect(JSON.stringify(r)).not.toContain(token)
  })

  it("'reissue' revokes every live link and leaves one new one", async () => {
    const s = await setup()
    await s.assign('phq9', 'ONCE', '2026-03-10')
    await generateDueCheckIns({ now: NOW, ...s.scope })
    const c = itemAt(await s.checkIns(), 0)
    const actor = actorFor(s.clinician)
    const first = await issueCheckInLink(actor, c.id, { now: NOW })
    const second = await issueCheckInLink(actor, c.id, { now: NOW })
    expect(first.url).not.toBe(second.url)
    expect(first.email).toBeUndefined()
    const fresh = await issueCheckInLink(actor, c.id, { reason: 'reissue', now: hours(NOW, 1) })
    const links = await db.checkInLink.findMany({ where: { checkInId: c.id } })
    const live = links.filter((l) => !l.revokedAt)
    expect(live.map((l) => l.tokenHash)).toEqual([hashToken(tokenOf(fresh.url))])
    expect(links.filter((l) => l.revokedAt).map((l) => l.revokedById)).toEqual([s.clinician.id, s.clinician.id])
    expect(await revokeCheckInLinks(actor, c.id)).toBe(1)
    expect(await revokeCheckInLinks(actor, c.id)).toBe(0)
  })

  it('with send and no email address on file: a link, no email', async () => {
    const s = await setup({ email: null })
    await s.assign('phq9', 'ONCE', '2026-03-10')
    await generateDueCheckIns({ now: NOW, ...s.scope })
    const c = itemAt(await s.checkIns(), 0)
    const res = await issueCheckInLink(actorFor(s.clinician), c.id, { send: true, now: NOW })
    expect(res.email).toBeUndefined()
    expect(await db.outboundEmail.count({ where: { clientId: s.client.id } })).toBe(0)
  })

  it("another clinician's client answers as not found, and nothing is written", async () => {
    const s = await setup()
    await s.assign('phq9', 'ONCE', '2026-03-10')
    await schedulerTick(NOW, s.scope)
    const c = itemAt(await s.checkIns(), 0)
    const before = await db.checkInLink.findMany({ where: { checkInId: c.id } })
    const outsider = await createUser((await createPractice()).id, ['ADMIN'])
    for (const actor of [actorFor(s.other), actorFor(outsider)]) {
      await expect(issueCheckInLink(actor, c.id, { send: true, reason: 'reissue', now: NOW })).rejects.toBeInstanceOf(NotFoundError)
      await expect(revokeCheckInLinks(actor, c.id)).rejects.toBeInstanceOf(NotFoundError)
      await expect(listOutbox(actor, s.client.id)).rejects.toBeInstanceOf(NotFoundError)
    }
    await expect(issueCheckInLink(actorFor(s.other), 'not-a-uuid')).rejects.toBeInstanceOf(NotFoundError)
    expect(await db.checkInLink.findMany({ where: { checkInId: c.id } })).toEqual(before)
    expect(await db.outboundEmail.count({ where: { clientId: s.client.id } })).toBe(1)
    // The practice admin may.
    await expect(issueCheckInLink(actorFor(s.admin), c.id, { now: NOW })).resolves.toHaveProperty('url')
  })

  it('the outbox holds the message encrypted: practice name and link, never the surname or the token in clear', async () => {
    const s = await setup({ practiceName: 'Harbour Lane Therapy', lastName: 'Quarrington' })
    await s.assign('phq9', 'WEEKLY', '2026-03-10')
    await s.assign('ecr-rs', 'MONTHLY', '2026-03-10')
    await generateDueCheckIns({ now: NOW, ...s.scope })
    const c = itemAt(await s.checkIns(), 0)
    await db.client.update({ where: { id: s.client.id }, data: { firstName: 'Marigold', preferredName: 'Goldie' } })
    const { url } = await issueCheckInLink(actorFor(s.clinician), c.id, { send: true, now: NOW })
    const token = tokenOf(url)
    const mail = itemAt(await listOutbox(actorFor(s.clinician), s.client.id), 0)
    expect(mail.status).toBe('OUTBOX')
    expect(mail.subject).toBe('A check-in from Harbour Lane Therapy')
    expect(mail.body).toContain(url)
    expect(mail.body).toContain('Harbour Lane Therapy')
    expect(mail.body).toContain('Friday 13 March')
    // The random token could spell anything: look at the words around the link only.
    const words = `${mail.subject}\n${mail.body}`.replace(url, '').toLowerCase()
    for (const secret of ['Quarrington', 'Marigold', 'Goldie', 'PHQ', 'ECR', 'depress', 'anxi', 'partner', 'attachment']) {
      expect(words).not.toContain(secret.toLowerCase())
    }
    const raw = await db.outboundEmail.findUniqueOrThrow({ where: { id: mail.id } })
    expect(raw.bodyEnc).toMatch(/^v1\./)
    expect(raw.bodyEnc).not.toContain(token)
    expect(raw.bodyEnc).not.toContain('Harbour')
    // The admin sees the same outbox.
    expect((await listOutbox(actorFor(s.admin), s.client.id)).map((m) => m.id)).toEqual([mail.id])
  })
})

describe('in-app scheduler', () => {
  it('ticks on an interval, never two at once, and stop waits for the running tick', async () => {
    let active = 0
    let maxActive = 0
    let runs = 0
    const stop = startInAppScheduler({
      intervalMs: 5,
      tick: async () => {
        active++
        runs++
        maxActive = Math.max(maxActive, active)
        await new Promise((r) => setTimeout(r, 30))
        active--
        return { expired: 0, created: 0, emailed: 0, reminders: 0 }
      },
    })
    await new Promise((r) => setTimeout(r, 200))
    await stop()
    expect(active).toBe(0)
    expect(maxActive).toBe(1)
    expect(runs).toBeGreaterThanOrEqual(2)
    const after = runs
    await new Promise((r) => setTimeout(r, 50))
    expect(runs).toBe(after)
  })

  it('a failing tick is logged (without its message) and the next one still runs', async () => {
    const errors = vi.spyOn(logger, 'error').mockImplementation(() => {})
    let runs = 0
    const stop = startInAppScheduler({
      intervalMs: 5,
      tick: async () => {
        runs++
        throw new Error('database unavailable')
      },
    })
    await new Promise((r) => setTimeout(r, 100))
    await stop()
    expect(runs).toBeGreaterThanOrEqual(2)
    expect(errors).toHaveBeenCalledWith('scheduler tick failed', expect.objectContaining({ error: 'Error' }))
    expect(JSON.stringify(errors.mock.calls)).not.toContain('database unavailable')
    errors.mockRestore()
  })
})
