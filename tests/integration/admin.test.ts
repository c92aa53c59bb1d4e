import crypto from 'node:crypto'
import { beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../lib/db/client'
import { verifyCredentials } from '../../lib/db/users'
import { createSession, validateSession } from '../../lib/db/sessions'
import { NotFoundError } from '../../lib/db/errors'
import {
  AccountRuleError,
  EMAIL_TAKEN,
  LAST_ADMIN,
  changeRoles,
  deactivateUser,
  getPracticeSettings,
  inviteUser,
  issuePasswordReset,
  listAccounts,
  listTransferChoices,
  reactivateUser,
  resendInvite,
  transferClients,
  updatePracticeSettings,
} from '../../lib/db/admin-users'
import { InvalidLinkError, PasswordRejectedError, changeOwnPassword, inspectUserToken, redeemUserToken } from '../../lib/db/user-tokens'
import { PASSWORD_MESSAGES } from '../../lib/auth/password-policy'
import { inviteInput, settingsInput, transferInput } from '../../lib/validation/admin'
import { TEST_PASSWORD, actorFor, createClientRow, createUser, createWorld } from '../fixtures/factory'

type World = Awaited<ReturnType<typeof createWorld>>
let w: World

// Counted within this file's practices: on PostgreSQL every test file shares one database.
const inWorld = () => ({ practiceId: { in: [w.p1.id, w.p2.id] } })
const NEW_PASSWORD = 'amber kettle under the stairs'
const tokenOf = (url: string) => url.split('/').pop()!
const later = (ms: number) => () => new Date(Date.now() + ms)
const HOUR = 3_600_000

beforeEach(async () => {
  w = await createWorld()
})

async function auditRows(practiceId: string, action?: string) {
  return db.auditEvent.findMany({ where: { practiceId, ...(action ? { action } : {}) }, orderBy: { id: 'asc' } })
}

/** Audit rows carry ids, codes and field names: never names, emails, tokens or passwords. */
function expectNoPhi(rows: { details: unknown; targetId: string | null }[], secrets: string[]) {
  const text = JSON.stringify(rows.map((r) => [r.details, r.targetId]))
  for (const s of secrets) expect(text.toLowerCase()).not.toContain(s.toLowerCase())
}

async function invite(email = `new-${crypto.randomBytes(4).toString('hex')}@test.local`, roles: ('ADMIN' | 'CLINICIAN')[] = ['CLINICIAN']) {
  return inviteUser(actorFor(w.admin1), inviteInput.parse({ email, name: 'Nadia Newcomer', roles }))
}

describe('invitations', () => {
  it('invite → set password → can sign in; the account is INVITED with no password until then', async () => {
    const link = await invite('Nadia.N@Test.Local')
    expect(link.url).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/)
    const before = await db.user.findUniqueOrThrow({ where: { id: link.userId } })
    expect(before).toMatchObject({ email: 'nadia.n@test.local', status: 'INVITED', passwordHash: null, practiceId: w.p1.id, roles: ['CLINICIAN'] })
    expect(await verifyCredentials('nadia.n@test.local', NEW_PASSWORD)).toBeNull()
    // Only the hash of the token is stored.
    const token = tokenOf(link.url)
    expect(await db.userToken.count({ where: { tokenHash: token } })).toBe(0)
    // Opening the link reads only.
    expect(await inspectUserToken(token, 'INVITE')).toMatchObject({ email: 'nadia.n@test.local', name: 'Nadia Newcomer' })
    expect(await inspectUserToken(token, 'PASSWORD_RESET')).toBeNull()
    expect((await db.userToken.findFirstOrThrow({ where: { userId: link.userId } })).usedAt).toBeNull()

    const r = await redeemUserToken(token, 'INVITE', NEW_PASSWORD)
    expect(r).toEqual({ userId: link.userId, mfaSetupNeeded: false })
    const after = await db.user.findUniqueOrThrow({ where: { id: link.userId } })
    expect(after.status).toBe('ACTIVE')
    expect(after.passwordHash?.startsWith('$argon2id$')).toBe(true)
    expect(await verifyCredentials('nadia.n@test.local', NEW_PASSWORD)).toEqual({ id: link.userId, practiceId: w.p1.id })

    const [inv] = await auditRows(w.p1.id, 'USER_INVITE')
    expect(inv).toMatchObject({ actorId: w.admin1.id, targetType: 'User', targetId: link.userId, outcome: 'SUCCESS' })
    const [pw] = await auditRows(w.p1.id, 'PASSWORD_CHANGE')
    expect(pw).toMatchObject({ actorId: link.userId, targetId: link.userId, details: { via: 'INVITE', sessionsEnded: 0 } })
    expectNoPhi(await auditRows(w.p1.id), ['nadia', 'Newcomer', token, NEW_PASSWORD])
  })

  it('says when the email already has an account, in any practice and any case; nothing is created', async () => {
    const users = await db.user.count({ where: inWorld() })
    await expect(invite(w.clinA.email.toUpperCase())).rejects.toThrow(EMAIL_TAKEN)
    await expect(invite(w.clinP2.email)).rejects.toBeInstanceOf(AccountRuleError)
    expect(await db.user.count({ where: inWorld() })).toBe(users)
    expect(await auditRows(w.p1.id, 'USER_INVITE')).toHaveLength(0)
  })

  it('a link works once; wrong, malformed and expired links all get the one generic error', async () => {
    const link = await invite()
    const token = tokenOf(link.url)
    await expect(redeemUserToken(token, 'INVITE', NEW_PASSWORD, later(7 * 24 * HOUR + 60_000))).rejects.toThrow('This link is no longer valid')
    await redeemUserToken(token, 'INVITE', NEW_PASSWORD)
    for (const bad of [token, crypto.randomBytes(32).toString('base64url'), 'not-a-token', `${token}x`]) {
      const err = await redeemUserToken(bad, 'INVITE', 'another long passphrase here').catch((e) => e)
      expect(err).toBeInstanceOf(InvalidLinkError)
      expect(err.message).toBe(new InvalidLinkError().message)
    }
    // An invite token is not a reset token.
    await expect(redeemUserToken(token, 'PASSWORD_RESET', NEW_PASSWORD)).rejects.toBeInstanceOf(InvalidLinkError)
  })

  it('a weak password is refused with the policy message and the link stays usable', async () => {
    const link = await invite()
    const token = tokenOf(link.url)
    await expect(redeemUserToken(token, 'INVITE', 'password12345')).rejects.toThrow(PASSWORD_MESSAGES.common)
    await expect(redeemUserToken(token, 'INVITE', 'short')).rejects.toBeInstanceOf(PasswordRejectedError)
    await expect(redeemUserToken(token, 'INVITE', 'nadia newcomer forever')).rejects.toThrow(PASSWORD_MESSAGES.personal)
    await redeemUserToken(token, 'INVITE', NEW_PASSWORD)
  })

  it('a new invite ends the earlier link; only the newest works', async () => {
    const first = await invite()
    const second = await resendInvite(actorFor(w.admin1), first.userId)
    await expect(redeemUserToken(tokenOf(first.url), 'INVITE', NEW_PASSWORD)).rejects.toBeInstanceOf(InvalidLinkError)
    await redeemUserToken(tokenOf(second.url), 'INVITE', NEW_PASSWORD)
    // Accepted: nothing left to resend.
    await expect(resendInvite(actorFor(w.admin1), first.userId)).rejects.toBeInstanceOf(NotFoundError)
    const rows = await auditRows(w.p1.id, 'USER_INVITE')
    expect(rows.map((r) => r.details)).toEqual([{ roles: ['CLINICIAN'] }, { resend: true }])
  })

  it('reports that the practice requires MFA the person has not set up (they are never signed in here)', async () => {
    await db.practice.update({ where: { id: w.p1.id }, data: { mfaRequired: true } })
    const link = await invite()
    expect(await redeemUserToken(tokenOf(link.url), 'INVITE', NEW_PASSWORD)).toMatchObject({ mfaSetupNeeded: true })
    expect(await db.userSession.count({ where: { userId: link.userId } })).toBe(0)
  })

  it('a deactivated invitee cannot use the link', async () => {
    const link = await invite()
    await deactivateUser(actorFor(w.admin1), link.userId)
    await expect(redeemUserToken(tokenOf(link.url), 'INVITE', NEW_PASSWORD)).rejects.toBeInstanceOf(InvalidLinkError)
    // Reactivating an account that never set a password makes it invited again (a new link is needed).
    expect(await reactivateUser(actorFor(w.admin1), link.userId)).toEqual({ status: 'INVITED' })
    await expect(redeemUserToken(tokenOf(link.url), 'INVITE', NEW_PASSWORD)).rejects.toBeInstanceOf(InvalidLinkError)
    const again = await resendInvite(actorFor(w.admin1), link.userId)
    await redeemUserToken(tokenOf(again.url), 'INVITE', NEW_PASSWORD)
  })
})

