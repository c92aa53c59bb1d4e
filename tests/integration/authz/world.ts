// The world the authorization matrix runs in: two practices, their staff and one client record per
// clinician with every kind of child row, built through the real data layer where that is
// convenient (assignments, links, a scored submission, goals, notes) and direct writes otherwise.
//   P1: adminP1, clinA (owns C1), clinB (owns C2), an invited and a deactivated account
//   P2: adminP2, clinP2 (owns C3), an invited account
// Targets that allowed mutating cells change are made fresh per cell (freshBundle, fresh accounts),
// so a cell never depends on what an earlier cell did.
import crypto from 'node:crypto'
import { db } from '@/lib/db/client'
import type { Actor } from '@/lib/auth/actor'
import { issueCheckInLink } from '@/lib/db/checkin-links'
import { submitCheckIn } from '@/lib/db/system/checkin-submit'
import { createGoal } from '@/lib/db/goals'
import { createNoteDraft, signNote } from '@/lib/db/notes'
import { issueUserToken } from '@/lib/db/user-tokens'
import { noteInput } from '@/lib/validation/note'
import { newToken } from '@/lib/crypto/tokens'
import { actorFor, createClientRow, createPractice, createUser } from '../../fixtures/factory'
import { isUuid } from '@/lib/validation/uuid'

export type ActorName = 'anon' | 'adminP1' | 'clinA' | 'clinB' | 'adminP2'
export const ACTORS: readonly ActorName[] = ['anon', 'adminP1', 'clinA', 'clinB', 'adminP2']

/** Text only the note body holds: a read that returns it has read the note. */
export const NOTE_SENTINEL = 'AUTHZ-SENTINEL note body'

/** Every id of one client's record. All values are strings so a "ghost" copy can swap them all. */
export interface Bundle {
  practiceId: string
  ownerId: string
  clientId: string
  /** ACTIVE, once, today: the open check-in's item. */
  assignmentId: string
  /** PAUSED weekly GAD-7. */
  pausedAssignmentId: string
  /** ACTIVE weekly CORE-10 from today that the scheduler has not materialised yet. */
  pendingAssignmentId: string
  openCheckInId: string
  openItemId: string
  /** The live link of the open check-in. */
  token: string
  /** An earlier link of the open check-in, revoked by a re-issue. */
  revokedToken: string
  completedCheckInId: string
  responseId: string
  flagId: string
  goalId: string
  signedNoteId: string
  draftNoteId: string
  draftVersion: string
}

export interface World {
  p1: string
  p2: string
  users: Record<Exclude<ActorName, 'anon'> | 'clinP2' | 'invitedP1' | 'deactivatedP1' | 'invitedP2', string>
  /** Raw invite token of invitedP1 (a live INVITE link). */
  inviteTokenP1: string
  C1: Bundle
  C2: Bundle
  C3: Bundle
}

const today = () => new Date().toISOString().slice(0, 10)
const day = (iso: string) => new Date(`${iso}T00:00:00Z`)
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10)
const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1)

async function actorOf(userId: string): Promise<Actor> {
  return actorFor(await db.user.findUniqueOrThrow({ where: { id: userId } }))
}

export function noteForm(text: string, extra: Record<string, unknown> = {}) {
  return { sessionDate: daysAgo(3), format: 'FREE', body: { text }, goals: [], signs: [], ...extra }
}

