// Two-step sign-in: TOTP enrolment, recovery codes, the challenge between password and code, and
// the practice policy. The TOTP secret is encrypted at rest and never leaves this file except to
// its owner during enrolment; recovery codes are stored hashed and shown once.
import 'server-only'
import { db } from './client'
import { NotFoundError } from './errors'
import { assertAdmin } from './scope'
import { clearFailures, ipKey, isThrottled, recordFailure, IP_POLICY } from './throttle'
import { decryptField, encryptField, type Aad } from '@/lib/crypto/field'
import { generateSecret, isTotpFormat, otpauthUrl, verifyTotp } from '@/lib/auth/totp'
import { hashRecoveryCode, newRecoveryCodes } from '@/lib/auth/recovery-codes'
import { actorFields, recordAudit } from '@/lib/audit/record'
import type { Actor } from '@/lib/auth/actor'
import { systemClock, type Clock } from '@/lib/clock'
import { isUuid } from '@/lib/validation/uuid'

const MFA_CHALLENGE_MINUTES = 5
export const MFA_CHALLENGE_ATTEMPTS = 5
// Across challenges: a password alone must not buy unlimited code guesses. 10 wrong codes in
// 15 minutes pause the account's second step for 15 minutes (≈1,000 guesses a day at most, so a
// 3-in-a-million guess stays hopeless).
export const MFA_POLICY = { limit: 10, windowMs: 15 * 60_000, blockMs: 15 * 60_000 }
export const mfaThrottleKey = (userId: string) => `mfa:${userId}`

export type MfaErrorCode = 'already-enabled' | 'not-started' | 'not-enabled' | 'invalid-code' | 'required' | 'throttled'

/** A refusal the user can act on; `code` picks the message. */
export class MfaError extends Error {
  constructor(readonly code: MfaErrorCode) {
    super(`MFA: ${code}`)
    this.name = 'MfaError'
  }
}

const secretAad = (userId: string, practiceId: string): Aad => ['User', userId, 'mfaSecret', practiceId]

export interface MfaStatus {
  enabled: boolean
  enabledAt: Date | null
  /** Whether the practice requires two-step sign-in for everyone (then it cannot be turned off). */
  required: boolean
  recoveryCodesLeft: number
}

export async function mfaStatus(actor: Actor): Promise<MfaStatus> {
  const u = await db.user.findFirst({
    where: { id: actor.userId, practiceId: actor.practiceId },
    select: {
      mfaEnabledAt: true,
      practice: { select: { mfaRequired: true } },
      _count: { select: { recoveryCodes: { where: { usedAt: null } } } },
    },
  })
  if (!u) throw new NotFoundError('Account')
  return {
    enabled: u.mfaEnabledAt !== null,
    enabledAt: u.mfaEnabledAt,
    required: u.practice.mfaRequired,
    recoveryCodesLeft: u.mfaEnabledAt ? u._count.recoveryCodes : 0,
  }
}

/** A new secret for the actor, stored encrypted but not yet in force (confirmEnrolment does that). */
export async function startEnrolment(actor: Actor): Promise<{ secret: string; otpauthUrl: string }> {
  const u = await db.user.findFirst({
    where: { id: actor.userId, practiceId: actor.practiceId, status: 'ACTIVE' },
    select: { email: true, mfaEnabledAt: true },
  })
  if (!u) throw new NotFoundError('Account')
  if (u.mfaEnabledAt) throw new MfaError('already-enabled')
  const secret = generateSecret()
  const r = await db.user.updateMany({
    where: { id: actor.userId, practiceId: actor.practiceId, mfaEnabledAt: null },
    data: { mfaSecretEnc: encryptField(secret, secretAad(actor.userId, actor.practiceId)), lastTotpStep: null },
  })
  if (r.count !== 1) throw new MfaError('already-enabled')
  return { secret, otpauthUrl: otpauthUrl(secret, u.email) }
}