describe('roles, deactivation and the last admin', () => {
  it('changing roles ends that person’s sessions and is audited with the roles added and removed', async () => {
    const sid = await createSession(w.clinA.id, null)
    expect((await validateSession(sid)).ok).toBe(true)
    const r = await changeRoles(actorFor(w.admin1), w.clinA.id, ['CLINICIAN', 'ADMIN'])
    expect(r).toEqual({ changed: true, sessionsEnded: 1 })
    expect(await validateSession(sid)).toEqual({ ok: false, reason: 'revoked' })
    expect((await db.user.findUniqueOrThrow({ where: { id: w.clinA.id } })).roles.sort()).toEqual(['ADMIN', 'CLINICIAN'])
    const rows = await auditRows(w.p1.id, 'ROLE_CHANGE')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ targetId: w.clinA.id, details: { changed: ['roles'], added: ['ADMIN'], removed: [], sessionsEnded: 1 } })
    // The same roles again: nothing happens, nothing is recorded.
    expect(await changeRoles(actorFor(w.admin1), w.clinA.id, ['ADMIN', 'CLINICIAN'])).toEqual({ changed: false, sessionsEnded: 0 })
    expect(await auditRows(w.p1.id, 'ROLE_CHANGE')).toHaveLength(1)
  })

  it('will not take the clinician role from someone with active clients', async () => {
    await expect(changeRoles(actorFor(w.admin1), w.clinA.id, ['ADMIN'])).rejects.toThrow(/Transfer them/)
    expect((await db.user.findUniqueOrThrow({ where: { id: w.clinA.id } })).roles).toEqual(['CLINICIAN'])
  })

  it('deactivation ends sessions at once and blocks sign-in; reactivation allows sign-in again', async () => {
    const s1 = await createSession(w.clinB.id, null)
    const s2 = await createSession(w.clinB.id, null)
    expect(await deactivateUser(actorFor(w.admin1), w.clinB.id)).toEqual({ sessionsEnded: 2 })
    expect((await validateSession(s1)).ok).toBe(false)
    expect((await validateSession(s2)).ok).toBe(false)
    expect(await verifyCredentials(w.clinB.email, TEST_PASSWORD)).toBeNull()
    // Their clients stay, for an admin to transfer.
    expect((await db.client.findUniqueOrThrow({ where: { id: w.clientB.id } })).primaryClinicianId).toBe(w.clinB.id)
    await expect(deactivateUser(actorFor(w.admin1), w.clinB.id)).rejects.toBeInstanceOf(NotFoundError)

    expect(await reactivateUser(actorFor(w.admin1), w.clinB.id)).toEqual({ status: 'ACTIVE' })
    expect(await verifyCredentials(w.clinB.email, TEST_PASSWORD)).toMatchObject({ id: w.clinB.id })
    // Old sessions stay ended.
    expect((await validateSession(s1)).ok).toBe(false)
    expect((await auditRows(w.p1.id, 'USER_DEACTIVATE')).map((r) => r.details)).toEqual([{ sessionsEnded: 2 }])
    expect(await auditRows(w.p1.id, 'USER_REACTIVATE')).toHaveLength(1)
  })

  it('an admin cannot deactivate or demote themselves when no other active admin would remain', async () => {
    const me = actorFor(w.admin1)
    await expect(deactivateUser(me, w.admin1.id)).rejects.toThrow(LAST_ADMIN)
    // Separation of duties: an admin cannot give themselves the clinician role (client records).
    await expect(changeRoles(me, w.admin1.id, ['CLINICIAN'])).rejects.toThrow('Another admin must give you the clinician role')
    await expect(changeRoles(me, w.admin1.id, ['ADMIN', 'CLINICIAN'])).rejects.toThrow('Another admin must give you the clinician role')
    const row = await db.user.findUniqueOrThrow({ where: { id: w.admin1.id } })
    expect(row).toMatchObject({ status: 'ACTIVE', roles: ['ADMIN'] })
    expect(await auditRows(w.p1.id)).toHaveLength(0)

    // A deactivated or invited admin does not count.
    await createUser(w.p1.id, ['ADMIN'], { status: 'DEACTIVATED' })
    await expect(deactivateUser(me, w.admin1.id)).rejects.toThrow(LAST_ADMIN)

    // With another active admin it is allowed; their own current session survives a role change.
    const other = await createUser(w.p1.id, ['ADMIN'])
    await changeRoles(actorFor(other), w.admin1.id, ['ADMIN', 'CLINICIAN'])
    await changeRoles({ ...me, roles: ['ADMIN', 'CLINICIAN'] }, w.admin1.id, ['CLINICIAN'])
    expect((await db.user.findUniqueOrThrow({ where: { id: w.admin1.id } })).roles).toEqual(['CLINICIAN'])
    // …and now the other admin is the last one.
    await expect(deactivateUser(actorFor(other), other.id)).rejects.toThrow(LAST_ADMIN)
  })

  it('two admins removing each other at the same time: one wins, an admin remains', async () => {
    const other = await createUser(w.p1.id, ['ADMIN'])
    const results = await Promise.allSettled([deactivateUser(actorFor(w.admin1), other.id), deactivateUser(actorFor(other), w.admin1.id)])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    // The accounts lock serialises them: the second sees the first's change and would leave no admin.
    expect(rejected.reason).toBeInstanceOf(AccountRuleError)
    expect(rejected.reason.message).toBe(LAST_ADMIN)
    expect(await db.user.count({ where: { practiceId: w.p1.id, status: 'ACTIVE', roles: { has: 'ADMIN' } } })).toBe(1)
  })

  it('lists the practice’s accounts only, with a pending invite and caseload counts', async () => {
    const link = await invite()
    const rows = await listAccounts(actorFor(w.admin1))
    expect(rows.map((r) => r.id).sort()).toEqual([w.admin1.id, w.clinA.id, w.clinB.id, link.userId].sort())
    const invited = rows.find((r) => r.id === link.userId)!
    expect(invited.status).toBe('INVITED')
    expect(invited.inviteExpiresAt?.getTime()).toBe(link.expiresAt.getTime())
    expect(rows.find((r) => r.id === w.clinA.id)!.activeClients).toBe(1)
    expect(rows.find((r) => r.id === w.admin1.id)!.isSelf).toBe(true)
    expect(JSON.stringify(rows)).not.toContain('passwordHash')
  })
})

