// How the staff, account, token-link and system entry points are called, and what an allowed
// call must have changed.
import crypto from 'node:crypto'
import { expect } from 'vitest'
import { NextRequest } from 'next/server'
import { db } from '@/lib/db/client'
import { hashToken } from '@/lib/crypto/tokens'
import { encryptField } from '@/lib/crypto/field'
import { totpCode } from '@/lib/auth/totp'
import { hashRecoveryCode, newRecoveryCodes } from '@/lib/auth/recovery-codes'
import { verifyPassword } from '@/lib/auth/password'
import { startEnrolment } from '@/lib/db/mfa'
import { TEST_PASSWORD, actorFor, createUser } from '../../fixtures/factory'
import { currentRequest, type Outcome } from './harness'
import { resetPasswordFromLinkAction } from '@/app/(auth)/password-link-actions'
import {
  BASE,
  F,
  NEW_PASSWORD,
  callFn,
  draftRequest,
  checkInPageCtx,
  expectOwnPracticeTrail,
  form,
  idle,
  practiceOf,
  rand,
  returned,
  routeCtx,
  settingsFields,
  succeeded,
  type Spec,
} from './kit'
import { itemAt } from '../../fixtures/item-at'

export const STAFF_SPECS: Record<string, Spec> = {
  // ---- practice admin: accounts, transfers, settings
  [`${F.admin}#inviteUserAction`]: {
    resource: 'account',
    op: 'create',
    call: (c) => callFn(c, idle, form({ name: 'Invited Person', email: `invitee-${rand()}@test.local`, roles: ['CLINICIAN'] })),
    verify: async ({ actorId }, o) => {
      const v = succeeded(o)
      expect(String(v.url)).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/)
      const u = await db.userToken.findUniqueOrThrow({ where: { tokenHash: hashToken(String(v.url).split('/').pop()!) }, select: { user: true } })
      expect([u.user.status, u.user.practiceId]).toEqual(['INVITED', await practiceOf(actorId!)])
    },
  },
  // Emails are unique across the installation: inviting another practice's address is refused.
  [`${F.admin}#inviteUserAction:existing-email`]: {
    resource: 'account',
    op: 'create',
    call: async (c) => {
      const { email } = await db.user.findUniqueOrThrow({ where: { id: c.t.userId }, select: { email: true } })
      return callFn(c, idle, form({ name: 'Copy Cat', email, roles: ['ADMIN'] }))
    },
  },
  [`${F.admin}#resendInviteAction`]: {
    resource: 'account',
    op: 'update',
    call: (c) => callFn(c, c.t.userId),
    verify: async ({ t }, o) => {
      succeeded(o)
      expect(await db.userToken.count({ where: { userId: t.userId, kind: 'INVITE', usedAt: null, expiresAt: { gt: new Date() } } })).toBe(1)
    },
  },
  [`${F.admin}#resetPasswordAction`]: {
    resource: 'account',
    op: 'update',
    call: (c) => callFn(c, c.t.userId),
    // The test server has no SMTP: the link is withdrawn instead of shown to the admin.
    verify: async ({ t }, o) => {
      const v = returned(o)
      expect(v.status).toBe('error')
      expect(String(v.message)).toMatch(/never shown to an admin/)
      expect(v.url).toBeUndefined()
      expect(await db.userToken.count({ where: { userId: t.userId, kind: 'PASSWORD_RESET', usedAt: null, expiresAt: { gt: new Date() } } })).toBe(0)
    },
  },
  // Without SMTP the reset link comes back to the admin "to pass on". Used by the admin, it sets
  // the colleague's password: the admin can then sign in as them (R1) and read their notes (R12).
  [`${F.admin}#resetPasswordAction:admin-redeems-link`]: {
    resource: 'account',
    op: 'update',
    call: (c) => callFn(c, c.t.userId),
    verify: async ({ t }, o) => {
      const v = returned(o)
      const token = typeof v.url === 'string' ? v.url.split('/').pop()! : null
      // No link handed back (the fix) is the outcome too: it is asserted, not skipped. A link that
      // is handed back is redeemed, and must not work.
      const answer = token
        ? (await resetPasswordFromLinkAction({ status: 'idle' }, form({ token, password: NEW_PASSWORD, confirm: NEW_PASSWORD }))).status
        : 'no link handed back'
      const u = await db.user.findUniqueOrThrow({ where: { id: t.userId } })
      expect(
        { answer, adminKnowsPassword: await verifyPassword(u.passwordHash, NEW_PASSWORD) },
        "the admin set a colleague's password with the link the action handed back",
      ).toEqual({ answer: token ? 'error' : 'no link handed back', adminKnowsPassword: false })
      // The colleague's own password still works: nothing was reset behind their back.
      expect(await verifyPassword(u.passwordHash, TEST_PASSWORD)).toBe(true)
    },
  },
  [`${F.admin}#changeRolesAction`]: {
    resource: 'account',
    op: 'update',
    call: (c) => callFn(c, c.t.userId, idle, form({ roles: ['ADMIN', 'CLINICIAN'] })),
    verify: async ({ t }, o) => {
      succeeded(o)
      expect((await db.user.findUniqueOrThrow({ where: { id: t.userId } })).roles.sort()).toEqual(['ADMIN', 'CLINICIAN'])
    },
  },
  [`${F.admin}#deactivateUserAction`]: {
    resource: 'account',
    op: 'archive',
    call: (c) => callFn(c, c.t.userId),
    verify: async ({ t }, o) => {
      succeeded(o)
      expect((await db.user.findUniqueOrThrow({ where: { id: t.userId } })).status).toBe('DEACTIVATED')
    },
  },
  [`${F.admin}#reactivateUserAction`]: {
    resource: 'account',
    op: 'update',
    call: (c) => callFn(c, c.t.userId),
    verify: async ({ t }, o) => {
      succeeded(o)
      expect((await db.user.findUniqueOrThrow({ where: { id: t.userId } })).status).toBe('ACTIVE')
    },
  },
  [`${F.admin}#transferClientsAction`]: {
    resource: 'client',
    op: 'update',
    call: (c) => callFn(c, idle, form({ fromClinicianId: c.t.ownerId, toClinicianId: c.t.toId, scope: 'selected', clientIds: [c.t.clientId] })),
    verify: async ({ t }, o) => {
      succeeded(o)
      expect((await db.client.findUniqueOrThrow({ where: { id: t.clientId } })).primaryClinicianId).toBe(t.toId)
    },
  },
  [`${F.admin}#updateSettingsAction`]: {
    resource: 'settings',
    op: 'update',
    call: (c) => callFn(c, idle, form(settingsFields(`Renamed practice ${c.actor}`))),
    verify: async ({ actorId, actor }, o) => {
      succeeded(o)
      expect((await db.practice.findUniqueOrThrow({ where: { id: await practiceOf(actorId!) } })).name).toBe(`Renamed practice ${actor}`)
    },
  },

  // ---- the signed-in person's own account and session
  [`${F.account}#changePasswordAction`]: {
    resource: 'account',
    op: 'update',
    call: (c) => callFn(c, idle, form({ username: 'ignored', current: TEST_PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD })),
    verify: async ({ actorId }, o) => {
      succeeded(o)
      const u = await db.user.findUniqueOrThrow({ where: { id: actorId! } })
      expect(await verifyPassword(u.passwordHash, NEW_PASSWORD)).toBe(true)
    },
  },
  [`${F.mfa}#startMfaEnrolmentAction`]: {
    resource: 'account',
    op: 'update',
    call: (c) => callFn(c),
    verify: async ({ actorId }, o) => {
      succeeded(o, 'ready')
      const u = await db.user.findUniqueOrThrow({ where: { id: actorId! } })
      expect([u.mfaSecretEnc !== null, u.mfaEnabledAt]).toEqual([true, null])
    },
  },
  [`${F.mfa}#confirmMfaEnrolmentAction`]: {
    resource: 'account',
    op: 'update',
    prepare: async ({ actorId }) => {
      if (!actorId) return { code: '123456' }
      const { secret } = await startEnrolment(actorFor(await db.user.findUniqueOrThrow({ where: { id: actorId } })))
      return { code: totpCode(secret) }
    },
    call: (c) => callFn(c, idle, form({ code: c.t.code })),
    verify: async ({ actorId }, o) => {
      const v = succeeded(o)
      expect((v.recoveryCodes as string[]).length).toBe(10)
      expect((await db.user.findUniqueOrThrow({ where: { id: actorId! } })).mfaEnabledAt).not.toBeNull()
    },
  },
  [`${F.mfa}#disableMfaAction`]: {
    resource: 'account',
    op: 'archive',
    prepare: async ({ actorId }) => {
      if (!actorId) return { code: 'AAAA-BBBB-CCCC' }
      // MFA on, as after enrolment, with one recovery code to turn it off with.
      const u = await db.user.findUniqueOrThrow({ where: { id: actorId } })
      const code = itemAt(newRecoveryCodes(1), 0)
      await db.user.update({
        where: { id: actorId },
        data: { mfaSecretEnc: encryptField('JBSWY3DPEHPK3PXP', ['User', actorId, 'mfaSecret', u.practiceId]), mfaEnabledAt: new Date() },
      })
      await db.recoveryCode.deleteMany({ where: { userId: actorId } })
      await db.recoveryCode.create({ data: { userId: actorId, codeHash: hashRecoveryCode(actorId, code)! } })
      return { code }
    },
    call: (c) => callFn(c, idle, form({ code: c.t.code })),
    verify: async ({ actorId }, o) => {
      succeeded(o)
      expect((await db.user.findUniqueOrThrow({ where: { id: actorId! } })).mfaEnabledAt).toBeNull()
    },
  },
  [`${F.signOut}#signOutAction`]: {
    resource: 'session',
    op: 'archive',
    call: (c) => callFn(c),
    verify: async (_ctx, o) => {
      expect(o).toEqual({ kind: 'unauthenticated', location: '/login?reason=signed-out' })
      const { sessionId, deleted } = currentRequest()
      expect((await db.userSession.findUniqueOrThrow({ where: { id: sessionId! } })).revokedReason).toBe('signed-out')
      expect(deleted.length).toBe(1)
    },
  },

  // ---- token links: staff invite / reset
  [`${F.passwordLinks}#acceptInviteAction`]: {
    resource: 'account',
    op: 'update',
    call: (c) => callFn(c, { status: 'idle' }, form({ token: c.t.token, username: 'x', password: NEW_PASSWORD, confirm: NEW_PASSWORD })),
    verify: async ({ t }, o) => {
      succeeded(o)
      const u = await db.user.findUniqueOrThrow({ where: { id: t.userId } })
      expect(u.status).toBe('ACTIVE')
      expect(await verifyPassword(u.passwordHash, NEW_PASSWORD)).toBe(true)
    },
  },
  [`${F.passwordLinks}#resetPasswordFromLinkAction`]: {
    resource: 'account',
    op: 'update',
    call: (c) => callFn(c, { status: 'idle' }, form({ token: c.t.token, username: 'x', password: NEW_PASSWORD, confirm: NEW_PASSWORD })),
    verify: async ({ t }, o) => {
      succeeded(o)
      const u = await db.user.findUniqueOrThrow({ where: { id: t.userId } })
      expect(await verifyPassword(u.passwordHash, NEW_PASSWORD)).toBe(true)
    },
  },

  // ---- token links: the client's check-in
  [`${F.publicCheckIn}#POST`]: {
    resource: 'check-in',
    op: 'update',
    call: (c) => callFn(c, draftRequest({ [c.t.openItemId]: [1, 1, null, null, null, null, null, null, null] }), routeCtx({ token: c.t.token })),
    verify: async ({ t }, o) => {
      expect(o.kind).toBe('response')
      expect(JSON.parse((o as Extract<Outcome, { kind: 'response' }>).body)).toEqual({ status: 'ok' })
      expect((await db.checkIn.findUniqueOrThrow({ where: { id: t.openCheckInId } })).draftEnc).not.toBeNull()
    },
  },
  [`${F.pCheckIn}#getServerSideProps:send`]: {
    resource: 'response',
    op: 'create',
    call: (c) =>
      callFn(
        c,
        checkInPageCtx(c.t.token, {
          step: '0',
          intent: 'send',
          key: crypto.randomUUID(),
          ...Object.fromEntries([0, 1, 0, 1, 0, 1, 0, 1, 0].map((v, i) => [`q-${c.t.openItemId}-${i + 1}`, String(v)])),
        }),
      ),
    verify: async ({ t }, o) => {
      expect(returned(o)).toMatchObject({ props: { view: { kind: 'thanks', crisis: false } } })
      expect((await db.checkIn.findUniqueOrThrow({ where: { id: t.openCheckInId } })).status).toBe('COMPLETED')
      expect(await db.response.count({ where: { checkInId: t.openCheckInId } })).toBe(1)
    },
  },

  // ---- route handlers
  [`${F.auditExport}#GET`]: {
    resource: 'audit',
    op: 'export',
    call: (c) => callFn(c, new Request(`${BASE}/admin/audit/export`)),
    verify: async ({ actorId }, o) => {
      expect(o.kind).toBe('response')
      const r = o as Extract<Outcome, { kind: 'response' }>
      expect(r.status).toBe(200)
      expect(await expectOwnPracticeTrail(r.body, await practiceOf(actorId!))).toBeGreaterThan(0)
    },
  },
  // Filtering the trail by another practice's client finds nothing of that client.
  [`${F.auditExport}#GET:filter-foreign-client`]: {
    resource: 'audit',
    op: 'export',
    call: (c) => callFn(c, new Request(`${BASE}/admin/audit/export?clientId=${c.t.clientId}`)),
    verify: async ({ actorId }, o) => {
      const r = o as Extract<Outcome, { kind: 'response' }>
      expect(r.status).toBe(200)
      expect(await expectOwnPracticeTrail(r.body, await practiceOf(actorId!))).toBe(0)
    },
  },
  [`${F.nextAuth}#GET`]: {
    resource: 'session',
    op: 'view',
    call: (c) => callFn(c, new NextRequest(`${BASE}/api/auth/session`), routeCtx({ nextauth: ['session'] })),
    verify: async ({ actorId }, o) => {
      const r = o as Extract<Outcome, { kind: 'response' }>
      expect(r.status).toBe(200)
      // The session endpoint says only until when; never who (no ids, names or roles in the browser).
      expect(Object.keys(JSON.parse(r.body))).toEqual(actorId ? ['expires'] : [])
    },
  },
  // A credentials sign-in with the right password but without next-auth's CSRF token creates nothing.
  [`${F.nextAuth}#POST`]: {
    resource: 'session',
    op: 'create',
    prepare: async ({ w }) => {
      const u = await createUser(w.p1, ['CLINICIAN'])
      return { userId: u.id, email: u.email }
    },
    call: (c) => {
      const body = new URLSearchParams({ email: c.t.email, password: TEST_PASSWORD, json: 'true' })
      const req = new NextRequest(`${BASE}/api/auth/callback/credentials`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
      return callFn(c, req, routeCtx({ nextauth: ['callback', 'credentials'] }))
    },
  },
  // The same sign-in with the CSRF token next-auth hands out: the one way a session is created.
  [`${F.nextAuth}#POST:with-csrf`]: {
    resource: 'session',
    op: 'create',
    prepare: async ({ w }) => {
      const u = await createUser(w.p1, ['CLINICIAN'])
      return { userId: u.id, email: u.email }
    },
    call: async (c) => {
      // POST and GET are one handler; the CSRF cookies go into the jar as the browser would send them.
      const csrf = (await callFn(c, new NextRequest(`${BASE}/api/auth/csrf`), routeCtx({ nextauth: ['csrf'] }))) as Response
      const { csrfToken } = (await csrf.json()) as { csrfToken: string }
      for (const line of csrf.headers.getSetCookie()) {
        const pair = itemAt(line.split(';'), 0)
        const at = pair.indexOf('=')
        currentRequest().cookies.set(pair.slice(0, at), decodeURIComponent(pair.slice(at + 1)))
      }
      const body = new URLSearchParams({ email: c.t.email, password: TEST_PASSWORD, csrfToken, json: 'true' })
      const req = new NextRequest(`${BASE}/api/auth/callback/credentials`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
      return callFn(c, req, routeCtx({ nextauth: ['callback', 'credentials'] }))
    },
    verify: async ({ t }, o) => {
      expect((o as { status?: number }).status).toBe(200)
      expect(await db.userSession.count({ where: { userId: t.userId, revokedAt: null } })).toBe(1)
    },
  },
  [`${F.health}#GET`]: {
    resource: 'system',
    op: 'view',
    call: (c) => callFn(c),
    verify: async (_ctx, o) => {
      const r = o as Extract<Outcome, { kind: 'response' }>
      expect([r.status, JSON.parse(r.body)]).toEqual([200, { status: 'ok' }])
    },
  },
}
