// Practice admins managing their practice's accounts: invite, roles, deactivate/reactivate and
// password-reset links. Every statement carries `practiceId: admin.practiceId`, so another
// practice's account answers exactly like a missing one. Every change writes its audit row in the
// same transaction, and anything that changes what an account may do ends its sessions.
import 'server-only'
import { db } from './client'
import type { Prisma } from './generated/client'
import type { Role } from './generated/enums'
import type { Actor } from '@/lib/auth/actor'
import { actorFields, recordAudit } from '@/lib/audit/record'
import type { InviteInput } from '@/lib/validation/admin'
import { systemClock, type Clock } from '@/lib/clock'
import { AccountRuleError, NotFoundError } from './errors'
import { assertAdmin } from './scope'
import { TX_OPTIONS } from './tx'
import { expireUserTokens, issueUserToken } from './user-tokens'
import { isUuid } from '@/lib/validation/uuid'
import type { AccountRow } from '@/lib/accounts/types'

export { transferClients, listTransferChoices } from './admin-transfer'
export { getPracticeSettings, updatePracticeSettings } from './practice-settings'

type Tx = Prisma.TransactionClient

export { AccountRuleError }

export const EMAIL_TAKEN = 'An account with this email already exists.'
export const LAST_ADMIN = 'The practice needs at least one active admin. Make someone else an admin first, then change or deactivate this account.'

/** Only admins; anyone else is answered as if the account did not exist. */
async function assertTarget(admin: Actor, userId: string): Promise<void> {
  await assertAdmin(admin, 'Account')
  if (!isUuid(userId)) throw new NotFoundError('Account')
}

/**
 * Account changes of one practice run one at a time, so two admins demoting each other at once
 * cannot both succeed and leave the practice without an admin.
 */