describe('passwords', () => {
  it('a reset link works once, within an hour, and ends every session', async () => {
    const s = await createSession(w.clinA.id, null)
    const link = await issuePasswordReset(actorFor(w.admin1), w.clinA.id)
    expect(link.url).toMatch(/\/reset\/[A-Za-z0-9_-]{43}$/)
    const token = tokenOf(link.url)
    // Issuing changes nothing yet: the current password and session still work.
    expect((await validateSession(s)).ok).toBe(true)
    await expect(redeemUserToken(token, 'PASSWORD_RESET', NEW_PASSWORD, later(HOUR + 60_000))).rejects.toBeInstanceOf(InvalidLinkError)
    await redeemUserToken(token, 'PASSWORD_RESET', NEW_PASSWORD)
    expect((await validateSession(s)).ok).toBe(false)
    expect(await verifyCredentials(w.clinA.email, TEST_PASSWORD)).toBeNull()
    expect(await verifyCredentials(w.clinA.email, NEW_PASSWORD)).toMatchObject({ id: w.clinA.id })
    await expect(redeemUserToken(token, 'PASSWORD_RESET', 'yet another fine passphrase')).rejects.toBeInstanceOf(InvalidLinkError)
    expect(await auditRows(w.p1.id, 'PASSWORD_RESET_ISSUE')).toHaveLength(1)
    expect((await auditRows(w.p1.id, 'PASSWORD_CHANGE')).map((r) => r.details)).toEqual([{ via: 'PASSWORD_RESET', sessionsEnded: 1 }])
    expectNoPhi(await auditRows(w.p1.id), [token, NEW_PASSWORD, w.clinA.email, w.clinA.name])
  })

  it('a second reset link ends the first; a reset is for active accounts only', async () => {
    const first = await issuePasswordReset(actorFor(w.admin1), w.clinA.id)
    const second = await issuePasswordReset(actorFor(w.admin1), w.clinA.id)
    await expect(redeemUserToken(tokenOf(first.url), 'PASSWORD_RESET', NEW_PASSWORD)).rejects.toBeInstanceOf(InvalidLinkError)
    await redeemUserToken(tokenOf(second.url), 'PASSWORD_RESET', NEW_PASSWORD)
    const invited = await invite()
    await expect(issuePasswordReset(actorFor(w.admin1), invited.userId)).rejects.toBeInstanceOf(NotFoundError)
  })

  it('changing one’s own password keeps this session, ends the others, and follows the policy', async () => {
    const here = await createSession(w.clinA.id, null)
    const elsewhere = await createSession(w.clinA.id, null)
    const me = { ...actorFor(w.clinA), sessionId: here }
    const wrong = await changeOwnPassword(me, 'not my password', NEW_PASSWORD).catch((e) => e)
    expect(wrong).toBeInstanceOf(PasswordRejectedError)
    expect(wrong.field).toBe('current')
    await expect(changeOwnPassword(me, TEST_PASSWORD, 'Password1!')).rejects.toThrow(PASSWORD_MESSAGES.tooShort)
    await expect(changeOwnPassword(me, TEST_PASSWORD, 'password12345')).rejects.toThrow(PASSWORD_MESSAGES.common)
    expect((await validateSession(elsewhere)).ok).toBe(true)

    expect(await changeOwnPassword(me, TEST_PASSWORD, NEW_PASSWORD)).toEqual({ sessionsEnded: 1 })
    expect((await validateSession(here)).ok).toBe(true)
    expect(await validateSession(elsewhere)).toEqual({ ok: false, reason: 'revoked' })
    expect(await verifyCredentials(w.clinA.email, NEW_PASSWORD)).toMatchObject({ id: w.clinA.id })
    const rows = await auditRows(w.p1.id, 'PASSWORD_CHANGE')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ actorId: w.clinA.id, targetId: w.clinA.id, details: { via: 'SELF', sessionsEnded: 1 } })
  })
})

