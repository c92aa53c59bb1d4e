import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../lib/db/client'
import { NotFoundError } from '../../lib/db/errors'
import { exportClientScores, getClientSeries, startNewEpisode } from '../../lib/db/series'
import { ANSWERED_BY_CLIENT, getResponseDetail } from '../../lib/db/series-detail'
import { changeCategory, getInstrument, type InstrumentId } from '../../lib/assessments'
import { responseColumns, scoreInstrumentAnswers } from '../../lib/assessments/checkin-answers'
import { SCORES_CSV_HEADER } from '../../lib/assessments/csv'
import { startOfDayInTimeZone, todayInTimeZone } from '../../lib/scheduling/recurrence'
import type { Prisma } from '../../lib/db/generated/client'
import { actorFor, createWorld } from '../fixtures/factory'

type World = Awaited<ReturnType<typeof createWorld>>
let w: World

const DAY = 86_400_000
const START = new Date('2024-03-04T00:00:00Z') // a Monday
const WEEKS = 104
const NOW = new Date('2026-03-01T12:00:00Z')
const TZ = 'Europe/London'
const EPISODE = '2025-01-06'
const RISK_WEEK = 90

/** Raw answers whose sum is `total`, item by item; the risk item only when asked. */
function symptomAnswers(id: 'phq9' | 'gad7', total: number, riskValue = 0): number[] {
  const def = getInstrument(id)
  const values = def.items.map(() => 0)
  let left = total - riskValue
  for (let i = 0; i < values.length && left > 0; i++) {
    if (def.items[i]!.risk) continue
    values[i] = Math.min(3, left)
    left -= values[i]!
  }
  const riskIdx = def.items.findIndex((it) => it.risk)
  if (riskIdx >= 0) values[riskIdx] = riskValue
  return values
}

function ecrRsAnswers(anxiety: number, avoidance: number): number[] {
  return getInstrument('ecr-rs').items.map((item) => {
    const v = item.scoreKey === 'anxiety' ? anxiety : avoidance
    return item.reverse ? 8 - v : v
  })
}

const phqTotal = (week: number) => Math.max(0, Math.round(20 - week * 0.15 + ((week * 7) % 5) - 2))
const gadTotal = (week: number) => Math.max(0, Math.min(21, Math.round(15 - week * 0.1 + ((week * 3) % 4) - 1)))

/** Two years of weekly PHQ-9 + GAD-7 and four-weekly ECR-RS, written with createMany. */
async function seedHistory(practiceId: string, clientId: string, clinicianId: string) {
  const ids = { phq9: randomUUID(), gad7: randomUUID(), 'ecr-rs': randomUUID() }
  await db.assignment.createMany({
    data: (['phq9', 'gad7', 'ecr-rs'] as const).map((instrumentId) => ({
      id: ids[instrumentId],
      practiceId,
      clientId,
      instrumentId,
      recurrence: 'WEEKLY' as const,
      startDate: START,
      createdById: clinicianId,
      relationshipTarget: instrumentId === 'ecr-rs' ? 'your romantic partner' : null,
    })),
  })
  const checkIns: Prisma.CheckInCreateManyInput[] = []
  const items: Prisma.CheckInItemCreateManyInput[] = []
  const responses: Prisma.ResponseCreateManyInput[] = []
  for (let week = 0; week < WEEKS; week++) {
    const due = new Date(START.getTime() + week * 7 * DAY)
    const submittedAt = new Date(due.getTime() + 19 * 3_600_000)
    const checkInId = randomUUID()
    checkIns.push({
      id: checkInId,
      practiceId,
      clientId,
      dueDate: due,
      status: 'COMPLETED',
      expiresAt: new Date(due.getTime() + 4 * DAY),
      completedAt: submittedAt,
    })
    const parts: [InstrumentId, number[], string | null][] = [
      ['phq9', symptomAnswers('phq9', phqTotal(week), week === RISK_WEEK ? 1 : 0), null],
      ['gad7', symptomAnswers('gad7', gadTotal(week)), null],
    ]
    if (week % 4 === 0) parts.push(['ecr-rs', ecrRsAnswers(6 - Math.floor(week / 26), 5 - Math.floor(week / 35)), 'your romantic partner'])
    parts.forEach(([instrumentId, answers, target], position) => {
      const itemId = randomUUID()
      const scored = scoreInstrumentAnswers(instrumentId, answers)
      items.push({
        id: itemId,
        checkInId,
        assignmentId: ids[instrumentId as keyof typeof ids],
        occurrenceDate: due,
        instrumentId,
        relationshipTarget: target,
        position,
      })
      responses.push({
        practiceId,
        clientId,
        checkInId,
        checkInItemId: itemId,
        relationshipTarget: target,
        ...responseColumns(scored),
        submittedAt,
      })
    })
  }
  await db.checkIn.createMany({ data: checkIns })
  await db.checkInItem.createMany({ data: items })
  await db.response.createMany({ data: responses })
  return responses.length
}

