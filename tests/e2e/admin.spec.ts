import { randomBytes } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { totpForStep, totpStep } from '../../lib/auth/totp'
import { ADMIN, expectNoAxeViolations, hydrated, signIn } from './helpers'

// A TOTP step is accepted once per account (enrolment uses the current one), so never hand out a
// step twice: take the next one, which the server accepts as "one step ahead" (clock drift), and
// wait only if that would be further ahead than that.
let last = 0
async function freshCode(secret: string) {
  const step = Math.max(totpStep(new Date()), last + 1)
  // Until the server's clock reaches the step before it (at most one 30 s step).
  await expect.poll(() => totpStep(new Date()), { timeout: 35_000, intervals: [250] }).toBeGreaterThanOrEqual(step - 1)
  last = step
  return totpForStep(secret, step)
}

/** A code no step around now would accept. */
function wrongCode(secret: string) {
  const now = totpStep(new Date())
  const valid = new Set([now - 1, now, now + 1, now + 2].map((s) => totpForStep(secret, s)))
  return ['000000', '111111', '222222'].find((c) => !valid.has(c))!
}

const SESSION_COOKIE = /next-auth\.session-token/

test('an admin invites a clinician who sets up two-step sign-in; deactivating them ends their open session; the audit trail shows it all', async ({
  page,
  browser,
}) => {
  // Fresh for every run, so the spec does not depend on the order or on an earlier run.
  const suffix = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`
  const name = `Jordan Avery ${suffix}`
  const email = `jordan.${suffix}@demo.securebase.local`
  const password = 'quiet harbour lantern 42'

  // The admin invites them. Without SMTP the link is shown once, on screen.
  await signIn(page, ADMIN)
  await expect(page).toHaveURL(/\/admin$/)
  await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible()
  await hydrated(page)
  await expectNoAxeViolations(page)
  await page.getByRole('link', { name: 'Invite someone' }).click()
  await expect(page.getByRole('heading', { name: 'Invite someone' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Practice admin' }).getByRole('link', { name: 'Invite', exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  )
  await hydrated(page)
  await expectNoAxeViolations(page)
  await page.getByLabel('Name').fill(name)
  await page.getByLabel('Email').fill(email)
  await expect(page.getByRole('checkbox', { name: /Clinician/ })).toBeChecked()
  await expect(page.getByRole('checkbox', { name: /Admin/ })).not.toBeChecked()
  await page.getByRole('button', { name: 'Send invitation' }).click()
  await expect(page.getByRole('status').filter({ hasText: `${name} is invited.` })).toBeVisible()
  await expect(page.getByText(/Email is not set up on this server/)).toBeVisible()
  const link = page.getByLabel('Invitation link')
  await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9_-]{20,}$/)
  const inviteUrl = await link.inputValue()
  // The form is empty again, ready for the next person; the page (with the link) is still accessible.
  await expect(page.getByLabel('Name')).toHaveValue('')
  await expectNoAxeViolations(page)
  await page.getByRole('navigation', { name: 'Practice admin' }).getByRole('link', { name: 'Accounts', exact: true }).click()
  const row = page.getByRole('row', { name: new RegExp(name) })
  await expect(row.getByText('Invited', { exact: true })).toBeVisible()

  // The invitee, in their own browser, chooses a password from the link. It does not sign them in.
  const inviteeContext = await browser.newContext()
  const invitee = await inviteeContext.newPage()
  const opened = await invitee.goto(inviteUrl)
  expect(opened?.status()).toBe(200)
  await expect(invitee.getByRole('heading', { name: `Welcome, ${name}` })).toBeVisible()
  await expect(invitee.getByText(email)).toBeVisible()
  await hydrated(invitee)
  await invitee.getByLabel('New password', { exact: true }).fill(password)
  await invitee.getByLabel('New password again').fill(password)
  await invitee.getByRole('button', { name: 'Set password' }).click()
  await expect(invitee.getByText('Your password is set.')).toBeVisible()
  expect((await inviteeContext.cookies()).filter((c) => SESSION_COOKIE.test(c.name))).toEqual([])
  await invitee.getByRole('link', { name: 'Sign in' }).click()
  await expect(invitee).toHaveURL(/\/login$/)

  // They sign in with the password alone (two-step sign-in is not required by this practice) …
  await signIn(invitee, email, password)
  await expect(invitee).toHaveURL(/\/attention$/)
  await expect(invitee.getByRole('heading', { name: 'Needs attention' })).toBeVisible()

  // … and turn on two-step verification.
  await invitee.getByRole('link', { name: 'Account', exact: true }).click()
  await invitee.getByRole('link', { name: 'Set up or manage two-step verification' }).click()
  await expect(invitee).toHaveURL(/\/account\/mfa$/)
  await expect(invitee.getByRole('heading', { name: 'Two-step verification', exact: true })).toBeVisible()
  await hydrated(invitee)
  await expectNoAxeViolations(invitee)
  await invitee.getByRole('button', { name: 'Set up two-step verification' }).click()
  await expect(invitee.getByRole('heading', { name: 'Add SecureBase to your authenticator app' })).toBeVisible()
  const secret = (await invitee.getByTestId('mfa-secret').innerText()).replace(/\s/g, '')
  expect(secret).toMatch(/^[A-Z2-7]{32}$/)
  await expectNoAxeViolations(invitee)
  // A wrong code is refused next to the field.
  await invitee.getByLabel('6-digit code from your authenticator app').fill(wrongCode(secret))
  await invitee.getByRole('button', { name: 'Turn on two-step verification' }).click()
  await expect(invitee.getByText("That code didn't work.", { exact: false })).toBeVisible()
  await expect(invitee.getByLabel('6-digit code from your authenticator app')).toHaveAttribute('aria-invalid', 'true')
  await invitee.getByLabel('6-digit code from your authenticator app').fill(await freshCode(secret))
  await invitee.getByRole('button', { name: 'Turn on two-step verification' }).click()
  await expect(invitee.getByRole('heading', { name: 'Save your recovery codes' })).toBeVisible()
  const codes = invitee.getByTestId('recovery-codes').getByRole('listitem')
  await expect(codes).toHaveCount(10)
  expect(new Set(await codes.allInnerTexts()).size).toBe(10)
  await expectNoAxeViolations(invitee)
  await invitee.getByRole('button', { name: "I've saved these" }).click()
  await expect(invitee.getByRole('heading', { name: 'Two-step verification is on' })).toBeVisible()
  await expect(invitee.getByText('You have 10 of 10 recovery codes left.')).toBeVisible()

  // Signing in again now takes a code: after the password there is no session yet.
  await invitee.getByRole('button', { name: 'Sign out' }).click()
  await expect(invitee).toHaveURL(/\/login\?reason=signed-out/)
  await signIn(invitee, email, password)
  const codeField = invitee.getByLabel('6-digit code from your authenticator app')
  await expect(codeField).toBeVisible()
  await expect(codeField).toBeFocused()
  expect((await inviteeContext.cookies()).filter((c) => SESSION_COOKIE.test(c.name))).toEqual([])
  await invitee.goto('/clients')
  await expect(invitee).toHaveURL(/\/login\?callbackUrl=%2Fclients$/)
  await hydrated(invitee)
  await invitee.getByLabel('Email').fill(email)
  await invitee.getByLabel('Password').fill(password)
  await invitee.getByRole('button', { name: 'Sign in' }).click()
  await codeField.fill(await freshCode(secret))
  await invitee.getByRole('button', { name: 'Verify and sign in' }).click()
  // Back to the page they asked for (callbackUrl), not the home page.
  await expect(invitee).toHaveURL(/\/clients$/)
  await expect(invitee.getByRole('heading', { name: 'My caseload' })).toBeVisible()
  expect((await inviteeContext.cookies()).filter((c) => SESSION_COOKIE.test(c.name))).toHaveLength(1)

  // The admin sees them active with two-step verification, then deactivates them (after confirming).
  await page.reload()
  await hydrated(page)
  await expect(row.getByText('Active', { exact: true })).toBeVisible()
  await expect(row.getByText('Two-step verification on')).toBeVisible()
  await row.getByText(`Manage ${name}`, { exact: true }).click()
  await row.getByRole('button', { name: 'Deactivate', exact: true }).click()
  const confirm = row.getByRole('group', { name: 'Confirm: Deactivate' })
  await expect(confirm.getByText('They will be signed out at once')).toBeVisible()
  await confirm.getByRole('button', { name: 'Deactivate account' }).click()
  await expect(row.getByRole('status').filter({ hasText: 'Deactivated. They were signed out' })).toBeVisible()
  await expect(row.getByText('Deactivated', { exact: true })).toBeVisible()
  await expect(row.getByRole('button', { name: 'Reactivate' })).toBeVisible()

  // Their open session is refused at their next click, and the password no longer signs them in.
  await invitee.getByRole('link', { name: 'Account', exact: true }).click()
  await expect(invitee).toHaveURL(/\/login\?reason=revoked$/)
  await expect(invitee.getByText('Your session was ended. Please sign in again.')).toBeVisible()
  await invitee.goto('/clients')
  await expect(invitee).toHaveURL(/\/login/)
  await signIn(invitee, email, password)
  await expect(invitee.getByRole('alert').filter({ hasText: 'do not match' })).toBeVisible()
  await expect(codeField).toHaveCount(0)
  await inviteeContext.close()

  // The audit trail: first everything the new account did itself …
  await page.getByRole('navigation', { name: 'Practice admin' }).getByRole('link', { name: 'Audit trail' }).click()
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible()
  await hydrated(page)
  await expectNoAxeViolations(page)
  const userFilter = page.getByLabel('User', { exact: true })
  const userId = await userFilter.getByRole('option', { name }).getAttribute('value')
  expect(userId).toMatch(/^[0-9a-f-]{36}$/)
  await userFilter.selectOption({ label: name })
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page).toHaveURL(new RegExp(`/admin/audit\\?.*userId=${userId}`))
  const events = page.getByRole('table').getByRole('row')
  const event = (action: string) => events.filter({ has: page.getByText(action, { exact: true }) })
  await expect(event('PASSWORD_CHANGE')).toHaveCount(1)
  await expect(event('PASSWORD_CHANGE')).toContainText('via:INVITE')
  await expect(event('MFA_ENROL')).toHaveCount(1)
  await expect(event('MFA_OK')).toHaveCount(1)
  await expect(event('MFA_OK')).toContainText('method:totp')
  await expect(event('LOGIN_OK')).toHaveCount(2)
  await expect(event('LOGIN_OK').filter({ hasText: 'mfa:none' })).toHaveCount(1)
  await expect(event('LOGIN_OK').filter({ hasText: 'mfa:totp' })).toHaveCount(1)
  for (const action of ['PASSWORD_CHANGE', 'MFA_ENROL', 'MFA_OK', 'LOGIN_OK']) await expect(event(action).first()).toContainText(name)
  await expectNoAxeViolations(page)

  // … then what the admin did to it: the invitation and the deactivation, aimed at its id.
  for (const [action, detail] of [
    ['USER_INVITE', 'roles:CLINICIAN'],
    ['USER_DEACTIVATE', 'sessionsEnded:1'],
  ] as const) {
    await userFilter.selectOption({ label: 'Everyone' })
    await page.getByLabel('Action', { exact: true }).selectOption(action)
    await page.getByRole('button', { name: 'Apply' }).click()
    await expect(page).toHaveURL(new RegExp(`/admin/audit\\?(?!.*userId=[0-9a-f]).*action=${action}`))
    const mine = event(action).filter({ hasText: `${userId!.slice(0, 8)}…` })
    await expect(mine).toHaveCount(1)
    await expect(mine).toContainText('Morgan Ellis')
    await expect(mine).toContainText(detail)
    await expect(mine.getByText('Success')).toBeVisible()
    // "From where": the address the admin's request came from.
    await expect(mine).toContainText('127.0.0.1')
  }
})
