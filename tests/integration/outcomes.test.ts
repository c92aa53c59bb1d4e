// Practice outcomes against a small practice whose answers were worked out by hand (comments).
// Runs on the embedded database by default and on PostgreSQL with DATABASE_URL=postgres://…
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../lib/db/client'
import { auditOutcomes, computeOutcomes, viewOutcomes } from '../../lib/db/outcomes'
import { outcomesCells, chartData } from '../../lib/outcomes/view'
import { outcomesCsv } from '../../lib/outcomes/csv'
import { hiddenCells } from '../../lib/outcomes/suppression'
import type { OutcomesGroup, OutcomesQuery } from '../../lib/outcomes/types'
import type { Actor } from '../../lib/auth/actor'
import { actorFor, createPractice, createUser } from '../fixtures/factory'

const TZ = { timeZone: 'Europe/London' }
const DAY = 86_400_000
const dateCol = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`)
// The period: February to June 2026. Baselines in January (or 2025) lie before it, which is allowed.
const Q: OutcomesQuery = { from: '2026-02-01', to: '2026-06-30', instrument: null, clinician: null, episodeFrom: null, episodeTo: null }

type User = Awaited<ReturnType<typeof createUser>>
type ClientRow = Awaited<ReturnType<typeof db.client.create>>

let n = 0
async function addClient(clinician: User, episodeStart: string): Promise<ClientRow> {
  n += 1
  return db.client.create({
    data: {
      practiceId: clinician.practiceId,
      primaryClinicianId: clinician.id,
      firstName: 'Outcome',
      lastName: `Person${n}`,
      dateOfBirth: dateCol('1990-01-01'),
      episodeStart: dateCol(episodeStart),
    },
  })
}

type CheckInStatus = 'COMPLETED' | 'EXPIRED' | 'CANCELLED' | 'OPEN'

/** A check-in due on `day` with one item of `instrumentId`; answered (with a response) when COMPLETED and scores are given. */
async function checkIn(
  c: ClientRow,
  instrumentId: string,
  day: string,
  status: CheckInStatus,
  answer?: { scores: Record<string, number>; quadrant?: string; target?: string },
) {
  const base = { practiceId: c.practiceId, clientId: c.id }
  const at = new Date(`${day}T12:00:00Z`)
  const assignment = await db.assignment.create({
    data: { ...base, instrumentId, recurrence: 'ONCE', startDate: dateCol(day), status: 'ENDED', createdById: c.primaryClinicianId },
  })
  const k = await db.checkIn.create({
    data: { ...base, dueDate: dateCol(day), status, expiresAt: new Date(at.getTime() + 4 * DAY), completedAt: status === 'COMPLETED' ? at : null },
  })
  const item = await db.checkInItem.create({
    data: { checkInId: k.id, assignmentId: assignment.id, occurrenceDate: dateCol(day), instrumentId, position: 0, relationshipTarget: answer?.target ?? null },
  })
  if (status !== 'COMPLETED' || !answer) return
  await db.response.create({
    data: {
      ...base,
      checkInId: k.id,
      checkInItemId: item.id,
      instrumentId,
      instrumentVersion: 'test@1',
      scoringVersion: 'test@1',
      relationshipTarget: answer.target ?? null,
      answers: [],
      complete: true,
      scores: answer.scores,
      quadrant: answer.quadrant ?? null,
      flags: [],
      submittedAt: at,
    },
  })
}

const phq = (c: ClientRow, day: string, total: number) => checkIn(c, 'phq9', day, 'COMPLETED', { scores: { total } })
const ecr = (c: ClientRow, day: string, anxiety: number, avoidance: number, quadrant: string, target = 'your romantic partner') =>
  checkIn(c, 'ecr-rs', day, 'COMPLETED', { scores: { anxiety, avoidance }, quadrant, target })

let admin: Actor, adminP2: Actor, clinA: Actor, clinB: Actor
let clinAId: string, clinBId: string

beforeAll(async () => {
  const p1 = await createPractice()
  const p2 = await createPractice()
  const a = await createUser(p1.id, ['CLINICIAN'], { name: 'Alex Clinician' })
  const b = await createUser(p1.id, ['CLINICIAN'], { name: 'Bo Clinician' })
  admin = actorFor(await createUser(p1.id, ['ADMIN']))
  adminP2 = actorFor(await createUser(p2.id, ['ADMIN']))
  ;[clinA, clinB, clinAId, clinBId] = [actorFor(a), actorFor(b), a.id, b.id]

  // clinA: seven PHQ-9 clients, episode from 1 Jan 2026 (baseline → later; drop = better by):
  //   a1 16 → 10  drop 6: improved (exactly the threshold), not recovered (10 is not < 10)
  //   a2 15 →  9  drop 6: recovered          a3 12 → 7  drop 5: no reliable change (crossed, not reliable)
  //   a4 10 →  4  drop 6: recovered (baseline exactly at the cutoff counts as caseness)
  //   a5  8 → 14  rise 6: deteriorated       a6 20 → 15 drop 5: no reliable change
  //   a7  9 →  3  drop 6: improved, not at caseness at baseline so not recovered
  // improved 4 (a1 a2 a4 a7), recovered 2, no change 2, deteriorated 1, caseness 5 (a1-a4, a6)
  // changes -6 -6 -6 -6 -5 -5 +6 → median -6.
  const as: ClientRow[] = []
  for (const [base, later] of [
    [16, 10],
    [15, 9],
    [12, 7],
    [10, 4],
    [8, 14],
    [20, 15],
    [9, 3],
  ] as const) {
    const c = await addClient(a, '2026-01-01')
    as.push(c)
    await phq(c, '2026-01-05', base)
    await phq(c, '2026-03-01', later)
  }
  const [a1, a2, a3, a4, a5] = as as [ClientRow, ClientRow, ClientRow, ClientRow, ClientRow]
  // Ignored by definition: a score before the episode (not the baseline), after the period (not the later one).
  await phq(a1, '2025-12-01', 27)
  await phq(a1, '2026-02-10', 12)
  await phq(a1, '2026-07-15', 0)
  // a8: baseline and later score both in January, before the period: not counted in Feb-Jun.
  const a8 = await addClient(a, '2026-01-01')
  await phq(a8, '2026-01-05', 14)
  await phq(a8, '2026-01-20', 5)
  // a9: a baseline only.
  await phq(await addClient(a, '2026-01-01'), '2026-03-01', 18)
  // ECR-RS on a1-a5 (the stored quadrant is what lib/assessments computed; 4.00 counts as low):
  //   a1 5.00/5.50 fearful → 3.67/3.50 secure    anx -1.33 avo -2.00
  //   a2 3.00/3.00 secure  → 3.33/2.50 secure    anx +0.33 avo -0.50
  //   a3 4.67/2.00 anxious → 4.00/2.00 secure    anx -0.67 avo  0
  //   a4 2.00/5.00 avoidant→ 2.00/4.50 avoidant  anx  0    avo -0.50
  //   a5 6.00/6.00 fearful → 5.00/6.50 fearful   anx -1.00 avo +0.50
  const ecrA: [ClientRow, number, number, string, number, number, string][] = [
    [a1, 5, 5.5, 'fearful', 3.67, 3.5, 'secure'],
    [a2, 3, 3, 'secure', 3.33, 2.5, 'secure'],
    [a3, 4.67, 2, 'anxious', 4, 2, 'secure'],
    [a4, 2, 5, 'avoidant', 2, 4.5, 'avoidant'],
    [a5, 6, 6, 'fearful', 5, 6.5, 'fearful'],
  ]
  for (const [c, ba, bv, bq, la, lv, lq] of ecrA) {
    await ecr(c, '2026-01-06', ba, bv, bq)
    await ecr(c, '2026-04-01', la, lv, lq)
  }
  // A later answer about another relationship is not compared with a1's partner baseline.
  await ecr(a1, '2026-05-01', 7, 7, 'fearful', 'your mother')
  // clinB: five clients, episode from 1 Sep 2025: PHQ-9 20 → 5 (recovered, -15); ECR-RS fearful
  // 5/5 → secure 3/3 (-2/-2). Check-ins in the period: 5 PHQ-9 answered, plus b1 and b2 one EXPIRED
  // each; ignored: a CANCELLED and an OPEN one, and an EXPIRED one due before the period.
  // PHQ-9 sent 7, answered 5 → 71%; answered per client 5/5 = 1.
  for (let i = 0; i < 5; i++) {
    const c = await addClient(b, '2025-09-01')
    await phq(c, '2025-10-01', 20)
    await phq(c, '2026-03-02', 5)
    await ecr(c, '2025-10-01', 5, 5, 'fearful')
    await ecr(c, '2026-03-02', 3, 3, 'secure')
    if (i < 2) await checkIn(c, 'phq9', '2026-04-01', 'EXPIRED')
    if (i === 2) {
      await checkIn(c, 'phq9', '2026-04-01', 'CANCELLED')
      await checkIn(c, 'phq9', '2026-06-29', 'OPEN')
      await checkIn(c, 'phq9', '2026-01-10', 'EXPIRED')
    }
  }
  // GAD-7 for three of clinA's clients (10 → 4, 12 → 5, 9 → 9): a group below five.
  for (const [c, x, y] of [
    [a1, 10, 4],
    [a2, 12, 5],
    [a3, 9, 9],
  ] as const) {
    await checkIn(c, 'gad7', '2026-01-05', 'COMPLETED', { scores: { total: x } })
    await checkIn(c, 'gad7', '2026-03-01', 'COMPLETED', { scores: { total: y } })
  }
  // The other practice: one client who must never count in practice 1.
  const p2c = await createUser(p2.id, ['CLINICIAN'])
  const other = await addClient(p2c, '2026-01-01')
  await phq(other, '2026-01-05', 25)
  await phq(other, '2026-03-01', 2)
})

const find = (groups: OutcomesGroup[], instrument: string, clinicianId: string | null = null) =>
  groups.find((g) => g.instrumentId === instrument && g.clinicianId === clinicianId)

describe('practice outcomes', () => {
  it('counts reliable change, recovery and the median per clinician, at the threshold boundaries', async () => {
    const r = await computeOutcomes(admin, Q, TZ)
    expect(r.scope).toBe('practice')
    expect(find(r.groups, 'phq9', clinAId)).toMatchObject({
      clients: 7,
      improved: 4,
      recovered: 2,
      noChange: 2,
      deteriorated: 1,
      caseness: 5,
      medianChange: -6,
    })
    expect(find(r.groups, 'phq9', clinBId)).toMatchObject({ clients: 5, improved: 5, recovered: 5, noChange: 0, deteriorated: 0, medianChange: -15 })
    // Practice: 12 clients; changes -15×5, -6×4, -5×2, +6 → median (-6 + -6) / 2; the other practice's client never counts.
    expect(find(r.groups, 'phq9')).toMatchObject({ clients: 12, improved: 9, recovered: 7, noChange: 2, deteriorated: 1, caseness: 10, medianChange: -6 })
  })

  it('gives attachment movement per dimension, the secure share and compares ECR-RS within one relationship', async () => {
    const r = await computeOutcomes(admin, { ...Q, instrument: 'ecr-rs' }, TZ)
    expect(r.groups.every((g) => g.instrumentId === 'ecr-rs')).toBe(true)
    // clinA: anx -1.33 +0.33 -0.67 0 -1 → median -0.67; avo -2 -0.5 0 -0.5 +0.5 → median -0.5.
    const a = find(r.groups, 'ecr-rs', clinAId)
    expect(a).toMatchObject({ clients: 5, secureAtBaseline: 1, secureAtLatest: 3, improved: null, recovered: null })
    expect(a?.medianAnxietyChange).toBeCloseTo(-0.67, 6)
    expect(a?.medianAvoidanceChange).toBeCloseTo(-0.5, 6)
    // Practice (10): anx sorted -2×5, -1.33, … → (-2 + -1.33) / 2 = -1.665; avo -2×6, … → -2. Secure 1 → 8.
    const all = find(r.groups, 'ecr-rs')
    expect(all).toMatchObject({ clients: 10, secureAtBaseline: 1, secureAtLatest: 8 })
    expect(all?.medianAnxietyChange).toBeCloseTo(-1.665, 6)
    expect(all?.medianAvoidanceChange).toBeCloseTo(-2, 6)
    expect(chartData(r).secure).toEqual([{ instrument: 'ECR-RS', baseline: null, latest: 80 }])
  })

  it('computes the completion rate of check-ins sent in the period', async () => {
    const r = await computeOutcomes(clinB, { ...Q, instrument: 'phq9' }, TZ)
    expect(r.groups).toHaveLength(1)
    expect(r.groups[0]).toMatchObject({ sent: 7, completed: 5, sentClients: 5, meanAnswered: 1 })
    expect(outcomesCells(r.groups[0]!, 'Your caseload').completion).toBe('71% (5 of 7)')
    // clinA's PHQ-9 check-ins due in the period: a1 10 Feb and a1-a7 and a9 on 1 Mar → 9 sent, all answered, 8 clients.
    const a = await computeOutcomes(clinA, { ...Q, instrument: 'phq9' }, TZ)
    expect(a.groups[0]).toMatchObject({ sent: 9, completed: 9, sentClients: 8 })
  })

  it('scopes a clinician to their own caseload, whatever clinician they ask for', async () => {
    const own = await computeOutcomes(clinB, { ...Q, clinician: clinAId }, TZ)
    expect(own.scope).toBe('own')
    expect(own.query.clinician).toBeNull()
    expect(own.groups.every((g) => g.clinicianId === null)).toBe(true)
    expect(find(own.groups, 'phq9')).toMatchObject({ clients: 5, recovered: 5 })
    expect(find(own.groups, 'gad7')).toMatchObject({ clients: 0, sent: 0 })
    // An admin may narrow to one clinician; another practice's admin finds nothing of practice 1.
    expect(find((await computeOutcomes(admin, { ...Q, clinician: clinAId }, TZ)).groups, 'phq9')).toMatchObject({ clients: 7 })
    const p2 = await computeOutcomes(adminP2, { ...Q, clinician: clinAId }, TZ)
    expect(p2.groups.every((g) => g.clients === 0 && g.sent === 0)).toBe(true)
    expect(find((await computeOutcomes(adminP2, Q, TZ)).groups, 'phq9')).toMatchObject({ clients: 1, recovered: 1 })
  })
  it('applies the period and the episode start filters', async () => {
    // From 1 Jan, a8 (January only) counts too: 14 → 5, recovered.
    expect(find((await computeOutcomes(clinA, { ...Q, from: '2026-01-01', instrument: 'phq9' }, TZ)).groups, 'phq9')).toMatchObject({
      clients: 8,
      recovered: 3,
    })
    // Up to 28 Feb, a1's later score is 12 on 10 Feb (drop 4: no reliable change) and the others have none.
    expect(find((await computeOutcomes(clinA, { ...Q, to: '2026-02-28', instrument: 'phq9' }, TZ)).groups, 'phq9')).toMatchObject({ clients: 1, noChange: 1 })
    const late = await computeOutcomes(admin, { ...Q, episodeFrom: '2025-12-01', instrument: 'phq9' }, TZ)
    expect(find(late.groups, 'phq9')).toMatchObject({ clients: 7, recovered: 2 })
    const early = await computeOutcomes(admin, { ...Q, episodeTo: '2025-12-31', instrument: 'phq9' }, TZ)
    expect(find(early.groups, 'phq9')).toMatchObject({ clients: 5, recovered: 5 })
  })

  it('shows counts and values from 1-4 clients as "< 5", in the table cells and the CSV', async () => {
    const r = await computeOutcomes(admin, Q, TZ)
    const a = outcomesCells(find(r.groups, 'phq9', clinAId)!, 'Whole practice')
    expect(a).toMatchObject({ clinician: 'Alex Clinician', clients: '7', improved: '< 5', recovered: '< 5', noChange: '< 5', deteriorated: '< 5' })
    // 2 of the 5 at caseness: 40% would give the hidden count of 2 away, so the rate is hidden too.
    expect(a.recoveryRate).toBe('< 5')
    expect(outcomesCells(find(r.groups, 'phq9')!, 'Whole practice').recoveryRate).toBe('70%') // 7 of 10
    expect(a.medianChange).toBe('-6')
    const gad = outcomesCells(find(r.groups, 'gad7', clinAId)!, 'Whole practice')
    expect(gad).toMatchObject({ clients: '< 5', medianChange: '< 5', completion: '< 5', recoveryRate: '< 5' })
    expect(outcomesCells(find(r.groups, 'phq9', clinBId)!, 'Whole practice')).toMatchObject({ clients: '5', improved: '5 (100%)', deteriorated: '0' })
    // Across rows: practice 9 improved and 7 recovered minus Bo's 5 and 5 would give Alex's hidden 4 and 2, so
    // Bo's are hidden too, and then Bo's no-change 0 (improved + no change + deteriorated = 5).
    const bo = (id: string) => outcomesCells(find(r.groups, id, clinBId)!, 'Whole practice', hiddenCells(r.groups))
    expect(bo('phq9')).toMatchObject({ clients: '5', improved: 'hidden', recovered: 'hidden', noChange: 'hidden', deteriorated: '0' })
    expect(bo('ecr-rs')).toMatchObject({ secureBaseline: '0', secureLatest: 'hidden' })
    // Charts draw only what the table shows as a number: PHQ-9 9 and 7 of 12 (75%, 58%); GAD-7 (3 clients) not at all.
    expect(chartData(r).change).toEqual([{ instrument: 'PHQ-9', improved: 75, recovered: 58, noChange: null, deteriorated: null }])
    expect(chartData(await computeOutcomes(clinA, Q, TZ)).change).toEqual([])
    const csv = outcomesCsv(r).split('\r\n')
    expect(csv[0]).toMatch(
      /^period_from,period_to,episode_start_from,episode_start_to,instrument,group,clients_with_baseline_and_later_score,reliably_improved/,
    )
    const row = csv.find((l) => l.includes(',PHQ-9,Alex Clinician,'))
    expect(row).toBe('2026-02-01,2026-06-30,,,PHQ-9,Alex Clinician,7,< 5,< 5,< 5,< 5,5,< 5,-6,,,,,1.1,9,9,100')
    expect(csv.find((l) => l.includes(',PHQ-9,Bo Clinician,'))).toBe(
      '2026-02-01,2026-06-30,,,PHQ-9,Bo Clinician,5,hidden,hidden,hidden,0,5,hidden,-15,,,,,1,7,5,71',
    )
    expect(csv.find((l) => l.includes(',GAD-7,Whole practice,'))).toBe(
      '2026-02-01,2026-06-30,,,GAD-7,Whole practice,< 5,< 5,< 5,< 5,0,< 5,< 5,< 5,,,,,< 5,< 5,< 5,< 5',
    )
    expect(outcomesCsv(r)).not.toMatch(/Outcome|Person\d/)
  })

  it('records one audit event per view and per export, with the filter and no client ids', async () => {
    const before = new Date(Date.now() - 1000)
    const r = await viewOutcomes(clinA, { ...Q, instrument: 'phq9' }, TZ)
    await auditOutcomes(clinA, 'OUTCOMES_EXPORT', r)
    const events = await db.auditEvent.findMany({ where: { actorId: clinAId, occurredAt: { gte: before } }, orderBy: { id: 'asc' } })
    expect(events.map((e) => e.action)).toEqual(['OUTCOMES_VIEW', 'OUTCOMES_EXPORT'])
    expect(events[0]).toMatchObject({ practiceId: clinA.practiceId, targetType: 'Outcomes', clientId: null, outcome: 'SUCCESS' })
    expect(events[0]?.details).toMatchObject({ scope: 'own', from: '2026-02-01', to: '2026-06-30', instrument: 'phq9', clinician: null })
  })
})
