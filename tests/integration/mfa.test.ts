import { describe, expect, it } from 'vitest'
import { db } from '../../lib/db/client'
import { createSession, validateSession } from '../../lib/db/sessions'
import {
  MFA_CHALLENGE_ATTEMPTS,
  MFA_POLICY,
  MfaError,
  confirmEnrolment,
  createMfaChallenge,
  disableMfa,
  mfaStatus,
  resetMfaForUser,
  startEnrolment,
  verifyMfaChallenge,
} from '../../lib/db/mfa'
import { getAuthOptions } from '../../lib/auth/options'
import { totpCode, totpForStep, totpStep } from '../../lib/auth/totp'
import { hashRecoveryCode } from '../../lib/auth/recovery-codes'
import { TEST_PASSWORD, actorFor, createPractice, createUser } from '../fixtures/factory'
import { itemAt } from '../fixtures/item-at'

type Authorize = (c: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string; sid: string } | null>
function provider(id: 'credentials' | 'mfa'): Authorize {
  const all = getAuthOptions().providers as unknown as { options: { id?: string; authorize: Authorize } }[]
  return all.find((p) => (p.options.id ?? 'credentials') === id)!.options.authorize
}
const req = { headers: { 'x-forwarded-for': '203.0.113.50' } }
const minutesAgo = (m: number) => () => new Date(Date.now() - m * 60_000)

async function mfaError(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(MfaError)
  return (e as MfaError).code
}

/** Password step that must stop at the second factor; returns the challenge id. */
async function passwordStep(email: string): Promise<string> {
  const e = await provider('credentials')({ email, password: TEST_PASSWORD }, req).then(
    () => null,
    (err: Error) => err,
  )
  expect(e?.message).toMatch(/^MfaRequired:[0-9a-f-]{36}$/)
  return e!.message.slice('MfaRequired:'.length)
}

async function secondStep(challengeId: string, code: string): Promise<{ id: string; sid: string } | string> {
  return provider('mfa')({ challengeId, code }, req).then(
    (r) => r!,
    (err: Error) => err.message,
  )
}

/** A user with MFA confirmed two minutes ago (so the codes of the next minutes are all fresh). */
async function enrolledUser(opts: { practiceId?: string } = {}) {
  const practiceId = opts.practiceId ?? (await createPractice()).id
  const user = await createUser(practiceId, ['CLINICIAN'])
  const sid = await createSession(user.id, null)
  const actor = { ...actorFor(user), sessionId: sid }
  const { secret } = await startEnrolment(actor)
  const then = minutesAgo(2)
  const codes = await confirmEnrolment(actor, totpCode(secret, then()), then)
  return { user, actor, secret, codes, sid }
}