/**
 * Turns MFA on once the user proves their app shows the right code. Returns the ten recovery codes
 * (the only time they exist in clear). Marks this session as MFA-verified and ends the user's
 * other sessions, which were signed in with the password alone.
 */
export async function confirmEnrolment(actor: Actor, code: string, clock: Clock = systemClock): Promise<string[]> {
  const now = clock()
  const u = await db.user.findFirst({
    where: { id: actor.userId, practiceId: actor.practiceId, status: 'ACTIVE' },
    select: { mfaSecretEnc: true, mfaEnabledAt: true },
  })
  if (!u) throw new NotFoundError('Account')
  if (u.mfaEnabledAt) throw new MfaError('already-enabled')
  if (!u.mfaSecretEnc) throw new MfaError('not-started')
  const key = mfaThrottleKey(actor.userId)
  if (await isThrottled([key], clock)) throw new MfaError('throttled')
  const step = verifyTotp(decryptField(u.mfaSecretEnc, secretAad(actor.userId, actor.practiceId)), code, now)
  if (step === null) {
    await recordFailure(key, MFA_POLICY, clock)
    throw new MfaError('invalid-code')
  }
  const codes = newRecoveryCodes()
  await db.$transaction(async (tx) => {
    // Conditional on the secret the user just proved, so a concurrent restart cannot slip in.
    const r = await tx.user.updateMany({
      where: { id: actor.userId, practiceId: actor.practiceId, mfaEnabledAt: null, mfaSecretEnc: u.mfaSecretEnc },
      data: { mfaEnabledAt: now, lastTotpStep: BigInt(step) },
    })
    if (r.count !== 1) throw new MfaError('already-enabled')
    await tx.recoveryCode.deleteMany({ where: { userId: actor.userId } })
    await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId: actor.userId, codeHash: hashRecoveryCode(actor.userId, c)! })) })
    await tx.userSession.updateMany({ where: { id: actor.sessionId, userId: actor.userId }, data: { mfaAt: now } })
    const ended = await tx.userSession.updateMany({
      where: { userId: actor.userId, revokedAt: null, id: { not: actor.sessionId } },
      data: { revokedAt: now, revokedReason: 'mfa-enrolled' },
    })
    await recordAudit(
      { ...actorFields(actor), action: 'MFA_ENROL', targetType: 'User', targetId: actor.userId, details: { otherSessionsEnded: ended.count }, occurredAt: now },
      tx,
    )
  })
  await clearFailures(key)
  return codes
}

/** Turns MFA off after a current code (or a recovery code). Refused when the practice requires it. */
export async function disableMfa(actor: Actor, code: string, clock: Clock = systemClock): Promise<void> {
  const now = clock()
  const u = await db.user.findFirst({
    where: { id: actor.userId, practiceId: actor.practiceId, status: 'ACTIVE' },
    select: { mfaSecretEnc: true, mfaEnabledAt: true, lastTotpStep: true, practice: { select: { mfaRequired: true } } },
  })
  if (!u) throw new NotFoundError('Account')
  if (u.practice.mfaRequired) throw new MfaError('required')
  if (!u.mfaEnabledAt || !u.mfaSecretEnc) throw new MfaError('not-enabled')
  const key = mfaThrottleKey(actor.userId)
  if (await isThrottled([key], clock)) throw new MfaError('throttled')
  const factor = await consumeSecondFactor({ id: actor.userId, practiceId: actor.practiceId, ...u, mfaSecretEnc: u.mfaSecretEnc }, code, now)
  if (!factor) {
    await recordFailure(key, MFA_POLICY, clock)
    await recordAudit({
      ...actorFields(actor),
      action: 'MFA_FAIL',
      outcome: 'FAILURE',
      targetType: 'User',
      targetId: actor.userId,
      details: { purpose: 'disable' },
      occurredAt: now,
    })
    throw new MfaError('invalid-code')
  }
  await db.$transaction(async (tx) => {
    await tx.user.updateMany({
      where: { id: actor.userId, practiceId: actor.practiceId },
      data: { mfaSecretEnc: null, mfaEnabledAt: null, lastTotpStep: null },
    })
    await tx.recoveryCode.deleteMany({ where: { userId: actor.userId } })
    await recordAudit(
      { ...actorFields(actor), action: 'MFA_DISABLE', targetType: 'User', targetId: actor.userId, details: { method: factor.method }, occurredAt: now },
      tx,
    )
  })
  await clearFailures(key)
}