describe('caseload transfer', () => {
  async function openWork(clientId: string) {
    const a = await db.assignment.create({
      data: { practiceId: w.p1.id, clientId, instrumentId: 'phq9', recurrence: 'WEEKLY', startDate: new Date('2026-01-05'), createdById: w.clinA.id },
    })
    const c = await db.checkIn.create({
      data: { practiceId: w.p1.id, clientId, dueDate: new Date('2026-03-02'), expiresAt: new Date(Date.now() + 4 * 24 * HOUR) },
    })
    return { assignmentId: a.id, checkInId: c.id }
  }

  it('moves one client; its assignments and open check-ins stay with it', async () => {
    const work = await openWork(w.clientA.id)
    const other = await createClientRow(w.p1.id, w.clinA.id)
    expect(await transferClients(actorFor(w.admin1), { fromClinicianId: w.clinA.id, toClinicianId: w.clinB.id, clientIds: [w.clientA.id] })).toBe(1)
    expect((await db.client.findUniqueOrThrow({ where: { id: w.clientA.id } })).primaryClinicianId).toBe(w.clinB.id)
    expect((await db.client.findUniqueOrThrow({ where: { id: other.id } })).primaryClinicianId).toBe(w.clinA.id)
    expect(await db.assignment.findUniqueOrThrow({ where: { id: work.assignmentId } })).toMatchObject({ clientId: w.clientA.id, status: 'ACTIVE' })
    expect(await db.checkIn.findUniqueOrThrow({ where: { id: work.checkInId } })).toMatchObject({ clientId: w.clientA.id, status: 'OPEN' })
    const rows = await auditRows(w.p1.id, 'CLIENT_TRANSFER')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      clientId: w.clientA.id,
      details: { fromClinicianId: w.clinA.id, toClinicianId: w.clinB.id, count: 1, scope: 'selected', clientIds: [w.clientA.id] },
    })
  })

  it('moves a whole caseload, discharged clients included', async () => {
    const c2 = await createClientRow(w.p1.id, w.clinA.id, { status: 'DISCHARGED' })
    const c3 = await createClientRow(w.p1.id, w.clinA.id)
    await openWork(c3.id)
    const n = await transferClients(actorFor(w.admin1), transferInput.parse({ fromClinicianId: w.clinA.id, toClinicianId: w.clinB.id, scope: 'all' }))
    expect(n).toBe(3)
    expect(await db.client.count({ where: { primaryClinicianId: w.clinA.id } })).toBe(0)
    expect(await db.client.count({ where: { primaryClinicianId: w.clinB.id, id: { in: [w.clientA.id, c2.id, c3.id] } } })).toBe(3)
    expect(await db.checkIn.count({ where: { clientId: c3.id } })).toBe(1)
    expect((await auditRows(w.p1.id, 'CLIENT_TRANSFER'))[0]).toMatchObject({ clientId: null, details: { count: 3, scope: 'caseload' } })
    // Nothing left: nothing moves, nothing recorded.
    expect(await transferClients(actorFor(w.admin1), { fromClinicianId: w.clinA.id, toClinicianId: w.clinB.id })).toBe(0)
    expect(await auditRows(w.p1.id, 'CLIENT_TRANSFER')).toHaveLength(1)
  })

  it('refuses a target in another practice, a deactivated or non-clinician target, or a client that is not theirs; nothing changes', async () => {
    const admin = actorFor(w.admin1)
    const off = await createUser(w.p1.id, ['CLINICIAN'], { status: 'DEACTIVATED' })
    const cases = [
      { fromClinicianId: w.clinA.id, toClinicianId: w.clinP2.id },
      { fromClinicianId: w.clinA.id, toClinicianId: off.id },
      { fromClinicianId: w.clinA.id, toClinicianId: w.clinB.id, clientIds: [w.clientA.id, w.clientB.id] },
      { fromClinicianId: w.clinA.id, toClinicianId: w.clinB.id, clientIds: [w.clientP2.id] },
      { fromClinicianId: w.clinP2.id, toClinicianId: w.clinB.id },
    ]
    for (const c of cases) await expect(transferClients(admin, c)).rejects.toBeInstanceOf(NotFoundError)
    // An admin never moves clients to themselves (that would open the notes to them): another admin must.
    await expect(transferClients(admin, { fromClinicianId: w.clinA.id, toClinicianId: w.admin1.id })).rejects.toThrow('You cannot transfer clients to yourself')
    expect((await db.client.findUniqueOrThrow({ where: { id: w.clientA.id } })).primaryClinicianId).toBe(w.clinA.id)
    expect((await db.client.findUniqueOrThrow({ where: { id: w.clientP2.id } })).primaryClinicianId).toBe(w.clinP2.id)
    expect(await auditRows(w.p1.id, 'CLIENT_TRANSFER')).toHaveLength(0)
  })

  it('offers the practice’s own clinicians and their clients only', async () => {
    const choices = await listTransferChoices(actorFor(w.admin1))
    expect(choices.map((c) => c.id).sort()).toEqual([w.clinA.id, w.clinB.id].sort())
    expect(choices.find((c) => c.id === w.clinA.id)!.clients.map((c) => c.id)).toEqual([w.clientA.id])
  })

  it('validates the form: different clinicians, and clients when “selected”', () => {
    const same = transferInput.safeParse({ fromClinicianId: w.clinA.id, toClinicianId: w.clinA.id, scope: 'all' })
    expect(same.error?.issues[0]?.path).toEqual(['toClinicianId'])
    expect(transferInput.safeParse({ fromClinicianId: w.clinA.id, toClinicianId: w.clinB.id, scope: 'selected', clientIds: [] }).success).toBe(false)
    expect(transferInput.parse({ fromClinicianId: w.clinA.id, toClinicianId: w.clinB.id, scope: 'selected', clientIds: [w.clientA.id] }).clientIds).toEqual([
      w.clientA.id,
    ])
  })
})