async function allResponses(clientId: string, instrumentId: string) {
  return db.response.findMany({ where: { clientId, instrumentId }, orderBy: { submittedAt: 'asc' } })
}

beforeAll(async () => {
  w = await createWorld()
  await db.client.update({ where: { id: w.clientA.id }, data: { episodeStart: new Date(`${EPISODE}T00:00:00Z`) } })
  const n = await seedHistory(w.p1.id, w.clientA.id, w.clinA.id)
  expect(n).toBe(WEEKS * 2 + WEEKS / 4)
})

describe('getClientSeries', () => {
  it('keeps points within the range and the baseline from the whole episode', async () => {
    const s = await getClientSeries(actorFor(w.clinA), w.clientA.id, '3m', NOW)
    const rangeFrom = startOfDayInTimeZone('2025-12-01', TZ)
    expect(s).toMatchObject({ range: '3m', timeZone: TZ, episodeStart: EPISODE, rangeFrom: rangeFrom.toISOString() })
    expect(s.instruments.map((i) => i.instrumentId)).toEqual(['phq9', 'gad7', 'ecr-rs'])

    const phqRows = await allResponses(w.clientA.id, 'phq9')
    const phq = s.instruments[0]!
    const expected = phqRows.filter((r) => r.submittedAt >= rangeFrom)
    expect(phq.points.map((p) => p.responseId)).toEqual(expected.map((r) => r.id))
    const baseline = phqRows.find((r) => r.submittedAt >= startOfDayInTimeZone(EPISODE, TZ))!
    expect(phq.baseline).toMatchObject({ responseId: baseline.id, date: baseline.submittedAt.toISOString() })
    expect(Date.parse(phq.baseline!.date)).toBeLessThan(rangeFrom.getTime())
    expect(phq.latest?.responseId).toBe(phqRows[phqRows.length - 1]!.id)
  })

  it('gives every point the change category changeCategory gives against the baseline', async () => {
    const s = await getClientSeries(actorFor(w.clinA), w.clientA.id, 'all', NOW)
    const episodeFrom = startOfDayInTimeZone(EPISODE, TZ)
    for (const series of s.instruments) {
      const base = series.baseline!
      expect(series.points).toHaveLength((await allResponses(w.clientA.id, series.instrumentId)).length)
      for (const p of series.points) {
        const inEpisode = Date.parse(p.date) >= episodeFrom.getTime()
        expect(p.inEpisode).toBe(inEpisode)
        for (const key of series.scoreKeys) {
          const want = !inEpisode || p.isBaseline ? null : changeCategory(series.instrumentId, base.scores[key]!, p.scores[key]!, key)
          expect(p.categories[key]).toBe(want)
        }
      }
    }
    const categories = new Set(s.instruments[0]!.points.map((p) => p.categories.total))
    expect(categories.has('improved') || categories.has('recovered')).toBe(true)
  })

  it('marks risk and builds the attachment path in time order', async () => {
    const s = await getClientSeries(actorFor(w.clinA), w.clientA.id, '12m', NOW)
    expect(s.instruments[0]!.points.filter((p) => p.risk)).toHaveLength(1)
    const path = s.attachmentPath
    expect(path.length).toBeGreaterThan(10)
    expect(path.every((p) => p.instrumentId === 'ecr-rs' && p.relationshipTarget === 'your romantic partner')).toBe(true)
    expect([...path].sort((a, b) => a.date.localeCompare(b.date))).toEqual(path)
    expect(path[0]!.anxiety).toBeGreaterThan(path[path.length - 1]!.anxiety)
  })

  it('answers in well under 250 ms (p95) for two years of weekly history', async () => {
    const times: number[] = []
    for (let i = 0; i < 20; i++) {
      const t = performance.now()
      await getClientSeries(actorFor(w.clinA), w.clientA.id, i % 2 ? 'all' : '6m', NOW)
      times.push(performance.now() - t)
    }
    times.sort((a, b) => a - b)
    expect(times[Math.ceil(times.length * 0.95) - 1]).toBeLessThan(250)
  })

  it('lets an admin of the practice read it', async () => {
    const s = await getClientSeries(actorFor(w.admin1), w.clientA.id, '3m', NOW)
    expect(s.instruments.length).toBe(3)
  })

  it('is empty for a client without answers', async () => {
    const s = await getClientSeries(actorFor(w.clinB), w.clientB.id, 'all', NOW)
    expect(s.instruments).toEqual([])
    expect(s.attachmentPath).toEqual([])
  })
})