/**
 * Practice admin, for a colleague who lost their phone (and their recovery codes): clears the
 * account's MFA and ends its sessions. Where the practice requires MFA they must set it up again
 * right after their next sign-in. Another practice's account answers as not found.
 */
export async function resetMfaForUser(admin: Actor, userId: string, clock: Clock = systemClock): Promise<void> {
  await assertAdmin(admin, 'Account')
  const now = clock()
  const u = await db.user.findFirst({ where: { id: userId, practiceId: admin.practiceId }, select: { mfaEnabledAt: true } })
  if (!u) throw new NotFoundError('Account')
  if (!u.mfaEnabledAt) throw new MfaError('not-enabled')
  await db.$transaction(async (tx) => {
    await tx.user.updateMany({ where: { id: userId, practiceId: admin.practiceId }, data: { mfaSecretEnc: null, mfaEnabledAt: null, lastTotpStep: null } })
    await tx.recoveryCode.deleteMany({ where: { userId } })
    const ended = await tx.userSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now, revokedReason: 'mfa-reset' } })
    await recordAudit(
      { ...actorFields(admin), action: 'MFA_RESET', targetType: 'User', targetId: userId, details: { sessionsEnded: ended.count }, occurredAt: now },
      tx,
    )
  })
}

type Factor = { method: 'totp' } | { method: 'recovery'; remaining: number }

/**
 * Checks a TOTP code (newer than the last one used) or an unused recovery code, and uses it up in
 * the same conditional write, so two requests racing with one code cannot both succeed.
 */
async function consumeSecondFactor(
  u: { id: string; practiceId: string; mfaSecretEnc: string; lastTotpStep: bigint | null },
  code: string,
  now: Date,
): Promise<Factor | null> {
  if (isTotpFormat(code)) {
    const last = u.lastTotpStep === null ? null : Number(u.lastTotpStep)
    const step = verifyTotp(decryptField(u.mfaSecretEnc, secretAad(u.id, u.practiceId)), code, now, last)
    if (step === null) return null
    const r = await db.user.updateMany({
      where: { id: u.id, OR: [{ lastTotpStep: null }, { lastTotpStep: { lt: BigInt(step) } }] },
      data: { lastTotpStep: BigInt(step) },
    })
    return r.count === 1 ? { method: 'totp' } : null
  }
  const codeHash = hashRecoveryCode(u.id, code)
  if (!codeHash) return null
  const r = await db.recoveryCode.updateMany({ where: { userId: u.id, codeHash, usedAt: null }, data: { usedAt: now } })
  if (r.count !== 1) return null
  return { method: 'recovery', remaining: await db.recoveryCode.count({ where: { userId: u.id, usedAt: null } }) }
}

/** Whether sign-in for this account needs a second step. */
export async function hasMfaEnabled(userId: string): Promise<boolean> {
  const u = await db.user.findUnique({ where: { id: userId }, select: { mfaEnabledAt: true, mfaSecretEnc: true } })
  return Boolean(u?.mfaEnabledAt && u.mfaSecretEnc)
}

/** The step between a correct password and a correct code: single use, 5 minutes, 5 tries. */
export async function createMfaChallenge(userId: string, ip: string | null, clock: Clock = systemClock): Promise<string> {
  const now = clock()
  // Housekeeping: this user's finished challenges are no longer needed.
  await db.mfaChallenge.deleteMany({ where: { userId, expiresAt: { lt: now } } })
  const row = await db.mfaChallenge.create({
    data: { userId, ip, createdAt: now, expiresAt: new Date(now.getTime() + MFA_CHALLENGE_MINUTES * 60_000) },
    select: { id: true },
  })
  return row.id
}

