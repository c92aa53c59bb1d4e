import type { Role } from '@/lib/db/generated/enums'

/** The signed-in person, as every lib/db function receives it. */
export interface Actor {
  userId: string
  practiceId: string
  roles: Role[]
  name: string
  email: string
  sessionId: string
}

export const isAdmin = (a: Pick<Actor, 'roles'>) => a.roles.includes('ADMIN')
export const isClinician = (a: Pick<Actor, 'roles'>) => a.roles.includes('CLINICIAN')