describe('practice settings', () => {
  const valid = {
    name: 'Harbour Therapy',
    timeZone: 'Europe/Dublin',
    idleTimeoutMinutes: '10',
    checkinExpiryDays: '5',
    remindersEnabled: true,
    reminderHoursBeforeExpiry: '12',
    crisisResources: 'Samaritans: 116 123',
    mfaRequired: true,
  }

  it('enforces the bounds', () => {
    expect(settingsInput.safeParse(valid).success).toBe(true)
    const bad: Record<string, unknown>[] = [
      { idleTimeoutMinutes: '4' },
      { idleTimeoutMinutes: '31' },
      { idleTimeoutMinutes: '7.5' },
      { checkinExpiryDays: '0' },
      { checkinExpiryDays: '15' },
      { reminderHoursBeforeExpiry: '-1' },
      { reminderHoursBeforeExpiry: '73' },
      { checkinExpiryDays: '1', reminderHoursBeforeExpiry: '24' },
      { crisisResources: 'x'.repeat(2001) },
      { timeZone: 'Mars/Olympus' },
      { name: 'A' },
      { name: 'x'.repeat(121) },
      { practiceId: w.p2.id },
    ]
    for (const b of bad) expect(settingsInput.safeParse({ ...valid, ...b }).success, JSON.stringify(b).slice(0, 60)).toBe(false)
    expect(settingsInput.parse({ ...valid, idleTimeoutMinutes: '5', checkinExpiryDays: '14', reminderHoursBeforeExpiry: '72' })).toMatchObject({
      idleTimeoutMinutes: 5,
      checkinExpiryDays: 14,
      reminderHoursBeforeExpiry: 72,
    })
    expect(settingsInput.parse({ ...valid, timeZone: 'UTC', crisisResources: '  ' }).crisisResources).toBeNull()
  })

  it('saves, audits only the names of the fields that changed, and leaves other practices alone', async () => {
    const admin = actorFor(w.admin1)
    const changed = await updatePracticeSettings(admin, settingsInput.parse(valid))
    expect(changed.sort()).toEqual(
      ['checkinExpiryDays', 'crisisResources', 'idleTimeoutMinutes', 'mfaRequired', 'name', 'reminderHoursBeforeExpiry', 'timeZone'].sort(),
    )
    expect(await getPracticeSettings(admin)).toMatchObject({ name: 'Harbour Therapy', idleTimeoutMinutes: 10, mfaRequired: true })
    const rows = await auditRows(w.p1.id, 'SETTINGS_UPDATE')
    expect(rows).toHaveLength(1)
    expectNoPhi(rows, ['Harbour', 'Samaritans', 'Dublin'])
    expect(await updatePracticeSettings(admin, settingsInput.parse(valid))).toEqual([])
    expect(await auditRows(w.p1.id, 'SETTINGS_UPDATE')).toHaveLength(1)
    expect((await db.practice.findUniqueOrThrow({ where: { id: w.p2.id } })).name).toBe(w.p2.name)
    // The bounds hold even for a caller that skips the form.
    await expect(updatePracticeSettings(admin, { ...settingsInput.parse(valid), idleTimeoutMinutes: 1 })).rejects.toThrow()
  })
})

