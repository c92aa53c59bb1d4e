import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../lib/db/client'
import { verifyCredentials } from '../../lib/db/users'
import { createSession, revokeSession, revokeUserSessions, validateSession } from '../../lib/db/sessions'
import { ACCOUNT_POLICY, IP_POLICY, accountKey, ipKey, isThrottled, recordFailure } from '../../lib/db/throttle'
import { getAuthOptions } from '../../lib/auth/options'
import { TEST_PASSWORD, createPractice, createUser } from '../fixtures/factory'
import { CLIENT_IP_HEADER, SERVER_MARK } from '../../lib/http/guards.mjs'

const at = (base: Date, minutes: number) => () => new Date(base.getTime() + minutes * 60_000)

type Authorize = (c: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>
function authorize(): Authorize {
  const provider = getAuthOptions().providers[0] as unknown as { options: { authorize: Authorize } }
  return provider.options.authorize
}

describe('password sign-in', () => {
  let practiceId: string
  beforeAll(async () => {
    practiceId = (await createPractice()).id
  })

  it('accepts the right password, case-insensitive email, and stores an argon2id hash', async () => {
    const u = await createUser(practiceId, ['CLINICIAN'])
    expect(u.passwordHash?.startsWith('$argon2id$')).toBe(true)
    expect(await verifyCredentials(u.email.toUpperCase(), TEST_PASSWORD)).toEqual({ id: u.id, practiceId })
  })

  it('rejects a wrong password, an unknown email and a deactivated account alike', async () => {
    const u = await createUser(practiceId, ['CLINICIAN'])
    const off = await createUser(practiceId, ['CLINICIAN'], { status: 'DEACTIVATED' })
    expect(await verifyCredentials(u.email, 'wrong password')).toBeNull()
    expect(await verifyCredentials('nobody@test.local', TEST_PASSWORD)).toBeNull()
    expect(await verifyCredentials(off.email, TEST_PASSWORD)).toBeNull()
  })

  it('gives an unknown email the same answer as a wrong password, and creates a session on success', async () => {
    const u = await createUser(practiceId, ['CLINICIAN'])
    // As scripts/server.mjs passes it: the address it took from the connection, and its mark.
    const req = { headers: { [CLIENT_IP_HEADER]: '203.0.113.7', 'x-forwarded-for': '198.51.100.66' } }
    Object.assign(globalThis, { [SERVER_MARK]: true })
    expect(await authorize()({ email: u.email, password: 'nope' }, req)).toBeNull()
    expect(await authorize()({ email: 'ghost@test.local', password: 'nope' }, req)).toBeNull()
    const ok = (await authorize()({ email: u.email, password: TEST_PASSWORD }, req)) as { id: string; sid: string }
    expect(ok.id).toBe(u.id)
    const session = await db.userSession.findUniqueOrThrow({ where: { id: ok.sid } })
    expect(session.userId).toBe(u.id)
    expect(session.ip).toBe('203.0.113.7')
    delete (globalThis as Record<symbol, unknown>)[SERVER_MARK]
  })

  it('pauses an account after 10 failures, for right passwords too, with a clear error', async () => {
    const u = await createUser(practiceId, ['CLINICIAN'])
    const req = { headers: { 'x-forwarded-for': '198.51.100.20' } }
    for (let i = 0; i < ACCOUNT_POLICY.limit; i++) expect(await authorize()({ email: u.email, password: `bad-${i}` }, req)).toBeNull()
    await expect(authorize()({ email: u.email, password: TEST_PASSWORD }, req)).rejects.toThrow('TooManyAttempts')
    // Another account from another address is unaffected.
    const v = await createUser(practiceId, ['CLINICIAN'])
    const ok = await authorize()({ email: v.email, password: TEST_PASSWORD }, { headers: { 'x-forwarded-for': '198.51.100.21' } })
    expect(ok).toMatchObject({ id: v.id })
  })

  it('blocks an address after too many failures across accounts, and the window resets', async () => {
    const ip = ipKey('192.0.2.99')
    const t0 = new Date('2026-03-01T10:00:00Z')
    for (let i = 0; i < IP_POLICY.limit - 1; i++) await recordFailure(ip, IP_POLICY, at(t0, 0))
    expect(await isThrottled([ip], at(t0, 1))).toBe(false)
    await recordFailure(ip, IP_POLICY, at(t0, 1))
    expect(await isThrottled([ip], at(t0, 2))).toBe(true)
    expect(await isThrottled([ip], at(t0, 62))).toBe(false)
    // Failures spread beyond the window never add up to a block.
    const slow = accountKey('slow@test.local')
    for (let i = 0; i < 12; i++) await recordFailure(slow, ACCOUNT_POLICY, at(t0, i * 20))
    expect(await isThrottled([slow], at(t0, 12 * 20))).toBe(false)
  })
})

describe('server-side sessions', () => {
  it('ends after the practice idle timeout, even though the cookie is still valid', async () => {
    const p = await createPractice({ idleTimeoutMinutes: 15 })
    const u = await createUser(p.id, ['CLINICIAN'])
    const t0 = new Date()
    const sid = await createSession(u.id, null, at(t0, 0))
    expect((await validateSession(sid, at(t0, 14))).ok).toBe(true)
    // Activity at minute 14 moved lastSeenAt, so minute 28 is still within 15 minutes.
    expect((await validateSession(sid, at(t0, 28))).ok).toBe(true)
    expect(await validateSession(sid, at(t0, 44))).toEqual({ ok: false, reason: 'idle' })
    // Once ended, it stays ended.
    expect((await validateSession(sid, at(t0, 44))).ok).toBe(false)
  })

  it('ends 12 hours after sign-in however active it is', async () => {
    const p = await createPractice()
    const u = await createUser(p.id, ['CLINICIAN'])
    const t0 = new Date()
    const sid = await createSession(u.id, null, at(t0, 0))
    for (let m = 10; m < 720; m += 10) expect((await validateSession(sid, at(t0, m))).ok).toBe(true)
    expect(await validateSession(sid, at(t0, 721))).toEqual({ ok: false, reason: 'expired' })
  })

  it('sign-out, deactivation and "end other sessions" take effect at once', async () => {
    const p = await createPractice()
    const u = await createUser(p.id, ['CLINICIAN', 'ADMIN'])
    const a = await createSession(u.id, null)
    const b = await createSession(u.id, null)
    const c = await createSession(u.id, null)
    const ok = await validateSession(a)
    expect(ok.ok && ok.actor.roles.sort()).toEqual(['ADMIN', 'CLINICIAN'])
    await revokeSession(a, 'signed-out')
    expect(await validateSession(a)).toEqual({ ok: false, reason: 'signed-out' })
    expect(await revokeUserSessions(u.id, 'password-changed', b)).toBe(1)
    expect((await validateSession(b)).ok).toBe(true)
    expect((await validateSession(c)).ok).toBe(false)
    await db.user.update({ where: { id: u.id }, data: { status: 'DEACTIVATED' } })
    expect(await validateSession(b)).toEqual({ ok: false, reason: 'revoked' })
  })

  it('one read answers with the actor, their practice and the MFA state', async () => {
    const p = await createPractice({ idleTimeoutMinutes: 20 })
    const u = await createUser(p.id, ['CLINICIAN'])
    const sid = await createSession(u.id, null)
    const check = await validateSession(sid)
    expect(check).toEqual({
      ok: true,
      actor: { userId: u.id, practiceId: p.id, roles: ['CLINICIAN'], name: u.name, email: u.email, sessionId: sid },
      practice: { id: p.id, name: p.name, timeZone: p.timeZone, idleTimeoutMinutes: 20 },
      mfa: 'ok',
    })
    await db.practice.update({ where: { id: p.id }, data: { mfaRequired: true } })
    expect(await validateSession(sid)).toMatchObject({ ok: true, mfa: 'enrol' })
    // A revoked session is refused whatever else is true of it.
    await revokeSession(sid, 'admin')
    expect(await validateSession(sid)).toEqual({ ok: false, reason: 'revoked' })
  })

  it('refuses ids that are not sessions', async () => {
    expect(await validateSession('x')).toEqual({ ok: false, reason: 'missing' })
    expect(await validateSession('00000000-0000-4000-8000-000000000000')).toEqual({ ok: false, reason: 'missing' })
  })
})
