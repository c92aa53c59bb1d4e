// Clients, always read and written through the actor's scope: a clinician reaches only their own
// caseload, an admin the whole practice. Anything else answers exactly like a missing record.
import 'server-only'
import { db } from './client'
import { TX_OPTIONS } from './tx'
import type { Prisma } from './generated/client'
import type { Actor } from '@/lib/auth/actor'
import { isAdmin, isClinician } from '@/lib/auth/actor'
import type { ClientInput } from '@/lib/validation/client'
import type { ClientDetail, ClientSummary } from '@/lib/clients/types'
import { NotFoundError } from './errors'
import { actorFields, recordAudit } from '@/lib/audit/record'
import { recordDenied } from '@/lib/audit/denied'
import { clientScope, ownClientScope } from './scope'
import { isUuid } from '@/lib/validation/uuid'
import { toDateColumn, todayInTimeZone } from '@/lib/scheduling/recurrence'

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

export async function listClients(actor: Actor, opts: ListClientsOptions = {}): Promise<ClientSummary[]> {
  const where: Prisma.ClientWhereInput = {
    ...(opts.mine ? ownClientScope(actor) : clientScope(actor)),
    ...(opts.status ? { status: opts.status } : {}),
  }
  const rows = await db.client.findMany({
    where,
    orderBy: [{ status: 'asc' }, { lastName: 'asc' }, { firstName: 'asc' }],
    select: listSelect,
  })
  // Recorded before the list is returned (fail closed); the count, not the ids.
  await recordAudit({
    ...actorFields(actor),
    action: 'CLIENT_LIST',
    targetType: 'Client',
    details: { count: rows.length, mine: Boolean(opts.mine), status: opts.status ?? null },
  })
  return rows
}

const detailSelect = {
  ...listSelect,
  email: true,
  phone: true,
  dateOfBirth: true,
  episodeStart: true,
  updatedAt: true,
} satisfies Prisma.ClientSelect

export async function getClient(actor: Actor, clientId: string): Promise<ClientDetail> {
  if (!isUuid(clientId)) throw new NotFoundError('Client')
  const client = await db.client.findFirst({ where: { id: clientId, ...clientScope(actor) }, select: detailSelect })
  if (!client) {
    await recordDenied(actor, { action: 'CLIENT_VIEW', targetType: 'Client', targetId: clientId })
    throw new NotFoundError('Client')
  }
  await recordAudit({ ...actorFields(actor), action: 'CLIENT_VIEW', targetType: 'Client', targetId: client.id, clientId: client.id })
  return client
}

/**
 * The primary clinician a write may use: a clinician adds to their own caseload; an admin picks an
 * active clinician of the same practice (checked here, never trusted from the form).
 */
async function resolvePrimaryClinician(actor: Actor, requested: string | undefined): Promise<string> {
  if (!isAdmin(actor) || !requested) {
    if (!isClinician(actor)) throw new NotFoundError('Clinician')
    return actor.userId
  }
  const c = await db.user.findFirst({
    where: { id: requested, practiceId: actor.practiceId, status: 'ACTIVE', roles: { has: 'CLINICIAN' } },
    select: { id: true },
  })
  if (!c) throw new NotFoundError('Clinician')
  return c.id
}

async function practiceTimeZone(tx: Prisma.TransactionClient, practiceId: string): Promise<string> {
  return (await tx.practice.findUniqueOrThrow({ where: { id: practiceId }, select: { timeZone: true } })).timeZone
}

export async function createClient(actor: Actor, input: ClientInput): Promise<{ id: string }> {
  const primaryClinicianId = await resolvePrimaryClinician(actor, input.primaryClinicianId)
  return db.$transaction(async (tx) => {
    // No start given: the episode starts on the practice's today, not UTC's.
    const episodeStart = input.episodeStart ?? toDateColumn(todayInTimeZone(new Date(), await practiceTimeZone(tx, actor.practiceId)))
    const created = await tx.client.create({
      data: {
        practiceId: actor.practiceId,
        primaryClinicianId,
        firstName: input.firstName,
        lastName: input.lastName,
        preferredName: input.preferredName ?? null,
        email: input.email ?? null,
        phone: input.phone ?? null,
        dateOfBirth: input.dateOfBirth,
        episodeStart,
        status: input.status ?? 'ACTIVE',
      },
      select: { id: true },
    })
    const target = { targetType: 'Client', targetId: created.id, clientId: created.id }
    await recordAudit({ ...actorFields(actor), action: 'CLIENT_CREATE', ...target, details: { primaryClinicianId } }, tx)
    return created
  }, TX_OPTIONS)
}

/** Every column an edit may write, read back first so the audit names the fields that changed. */
const editableSelect = {
  firstName: true,
  lastName: true,
  preferredName: true,
  email: true,
  phone: true,
  dateOfBirth: true,
  episodeStart: true,
  status: true,
  primaryClinicianId: true,
} satisfies Prisma.ClientSelect
type EditableField = keyof typeof editableSelect

const sameValue = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b)

export async function updateClient(actor: Actor, clientId: string, input: ClientInput): Promise<void> {
  if (!isUuid(clientId)) throw new NotFoundError('Client')
  // Only an admin may move a client to another clinician (and only within the practice).
  const primaryClinicianId = isAdmin(actor) && input.primaryClinicianId ? await resolvePrimaryClinician(actor, input.primaryClinicianId) : undefined
  const data = {
    firstName: input.firstName,
    lastName: input.lastName,
    preferredName: input.preferredName ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    dateOfBirth: input.dateOfBirth,
    ...(input.episodeStart ? { episodeStart: input.episodeStart } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(primaryClinicianId ? { primaryClinicianId } : {}),
  } satisfies Prisma.ClientUncheckedUpdateManyInput
  const where = { id: clientId, ...clientScope(actor) }
  const updated = await db.$transaction(async (tx) => {
    const before = await tx.client.findFirst({ where, select: editableSelect })
    if (!before) return false
    // Scope in the same statement as the write: no "check, then write unscoped".
    const r = await tx.client.updateMany({ where, data })
    if (r.count !== 1) return false
    // Field names only: the values are the client's details and stay out of the trail.
    const values = data as Partial<Record<EditableField, unknown>>
    const changed = (Object.keys(values) as EditableField[]).filter((k) => !sameValue(before[k], values[k]))
    await recordAudit({ ...actorFields(actor), action: 'CLIENT_UPDATE', targetType: 'Client', targetId: clientId, clientId, details: { changed } }, tx)
    return true
  }, TX_OPTIONS)
  if (!updated) {
    await recordDenied(actor, { action: 'CLIENT_UPDATE', targetType: 'Client', targetId: clientId })
    throw new NotFoundError('Client')
  }
}