describe('scope: another practice’s admin or a clinician', () => {
  it('gets not-found for everything, and nothing changes', async () => {
    const link = await invite()
    const reset = await issuePasswordReset(actorFor(w.admin1), w.clinB.id)
    const snapshot = async () => ({
      users: await db.user.findMany({
        where: { practiceId: w.p1.id },
        orderBy: { id: 'asc' },
        select: { id: true, roles: true, status: true, passwordHash: true },
      }),
      clients: await db.client.findMany({ where: { practiceId: w.p1.id }, orderBy: { id: 'asc' }, select: { id: true, primaryClinicianId: true } }),
      practice: await db.practice.findUniqueOrThrow({ where: { id: w.p1.id } }),
      tokens: await db.userToken.findMany({ where: { practiceId: w.p1.id }, orderBy: { id: 'asc' } }),
      audit: await db.auditEvent.count({ where: { practiceId: w.p1.id } }),
    })
    const before = await snapshot()
    const s = await createSession(w.clinA.id, null)
    for (const outsider of [actorFor(w.admin2), actorFor(w.clinA), actorFor(w.clinP2)]) {
      const calls: (() => Promise<unknown>)[] = [
        () => changeRoles(outsider, w.clinA.id, ['ADMIN', 'CLINICIAN']),
        () => deactivateUser(outsider, w.clinA.id),
        () => reactivateUser(outsider, w.clinA.id),
        () => issuePasswordReset(outsider, w.clinA.id),
        () => resendInvite(outsider, link.userId),
        () => transferClients(outsider, { fromClinicianId: w.clinA.id, toClinicianId: w.clinB.id }),
      ]
      for (const call of calls) await expect(call()).rejects.toBeInstanceOf(NotFoundError)
    }
    // A clinician cannot list, invite or change settings; the other admin sees their own practice only.
    await expect(listAccounts(actorFor(w.clinA))).rejects.toBeInstanceOf(NotFoundError)
    await expect(listTransferChoices(actorFor(w.clinA))).rejects.toBeInstanceOf(NotFoundError)
    expect((await listAccounts(actorFor(w.admin2))).map((u) => u.id).sort()).toEqual([w.admin2.id, w.clinP2.id].sort())
    expect((await listTransferChoices(actorFor(w.admin2))).flatMap((c) => c.clients.map((x) => x.id))).toEqual([w.clientP2.id])
    await expect(inviteUser(actorFor(w.clinA), inviteInput.parse({ email: 'x@test.local', name: 'Xavier', roles: ['ADMIN'] }))).rejects.toBeInstanceOf(
      NotFoundError,
    )
    const p = before.practice
    const form = {
      name: p.name,
      timeZone: p.timeZone,
      idleTimeoutMinutes: 30,
      checkinExpiryDays: p.checkinExpiryDays,
      remindersEnabled: p.remindersEnabled,
      reminderHoursBeforeExpiry: p.reminderHoursBeforeExpiry,
      crisisResources: '',
      mfaRequired: p.mfaRequired,
    }
    await expect(updatePracticeSettings(actorFor(w.clinA), settingsInput.parse(form))).rejects.toBeInstanceOf(NotFoundError)
    await expect(getPracticeSettings(actorFor(w.clinA))).rejects.toBeInstanceOf(NotFoundError)
    // Another practice's admin changes their own practice only.
    await updatePracticeSettings(actorFor(w.admin2), settingsInput.parse({ ...form, name: 'Other Place' }))
    expect(await snapshot()).toEqual(before)
    expect((await validateSession(s)).ok).toBe(true)
    // The links issued in P1 still work.
    await redeemUserToken(tokenOf(link.url), 'INVITE', NEW_PASSWORD)
    await redeemUserToken(tokenOf(reset.url), 'PASSWORD_RESET', NEW_PASSWORD)
  })
})
