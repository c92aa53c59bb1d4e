// Staff invite and password-reset links, and changing one's own password. A link carries 256
// random bits; only their keyed hash is stored. Links expire (invite 7 days, reset 1 hour), work
// once, and a newer link of the same kind ends the older ones. Opening a link changes nothing:
// only setting the password does, in one transaction that also ends every session of the account.
import 'server-only'
import { db } from './client'
import { TX_OPTIONS } from './tx'
import type { Prisma } from './generated/client'
import type { UserTokenKind } from './generated/enums'
import type { Actor } from '@/lib/auth/actor'
import { actorFields, recordAudit } from '@/lib/audit/record'
import { hashPassword, verifyPassword } from '@/lib/auth/password'
import { checkPassword } from '@/lib/auth/password-policy'
import { hashToken, isWellFormedToken, newToken } from '@/lib/crypto/tokens'
import { ACCOUNT_POLICY, accountKey, isThrottled, recordFailure } from './throttle'
import { env } from '@/lib/env'
import { systemClock, type Clock } from '@/lib/clock'
import { NotFoundError } from './errors'

type Tx = Prisma.TransactionClient

const TOKEN_TTL_MS: Record<UserTokenKind, number> = {
  INVITE: 7 * 24 * 3_600_000,
  PASSWORD_RESET: 3_600_000,
}

/** One answer for a wrong, expired, used or superseded link, so links cannot be probed. */
export class InvalidLinkError extends Error {
  constructor() {
    super('This link is no longer valid. Ask your practice admin for a new one.')
    this.name = 'InvalidLinkError'
  }
}

/** A password the person may fix: the message is meant for them, next to the named field. */
export class PasswordRejectedError extends Error {
  constructor(
    message: string,
    readonly field: 'password' | 'current' = 'password',
  ) {
    super(message)
    this.name = 'PasswordRejectedError'
  }
}

function userTokenUrl(kind: UserTokenKind, token: string, base: string = env.appBaseUrl): string {
  return `${base}/${kind === 'INVITE' ? 'invite' : 'reset'}/${token}`
}

/**
 * Creates a link for a user inside the caller's transaction, ending older unused links of the same
 * kind (they are marked expired now, so the record of their issue stays).
 */
export async function issueUserToken(
  tx: Tx,
  p: { userId: string; practiceId: string; kind: UserTokenKind; createdById: string | null; now: Date },
): Promise<{ url: string; expiresAt: Date }> {
  await tx.userToken.updateMany({
    where: { userId: p.userId, kind: p.kind, usedAt: null, expiresAt: { gt: p.now } },
    data: { expiresAt: p.now },
  })
  const token = newToken()
  const expiresAt = new Date(p.now.getTime() + TOKEN_TTL_MS[p.kind])
  await tx.userToken.create({
    data: { userId: p.userId, practiceId: p.practiceId, kind: p.kind, tokenHash: hashToken(token), expiresAt, createdById: p.createdById, createdAt: p.now },
    select: { id: true },
  })
  return { url: userTokenUrl(p.kind, token), expiresAt }
}

/** Ends every unused link of a user (deactivation). */
/** Withdraws a person's unused reset links (one that could not be emailed must not stay usable). */
export async function withdrawResetLinks(admin: { practiceId: string }, userId: string): Promise<void> {
  await db.userToken.updateMany({
    where: { userId, practiceId: admin.practiceId, kind: 'PASSWORD_RESET', usedAt: null },
    data: { expiresAt: new Date() },
  })
}

export async function expireUserTokens(tx: Tx, userId: string, now: Date): Promise<void> {
  await tx.userToken.updateMany({ where: { userId, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } })
}

async function findLiveToken(token: string, kind: UserTokenKind, now: Date) {
  if (!isWellFormedToken(token)) return null
  const row = await db.userToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      kind: true,
      usedAt: true,
      expiresAt: true,
      practiceId: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          status: true,
          practiceId: true,
          mfaEnabledAt: true,
          practice: { select: { name: true, mfaRequired: true } },
        },
      },
    },
  })
  if (!row || row.kind !== kind || row.usedAt || row.expiresAt <= now) return null
  if (row.user.status === 'DEACTIVATED' || row.user.practiceId !== row.practiceId) return null
  // An invite is for someone who has not set a password yet; a reset for an account that has.
  if (kind === 'INVITE' && row.user.status !== 'INVITED') return null
  if (kind === 'PASSWORD_RESET' && row.user.status !== 'ACTIVE') return null
  return row
}

export interface LinkHolder {
  email: string
  name: string
  practiceName: string
}

/** For the GET page: who the link is for, or null. Reads only. */
export async function inspectUserToken(token: string, kind: UserTokenKind, clock: Clock = systemClock): Promise<LinkHolder | null> {
  const row = await findLiveToken(token, kind, clock())
  return row ? { email: row.user.email, name: row.user.name, practiceName: row.user.practice.name } : null
}

