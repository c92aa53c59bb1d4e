import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../lib/db/client'
import { NotFoundError } from '../../lib/db/errors'
import { exportClientFhir } from '../../lib/db/fhir-client'
import { exportPracticeFhir } from '../../lib/db/fhir-practice'
import { actorFor, createClientRow, createWorld } from '../fixtures/factory'
import { seedGoal, seedResponses, type SeedAnswer } from '../fixtures/fhir-seed'
import { bundleProblems, schemaErrors, structuralProblems } from '../fixtures/fhir-check'

type World = Awaited<ReturnType<typeof createWorld>>
let w: World
const NOW = new Date('2026-03-01T12:00:00Z')

const ECR_R = [6, 5, 6, 5, 4, 6, 5, 5, 2, 5, 3, 4, 4, 3, 5, 4, 5, 3, 2, 6, 3, 5, 2, 2, 2, 6, 5, 6, 6, 5, 6, 2, 5, 5, 6, 6]
const RECORD: SeedAnswer[] = [
  ['phq9', [0, 0, 0, 1, 2, 1, 3, 2, 1], 0],
  ['gad7', [3, 3, 2, 3, 2, 3, 2], 0],
  ['core10', [3, 1, 1, 2, null, 0, 3, 2, 3, 1], 1], // pro-rated: 22.2
  ['core10', [3, 1, null, 2, null, 0, 3, 2, 3, 1], 8], // two missing: not scored; its answers are exported, no score
  ['ecr-r', ECR_R, 2],
  ['ecr-rs', [2, 3, 2, 3, 5, 6, 6, 5, 6], 3],
  ['phq9', [0, 0, 1, 1, 1, 0, 0, 0, 0], 7],
]

/** One resource per NDJSON line. */
const parseLines = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as { resourceType: string; id: string })

const patientIds = (resources: { resourceType: string; id: string }[]) =>
  resources
    .filter((r) => r.resourceType === 'Patient')
    .map((r) => r.id)
    .sort()

async function lines(admin = w.admin1, page?: { clients: number; responses: number }) {
  const { filename, lines } = await exportPracticeFhir(actorFor(admin), { now: NOW, ...(page ? { page } : {}) })
  let text = ''
  for await (const chunk of lines) text += chunk
  return { filename, text, resources: parseLines(text) }
}

beforeAll(async () => {
  w = await createWorld()
  const goals = [
    await seedGoal(w.p1.id, w.clientA.id, w.clinA.id, 'Ask for what I need, directly', 'ACTIVE'),
    await seedGoal(w.p1.id, w.clientA.id, w.clinA.id, 'Stay steady when feelings run high', 'ACHIEVED'),
  ]
  await seedResponses(w.p1.id, w.clientA.id, w.clinA.id, [...RECORD, ['goal-progress', [4, 7], 7, goals]])
  await seedResponses(w.p1.id, w.clientB.id, w.clinB.id, [['gad7', [0, 0, 1, 1, 0, 1, 0], 2]])
  await seedResponses(w.p2.id, w.clientP2.id, w.clinP2.id, [['phq9', [3, 3, 3, 3, 3, 3, 3, 3, 3], 2]])
  await seedGoal(w.p2.id, w.clientP2.id, w.clinP2.id, 'Let safe people see me', 'PAUSED')
})

describe('exportClientFhir', () => {
  it("builds the client's Bundle: valid R4, every reference resolving, recorded once", async () => {
    const { filename, bundle } = await exportClientFhir(actorFor(w.clinA), w.clientA.id, { now: NOW })
    expect(filename).toBe(`fhir-${w.clientA.id}-2026-03-01.json`)
    expect(bundleProblems(bundle)).toEqual([])
    const count = (t: string) => bundle.entry.filter((e) => e.resource.resourceType === t).length
    // 7 standard responses and a goal-progress one; scores: PHQ-9 ×2, GAD-7 and the scored CORE-10
    // one each, ECR-R and ECR-RS two each, one per rated goal; the unscored CORE-10 none.
    expect([count('Patient'), count('Questionnaire'), count('QuestionnaireResponse'), count('Observation'), count('Goal')]).toEqual([1, 6, 8, 10, 2])
    const unscored = bundle.entry.map((e) => e.resource).find((r) => r.resourceType === 'QuestionnaireResponse' && r.item.length === 8)
    expect(unscored).toMatchObject({ status: 'completed', questionnaire: 'https://securebase.app/fhir/Questionnaire/core10|core10/2013@1' })
    const events = await db.auditEvent.findMany({ where: { action: 'EXPORT_FHIR', clientId: w.clientA.id } })
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({
      actorId: w.clinA.id,
      targetType: 'Client',
      targetId: w.clientA.id,
      outcome: 'SUCCESS',
      details: { export: 'fhir', responses: 8, goals: 2, resources: 27 },
    })
  })

  it("is open to the practice's admin", async () => {
    const { bundle } = await exportClientFhir(actorFor(w.admin1), w.clientA.id, { now: NOW })
    expect(bundle.entry[0]!.resource).toMatchObject({ resourceType: 'Patient', id: w.clientA.id })
  })

  it.each(['clinB', 'admin2', 'clinP2'] as const)("%s gets 'not found' and an AUTHZ_DENIED event, like the CSV export", async (who) => {
    await expect(exportClientFhir(actorFor(w[who]), w.clientA.id)).rejects.toBeInstanceOf(NotFoundError)
    const events = await db.auditEvent.findMany({ where: { actorId: w[who].id, targetId: w.clientA.id } })
    expect(events.map((e) => [e.action, e.outcome, (e.details as { attempted?: string }).attempted])).toEqual([['AUTHZ_DENIED', 'DENIED', 'EXPORT_FHIR']])
  })

  it("a missing or malformed id is 'not found' and records nothing", async () => {
    // Counted for this actor only: on PostgreSQL the test files share one database, two at a time,
    // so a count of every event also sees the other file's.
    const mine = () => db.auditEvent.count({ where: { actorId: w.clinA.id } })
    const before = await mine()
    await expect(exportClientFhir(actorFor(w.clinA), crypto.randomUUID())).rejects.toBeInstanceOf(NotFoundError)
    await expect(exportClientFhir(actorFor(w.clinA), 'nope')).rejects.toBeInstanceOf(NotFoundError)
    expect(await mine()).toBe(before)
  })
})