export type MfaChallengeResult =
  | { ok: true; user: { id: string; practiceId: string; roles: string[] }; method: 'totp' | 'recovery' }
  // invalid: try again; exhausted/expired: start again with the password; throttled: wait.
  | { ok: false; reason: 'invalid' | 'exhausted' | 'expired' | 'throttled' }

export async function verifyMfaChallenge(challengeId: string, code: string, ip: string | null, clock: Clock = systemClock): Promise<MfaChallengeResult> {
  const now = clock()
  if (!isUuid(challengeId)) return { ok: false, reason: 'expired' }
  const ch = await db.mfaChallenge.findUnique({
    where: { id: challengeId },
    select: {
      userId: true,
      expiresAt: true,
      attempts: true,
      usedAt: true,
      user: { select: { practiceId: true, roles: true, status: true, mfaEnabledAt: true, mfaSecretEnc: true, lastTotpStep: true } },
    },
  })
  if (!ch || ch.usedAt || now >= ch.expiresAt || ch.user.status !== 'ACTIVE' || !ch.user.mfaEnabledAt || !ch.user.mfaSecretEnc) {
    return { ok: false, reason: 'expired' }
  }
  if (ch.attempts >= MFA_CHALLENGE_ATTEMPTS) return { ok: false, reason: 'exhausted' }
  const key = mfaThrottleKey(ch.userId)
  if (await isThrottled([key, ...(ip ? [ipKey(ip)] : [])], clock)) return { ok: false, reason: 'throttled' }
  // Count the attempt before checking the code, atomically, so parallel guesses cannot exceed 5.
  const counted = await db.mfaChallenge.updateMany({
    where: { id: challengeId, usedAt: null, expiresAt: { gt: now }, attempts: { lt: MFA_CHALLENGE_ATTEMPTS } },
    data: { attempts: { increment: 1 } },
  })
  if (counted.count !== 1) return { ok: false, reason: 'exhausted' }
  const who = { practiceId: ch.user.practiceId, actorType: 'USER' as const, actorId: ch.userId, actorRole: ch.user.roles.join('+'), ip, occurredAt: now }
  const factor = await consumeSecondFactor({ id: ch.userId, ...ch.user, mfaSecretEnc: ch.user.mfaSecretEnc }, code, now)
  if (!factor) {
    await recordFailure(key, MFA_POLICY, clock)
    if (ip) await recordFailure(ipKey(ip), IP_POLICY, clock)
    const attempt = ch.attempts + 1
    await recordAudit({ ...who, action: 'MFA_FAIL', outcome: 'FAILURE', targetType: 'MfaChallenge', targetId: challengeId, details: { attempt } })
    return { ok: false, reason: attempt >= MFA_CHALLENGE_ATTEMPTS ? 'exhausted' : 'invalid' }
  }
  const used = await db.mfaChallenge.updateMany({ where: { id: challengeId, usedAt: null }, data: { usedAt: now } })
  if (used.count !== 1) return { ok: false, reason: 'expired' }
  await clearFailures(key)
  await recordAudit({ ...who, action: 'MFA_OK', targetType: 'MfaChallenge', targetId: challengeId, details: { method: factor.method } })
  if (factor.method === 'recovery') {
    await recordAudit({ ...who, action: 'RECOVERY_CODE_USED', targetType: 'User', targetId: ch.userId, details: { remaining: factor.remaining } })
  }
  return { ok: true, user: { id: ch.userId, practiceId: ch.user.practiceId, roles: ch.user.roles }, method: factor.method }
}

/** Records that this session proved the second factor (after verifyMfaChallenge succeeded). */
export async function markSessionMfa(sessionId: string, clock: Clock = systemClock): Promise<void> {
  await db.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { mfaAt: clock() } })
}