/** One client with every child row the matrix reaches, owned by `ownerId`. */
export async function createBundle(practiceId: string, ownerId: string): Promise<Bundle> {
  const owner = await actorOf(ownerId)
  const client = await db.client.update({
    where: { id: (await createClientRow(practiceId, ownerId)).id },
    data: { email: `client-${crypto.randomBytes(4).toString('hex')}@test.local` },
  })
  const clientId = client.id
  const base = { practiceId, clientId, createdById: ownerId }
  const assignment = await db.assignment.create({ data: { ...base, instrumentId: 'phq9', recurrence: 'ONCE', startDate: day(today()) } })
  const paused = await db.assignment.create({ data: { ...base, instrumentId: 'gad7', recurrence: 'WEEKLY', startDate: day(today()), status: 'PAUSED' } })
  const pending = await db.assignment.create({ data: { ...base, instrumentId: 'core10', recurrence: 'WEEKLY', startDate: day(today()) } })

  // The open check-in: a first link, then a re-issue that revokes it.
  const open = await db.checkIn.create({ data: { practiceId, clientId, dueDate: day(today()), expiresAt: new Date(Date.now() + 4 * 86_400_000) } })
  const openItem = await db.checkInItem.create({
    data: { checkInId: open.id, assignmentId: assignment.id, occurrenceDate: day(today()), instrumentId: 'phq9', position: 0 },
  })
  const first = await issueCheckInLink(owner, open.id)
  const live = await issueCheckInLink(owner, open.id, { reason: 'reissue' })

  // A completed check-in: answered through the real submission (PHQ-9 item 9 > 0 raises a flag).
  const earlier = await db.assignment.create({ data: { ...base, instrumentId: 'phq9', recurrence: 'ONCE', startDate: day(daysAgo(1)) } })
  const done = await db.checkIn.create({ data: { practiceId, clientId, dueDate: day(daysAgo(1)), expiresAt: new Date(Date.now() + 3 * 86_400_000) } })
  const doneItem = await db.checkInItem.create({
    data: { checkInId: done.id, assignmentId: earlier.id, occurrenceDate: day(daysAgo(1)), instrumentId: 'phq9', position: 0 },
  })
  const doneLink = await issueCheckInLink(owner, done.id)
  const submitted = await submitCheckIn(tokenOf(doneLink.url), crypto.randomUUID(), { [doneItem.id]: [1, 2, 1, 2, 1, 0, 1, 1, 2] })
  if (submitted.status !== 'submitted') throw new Error(`world: submission failed (${submitted.status})`)
  const response = await db.response.findFirstOrThrow({ where: { checkInId: done.id } })
  const flag = await db.riskFlag.findFirstOrThrow({ where: { responseId: response.id } })

  const goal = await createGoal(owner, clientId, { title: 'Stay steady when feelings run high', status: 'ACTIVE' })
  const signed = await createNoteDraft(
    owner,
    clientId,
    noteInput.parse(noteForm(`${NOTE_SENTINEL} (signed)`, { goals: [{ goalId: goal.id, rating: 6, comment: 'steadier' }] })),
  )
  await signNote(owner, signed.id, signed.version)
  const draft = await createNoteDraft(owner, clientId, noteInput.parse(noteForm(`${NOTE_SENTINEL} (draft)`)))

  return {
    practiceId,
    ownerId,
    clientId,
    assignmentId: assignment.id,
    pausedAssignmentId: paused.id,
    pendingAssignmentId: pending.id,
    openCheckInId: open.id,
    openItemId: openItem.id,
    token: tokenOf(live.url),
    revokedToken: tokenOf(first.url),
    completedCheckInId: done.id,
    responseId: response.id,
    flagId: flag.id,
    goalId: goal.id,
    signedNoteId: signed.id,
    draftNoteId: draft.id,
    draftVersion: String(draft.version),
  }
}

/** A staff link (invite or reset) for a user, as the admin actions issue it; returns the raw token. */
export async function issueStaffToken(userId: string, practiceId: string, kind: 'INVITE' | 'PASSWORD_RESET', createdById: string): Promise<string> {
  const link = await db.$transaction((tx) => issueUserToken(tx, { userId, practiceId, kind, createdById, now: new Date() }))
  return tokenOf(link.url)
}

export async function createInvited(practiceId: string): Promise<string> {
  const u = await createUser(practiceId, ['CLINICIAN'])
  await db.user.update({ where: { id: u.id }, data: { status: 'INVITED', passwordHash: null } })
  return u.id
}

export async function createWorld(): Promise<World> {
  const p1 = (await createPractice({ name: 'Authz Practice One' })).id
  const p2 = (await createPractice({ name: 'Authz Practice Two' })).id
  const user = async (practiceId: string, roles: ('ADMIN' | 'CLINICIAN')[], status?: 'DEACTIVATED') =>
    (await createUser(practiceId, roles, status ? { status } : {})).id
  const users = {
    adminP1: await user(p1, ['ADMIN']),
    clinA: await user(p1, ['CLINICIAN']),
    clinB: await user(p1, ['CLINICIAN']),
    deactivatedP1: await user(p1, ['CLINICIAN'], 'DEACTIVATED'),
    invitedP1: await createInvited(p1),
    adminP2: await user(p2, ['ADMIN']),
    clinP2: await user(p2, ['CLINICIAN']),
    invitedP2: await createInvited(p2),
  }
  const inviteTokenP1 = await issueStaffToken(users.invitedP1, p1, 'INVITE', users.adminP1)
  await issueStaffToken(users.invitedP2, p2, 'INVITE', users.adminP2)
  const C1 = await createBundle(p1, users.clinA)
  const C2 = await createBundle(p1, users.clinB)
  const C3 = await createBundle(p2, users.clinP2)
  return { p1, p2, users, inviteTokenP1, C1, C2, C3 }
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/

/**
 * The same target with every id replaced by a random, non-existent one (and every token by a
 * random token): what "a record that does not exist" looks like to the same call.
 */
export function ghostOf<T extends Record<string, string>>(target: T): T {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(target)) out[k] = isUuid(v) ? crypto.randomUUID() : TOKEN.test(v) ? newToken() : v
  return out as T
}
