// Accounts. The password hash never leaves this file.
import 'server-only'
import { db } from './client'
import { verifyPassword } from '@/lib/auth/password'
import type { Actor } from '@/lib/auth/actor'
import { NotFoundError } from './errors'
import type { ClinicianOption, PracticeInfo } from '@/lib/accounts/types'

export interface SignInUser {
  id: string
  practiceId: string
}

/** Returns the user only for the right password on an active account; null otherwise. */
export async function verifyCredentials(email: string, password: string): Promise<SignInUser | null> {
  const user = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, practiceId: true, passwordHash: true, status: true },
  })
  // Always run one argon2 verification so timing does not reveal whether the email exists.
  const ok = await verifyPassword(user?.passwordHash ?? null, password)
  if (!user || !ok || user.status !== 'ACTIVE') return null
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } })
  return { id: user.id, practiceId: user.practiceId }
}

/** Active clinicians of the actor's practice (for "primary clinician" choices). */
export async function listPracticeClinicians(actor: Actor): Promise<ClinicianOption[]> {
  return db.user.findMany({
    where: { practiceId: actor.practiceId, status: 'ACTIVE', roles: { has: 'CLINICIAN' } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  })
}

export async function getPractice(actor: Actor): Promise<PracticeInfo> {
  const p = await db.practice.findUnique({
    where: { id: actor.practiceId },
    select: { id: true, name: true, timeZone: true, idleTimeoutMinutes: true },
  })
  if (!p) throw new NotFoundError('Practice')
  return p
}
