import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../lib/db/client'
import { listCaseload } from '../../lib/db/caseload'
import { caseloadScope } from '../../lib/db/scope'
import { bandFor, getInstrument, isInstrumentId, type Quadrant } from '../../lib/assessments'
import { CASELOAD_SORTS, DEFAULT_CASELOAD_QUERY, caseloadHref, type CaseloadQuery, type CaseloadRow, type CaseloadSort } from '../../lib/validation/caseload'
import { parseCaseloadQuery } from '../../lib/validation/caseload-parse'
import { actorFor, createPractice, createUser } from '../fixtures/factory'
import { agoHint, dueHint, toCaseloadView } from '../../components/caseload/caseload-view'
import type { Actor } from '../../lib/auth/actor'
import { itemAt } from '../fixtures/item-at'

// 12:00 UTC on 15 Mar 2026: still the 15th in London (GMT), already the 16th in Auckland (UTC+13).
const NOW = new Date('2026-03-15T12:00:00Z')
const DAY = 86_400_000

type ClientRow = Awaited<ReturnType<typeof db.client.create>>
type User = Awaited<ReturnType<typeof createUser>>

const dateCol = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`)

async function addClient(
  clinician: User,
  lastName: string,
  firstName: string,
  opts: { preferredName?: string; status?: 'ACTIVE' | 'DISCHARGED'; episodeStart?: string } = {},
): Promise<ClientRow> {
  return db.client.create({
    data: {
      practiceId: clinician.practiceId,
      primaryClinicianId: clinician.id,
      firstName,
      lastName,
      preferredName: opts.preferredName ?? null,
      dateOfBirth: dateCol('1990-01-01'),
      episodeStart: dateCol(opts.episodeStart ?? '2026-01-01'),
      status: opts.status ?? 'ACTIVE',
    },
  })
}

/** A completed check-in with one scored response (its own ended one-off assignment). */
async function respond(c: ClientRow, instrumentId: string, scores: Record<string, number>, at: string, opts: { quadrant?: Quadrant; complete?: boolean } = {}) {
  const when = new Date(at)
  const base = { practiceId: c.practiceId, clientId: c.id }
  const assignment = await db.assignment.create({
    data: { ...base, instrumentId, recurrence: 'ONCE', startDate: dateCol(at), status: 'ENDED', createdById: c.primaryClinicianId },
  })
  const checkIn = await db.checkIn.create({
    data: { ...base, dueDate: dateCol(at), status: 'COMPLETED', expiresAt: new Date(when.getTime() + 4 * DAY), completedAt: when },
  })
  const item = await db.checkInItem.create({
    data: { checkInId: checkIn.id, assignmentId: assignment.id, occurrenceDate: dateCol(at), instrumentId, position: 0 },
  })
  const complete = opts.complete ?? true
  const band = complete && isInstrumentId(instrumentId) && 'total' in scores ? bandFor(getInstrument(instrumentId), 'total', scores.total) : undefined
  return db.response.create({
    data: {
      ...base,
      checkInId: checkIn.id,
      checkInItemId: item.id,
      instrumentId,
      instrumentVersion: 'test@1',
      scoringVersion: 'test@1',
      answers: [],
      complete,
      scores: complete ? scores : {},
      band: band ?? null,
      quadrant: opts.quadrant ?? null,
      flags: [],
      submittedAt: when,
    },
  })
}

async function checkIn(c: ClientRow, status: 'OPEN' | 'EXPIRED', dueDate: string, expiresAt: string) {
  await db.checkIn.create({ data: { practiceId: c.practiceId, clientId: c.id, dueDate: dateCol(dueDate), status, expiresAt: new Date(expiresAt) } })
}

async function flag(c: ClientRow, responseId: string, itemNumber: number, status: 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED') {
  await db.riskFlag.create({
    data: { practiceId: c.practiceId, clientId: c.id, responseId, instrumentId: 'phq9', itemNumber, itemValue: 1, status, raisedAt: NOW },
  })
}

async function assign(c: ClientRow, recurrence: 'ONCE' | 'WEEKLY' | 'FORTNIGHTLY' | 'MONTHLY', startDate: string, status: 'ACTIVE' | 'PAUSED' = 'ACTIVE') {
  await db.assignment.create({
    data: {
      practiceId: c.practiceId,
      clientId: c.id,
      instrumentId: 'phq9',
      recurrence,
      startDate: dateCol(startDate),
      status,
      createdById: c.primaryClinicianId,
    },
  })
}

let u: Record<'admin1' | 'adminClin' | 'clinA' | 'clinB' | 'admin2' | 'clinP2', Actor>
let users: Record<keyof typeof u, User>
const c: Record<string, ClientRow> = {}

beforeAll(async () => {
  const p1 = await createPractice({ name: 'Harbour' })
  const p2 = await createPractice({ name: 'Kauri' })
  await db.practice.update({ where: { id: p2.id }, data: { timeZone: 'Pacific/Auckland' } })
  users = {
    admin1: await createUser(p1.id, ['ADMIN'], { name: 'Morgan Admin' }),
    adminClin: await createUser(p1.id, ['ADMIN', 'CLINICIAN'], { name: 'Casey Both' }),
    clinA: await createUser(p1.id, ['CLINICIAN'], { name: 'Alice Adams' }),
    clinB: await createUser(p1.id, ['CLINICIAN'], { name: 'Bob Brown' }),
    admin2: await createUser(p2.id, ['ADMIN'], { name: 'Other Admin' }),
    clinP2: await createUser(p2.id, ['CLINICIAN'], { name: 'Other Clinician' }),
  }
  u = Object.fromEntries(Object.entries(users).map(([k, v]) => [k, actorFor(v)])) as typeof u
  const { clinA, clinB, adminClin, clinP2 } = users

  // Alice's caseload.
  c.hart = await addClient(clinA, 'Hart', 'Amelia')
  const hartFirst = await respond(c.hart, 'phq9', { total: 18 }, '2026-01-10T10:00:00Z')
  await respond(c.hart, 'phq9', { total: 12 }, '2026-02-01T10:00:00Z')
  await respond(c.hart, 'phq9', { total: 9 }, '2026-03-01T10:00:00Z')
  await respond(c.hart, 'gad7', { total: 12 }, '2026-03-01T10:05:00Z')
  await respond(c.hart, 'ecr-r', { anxiety: 5.1, avoidance: 2.2 }, '2026-02-01T10:10:00Z', { quadrant: 'anxious' })
  await respond(c.hart, 'ecr-rs', { anxiety: 2.5, avoidance: 3 }, '2026-03-05T09:00:00Z', { quadrant: 'secure' })
  await flag(c.hart, hartFirst.id, 9, 'OPEN')
  await checkIn(c.hart, 'OPEN', '2026-03-18', '2026-03-22T00:00:00Z')
  await assign(c.hart, 'MONTHLY', '2026-01-20')

  c.osei = await addClient(clinA, 'Osei', 'Benjamin', { preferredName: 'Ben' })
  const oseiFirst = await respond(c.osei, 'phq9', { total: 20 }, '2025-12-01T10:00:00Z') // before the episode
  await respond(c.osei, 'phq9', { total: 5 }, '2026-01-15T10:00:00Z')
  await respond(c.osei, 'phq9', { total: 14 }, '2026-03-10T10:00:00Z')
  await respond(c.osei, 'gad7', { total: 9 }, '2026-01-15T10:05:00Z')
  await flag(c.osei, oseiFirst.id, 9, 'ACKNOWLEDGED')
  await flag(c.osei, oseiFirst.id, 8, 'RESOLVED')
  await checkIn(c.osei, 'OPEN', '2026-03-10', '2026-03-14T00:00:00Z')
  await checkIn(c.osei, 'OPEN', '2026-03-20', '2026-03-24T00:00:00Z')

  c.nakamura = await addClient(clinA, 'Nakamura', 'Chloe')
  await respond(c.nakamura, 'gad7', { total: 6 }, '2026-01-05T10:00:00Z')
  await respond(c.nakamura, 'gad7', { total: 11 }, '2026-03-02T10:00:00Z')
  await checkIn(c.nakamura, 'EXPIRED', '2026-02-25', '2026-03-01T00:00:00Z')
  await checkIn(c.nakamura, 'EXPIRED', '2025-12-28', '2026-01-01T00:00:00Z') // closed > 30 days ago

  c.fairweather = await addClient(clinA, 'Fairweather', 'Daniel', { preferredName: 'Dan' })
  await respond(c.fairweather, 'phq9', { total: 16 }, '2026-02-10T10:00:00Z')
  await respond(c.fairweather, 'gad7', { total: 10 }, '2026-01-12T10:00:00Z')
  await respond(c.fairweather, 'gad7', { total: 7 }, '2026-02-10T10:05:00Z')
  await respond(c.fairweather, 'core10', { total: 10.6 }, '2026-02-10T10:10:00Z')
  await assign(c.fairweather, 'WEEKLY', '2026-03-02')
  await assign(c.fairweather, 'WEEKLY', '2026-03-01', 'PAUSED')

  c.lindqvist = await addClient(clinA, 'Lindqvist', 'Esther')
  await respond(c.lindqvist, 'core10', { total: 20 }, '2026-01-20T10:00:00Z')
  await respond(c.lindqvist, 'core10', { total: 26 }, '2026-03-03T10:00:00Z')
  await respond(c.lindqvist, 'phq9', {}, '2026-03-04T10:00:00Z', { complete: false })
  await checkIn(c.lindqvist, 'OPEN', '2026-03-15', '2026-03-19T00:00:00Z') // due today: not overdue

  c.haddad = await addClient(clinA, 'Haddad', 'Farah')
  c.moreau = await addClient(clinA, 'Moreau', 'Gabriel', { preferredName: 'Gabe', status: 'DISCHARGED' })
  await respond(c.moreau, 'phq9', { total: 22 }, '2026-02-01T10:00:00Z')

  // Bob's caseload.
  c.whitlock = await addClient(clinB, 'Whitlock', 'Hannah')
  const w = await respond(c.whitlock, 'phq9', { total: 25 }, '2026-03-11T10:00:00Z')
  await flag(c.whitlock, w.id, 9, 'OPEN')
  await flag(c.whitlock, w.id, 1, 'OPEN')
  c.adeyemi = await addClient(clinB, 'Adeyemi', 'Isaac')
  await respond(c.adeyemi, 'gad7', { total: 3 }, '2026-03-12T10:00:00Z')
  c.kowalski = await addClient(clinB, 'Kowalski', 'Jasmine', { preferredName: 'Jaz' })

  // The admin-clinician's own client.
  c.byrne = await addClient(adminClin, 'Byrne', 'Kieran')
  await respond(c.byrne, 'phq9', { total: 7 }, '2026-03-13T10:00:00Z')

  // Another practice (Auckland): same-looking names must never leak.
  c.hartley = await addClient(clinP2, 'Hartley', 'Amelia')
  const h = await respond(c.hartley, 'phq9', { total: 27 }, '2025-12-31T12:00:00Z') // 1 Jan 01:00 in Auckland
  await respond(c.hartley, 'phq9', { total: 20 }, '2026-03-01T10:00:00Z')
  await flag(c.hartley, h.id, 9, 'OPEN')
  await checkIn(c.hartley, 'OPEN', '2026-03-15', '2026-03-19T00:00:00Z') // yesterday in Auckland
  c.p2other = await addClient(clinP2, 'Osei', 'Kofi')
})

const q = (patch: Partial<CaseloadQuery> = {}): CaseloadQuery => ({ ...DEFAULT_CASELOAD_QUERY, pageSize: 100, ...patch })
const list = (actor: Actor, patch: Partial<CaseloadQuery> = {}) => listCaseload(actor, q(patch), { now: NOW })
const names = async (actor: Actor, patch: Partial<CaseloadQuery> = {}) => (await list(actor, patch)).rows.map((r) => r.lastName)
const sorted = (xs: string[]) => [...xs].sort()
const client = (key: string) => {
  const row = c[key]
  if (!row) throw new Error(`no client "${key}" in the caseload fixture`)
  return row
}
const ids = (...keys: string[]) => keys.map((k) => client(k).id).sort()
const rowOf = async (actor: Actor, key: string) => (await list(actor, { status: 'all' })).rows.find((r) => r.id === client(key).id)!

describe('scope', () => {
  it('a clinician sees only their own clients, whatever clinician= or scope= say', async () => {
    const alice = ids('hart', 'osei', 'nakamura', 'fairweather', 'lindqvist', 'haddad', 'moreau')
    for (const patch of [{}, { scope: 'all' as const }, { clinician: users.clinB.id }, { scope: 'all' as const, clinician: users.clinB.id }]) {
      const page = await list(u.clinA, { ...patch, status: 'all' })
      expect(page.rows.map((r) => r.id).sort()).toEqual(alice)
      expect(page.total).toBe(7)
      expect(page.scope).toBe('own')
    }
    expect((await list(u.clinB, { status: 'all', q: 'hart' })).rows).toEqual([])
  })

  it('an admin sees the whole practice and never another practice', async () => {
    const page = await list(u.admin1, { status: 'all' })
    expect(page.scope).toBe('practice')
    expect(page.rows.map((r) => r.id).sort()).toEqual(
      ids('hart', 'osei', 'nakamura', 'fairweather', 'lindqvist', 'haddad', 'moreau', 'whitlock', 'adeyemi', 'kowalski', 'byrne'),
    )
    expect(await names(u.admin1, { q: 'hartley' })).toEqual([])
    expect((await list(u.admin1, { clinician: users.clinP2.id })).rows).toEqual([])
    expect((await list(u.admin2, { status: 'all' })).rows.map((r) => r.id).sort()).toEqual(ids('hartley', 'p2other'))
  })

  it('an admin narrows to one clinician; the row names its clinician', async () => {
    expect(sorted(await names(u.admin1, { clinician: users.clinB.id }))).toEqual(['Adeyemi', 'Kowalski', 'Whitlock'])
    const row = itemAt((await list(u.admin1, { q: 'whitlock' })).rows, 0)
    expect(row.clinician).toEqual({ id: users.clinB.id, name: 'Bob Brown' })
    expect((await list(u.clinB, { q: 'whitlock' })).rows[0]?.clinician).toBeNull()
  })

  it('an admin who is also a clinician starts on their own caseload and widens with scope=all', async () => {
    expect(await names(u.adminClin)).toEqual(['Byrne'])
    expect(await names(u.adminClin, { clinician: users.clinA.id })).toEqual(['Byrne'])
    expect((await list(u.adminClin, { scope: 'all' })).total).toBe(10)
    expect(sorted(await names(u.adminClin, { scope: 'all', clinician: users.clinB.id }))).toEqual(['Adeyemi', 'Kowalski', 'Whitlock'])
  })

  it('caseloadScope', () => {
    expect(caseloadScope({ roles: ['CLINICIAN'] }, 'all')).toBe('own')
    expect(caseloadScope({ roles: ['ADMIN'] }, 'own')).toBe('practice')
    expect(caseloadScope({ roles: ['ADMIN', 'CLINICIAN'] }, 'own')).toBe('own')
    expect(caseloadScope({ roles: ['ADMIN', 'CLINICIAN'] }, 'all')).toBe('practice')
  })
})

describe('row values', () => {
  it('latest scores with bands, baseline change, quadrant, last check-in, next due, flags', async () => {
    const hart = await rowOf(u.clinA, 'hart')
    expect(hart).toMatchObject({ firstName: 'Amelia', lastName: 'Hart', preferredName: null, status: 'ACTIVE', openFlags: 1, overdue: 0 })
    expect(hart.scores.phq9).toEqual({ score: 9, band: 'mild', date: new Date('2026-03-01T10:00:00Z') })
    expect(hart.scores.gad7).toMatchObject({ score: 12, band: 'moderate' })
    expect(hart.scores.core10).toBeNull()
    expect(hart.change).toEqual({ instrumentId: 'phq9', baseline: 18, latest: 9, category: 'recovered' })
    // The newest attachment response wins, ECR-R or ECR-RS.
    expect(hart.quadrant).toEqual({ quadrant: 'secure', instrumentId: 'ecr-rs', date: new Date('2026-03-05T09:00:00Z') })
    expect(hart.lastCheckIn).toEqual(new Date('2026-03-05T09:00:00Z'))
    // Monthly from 20 Jan → 20 Mar, but an open check-in is due sooner.
    expect(hart.nextDue).toBe('2026-03-18')
  })

  it('the baseline is the first score on or after the episode start; acknowledged flags still count', async () => {
    const osei = await rowOf(u.clinA, 'osei')
    expect(osei.change).toEqual({ instrumentId: 'phq9', baseline: 5, latest: 14, category: 'deteriorated' })
    expect(osei.scores.phq9).toMatchObject({ score: 14, band: 'moderate' })
    // Shown even though PHQ-9 already supplies the change (the GAD-7 fallback is never read for it).
    expect(osei.scores.gad7).toMatchObject({ score: 9, band: 'mild' })
    expect(osei.openFlags).toBe(1)
    expect(osei.overdue).toBe(1)
    expect(osei.nextDue).toBe('2026-03-10')
    expect(osei.quadrant).toBeNull()
  })

  it('falls back to GAD-7 then CORE-10 when PHQ-9 has no change to show', async () => {
    const nakamura = await rowOf(u.clinA, 'nakamura')
    expect(nakamura.change).toEqual({ instrumentId: 'gad7', baseline: 6, latest: 11, category: 'deteriorated' })
    expect(nakamura.overdue).toBe(1) // one expired in the last 30 days, the older one no longer counts
    expect(nakamura.nextDue).toBeNull()
    const fairweather = await rowOf(u.clinA, 'fairweather')
    // A single PHQ-9 has no change; GAD-7 10 → 7 is within the 4-point threshold.
    expect(fairweather.change).toEqual({ instrumentId: 'gad7', baseline: 10, latest: 7, category: 'no reliable change' })
    expect(fairweather.scores.core10).toMatchObject({ score: 10.6, band: 'low' })
    expect(fairweather.nextDue).toBe('2026-03-16') // weekly from Mon 2 Mar; the paused one is ignored
    const lindqvist = await rowOf(u.clinA, 'lindqvist')
    expect(lindqvist.scores.phq9).toBeNull() // an incomplete response has no score
    expect(lindqvist.change).toEqual({ instrumentId: 'core10', baseline: 20, latest: 26, category: 'deteriorated' })
    expect(lindqvist.overdue).toBe(0) // due today is not overdue
    expect(lindqvist.nextDue).toBe('2026-03-15')
  })

  it('a client without any data has empty cells', async () => {
    const haddad = await rowOf(u.clinA, 'haddad')
    expect(haddad).toMatchObject({ change: null, quadrant: null, lastCheckIn: null, nextDue: null, overdue: 0, openFlags: 0 })
    expect(haddad.scores).toEqual({ phq9: null, gad7: null, core10: null })
  })

  it("uses the practice's time zone for today and for the episode start", async () => {
    const hartley = itemAt((await list(u.admin2, { q: 'hartley' })).rows, 0)
    expect(hartley.overdue).toBe(1) // due 15 Mar, and it is already 16 Mar in Auckland
    expect(hartley.change).toEqual({ instrumentId: 'phq9', baseline: 27, latest: 20, category: 'improved' })
    expect((await list(u.admin2, { q: 'hartley' })).today).toBe('2026-03-16')
    expect((await list(u.clinA)).today).toBe('2026-03-15')
  })
})

describe('sorting', () => {
  const WORSENING_UNIT: Record<string, number> = { phq9: 6, gad7: 4, core10: 6 }
  const key = (r: CaseloadRow, sort: CaseloadSort): number | string | null => {
    switch (sort) {
      case 'phq9':
      case 'gad7':
      case 'core10':
        return r.scores[sort]?.score ?? null
      case 'change':
        return r.change ? (r.change.latest - r.change.baseline) / (WORSENING_UNIT[r.change.instrumentId] ?? Number.NaN) : null
      case 'lastCheckIn':
        return r.lastCheckIn?.getTime() ?? null
      case 'overdue':
        return r.overdue
      case 'flags':
        return r.openFlags
      case 'clinician':
        return r.clinician!.name.toLowerCase()
      case 'name':
        return null
    }
  }
  const byName = (a: CaseloadRow, b: CaseloadRow) =>
    a.lastName.toLowerCase().localeCompare(b.lastName.toLowerCase()) || a.firstName.toLowerCase().localeCompare(b.firstName.toLowerCase())
  /** The expected order: non-null keys in the direction asked, nulls last, then by name A→Z. */
  const expectedOrder = (rows: CaseloadRow[], sort: CaseloadSort, dir: 'asc' | 'desc') =>
    [...rows]
      .sort((a, b) => {
        if (sort === 'name') return dir === 'asc' ? byName(a, b) : byName(b, a)
        const [x, y] = [key(a, sort), key(b, sort)]
        if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1
        const cmp = x < y ? -1 : x > y ? 1 : 0
        return (dir === 'asc' ? cmp : -cmp) || byName(a, b)
      })
      .map((r) => r.lastName)

  for (const sort of CASELOAD_SORTS) {
    for (const dir of ['asc', 'desc'] as const) {
      it(`${sort} ${dir}`, async () => {
        const rows = (await list(u.admin1, { sort, dir, status: 'all' })).rows
        expect(rows).toHaveLength(11)
        expect(rows.map((r) => r.lastName)).toEqual(expectedOrder(rows, sort, dir))
      })
    }
  }

  it('gives the hand-checked orders', async () => {
    expect(await names(u.clinA, { sort: 'phq9', dir: 'desc' })).toEqual(['Fairweather', 'Osei', 'Hart', 'Haddad', 'Lindqvist', 'Nakamura'])
    expect(await names(u.clinA, { sort: 'phq9', dir: 'asc' })).toEqual(['Hart', 'Osei', 'Fairweather', 'Haddad', 'Lindqvist', 'Nakamura'])
    // Worsening in threshold units: Osei +1.5, Nakamura +1.25, Lindqvist +1, Fairweather −0.75, Hart −1.5.
    expect(await names(u.clinA, { sort: 'change', dir: 'desc' })).toEqual(['Osei', 'Nakamura', 'Lindqvist', 'Fairweather', 'Hart', 'Haddad'])
    expect(await names(u.clinA, { sort: 'change', dir: 'asc' })).toEqual(['Hart', 'Fairweather', 'Lindqvist', 'Nakamura', 'Osei', 'Haddad'])
    expect(await names(u.clinA, { sort: 'name', dir: 'desc' })).toEqual(['Osei', 'Nakamura', 'Lindqvist', 'Hart', 'Haddad', 'Fairweather'])
    expect((await names(u.admin1, { sort: 'flags', dir: 'desc' })).slice(0, 3)).toEqual(['Whitlock', 'Hart', 'Osei'])
    expect((await names(u.admin1, { sort: 'clinician' })).slice(0, 6)).toEqual(['Fairweather', 'Haddad', 'Hart', 'Lindqvist', 'Nakamura', 'Osei'])
  })
})

describe('search and filters', () => {
  it('searches first, last and preferred names, case-insensitively, word by word', async () => {
    expect(await names(u.clinA, { q: 'hart' })).toEqual(['Hart'])
    expect(await names(u.clinA, { q: 'AMELIA' })).toEqual(['Hart'])
    expect(await names(u.clinA, { q: 'ben' })).toEqual(['Osei'])
    expect(await names(u.clinA, { q: 'Hart, Amelia' })).toEqual(['Hart'])
    expect(await names(u.clinA, { q: 'amelia osei' })).toEqual([])
    expect(await names(u.clinA, { q: 'gabe' })).toEqual([]) // discharged, hidden by default
    expect(await names(u.clinA, { q: 'gabe', status: 'all' })).toEqual(['Moreau'])
  })

  it('treats LIKE wildcards in a search as plain characters', async () => {
    expect(await names(u.clinA, { q: '%' })).toEqual([])
    expect(await names(u.clinA, { q: '_' })).toEqual([])
    expect(await names(u.clinA, { q: "' OR 1=1 --" })).toEqual([])
  })

  it('filters on each condition alone', async () => {
    expect(await names(u.clinA, { risk: true })).toEqual(['Hart', 'Osei'])
    expect(await names(u.clinA, { overdue: true })).toEqual(['Nakamura', 'Osei'])
    expect(await names(u.clinA, { deteriorated: true })).toEqual(['Lindqvist', 'Nakamura', 'Osei'])
    expect(await names(u.clinA, { instrument: 'core10' })).toEqual(['Fairweather', 'Lindqvist'])
    expect(await names(u.clinA, { instrument: 'phq9' })).toEqual(['Fairweather', 'Hart', 'Lindqvist', 'Osei'])
    expect(await names(u.clinA, { instrument: 'ecr-rs' })).toEqual(['Hart'])
    expect(await names(u.clinA, { status: 'discharged' })).toEqual(['Moreau'])
    expect((await list(u.clinA, { status: 'all' })).total).toBe(7)
  })

  it('the deteriorated filter agrees with changeCategory on every row', async () => {
    const all = (await list(u.admin1, { status: 'all' })).rows
    const deteriorated = (await list(u.admin1, { status: 'all', deteriorated: true })).rows.map((r) => r.id).sort()
    expect(deteriorated).toEqual(
      all
        .filter((r) => r.change?.category === 'deteriorated')
        .map((r) => r.id)
        .sort(),
    )
  })

  it('combines filters, search and sorting', async () => {
    expect(await names(u.clinA, { risk: true, deteriorated: true })).toEqual(['Osei'])
    expect(await names(u.clinA, { overdue: true, instrument: 'gad7' })).toEqual(['Nakamura', 'Osei'])
    expect(await names(u.clinA, { overdue: true, instrument: 'core10' })).toEqual([])
    expect(await names(u.clinA, { deteriorated: true, q: 'nak' })).toEqual(['Nakamura'])
    expect(await names(u.clinA, { deteriorated: true, sort: 'phq9', dir: 'desc' })).toEqual(['Osei', 'Lindqvist', 'Nakamura'])
    // Osei's change comes from PHQ-9, but a GAD-7 sort still reads his GAD-7 score.
    expect(await names(u.clinA, { deteriorated: true, sort: 'gad7', dir: 'desc' })).toEqual(['Nakamura', 'Osei', 'Lindqvist'])
    expect(await names(u.clinA, { deteriorated: true, sort: 'change', dir: 'asc' })).toEqual(['Lindqvist', 'Nakamura', 'Osei'])
    expect(await names(u.admin1, { risk: true, sort: 'flags', dir: 'desc' })).toEqual(['Whitlock', 'Hart', 'Osei'])
    expect(await names(u.admin1, { risk: true, clinician: users.clinA.id, overdue: true })).toEqual(['Osei'])
  })
})

describe('pagination', () => {
  it('pages through the filtered, sorted list with the total on every page', async () => {
    const p1 = await list(u.clinA, { pageSize: 4 })
    expect(p1.rows.map((r) => r.lastName)).toEqual(['Fairweather', 'Haddad', 'Hart', 'Lindqvist'])
    expect([p1.total, p1.page, p1.pageSize]).toEqual([6, 1, 4])
    const p2 = await list(u.clinA, { pageSize: 4, page: 2 })
    expect(p2.rows.map((r) => r.lastName)).toEqual(['Nakamura', 'Osei'])
    expect(p2.total).toBe(6)
    const p3 = await list(u.admin1, { pageSize: 2, page: 2, sort: 'phq9', dir: 'desc' })
    expect(p3.rows.map((r) => r.lastName)).toEqual(['Osei', 'Hart'])
  })

  it('an out-of-range page is empty but keeps the total', async () => {
    const page = await list(u.clinA, { pageSize: 4, page: 3 })
    expect(page.rows).toEqual([])
    expect(page.total).toBe(6)
    const far = await list(u.clinA, { page: 100_000 })
    expect(far.rows).toEqual([])
    expect(far.total).toBe(6)
    const none = await list(u.clinA, { q: 'nobody' })
    expect([none.rows.length, none.total]).toEqual([0, 0])
  })
})

describe('display', () => {
  it('writes scores with their band, dates in the practice zone and relative hints', async () => {
    const today = (await list(u.clinA)).today
    const hart = toCaseloadView(await rowOf(u.clinA, 'hart'), { timeZone: 'Europe/London', today })
    expect(hart).toMatchObject({ name: 'Hart, Amelia', href: `/clients/${client('hart').id}`, flags: 1, discharged: false })
    expect(hart.scores.phq9).toEqual({ colour: getInstrument('phq9').colour, name: 'PHQ-9', value: '9', band: 'mild', date: '1 Mar 2026' })
    expect(hart.change).toEqual({ category: 'recovered', detail: 'PHQ-9 18 → 9' })
    expect(hart.quadrant).toEqual({ text: 'secure region', detail: 'ECR-RS · 5 Mar 2026' })
    expect(hart.lastCheckIn).toEqual({ date: '5 Mar 2026', hint: '10 days ago' })
    expect(hart.nextDue).toEqual({ date: '18 Mar 2026', hint: 'in 3 days', late: false })
    const osei = toCaseloadView(await rowOf(u.clinA, 'osei'), { timeZone: 'Europe/London', today })
    expect(osei.nextDue).toEqual({ date: '10 Mar 2026', hint: '5 days overdue', late: true })
    const core10 = toCaseloadView(await rowOf(u.clinA, 'fairweather'), { timeZone: 'Europe/London', today }).scores.core10
    expect([core10?.name, core10?.value, core10?.band]).toEqual(['CORE-10', '10.6', 'low'])
    expect([agoHint(0), agoHint(1), agoHint(20), agoHint(95)]).toEqual(['today', 'yesterday', '2 weeks ago', '3 months ago'])
    expect([dueHint(-1), dueHint(0), dueHint(1), dueHint(6)]).toEqual(['1 day overdue', 'due today', 'tomorrow', 'in 6 days'])
  })
})

describe('audit', () => {
  it('records each list view with counts, never the search text', async () => {
    await list(u.clinB, { q: 'Whitlock', risk: true })
    const event = await db.auditEvent.findFirstOrThrow({ where: { actorId: users.clinB.id, action: 'CLIENT_LIST' }, orderBy: { id: 'desc' } })
    expect(event.practiceId).toBe(users.clinB.practiceId)
    expect(event.details).toMatchObject({ count: 1, total: 1, scope: 'own', search: true })
    expect(JSON.stringify(event.details)).not.toMatch(/whitlock/i)
  })
})

describe('parseCaseloadQuery', () => {
  it('defaults for an empty URL', () => {
    expect(parseCaseloadQuery({})).toEqual(DEFAULT_CASELOAD_QUERY)
    expect(parseCaseloadQuery(new URLSearchParams(''))).toEqual(DEFAULT_CASELOAD_QUERY)
  })

  it('reads every parameter', () => {
    const id = '3f2b8c1e-1111-4aaa-8bbb-0123456789ab'
    const parsed = parseCaseloadQuery(
      new URLSearchParams(
        `q=%20%20Hart%20%20&sort=gad7&dir=asc&risk=1&overdue=true&deteriorated=on&instrument=ecr-r&clinician=${id.toUpperCase()}&status=all&page=3&pageSize=50&scope=all`,
      ),
    )
    expect(parsed).toEqual({
      q: 'Hart',
      sort: 'gad7',
      dir: 'asc',
      risk: true,
      overdue: true,
      deteriorated: true,
      instrument: 'ecr-r',
      clinician: id,
      status: 'all',
      page: 3,
      pageSize: 50,
      scope: 'all',
    })
  })

  it('falls back to defaults for garbage, never throwing', () => {
    const parsed = parseCaseloadQuery({
      q: ['first', 'second'],
      sort: 'lastName; DROP TABLE "Client"',
      dir: 'sideways',
      risk: 'maybe',
      overdue: '0',
      instrument: 'beck',
      clinician: "1' OR '1'='1",
      status: 'archived',
      page: '-2',
      pageSize: 'lots',
      scope: 'everything',
    })
    expect(parsed).toEqual({ ...DEFAULT_CASELOAD_QUERY, q: 'first' })
    expect(parseCaseloadQuery({ page: '1.5', pageSize: '0' })).toMatchObject({ page: 1, pageSize: 25 })
    expect(parseCaseloadQuery({ pageSize: '500' }).pageSize).toBe(100)
    expect(parseCaseloadQuery({ page: '99999999999' }).page).toBe(100_000)
  })

  it('a sort without a direction takes its natural one', () => {
    expect(parseCaseloadQuery({ sort: 'flags' }).dir).toBe('desc')
    expect(parseCaseloadQuery({ sort: 'clinician' }).dir).toBe('asc')
    expect(parseCaseloadQuery({ sort: 'nonsense', dir: 'desc' })).toMatchObject({ sort: 'name', dir: 'desc' })
  })

  it('trims and caps the search at 100 characters, dropping control characters', () => {
    expect(parseCaseloadQuery({ q: 'x'.repeat(250) }).q).toHaveLength(100)
    expect(parseCaseloadQuery({ q: ' a\u0000b\n  c ' }).q).toBe('a b c')
  })

  it('round-trips through caseloadHref, leaving defaults out', () => {
    expect(caseloadHref(DEFAULT_CASELOAD_QUERY)).toBe('/clients')
    const query = parseCaseloadQuery({ q: 'ha rt', sort: 'phq9', risk: '1', page: '2', scope: 'all' })
    const href = caseloadHref(query)
    expect(href).toBe('/clients?scope=all&q=ha+rt&risk=1&sort=phq9&page=2')
    expect(parseCaseloadQuery(new URLSearchParams(href.split('?')[1]))).toEqual(query)
    expect(caseloadHref(query, { sort: 'name', dir: 'desc', page: 1 })).toBe('/clients?scope=all&q=ha+rt&risk=1&dir=desc')
  })

  it('garbage parameters reach the database as defaults without an error', async () => {
    const query = parseCaseloadQuery({ sort: 'x', dir: 'y', page: 'z', pageSize: '-1', instrument: "phq9'", clinician: 'nope' })
    const page = await listCaseload(u.clinA, query, { now: NOW })
    expect(page.rows.map((r) => r.lastName)).toEqual(['Fairweather', 'Haddad', 'Hart', 'Lindqvist', 'Nakamura', 'Osei'])
  })
})