describe('MFA enrolment', () => {
  it('stores the secret encrypted and only turns MFA on after a correct code', async () => {
    const p = await createPractice()
    const user = await createUser(p.id, ['CLINICIAN'])
    const actor = actorFor(user)
    const { secret, otpauthUrl } = await startEnrolment(actor)
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(otpauthUrl).toContain(`secret=${secret}`)
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(row.mfaSecretEnc).toMatch(/^v1\./)
    expect(row.mfaSecretEnc).not.toContain(secret)
    expect(row.mfaEnabledAt).toBeNull()
    expect((await mfaStatus(actor)).enabled).toBe(false)
    // Not yet in force: the password alone still signs in.
    expect(await provider('credentials')({ email: user.email, password: TEST_PASSWORD }, req)).toMatchObject({ id: user.id })

    expect(await mfaError(confirmEnrolment(actor, '000000'))).toBe('invalid-code')
    const codes = await confirmEnrolment(actor, totpCode(secret))
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)
    expect(await mfaStatus(actor)).toMatchObject({ enabled: true, required: false, recoveryCodesLeft: 10 })
    expect(await mfaError(startEnrolment(actor))).toBe('already-enabled')
    const audit = await db.auditEvent.findFirstOrThrow({ where: { practiceId: p.id, action: 'MFA_ENROL' } })
    expect(audit.actorId).toBe(user.id)
    expect(JSON.stringify(audit.details)).not.toContain(codes[0])
  })

  it('stores recovery codes hashed, never in clear', async () => {
    const { user, codes } = await enrolledUser()
    const rows = await db.recoveryCode.findMany({ where: { userId: user.id } })
    expect(rows).toHaveLength(10)
    const stored = rows.map((r) => r.codeHash).sort()
    expect(stored).toEqual(codes.map((c) => hashRecoveryCode(user.id, c)!).sort())
    for (const c of codes) {
      expect(stored.some((h) => h.includes(c) || h.includes(c.replace(/-/g, '')))).toBe(false)
    }
  })

  it('marks this session as MFA-verified and ends the other sessions', async () => {
    const p = await createPractice()
    const user = await createUser(p.id, ['CLINICIAN'])
    const here = await createSession(user.id, null)
    const elsewhere = await createSession(user.id, null)
    const actor = { ...actorFor(user), sessionId: here }
    const { secret } = await startEnrolment(actor)
    await confirmEnrolment(actor, totpCode(secret))
    expect((await db.userSession.findUniqueOrThrow({ where: { id: here } })).mfaAt).not.toBeNull()
    expect((await validateSession(here)).ok).toBe(true)
    expect(await validateSession(here)).toMatchObject({ ok: true, mfa: 'ok' })
    expect(await validateSession(elsewhere)).toEqual({ ok: false, reason: 'revoked' })
  })
})