describe('exportPracticeFhir', () => {
  it("streams every resource of the practice, one valid resource per line, and only that practice's", async () => {
    const { filename, text, resources } = await lines()
    expect(filename).toBe('fhir-practice-2026-03-01.ndjson')
    for (const r of resources) expect(schemaErrors(r), `${r.resourceType}/${r.id}`).toEqual([])
    expect(structuralProblems(resources)).toEqual([])
    const own = await db.client.findMany({ where: { practiceId: w.p1.id }, select: { id: true } })
    expect(patientIds(resources)).toEqual(own.map((c) => c.id).sort())
    expect(text).not.toContain(w.clientP2.id)
    expect(resources.filter((r) => r.resourceType === 'QuestionnaireResponse')).toHaveLength(9)
    const event = await db.auditEvent.findFirst({ where: { action: 'EXPORT_FHIR_BULK', actorId: w.admin1.id }, orderBy: { id: 'desc' } })
    expect(event).toMatchObject({
      practiceId: w.p1.id,
      targetType: 'Practice',
      targetId: w.p1.id,
      outcome: 'SUCCESS',
      details: { clients: own.length, responses: 9, questionnaires: 6 },
    })
  })

  it('reads in keyset pages: tiny pages give exactly the same lines (goals follow their page of patients)', async () => {
    await createClientRow(w.p1.id, w.clinA.id) // a client with nothing recorded yet still has a Patient
    const sorted = (text: string) => text.trimEnd().split('\n').sort()
    const whole = sorted((await lines()).text)
    const paged = sorted((await lines(w.admin1, { clients: 1, responses: 2 })).text)
    expect(paged).toEqual(whole)
    expect(whole.filter((l) => l.includes('"resourceType":"Patient"'))).toHaveLength(3)
  })

  it('is cut where it starts: a client added, answering and given a goal while the file streams is not in it, so no line refers to a missing Patient', async () => {
    const { lines: stream } = await exportPracticeFhir(actorFor(w.admin1), { now: NOW, page: { clients: 1, responses: 2 } })
    const first = await stream.next() // the questionnaires; every later page is read after the new rows exist
    const late = await createClientRow(w.p1.id, w.clinA.id)
    await seedResponses(w.p1.id, late.id, w.clinA.id, [['phq9', [1, 1, 1, 1, 1, 1, 1, 1, 1], 0]], Date.now())
    await seedGoal(w.p1.id, late.id, w.clinA.id, 'Notice the pull to withdraw', 'ACTIVE')
    let text = first.done ? '' : first.value
    for await (const chunk of stream) text += chunk
    const resources = parseLines(text)
    expect(text).not.toContain(late.id)
    expect(structuralProblems(resources)).toEqual([])
    expect(resources.filter((r) => r.resourceType === 'QuestionnaireResponse')).toHaveLength(9)
  })

  it("the other practice's admin sees only their own", async () => {
    const { resources } = await lines(w.admin2)
    const own = await db.client.findMany({ where: { practiceId: w.p2.id }, select: { id: true } })
    expect(patientIds(resources)).toEqual(own.map((c) => c.id).sort())
    expect(resources.filter((r) => r.resourceType === 'Goal')).toHaveLength(1)
    expect(structuralProblems(resources)).toEqual([])
  })

  it("a clinician gets 'not found' and an AUTHZ_DENIED event", async () => {
    await expect(exportPracticeFhir(actorFor(w.clinA))).rejects.toBeInstanceOf(NotFoundError)
    const event = await db.auditEvent.findFirst({ where: { actorId: w.clinA.id, action: 'AUTHZ_DENIED' }, orderBy: { id: 'desc' } })
    expect(event).toMatchObject({ outcome: 'DENIED', targetType: 'Practice', details: { attempted: 'EXPORT_FHIR_BULK' } })
  })
})