export interface RedeemResult {
  userId: string
  /** The practice requires a second factor the person has not set up yet (they enrol after sign-in). */
  mfaSetupNeeded: boolean
}

/**
 * Sets the password from an invite or reset link: the account becomes active (invite), every
 * session of the account ends, the link is used up. Never signs anyone in.
 */
export async function redeemUserToken(token: string, kind: UserTokenKind, newPassword: string, clock: Clock = systemClock): Promise<RedeemResult> {
  const now = clock()
  const row = await findLiveToken(token, kind, now)
  if (!row) throw new InvalidLinkError()
  const problem = checkPassword(newPassword, { email: row.user.email, name: row.user.name, practiceName: row.user.practice.name })
  if (problem) throw new PasswordRejectedError(problem)
  const passwordHash = await hashPassword(newPassword)
  await db.$transaction(async (tx) => {
    // Conditional on the link still being live: of two concurrent submits, one wins.
    const used = await tx.userToken.updateMany({
      where: { id: row.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    })
    if (used.count !== 1) throw new InvalidLinkError()
    const updated = await tx.user.updateMany({
      where: { id: row.user.id, practiceId: row.practiceId, status: kind === 'INVITE' ? 'INVITED' : 'ACTIVE' },
      data: { passwordHash, passwordChangedAt: now, status: 'ACTIVE' },
    })
    if (updated.count !== 1) throw new InvalidLinkError()
    await tx.userToken.updateMany({
      where: { userId: row.user.id, kind, usedAt: null, expiresAt: { gt: now } },
      data: { expiresAt: now },
    })
    const ended = await tx.userSession.updateMany({
      where: { userId: row.user.id, revokedAt: null },
      data: { revokedAt: now, revokedReason: 'password-changed' },
    })
    await recordAudit(
      {
        practiceId: row.practiceId,
        actorType: 'USER',
        actorId: row.user.id,
        action: 'PASSWORD_CHANGE',
        targetType: 'User',
        targetId: row.user.id,
        details: { via: kind, sessionsEnded: ended.count },
        occurredAt: now,
      },
      tx,
    )
  }, TX_OPTIONS)
  return { userId: row.user.id, mfaSetupNeeded: row.user.practice.mfaRequired && !row.user.mfaEnabledAt }
}

/**
 * Changes the signed-in person's password: the current one must be right (wrong guesses count
 * towards the account's sign-in throttle), the new one must pass the policy. Every other session
 * of the account ends; this one stays.
 */
export async function changeOwnPassword(actor: Actor, current: string, next: string, clock: Clock = systemClock): Promise<{ sessionsEnded: number }> {
  const key = accountKey(actor.email)
  if (await isThrottled([key], clock)) {
    throw new PasswordRejectedError('Too many wrong attempts. For your security, please wait a while and try again.', 'current')
  }
  const user = await db.user.findFirst({
    where: { id: actor.userId, practiceId: actor.practiceId, status: 'ACTIVE' },
    select: { id: true, email: true, name: true, passwordHash: true, practice: { select: { name: true } } },
  })
  if (!user) throw new NotFoundError('Account')
  if (!(await verifyPassword(user.passwordHash, current))) {
    await recordFailure(key, ACCOUNT_POLICY, clock)
    throw new PasswordRejectedError('That is not your current password.', 'current')
  }
  if (next === current) throw new PasswordRejectedError('Choose a password different from your current one.')
  const problem = checkPassword(next, { email: user.email, name: user.name, practiceName: user.practice.name })
  if (problem) throw new PasswordRejectedError(problem)
  const passwordHash = await hashPassword(next)
  const now = clock()
  return db.$transaction(async (tx) => {
    const r = await tx.user.updateMany({
      where: { id: actor.userId, practiceId: actor.practiceId, status: 'ACTIVE', passwordHash: user.passwordHash },
      data: { passwordHash, passwordChangedAt: now },
    })
    // Someone (a reset, another tab) changed it meanwhile: ask again rather than overwrite.
    if (r.count !== 1) throw new PasswordRejectedError('Your password was changed meanwhile. Please sign in again and retry.', 'current')
    const ended = await tx.userSession.updateMany({
      where: { userId: actor.userId, revokedAt: null, id: { not: actor.sessionId } },
      data: { revokedAt: now, revokedReason: 'password-changed' },
    })
    // A reset link issued before the change must not undo it.
    await tx.userToken.updateMany({
      where: { userId: actor.userId, kind: 'PASSWORD_RESET', usedAt: null, expiresAt: { gt: now } },
      data: { expiresAt: now },
    })
    await recordAudit(
      {
        ...actorFields(actor),
        action: 'PASSWORD_CHANGE',
        targetType: 'User',
        targetId: actor.userId,
        details: { via: 'SELF', sessionsEnded: ended.count },
        occurredAt: now,
      },
      tx,
    )
    return { sessionsEnded: ended.count }
  }, TX_OPTIONS)
}
