import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../lib/db/client'
import { createClient, getClient, listClients, updateClient } from '../../lib/db/clients'
import { NotFoundError } from '../../lib/db/errors'
import { clientInput, type ClientInput } from '../../lib/validation/client'
import { actorFor, createWorld } from '../fixtures/factory'

type World = Awaited<ReturnType<typeof createWorld>>
let w: World

// Counted within this file's practices: on PostgreSQL every test file shares one database.
const inWorld = () => ({ practiceId: { in: [w.p1.id, w.p2.id] } })

const input = (overrides: Record<string, string> = {}): ClientInput =>
  clientInput.parse({ firstName: 'Rowan', lastName: 'Avery', dateOfBirth: '1992-02-29', email: 'Rowan@Example.com', ...overrides })

beforeAll(async () => {
  w = await createWorld()
})

describe('client scope', () => {
  it('a clinician lists only the clients whose primary clinician they are', async () => {
    const ids = (await listClients(actorFor(w.clinA))).map((c) => c.id)
    expect(ids).toEqual([w.clientA.id])
  })

  it('an admin lists every client of their practice and none of another practice', async () => {
    const ids = (await listClients(actorFor(w.admin1))).map((c) => c.id).sort()
    expect(ids).toEqual([w.clientA.id, w.clientB.id].sort())
  })

  it("another clinician's client answers exactly like a missing one", async () => {
    const other = await getClient(actorFor(w.clinA), w.clientB.id).catch((e: unknown) => e)
    const missing = await getClient(actorFor(w.clinA), '00000000-0000-4000-8000-000000000000').catch((e: unknown) => e)
    const malformed = await getClient(actorFor(w.clinA), 'not-a-uuid').catch((e: unknown) => e)
    for (const e of [other, missing, malformed]) {
      expect(e).toBeInstanceOf(NotFoundError)
      expect((e as Error).message).toBe('Client not found')
    }
  })

  it("another practice's admin cannot read or change a client", async () => {
    await expect(getClient(actorFor(w.admin2), w.clientA.id)).rejects.toBeInstanceOf(NotFoundError)
    await expect(updateClient(actorFor(w.admin2), w.clientA.id, input())).rejects.toBeInstanceOf(NotFoundError)
    const row = await db.client.findUniqueOrThrow({ where: { id: w.clientA.id } })
    expect(row.firstName).toBe('Test')
  })

  it("a clinician's update of another clinician's client changes nothing", async () => {
    const before = await db.client.findUniqueOrThrow({ where: { id: w.clientB.id } })
    await expect(updateClient(actorFor(w.clinA), w.clientB.id, input())).rejects.toBeInstanceOf(NotFoundError)
    const after = await db.client.findUniqueOrThrow({ where: { id: w.clientB.id } })
    expect(after).toEqual(before)
  })
})

describe('adding and editing clients', () => {
  it('a clinician adds a client to their own caseload, whatever clinician the form names', async () => {
    const { id } = await createClient(actorFor(w.clinA), input({ primaryClinicianId: w.clinB.id }))
    const row = await db.client.findUniqueOrThrow({ where: { id } })
    expect(row.primaryClinicianId).toBe(w.clinA.id)
    expect(row.practiceId).toBe(w.p1.id)
    expect(row.email).toBe('rowan@example.com')
    expect(row.status).toBe('ACTIVE')
  })

  it("an admin cannot put a client on another practice's clinician; nothing is written", async () => {
    const before = await db.client.count({ where: inWorld() })
    await expect(createClient(actorFor(w.admin1), input({ primaryClinicianId: w.clinP2.id }))).rejects.toBeInstanceOf(NotFoundError)
    expect(await db.client.count({ where: inWorld() })).toBe(before)
  })

  it('an admin can move a client to another clinician of the practice', async () => {
    const { id } = await createClient(actorFor(w.admin1), input({ primaryClinicianId: w.clinB.id }))
    await updateClient(actorFor(w.admin1), id, input({ primaryClinicianId: w.clinA.id, status: 'DISCHARGED' }))
    const row = await db.client.findUniqueOrThrow({ where: { id } })
    expect(row.primaryClinicianId).toBe(w.clinA.id)
    expect(row.status).toBe('DISCHARGED')
  })

  it('a clinician edits their own client, but cannot hand them to someone else', async () => {
    const { id } = await createClient(actorFor(w.clinA), input())
    await updateClient(actorFor(w.clinA), id, input({ preferredName: 'Ro', primaryClinicianId: w.clinB.id }))
    const row = await db.client.findUniqueOrThrow({ where: { id } })
    expect(row.preferredName).toBe('Ro')
    expect(row.primaryClinicianId).toBe(w.clinA.id)
  })
})
