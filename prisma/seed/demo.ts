// The demo practice a new user signs in to. Idempotent: it does nothing when the practice exists.
import { db } from '@/lib/db/client'
import { hashPassword } from '@/lib/auth/password'
import { seedClientHistory, type Trajectory } from './demo-history'

export const DEMO_PRACTICE_ID = '0d3e5c1a-7b2f-4c59-9a51-5ecb0a5e0001'
export const DEMO_PASSWORD = 'securebase-demo-2026'
export const DEMO_ACCOUNTS = {
  admin: { email: 'admin@demo.securebase.local', name: 'Morgan Ellis', roles: ['ADMIN'] as const },
  clinician: { email: 'clinician@demo.securebase.local', name: 'Dr Priya Raman', roles: ['CLINICIAN'] as const },
  clinician2: { email: 'sam.okafor@demo.securebase.local', name: 'Sam Okafor', roles: ['CLINICIAN'] as const },
}

// first, last, preferred, date of birth, episode start (months ago), clinician, status, history
type Row = [string, string, string | null, string, number, 'clinician' | 'clinician2', 'ACTIVE' | 'DISCHARGED', Trajectory | null]
const CLIENTS: Row[] = [
  ['Amelia', 'Hart', null, '1991-03-14', 11, 'clinician', 'ACTIVE', 'improving'],
  ['Benjamin', 'Osei', 'Ben', '1986-07-02', 9, 'clinician', 'ACTIVE', 'improving'],
  ['Chloe', 'Nakamura', null, '1998-11-23', 8, 'clinician', 'ACTIVE', 'flat'],
  ['Daniel', 'Fairweather', 'Dan', '1979-01-30', 12, 'clinician', 'ACTIVE', 'deteriorating'],
  ['Esther', 'Lindqvist', null, '1993-05-09', 6, 'clinician', 'ACTIVE', 'risk-resolved'],
  ['Farah', 'Haddad', null, '1988-09-17', 7, 'clinician', 'ACTIVE', 'risk-open'],
  ['Gabriel', 'Moreau', 'Gabe', '1995-12-04', 10, 'clinician', 'DISCHARGED', null],
  ['Hannah', 'Whitlock', null, '1984-02-21', 9, 'clinician2', 'ACTIVE', 'improving'],
  ['Isaac', 'Adeyemi', null, '1990-08-12', 6, 'clinician2', 'ACTIVE', 'flat'],
  ['Jasmine', 'Kowalski', 'Jaz', '2000-04-27', 8, 'clinician2', 'ACTIVE', 'improving'],
  ['Kieran', 'Byrne', null, '1982-10-05', 12, 'clinician2', 'ACTIVE', 'improving'],
  ['Leila', 'Sorensen', null, '1997-06-18', 7, 'clinician2', 'ACTIVE', 'improving'],
]

function monthsAgo(n: number, now: Date): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1))
  return d
}

export async function seedDemo(now = new Date()): Promise<{ created: boolean }> {
  const existing = await db.practice.findUnique({ where: { id: DEMO_PRACTICE_ID }, select: { id: true } })
  if (existing) return { created: false }
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const ids: Record<keyof typeof DEMO_ACCOUNTS, string> = { admin: '', clinician: '', clinician2: '' }
  await db.$transaction(
    async (tx) => {
      await tx.practice.create({ data: { id: DEMO_PRACTICE_ID, name: 'Harbour Lane Therapy', timeZone: 'Europe/London' } })
      for (const [key, a] of Object.entries(DEMO_ACCOUNTS) as [keyof typeof DEMO_ACCOUNTS, (typeof DEMO_ACCOUNTS)['admin']][]) {
        const u = await tx.user.create({
          data: { practiceId: DEMO_PRACTICE_ID, email: a.email, name: a.name, roles: [...a.roles], passwordHash },
          select: { id: true },
        })
        ids[key] = u.id
      }
      const clients = await tx.client.createManyAndReturn({
        select: { id: true, lastName: true, episodeStart: true, primaryClinicianId: true },
        data: CLIENTS.map(([firstName, lastName, preferredName, dob, months, who, status]) => ({
          practiceId: DEMO_PRACTICE_ID,
          primaryClinicianId: ids[who],
          firstName,
          lastName,
          preferredName,
          dateOfBirth: new Date(`${dob}T00:00:00Z`),
          episodeStart: monthsAgo(months, now),
          createdAt: monthsAgo(months, now),
          status,
          email: `${firstName.toLowerCase()}.${lastName.toLowerCase()}@example.com`,
        })),
      })
      for (const [n, row] of CLIENTS.entries()) {
        const trajectory = row[7]
        const c = clients.find((x) => x.lastName === row[1])!
        if (!trajectory) continue
        await seedClientHistory(tx, {
          practiceId: DEMO_PRACTICE_ID,
          clientId: c.id,
          clinicianId: c.primaryClinicianId,
          start: c.episodeStart,
          now,
          trajectory,
          seed: 1000 + n,
          missLastWeek: row[1] === 'Nakamura', // one demo client with an overdue check-in
        })
      }
    },
    { maxWait: 60_000, timeout: 120_000 },
  )
  return { created: true }
}
