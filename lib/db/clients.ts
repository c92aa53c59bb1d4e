// Clients, always read and written through the actor's scope: a clinician reaches only their own
// caseload, an admin the whole practice. Anything else answers exactly like a missing record.
import { db } from './client'
import type { Prisma } from './generated/client'
import type { Actor } from '@/lib/auth/actor'
import { isAdmin } from '@/lib/auth/actor'
import type { ClientInput } from '@/lib/validation/client'
import { NotFoundError } from './errors'

export function clientScope(actor: Actor): Prisma.ClientWhereInput {
  return isAdmin(actor)
    ? { practiceId: actor.practiceId }
    : { practiceId: actor.practiceId, primaryClinicianId: actor.userId }
}

const listSelect = {
  id: true,
  firstName: true,
  lastName: true,
  preferredName: true,
  status: true,
  createdAt: true,
  primaryClinician: { select: { id: true, name: true } },
} satisfies Prisma.ClientSelect

export interface ListClientsOptions {
  /** Only the actor's own caseload even when they may see the whole practice. */
  mine?: boolean
  status?: 'ACTIVE' | 'DISCHARGED'
}

export async function listClients(actor: Actor, opts: ListClientsOptions = {}) {
  const where: Prisma.ClientWhereInput = {
    ...clientScope(actor),
    ...(opts.mine ? { primaryClinicianId: actor.userId } : {}),
    ...(opts.status ? { status: opts.status } : {}),
  }
  return db.client.findMany({
    where,
    orderBy: [{ status: 'asc' }, { lastName: 'asc' }, { firstName: 'asc' }],
    select: listSelect,
  })
}

const detailSelect = {
  ...listSelect,
  email: true,
  phone: true,
  dateOfBirth: true,
  episodeStart: true,
  updatedAt: true,
} satisfies Prisma.ClientSelect

export type ClientDetail = Prisma.ClientGetPayload<{ select: typeof detailSelect }>

export async function getClient(actor: Actor, clientId: string): Promise<ClientDetail> {
  if (!/^[0-9a-f-]{36}$/i.test(clientId)) throw new NotFoundError('Client')
  const client = await db.client.findFirst({ where: { id: clientId, ...clientScope(actor) }, select: detailSelect })
  if (!client) throw new NotFoundError('Client')
  return client
}

/**
 * The primary clinician a write may use: a clinician adds to their own caseload; an admin picks an
 * active clinician of the same practice (checked here, never trusted from the form).
 */
async function resolvePrimaryClinician(actor: Actor, requested: string | undefined): Promise<string> {
  if (!isAdmin(actor) || !requested) {
    if (!actor.roles.includes('CLINICIAN')) throw new NotFoundError('Clinician')
    return actor.userId
  }
  const c = await db.user.findFirst({
    where: { id: requested, practiceId: actor.practiceId, status: 'ACTIVE', roles: { has: 'CLINICIAN' } },
    select: { id: true },
  })
  if (!c) throw new NotFoundError('Clinician')
  return c.id
}

export async function createClient(actor: Actor, input: ClientInput): Promise<{ id: string }> {
  const primaryClinicianId = await resolvePrimaryClinician(actor, input.primaryClinicianId)
  return db.client.create({
    data: {
      practiceId: actor.practiceId,
      primaryClinicianId,
      firstName: input.firstName,
      lastName: input.lastName,
      preferredName: input.preferredName ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      dateOfBirth: input.dateOfBirth,
      episodeStart: input.episodeStart ?? new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z'),
      status: input.status ?? 'ACTIVE',
    },
    select: { id: true },
  })
}

export async function updateClient(actor: Actor, clientId: string, input: ClientInput): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(clientId)) throw new NotFoundError('Client')
  // Only an admin may move a client to another clinician (and only within the practice).
  const primaryClinicianId =
    isAdmin(actor) && input.primaryClinicianId ? await resolvePrimaryClinician(actor, input.primaryClinicianId) : undefined
  // Scope in the same statement as the write: no "check, then write unscoped".
  const r = await db.client.updateMany({
    where: { id: clientId, ...clientScope(actor) },
    data: {
      firstName: input.firstName,
      lastName: input.lastName,
      preferredName: input.preferredName ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      dateOfBirth: input.dateOfBirth,
      ...(input.episodeStart ? { episodeStart: input.episodeStart } : {}),
      ...(input.status ? { status: input.status } : {}),
      ...(primaryClinicianId ? { primaryClinicianId } : {}),
    },
  })
  if (r.count !== 1) throw new NotFoundError('Client')
}
