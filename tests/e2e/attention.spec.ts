import fs from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { ADMIN, CLINICIAN, expectNoAxeViolations, hydrated, signIn } from './helpers'

// The demo clinician's caseload (prisma/seed/demo.ts) has a client in each category: Farah Haddad
// an open risk flag, Daniel Fairweather reliable deterioration, Chloe Nakamura a missed (overdue)
// check-in, and weekly check-ins completed in the last 14 days that nobody has opened yet.
const SHOTS = 'test-results/attention'

const section = (page: Page, name: RegExp) => page.getByRole('region', { name })

test('a clinician lands on Needs attention, sees a client in each category, and one click opens the client', async ({ page }) => {
  fs.mkdirSync(SHOTS, { recursive: true })
  await signIn(page, CLINICIAN)
  await expect(page).toHaveURL(/\/attention$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Needs attention' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Needs attention' })).toBeVisible()

  const risk = section(page, /^Open risk flags/)
  await expect(risk.getByRole('link', { name: 'Haddad, Farah' })).toBeVisible()
  await expect(risk.getByText(/PHQ-9 question 9, raised .* · not yet acknowledged/)).toBeVisible()
  await expect(section(page, /^Reliable deterioration since baseline/).getByRole('link', { name: 'Fairweather, Daniel' })).toBeVisible()
  await expect(section(page, /^Reliable deterioration since baseline/).getByText(/PHQ-9 \d+ → \d+, deteriorated/)).toBeVisible()
  const overdue = section(page, /^Overdue check-ins/)
  await expect(overdue.getByRole('link', { name: 'Nakamura, Chloe' })).toBeVisible()
  await expect(overdue.getByText(/\d+ overdue · was due \d{1,2} \w{3} \d{4}, /).first()).toBeVisible()
  const completed = section(page, /^Completed since you last looked/)
  await expect(completed.getByText('from the last 14 days', { exact: false })).toBeVisible()
  await expect(completed.getByRole('listitem').first()).toBeVisible()

  await expectNoAxeViolations(page)
  await page.screenshot({ path: `${SHOTS}/attention-1280.png`, fullPage: true })

  // One click from the list to the client's overview (a heavy page on a busy machine: more time).
  await hydrated(page)
  await risk.getByRole('link', { name: 'Haddad, Farah' }).click()
  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/, { timeout: 30_000 })
  await expect(page.getByRole('heading', { name: /Farah Haddad/ })).toBeVisible({ timeout: 30_000 })
})

test("opening a client listed under 'Completed since you last looked' takes them off that list", async ({ page }) => {
  await signIn(page, CLINICIAN)
  await expect(page).toHaveURL(/\/attention$/)
  const completed = section(page, /^Completed since you last looked/)
  const link = completed.getByRole('listitem').first().getByRole('link')
  const name = (await link.textContent())!.trim()
  const href = await link.getAttribute('href')
  await hydrated(page)
  await link.click()
  await expect(page).toHaveURL(new RegExp(`${href}$`), { timeout: 30_000 })
  await hydrated(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Needs attention' }).click()
  await expect(page).toHaveURL(/\/attention$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Needs attention' })).toBeVisible()
  await expect(completed.getByRole('link', { name, exact: true })).toHaveCount(0)
})

test('Needs attention fits a 375 px screen', async ({ page }) => {
  fs.mkdirSync(SHOTS, { recursive: true })
  await page.setViewportSize({ width: 375, height: 800 })
  await signIn(page, CLINICIAN)
  await expect(page).toHaveURL(/\/attention$/)
  await expect(section(page, /^Open risk flags/).getByRole('link', { name: 'Haddad, Farah' })).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true)
  await expectNoAxeViolations(page)
  await page.screenshot({ path: `${SHOTS}/attention-375.png`, fullPage: true })
})

test("the admin's home shows the practice's counts, linked to the filtered caseload, and no client names", async ({ page }) => {
  fs.mkdirSync(SHOTS, { recursive: true })
  await signIn(page, ADMIN)
  await expect(page).toHaveURL(/\/admin$/)
  const glance = page.getByRole('region', { name: 'Practice at a glance' })
  await expect(glance.getByRole('link', { name: /^1 client with open risk flags$/ })).toHaveAttribute('href', '/clients?scope=all&risk=1')
  await expect(glance.getByRole('link', { name: /with reliable deterioration$/ })).toHaveAttribute('href', '/clients?scope=all&deteriorated=1')
  await expect(glance.getByRole('link', { name: /with overdue check-ins$/ })).toHaveAttribute('href', '/clients?scope=all&overdue=1')
  await expect(glance.getByRole('link', { name: /completed in the last 14 days$/ })).toBeVisible()
  await expect(glance).not.toContainText(/Haddad|Fairweather|Nakamura/)
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Needs attention' })).toHaveCount(0)
  await expectNoAxeViolations(page)
  await page.screenshot({ path: `${SHOTS}/admin-glance-1280.png`, fullPage: true })

  await glance.getByRole('link', { name: /with open risk flags$/ }).click()
  await expect(page.getByRole('link', { name: 'Haddad, Farah' })).toBeVisible()
})