describe('getResponseDetail', () => {
  it('returns the verbatim item texts, answers and risk items', async () => {
    const rows = await allResponses(w.clientA.id, 'phq9')
    const risky = rows.find((r) => r.flags.includes('risk'))!
    const d = await getResponseDetail(actorFor(w.clinA), w.clientA.id, risky.id)
    const def = getInstrument('phq9')
    expect(d).toMatchObject({ responseId: risky.id, abbreviation: 'PHQ-9', answeredBy: ANSWERED_BY_CLIENT, risk: true, timeZone: TZ })
    expect(d.answeredBy).toBe('the client (check-in link)')
    expect(d.submittedAt).toBe(risky.submittedAt.toISOString())
    expect(d.items.map((i) => i.text)).toEqual(def.items.map((i) => i.text))
    expect(d.items.map((i) => i.value)).toEqual(risky.answers)
    expect(d.items.filter((i) => i.risk).map((i) => i.number)).toEqual([9])
    expect(d.items[8]).toMatchObject({ value: 1, label: 'Several days', risk: true })
    const audit = await db.auditEvent.findFirst({ where: { action: 'RESPONSE_VIEW', targetId: risky.id } })
    expect(audit).toMatchObject({ actorId: w.clinA.id, clientId: w.clientA.id, targetType: 'Response', outcome: 'SUCCESS' })
  })
})

