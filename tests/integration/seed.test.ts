import { describe, expect, it } from 'vitest'
import { db } from '../../lib/db/client'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_PRACTICE_ID, seedDemo } from '../../lib/db/seed-demo'
import { verifyCredentials } from '../../lib/db/users'

describe('demo seed', () => {
  it('creates one practice, an admin, two clinicians and 12 clients; running again changes nothing', async () => {
    expect(await seedDemo()).toEqual({ created: true })
    const snapshot = async () => ({
      users: await db.user.findMany({ where: { practiceId: DEMO_PRACTICE_ID }, orderBy: { email: 'asc' } }),
      clients: await db.client.findMany({ where: { practiceId: DEMO_PRACTICE_ID }, orderBy: { lastName: 'asc' } }),
    })
    const first = await snapshot()
    expect(first.users).toHaveLength(3)
    expect(first.clients).toHaveLength(12)
    const perClinician = new Set(first.clients.map((c) => c.primaryClinicianId))
    expect(perClinician.size).toBe(2)
    expect(await seedDemo()).toEqual({ created: false })
    expect(await snapshot()).toEqual(first)
    expect(await verifyCredentials(DEMO_ACCOUNTS.clinician.email, DEMO_PASSWORD)).not.toBeNull()
  })
})