async function lockAccounts(tx: Tx, practiceId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`accounts:${practiceId}`}))`
}

async function assertAdminRemains(tx: Tx, practiceId: string): Promise<void> {
  const admins = await tx.user.count({ where: { practiceId, status: 'ACTIVE', roles: { has: 'ADMIN' } } })
  if (admins === 0) throw new AccountRuleError(LAST_ADMIN)
}

async function endSessions(tx: Tx, userId: string, reason: string, now: Date, exceptSessionId?: string): Promise<number> {
  const r = await tx.userSession.updateMany({
    where: { userId, revokedAt: null, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
    data: { revokedAt: now, revokedReason: reason },
  })
  return r.count
}

export async function listAccounts(admin: Actor, clock: Clock = systemClock): Promise<AccountRow[]> {
  await assertAdmin(admin, 'Account')
  const now = clock()
  const rows = await db.user.findMany({
    where: { practiceId: admin.practiceId },
    orderBy: [{ status: 'asc' }, { name: 'asc' }],
    select: {
      id: true,
      name: true,
      email: true,
      roles: true,
      status: true,
      lastSignInAt: true,
      mfaEnabledAt: true,
      createdAt: true,
      _count: { select: { caseload: { where: { status: 'ACTIVE' } } } },
      tokens: {
        where: { kind: 'INVITE', usedAt: null, expiresAt: { gt: now } },
        orderBy: { expiresAt: 'desc' },
        take: 1,
        select: { expiresAt: true },
      },
    },
  })
  return rows.map(({ tokens, _count, mfaEnabledAt, ...u }) => ({
    ...u,
    isSelf: u.id === admin.userId,
    hasMfa: mfaEnabledAt !== null,
    activeClients: _count.caseload,
    inviteExpiresAt: tokens[0]?.expiresAt ?? null,
  }))
}

export interface IssuedLink {
  userId: string
  email: string
  name: string
  practiceName: string
  url: string
  expiresAt: Date
}

async function practiceName(tx: Tx, practiceId: string): Promise<string> {
  const p = await tx.practice.findUnique({ where: { id: practiceId }, select: { name: true } })
  if (!p) throw new NotFoundError('Practice')
  return p.name
}

/** Creates an INVITED account (no password yet) and its 7-day invite link. */
export async function inviteUser(admin: Actor, input: InviteInput, clock: Clock = systemClock): Promise<IssuedLink> {
  await assertAdmin(admin, 'Account')
  const email = input.email.trim().toLowerCase()
  const now = clock()
  try {
    return await db.$transaction(async (tx) => {
      // Emails are unique across the installation: say so plainly (admins need to know).
      if (await tx.user.findUnique({ where: { email }, select: { id: true } })) throw new AccountRuleError(EMAIL_TAKEN)
      const user = await tx.user.create({
        data: { practiceId: admin.practiceId, email, name: input.name, roles: input.roles as Role[], status: 'INVITED', passwordHash: null },
        select: { id: true },
      })
      const link = await issueUserToken(tx, { userId: user.id, practiceId: admin.practiceId, kind: 'INVITE', createdById: admin.userId, now })
      await recordAudit(
        { ...actorFields(admin), action: 'USER_INVITE', targetType: 'User', targetId: user.id, details: { roles: input.roles }, occurredAt: now },
        tx,
      )
      return { userId: user.id, email, name: input.name, practiceName: await practiceName(tx, admin.practiceId), ...link }
    }, TX_OPTIONS)
  } catch (e) {
    // Two invites for one address at once: the unique index decides.
    if ((e as { code?: string })?.code === 'P2002') throw new AccountRuleError(EMAIL_TAKEN)
    throw e
  }
}

/** A fresh invite link for someone who has not accepted yet; older links stop working. */
export async function resendInvite(admin: Actor, userId: string, clock: Clock = systemClock): Promise<IssuedLink> {
  await assertTarget(admin, userId)
  const now = clock()
  return db.$transaction(async (tx) => {
    const user = await tx.user.findFirst({
      where: { id: userId, practiceId: admin.practiceId, status: 'INVITED' },
      select: { id: true, email: true, name: true },
    })
    if (!user) throw new NotFoundError('Invitation')
    const link = await issueUserToken(tx, { userId, practiceId: admin.practiceId, kind: 'INVITE', createdById: admin.userId, now })
    await recordAudit({ ...actorFields(admin), action: 'USER_INVITE', targetType: 'User', targetId: userId, details: { resend: true }, occurredAt: now }, tx)
    return { userId, email: user.email, name: user.name, practiceName: await practiceName(tx, admin.practiceId), ...link }
  }, TX_OPTIONS)
}

/**
 * Sets a user's roles. Their sessions end, so the new roles apply from a fresh sign-in (an admin
 * changing their own roles keeps the session they are using). Refused when it would leave no
 * active admin, or would take the clinician role from someone who still has active clients.
 */
export async function changeRoles(
  admin: Actor,
  userId: string,
  roles: Role[],
  clock: Clock = systemClock,
): Promise<{ changed: boolean; sessionsEnded: number }> {
  await assertTarget(admin, userId)
  const next = [...new Set(roles)].sort()
  if (next.length === 0 || next.some((r) => r !== 'ADMIN' && r !== 'CLINICIAN')) throw new AccountRuleError('Choose at least one role.')
  const now = clock()
  return db.$transaction(async (tx) => {
    await lockAccounts(tx, admin.practiceId)
    const user = await tx.user.findFirst({ where: { id: userId, practiceId: admin.practiceId }, select: { roles: true } })
    if (!user) throw new NotFoundError('Account')
    const before = [...user.roles].sort()
    if (before.join() === next.join()) return { changed: false, sessionsEnded: 0 }
    // Separation of duties: an admin cannot give themselves access to client records (and so to
    // session notes); another admin must grant the clinician role.
    if (userId === admin.userId && !before.includes('CLINICIAN') && next.includes('CLINICIAN')) {
      throw new AccountRuleError('Another admin must give you the clinician role: admins cannot grant themselves access to client records.')
    }
    if (before.includes('CLINICIAN') && !next.includes('CLINICIAN')) {
      const clients = await tx.client.count({ where: { practiceId: admin.practiceId, primaryClinicianId: userId, status: 'ACTIVE' } })
      if (clients > 0)
        throw new AccountRuleError(`They still have ${clients} active client${clients === 1 ? '' : 's'}. Transfer them to another clinician first.`)
    }
    const r = await tx.user.updateMany({ where: { id: userId, practiceId: admin.practiceId }, data: { roles: next } })
    if (r.count !== 1) throw new NotFoundError('Account')
    await assertAdminRemains(tx, admin.practiceId)
    const sessionsEnded = await endSessions(tx, userId, 'role-changed', now, userId === admin.userId ? admin.sessionId : undefined)
    await recordAudit(
      {
        ...actorFields(admin),
        action: 'ROLE_CHANGE',
        targetType: 'User',
        targetId: userId,
        details: {
          changed: ['roles'],
          added: next.filter((x) => !before.includes(x)),
          removed: before.filter((x) => !next.includes(x)),
          sessionsEnded,
        },
        occurredAt: now,
      },
      tx,
    )
    return { changed: true, sessionsEnded }
  }, TX_OPTIONS)
}

/** Deactivates an account: every session ends at once and its unused links stop working. */
export async function deactivateUser(admin: Actor, userId: string, clock: Clock = systemClock): Promise<{ sessionsEnded: number }> {
  await assertTarget(admin, userId)
  const now = clock()
  return db.$transaction(async (tx) => {
    await lockAccounts(tx, admin.practiceId)
    const r = await tx.user.updateMany({
      where: { id: userId, practiceId: admin.practiceId, status: { not: 'DEACTIVATED' } },
      data: { status: 'DEACTIVATED' },
    })
    if (r.count !== 1) throw new NotFoundError('Account')
    await assertAdminRemains(tx, admin.practiceId)
    const sessionsEnded = await endSessions(tx, userId, 'deactivated', now)
    await expireUserTokens(tx, userId, now)
    await recordAudit(
      { ...actorFields(admin), action: 'USER_DEACTIVATE', targetType: 'User', targetId: userId, details: { sessionsEnded }, occurredAt: now },
      tx,
    )
    return { sessionsEnded }
  }, TX_OPTIONS)
}

/** Lets a deactivated account sign in again (or, if it never set a password, be invited again). */
export async function reactivateUser(admin: Actor, userId: string, clock: Clock = systemClock): Promise<{ status: 'ACTIVE' | 'INVITED' }> {
  await assertTarget(admin, userId)
  const now = clock()
  return db.$transaction(async (tx) => {
    await lockAccounts(tx, admin.practiceId)
    const user = await tx.user.findFirst({
      where: { id: userId, practiceId: admin.practiceId, status: 'DEACTIVATED' },
      select: { passwordHash: true },
    })
    if (!user) throw new NotFoundError('Account')
    const status = user.passwordHash ? 'ACTIVE' : 'INVITED'
    const r = await tx.user.updateMany({ where: { id: userId, practiceId: admin.practiceId, status: 'DEACTIVATED' }, data: { status } })
    if (r.count !== 1) throw new NotFoundError('Account')
    await recordAudit({ ...actorFields(admin), action: 'USER_REACTIVATE', targetType: 'User', targetId: userId, details: { status }, occurredAt: now }, tx)
    return { status }
  }, TX_OPTIONS)
}

/**
 * A one-hour link with which the person sets a new password (older reset links stop working).
 * Their current password keeps working until the link is used; using it ends their sessions.
 */
export async function issuePasswordReset(admin: Actor, userId: string, clock: Clock = systemClock): Promise<IssuedLink> {
  await assertTarget(admin, userId)
  const now = clock()
  return db.$transaction(async (tx) => {
    const user = await tx.user.findFirst({
      where: { id: userId, practiceId: admin.practiceId, status: 'ACTIVE' },
      select: { id: true, email: true, name: true },
    })
    if (!user) throw new NotFoundError('Account')
    const link = await issueUserToken(tx, { userId, practiceId: admin.practiceId, kind: 'PASSWORD_RESET', createdById: admin.userId, now })
    await recordAudit({ ...actorFields(admin), action: 'PASSWORD_RESET_ISSUE', targetType: 'User', targetId: userId, occurredAt: now }, tx)
    return { userId, email: user.email, name: user.name, practiceName: await practiceName(tx, admin.practiceId), ...link }
  }, TX_OPTIONS)
}
