import { expect, test } from '@playwright/test'
import { ADMIN, CLINICIAN, expectNoAxeViolations, fromHomeToCaseload, hydrated, signIn } from './helpers'

test('an anonymous visitor is sent to sign-in, and comes back to the page they asked for', async ({ page }) => {
  await page.goto('/clients/new')
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fclients%2Fnew$/)
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await hydrated(page)
  await page.getByLabel('Email').fill(CLINICIAN)
  await page.getByLabel('Password').fill('securebase-demo-2026')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/clients\/new$/)
  await expect(page.getByRole('heading', { name: 'Add client' })).toBeVisible()
})

test('a wrong password gets a clear message and no session', async ({ page }) => {
  await signIn(page, CLINICIAN, 'not the password')
  await expect(page.getByRole('alert').filter({ hasText: 'do not match' })).toBeVisible()
  await expect(page).toHaveURL(/\/login/)
  // An unknown email gets exactly the same message.
  await page.getByLabel('Email').fill('nobody@demo.securebase.local')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'do not match' })).toBeVisible()
  await page.goto('/clients')
  await expect(page).toHaveURL(/\/login/)
})

test('a clinician signs in to their caseload and signs out; the old cookie no longer works', async ({ page, context }) => {
  await signIn(page, CLINICIAN)
  await expect(page.getByRole('heading', { name: 'Needs attention' })).toBeVisible()
  await fromHomeToCaseload(page)
  await expect(page.getByRole('heading', { name: 'My caseload' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Hart, Amelia' })).toBeVisible()
  // Sam Okafor's clients are not on Dr Raman's caseload.
  await expect(page.getByRole('link', { name: 'Whitlock, Hannah' })).toHaveCount(0)
  const cookies = await context.cookies()
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/login\?reason=signed-out/)
  await expect(page.getByText('You have signed out.')).toBeVisible()
  // Replaying the captured cookie after sign-out is refused: the server-side session is gone.
  await context.addCookies(cookies)
  await page.goto('/clients')
  await expect(page).toHaveURL(/\/login/)
})

test('an admin lands on the accounts page', async ({ page }) => {
  await signIn(page, ADMIN)
  await expect(page).toHaveURL(/\/admin$/)
  await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible()
  await expect(page.getByRole('row', { name: /Dr Priya Raman/ })).toBeVisible()
})

test('the sign-in page passes an axe scan', async ({ page }) => {
  await page.goto('/login')
  await hydrated(page)
  await expectNoAxeViolations(page)
  // Also with an error showing.
  await page.getByLabel('Email').fill(CLINICIAN)
  await page.getByLabel('Password').fill('wrong')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'do not match' })).toBeVisible()
  await expectNoAxeViolations(page)
})
