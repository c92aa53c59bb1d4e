import { describe, expect, it } from 'vitest'
import { db } from '../../lib/db/client'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_PRACTICE_ID, seedDemo } from '../../prisma/seed/demo'
import { verifyCredentials } from '../../lib/db/users'
import { listNeedsAttention } from '../../lib/db/attention'
import { actorFor } from '../fixtures/factory'
import { itemAt } from '../fixtures/item-at'

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

describe('demo history', () => {
  it('gives months of scored check-ins with improving, flat and deteriorating clients and both kinds of risk flag', async () => {
    // seedDemo ran in the test above (same file, same database); running it again is a no-op.
    await seedDemo()
    const responses = await db.response.count({ where: { practiceId: DEMO_PRACTICE_ID } })
    expect(responses).toBeGreaterThan(500)
    const flags = await db.riskFlag.findMany({ where: { practiceId: DEMO_PRACTICE_ID }, select: { status: true, resolutionNote: true } })
    expect(flags.filter((f) => f.status === 'RESOLVED')).toHaveLength(1)
    expect(flags.filter((f) => f.status === 'RESOLVED')[0]?.resolutionNote).toBeTruthy()
    expect(flags.filter((f) => f.status === 'OPEN')).toHaveLength(1)

    const phq = async (lastName: string) => {
      const rows = await db.response.findMany({
        where: { instrumentId: 'phq9', client: { lastName, practiceId: DEMO_PRACTICE_ID } },
        orderBy: { submittedAt: 'asc' },
        select: { scores: true, submittedAt: true },
      })
      const total = (i: number) => (rows.at(i)!.scores as { total: number }).total
      const span = (rows.at(-1)!.submittedAt.getTime() - itemAt(rows, 0).submittedAt.getTime()) / 86_400_000
      return { first: total(0), last: total(-1), count: rows.length, span }
    }
    const improving = await phq('Hart')
    expect(improving.first - improving.last).toBeGreaterThanOrEqual(6)
    expect(improving.span).toBeGreaterThan(180) // 6-12 months of history
    const deteriorating = await phq('Fairweather')
    expect(deteriorating.last - deteriorating.first).toBeGreaterThanOrEqual(6)
    const flat = await phq('Nakamura')
    expect(Math.abs(flat.last - flat.first)).toBeLessThan(6)
    // Every stored score is what lib/assessments gives for the stored answers.
    const sample = await db.response.findMany({
      where: { practiceId: DEMO_PRACTICE_ID },
      take: 50,
      select: { instrumentId: true, answers: true, scores: true },
    })
    const { scoreResponse } = await import('../../lib/assessments')
    for (const r of sample) expect(scoreResponse(r.instrumentId as 'phq9', r.answers as number[]).scores).toEqual(r.scores)
  })

  it("keeps every check-in's questionnaires on it, as its items say (what the outcomes count)", async () => {
    await seedDemo()
    const checkIns = await db.checkIn.findMany({
      where: { practiceId: DEMO_PRACTICE_ID },
      select: { itemInstrumentIds: true, items: { orderBy: { position: 'asc' }, select: { instrumentId: true } } },
    })
    expect(checkIns.filter((k) => k.items.length > 1).length).toBeGreaterThan(0) // bundles are covered too
    for (const k of checkIns) expect(k.itemInstrumentIds).toEqual(k.items.map((i) => i.instrumentId))
  })
})

describe("demo clinician's 'Needs attention'", () => {
  it('has a demo client in each of the four categories (the e2e test relies on them)', async () => {
    await seedDemo()
    const user = await db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.clinician.email } })
    const list = await listNeedsAttention(actorFor(user))
    const names = (s: { items: { lastName: string }[] }) => s.items.map((i) => i.lastName)
    expect(names(list.risk)).toEqual(['Haddad'])
    expect(names(list.deteriorated)).toContain('Fairweather')
    expect(names(list.overdue)).toContain('Nakamura')
    expect(list.completed.total).toBeGreaterThanOrEqual(3)
  })
})