describe('MFA sign-in', () => {
  it('a correct password alone creates no session; the right code does, with mfaAt', async () => {
    const { user, secret } = await enrolledUser()
    const before = await db.userSession.count({ where: { userId: user.id } })
    const challengeId = await passwordStep(user.email)
    expect(await db.userSession.count({ where: { userId: user.id } })).toBe(before)
    const ok = await secondStep(challengeId, totpCode(secret))
    expect(ok).toMatchObject({ id: user.id })
    const session = await db.userSession.findUniqueOrThrow({ where: { id: (ok as { sid: string }).sid } })
    expect(session.userId).toBe(user.id)
    expect(session.mfaAt).not.toBeNull()
    expect(await validateSession(session.id)).toMatchObject({ ok: true, mfa: 'ok' })
    const events = await db.auditEvent.findMany({ where: { actorId: user.id }, orderBy: { id: 'asc' }, select: { action: true, details: true } })
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['MFA_ENROL', 'MFA_OK', 'LOGIN_OK']))
    expect(events.find((e) => e.action === 'LOGIN_OK')?.details).toEqual({ mfa: 'totp' })
  })

  it('refuses the same code a second time (replay), even on a new challenge', async () => {
    const { user, secret } = await enrolledUser()
    const code = totpCode(secret)
    expect(await secondStep(await passwordStep(user.email), code)).toMatchObject({ id: user.id })
    expect(await secondStep(await passwordStep(user.email), code)).toBe('MfaInvalid')
    // Nor is an older code from within the drift window accepted after a newer one.
    const older = totpForStep(secret, totpStep(new Date()) - 1)
    expect(await secondStep(await passwordStep(user.email), older)).toBe('MfaInvalid')
  })

  it('lets only one of two simultaneous uses of one code through', async () => {
    const { user, secret } = await enrolledUser()
    const [a, b] = [await passwordStep(user.email), await passwordStep(user.email)]
    const code = totpCode(secret)
    const results = await Promise.all([secondStep(a, code), secondStep(b, code)])
    expect(results.filter((r) => typeof r === 'object')).toHaveLength(1)
    expect(results.filter((r) => r === 'MfaInvalid')).toHaveLength(1)
  })

  it('kills a challenge after 5 wrong codes, and then even the right code is refused', async () => {
    const { user, secret } = await enrolledUser()
    const challengeId = await passwordStep(user.email)
    const wrong = totpCode(secret) === '000000' ? '111111' : '000000'
    for (let i = 1; i < MFA_CHALLENGE_ATTEMPTS; i++) expect(await secondStep(challengeId, wrong)).toBe('MfaInvalid')
    expect(await secondStep(challengeId, wrong)).toBe('MfaExhausted')
    expect(await secondStep(challengeId, totpCode(secret))).toBe('MfaExhausted')
    expect((await db.mfaChallenge.findUniqueOrThrow({ where: { id: challengeId } })).attempts).toBe(MFA_CHALLENGE_ATTEMPTS)
    expect(await db.userSession.count({ where: { userId: user.id, mfaAt: { not: null }, revokedAt: null } })).toBe(1) // the enrolling one
    // Starting again with the password works.
    expect(await secondStep(await passwordStep(user.email), totpCode(secret))).toMatchObject({ id: user.id })
  })

  it('pauses the second step after repeated failures across challenges', async () => {
    const { user, secret } = await enrolledUser()
    const wrong = totpCode(secret) === '000000' ? '111111' : '000000'
    let failures = 0
    while (failures < MFA_POLICY.limit) {
      const challengeId = await passwordStep(user.email)
      for (let i = 0; i < MFA_CHALLENGE_ATTEMPTS && failures < MFA_POLICY.limit; i++, failures++) await secondStep(challengeId, wrong)
    }
    await expect(provider('credentials')({ email: user.email, password: TEST_PASSWORD }, req)).rejects.toThrow('TooManyAttempts')
  })

  it('refuses an expired challenge, a used one, and one for a deactivated account', async () => {
    const { user, secret } = await enrolledUser()
    const old = await createMfaChallenge(user.id, null, minutesAgo(6))
    expect(await verifyMfaChallenge(old, totpCode(secret), null)).toEqual({ ok: false, reason: 'expired' })
    expect(await secondStep(old, totpCode(secret))).toBe('MfaExpired')
    expect(await secondStep('not-a-challenge', totpCode(secret))).toBe('MfaExpired')

    const used = await passwordStep(user.email)
    expect(await secondStep(used, totpCode(secret))).toMatchObject({ id: user.id })
    const next = totpForStep(secret, totpStep(new Date()) + 1)
    expect(await secondStep(used, next)).toBe('MfaExpired')

    const live = await passwordStep(user.email)
    await db.user.update({ where: { id: user.id }, data: { status: 'DEACTIVATED' } })
    expect(await secondStep(live, next)).toBe('MfaExpired')
  })

  it('accepts a recovery code once (however it is typed), and never twice', async () => {
    const { user, codes } = await enrolledUser()
    const typed = itemAt(codes, 3).toUpperCase().replace(/-/g, ' ')
    const ok = await secondStep(await passwordStep(user.email), typed)
    expect(ok).toMatchObject({ id: user.id })
    expect((await db.userSession.findUniqueOrThrow({ where: { id: (ok as { sid: string }).sid } })).mfaAt).not.toBeNull()
    expect(await secondStep(await passwordStep(user.email), itemAt(codes, 3))).toBe('MfaInvalid')
    expect(await db.recoveryCode.count({ where: { userId: user.id, usedAt: { not: null } } })).toBe(1)
    const used = await db.auditEvent.findFirstOrThrow({ where: { actorId: user.id, action: 'RECOVERY_CODE_USED' } })
    expect(used.details).toEqual({ remaining: 9 })
    // Another user's code is not this user's code.
    const other = await enrolledUser()
    expect(await secondStep(await passwordStep(user.email), itemAt(other.codes, 0))).toBe('MfaInvalid')
  })

  it('keeps codes and passwords out of the audit trail', async () => {
    const { user, secret, codes } = await enrolledUser()
    const code = totpCode(secret)
    await secondStep(await passwordStep(user.email), '999999')
    await secondStep(await passwordStep(user.email), code)
    await secondStep(await passwordStep(user.email), itemAt(codes, 0))
    await provider('credentials')({ email: user.email, password: 'wrong password' }, req)
    const all = JSON.stringify(await db.auditEvent.findMany({ where: { OR: [{ actorId: user.id }, { practiceId: null }] } }), (_k, v) =>
      typeof v === 'bigint' ? String(v) : v,
    )
    for (const secretText of [code, '999999', codes[0], secret, TEST_PASSWORD, 'wrong password', user.email]) expect(all).not.toContain(secretText)
    expect(all).toContain('MFA_FAIL')
    expect(all).toContain('LOGIN_FAIL')
  })
})