describe('scope: another clinician or practice gets "not found" and changes nothing', () => {
  it.each(['clinB', 'admin2', 'clinP2'] as const)('%s', async (who) => {
    const actor = actorFor(w[who])
    const response = (await allResponses(w.clientA.id, 'phq9'))[0]!
    const before = await db.client.findUniqueOrThrow({ where: { id: w.clientA.id } })
    await expect(getClientSeries(actor, w.clientA.id, 'all', NOW)).rejects.toBeInstanceOf(NotFoundError)
    await expect(getResponseDetail(actor, w.clientA.id, response.id)).rejects.toBeInstanceOf(NotFoundError)
    await expect(startNewEpisode(actor, w.clientA.id)).rejects.toBeInstanceOf(NotFoundError)
    await expect(exportClientScores(actor, w.clientA.id)).rejects.toBeInstanceOf(NotFoundError)
    expect(await db.client.findUniqueOrThrow({ where: { id: w.clientA.id } })).toEqual(before)
    // Refusals are recorded (as AUTHZ_DENIED); nothing is recorded as done.
    const events = await db.auditEvent.findMany({ where: { actorId: w[who].id, targetId: w.clientA.id } })
    expect(events.map((e) => [e.action, (e.details as { attempted?: string }).attempted]).sort()).toEqual(
      [
        ['AUTHZ_DENIED', 'CLIENT_EPISODE_START'],
        ['AUTHZ_DENIED', 'EXPORT_CSV'],
        ['AUTHZ_DENIED', 'RESPONSE_VIEW'],
        ['AUTHZ_DENIED', 'SCORES_VIEW'],
      ].sort(),
    )
  })

  it('a response is reached only through its own client', async () => {
    const response = (await allResponses(w.clientA.id, 'phq9'))[0]!
    await expect(getResponseDetail(actorFor(w.clinB), w.clientB.id, response.id)).rejects.toBeInstanceOf(NotFoundError)
    await expect(getResponseDetail(actorFor(w.admin1), w.clientB.id, response.id)).rejects.toBeInstanceOf(NotFoundError)
    await expect(getResponseDetail(actorFor(w.clinA), w.clientA.id, 'nope')).rejects.toBeInstanceOf(NotFoundError)
    await expect(getClientSeries(actorFor(w.clinA), 'not-a-uuid', 'all')).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('exportClientScores', () => {
  it('writes one row per response per score with the versions and today in the practice time zone', async () => {
    const { csv, filename } = await exportClientScores(actorFor(w.clinA), w.clientA.id, { now: NOW })
    expect(filename).toBe(`scores-${w.clientA.id}-2026-03-01.csv`)
    const lines = csv.trimEnd().split('\r\n')
    expect(lines[0]).toBe(SCORES_CSV_HEADER.join(','))
    expect(lines).toHaveLength(1 + WEEKS * 2 + (WEEKS / 4) * 2)
    const first = (await allResponses(w.clientA.id, 'phq9'))[0]!
    expect(lines.find((l) => l.startsWith(first.id))).toBe(
      `${first.id},${first.submittedAt.toISOString()},phq9,phq9/2001@1,phq9-scoring@1,total,${phqTotal(0)},${first.band},,,`,
    )
    expect(lines.filter((l) => l.includes(',ecr-rs,') && l.includes(',avoidance,'))).toHaveLength(WEEKS / 4)
    expect(lines.some((l) => l.endsWith(',improved,') || l.endsWith(',recovered,'))).toBe(true)
    const audit = await db.auditEvent.findFirst({ where: { action: 'EXPORT_CSV', clientId: w.clientA.id } })
    expect(audit).toMatchObject({
      actorId: w.clinA.id,
      targetType: 'Client',
      targetId: w.clientA.id,
      details: { export: 'scores', responses: WEEKS * 2 + WEEKS / 4 },
    })
  })
})

describe('startNewEpisode', () => {
  it('moves the baseline to the first answer of the new episode; history stays', async () => {
    const actor = actorFor(w.clinA)
    await startNewEpisode(actor, w.clientA.id, '2025-10-06')
    const s = await getClientSeries(actor, w.clientA.id, 'all', NOW)
    const phqRows = await allResponses(w.clientA.id, 'phq9')
    const first = phqRows.find((r) => r.submittedAt >= startOfDayInTimeZone('2025-10-06', TZ))!
    expect(s.episodeStart).toBe('2025-10-06')
    expect(s.instruments[0]!.baseline?.responseId).toBe(first.id)
    expect(s.instruments[0]!.points).toHaveLength(WEEKS)
    expect(s.instruments[0]!.points.filter((p) => p.inEpisode).length).toBeLessThan(WEEKS / 2)
    const audit = await db.auditEvent.findFirst({ where: { action: 'CLIENT_EPISODE_START', clientId: w.clientA.id, actorId: w.clinA.id } })
    expect(audit?.details).toEqual({ episodeStart: '2025-10-06' })
  })

  it('defaults to today in the practice time zone and refuses a future date', async () => {
    const actor = actorFor(w.admin1)
    const { episodeStart } = await startNewEpisode(actor, w.clientA.id)
    expect(episodeStart).toBe(todayInTimeZone(new Date(), TZ))
    const row = await db.client.findUniqueOrThrow({ where: { id: w.clientA.id } })
    expect(row.episodeStart.toISOString().slice(0, 10)).toBe(episodeStart)
    await expect(startNewEpisode(actor, w.clientA.id, '2999-01-01')).rejects.toBeInstanceOf(RangeError)
    const s = await getClientSeries(actor, w.clientA.id, 'all', NOW)
    expect(s.instruments.every((i) => i.baseline === null)).toBe(true)
    expect(await db.response.count({ where: { clientId: w.clientA.id } })).toBe(WEEKS * 2 + WEEKS / 4)
  })
})