describe('practice policy', () => {
  it('a practice that requires MFA sends a user without it to set-up, until they enrol', async () => {
    const p = await createPractice()
    await db.practice.update({ where: { id: p.id }, data: { mfaRequired: true } })
    const user = await createUser(p.id, ['CLINICIAN'])
    // Not enrolled: the password signs in (so they can reach set-up)…
    const r = await provider('credentials')({ email: user.email, password: TEST_PASSWORD }, req)
    const sid = r!.sid
    const check = await validateSession(sid)
    expect(check.ok).toBe(true)
    // …but requireUser() redirects everything except /account/mfa while this says 'enrol'.
    expect(await validateSession(sid)).toMatchObject({ ok: true, mfa: 'enrol' })
    const actor = { ...actorFor(user), sessionId: sid }
    expect(await mfaStatus(actor)).toMatchObject({ enabled: false, required: true })
    const { secret } = await startEnrolment(actor)
    expect(await validateSession(sid)).toMatchObject({ ok: true, mfa: 'enrol' }) // started is not enough
    await confirmEnrolment(actor, totpCode(secret))
    expect(await validateSession(sid)).toMatchObject({ ok: true, mfa: 'ok' })
    // Disabling is not allowed while the practice requires it.
    expect(await mfaError(disableMfa(actor, totpForStep(secret, totpStep(new Date()) + 1)))).toBe('required')
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).mfaEnabledAt).not.toBeNull()
  })

  it('a session that never proved the second factor of an enrolled account is not accepted', async () => {
    const { user } = await enrolledUser()
    const sneaky = await createSession(user.id, null)
    expect((await validateSession(sneaky)).ok).toBe(true)
    expect(await validateSession(sneaky)).toMatchObject({ ok: true, mfa: 'missing' })
  })

  it('without the policy, a user can turn MFA off with a current code', async () => {
    const { user, actor, secret } = await enrolledUser()
    expect(await mfaError(disableMfa(actor, '000000' === totpCode(secret) ? '111111' : '000000'))).toBe('invalid-code')
    await disableMfa(actor, totpCode(secret))
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } })
    expect(row).toMatchObject({ mfaSecretEnc: null, mfaEnabledAt: null, lastTotpStep: null })
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0)
    expect(await db.auditEvent.count({ where: { actorId: user.id, action: 'MFA_DISABLE' } })).toBe(1)
    // The password alone signs in again.
    expect(await provider('credentials')({ email: user.email, password: TEST_PASSWORD }, req)).toMatchObject({ id: user.id })
  })

  it("a practice admin can reset a colleague's MFA (lost phone); nobody else can", async () => {
    const p = await createPractice()
    const { user, sid } = await enrolledUser({ practiceId: p.id })
    const admin = actorFor(await createUser(p.id, ['ADMIN']))
    const colleague = actorFor(await createUser(p.id, ['CLINICIAN']))
    const outsider = actorFor(await createUser((await createPractice()).id, ['ADMIN']))
    await expect(resetMfaForUser(colleague, user.id)).rejects.toThrow('not found')
    await expect(resetMfaForUser(outsider, user.id)).rejects.toThrow('not found')
    await resetMfaForUser(admin, user.id)
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ mfaSecretEnc: null, mfaEnabledAt: null })
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0)
    expect((await validateSession(sid)).ok).toBe(false)
    expect(await db.auditEvent.count({ where: { practiceId: p.id, action: 'MFA_RESET', targetId: user.id, actorId: admin.userId } })).toBe(1)
    expect(await mfaError(resetMfaForUser(admin, user.id))).toBe('not-enabled')
  })
})
