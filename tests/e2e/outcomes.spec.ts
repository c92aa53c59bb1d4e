import fs from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { ADMIN, CLINICIAN, expectNoAxeViolations, hydrated, signIn } from './helpers'

// Practice outcomes on the demo practice (prisma/seed/demo.ts): the admin sees the practice (two
// clinicians, eleven clients with a history), the clinician their own caseload. No client is named.
const SHOTS = 'test-results/outcomes'
const CLIENT_NAMES = /Hart|Osei|Nakamura|Fairweather|Lindqvist|Haddad|Moreau|Whitlock|Adeyemi|Kowalski|Byrne|Sorensen/

async function openOutcomes(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outcomes' }).click()
  await expect(page).toHaveURL(/\/outcomes$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Outcomes' })).toBeVisible()
}

async function shoot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true })
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 })
    // No sideways scroll of the page itself at either width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true })
  }
}

test('an admin sees the practice per clinician, filters to PHQ-9, and downloads the CSV', async ({ page }) => {
  await signIn(page, ADMIN)
  await hydrated(page)
  await openOutcomes(page)
  const phq = page.getByRole('region', { name: /^PHQ-9/ })
  await expect(phq.getByRole('table')).toBeVisible()
  await expect(phq.getByRole('rowheader', { name: 'Whole practice' })).toBeVisible()
  await expect(phq.getByRole('rowheader', { name: 'Dr Priya Raman' })).toBeVisible()
  await expect(page.getByRole('figure').first()).toBeVisible()
  expect(await page.locator('main').innerText()).not.toMatch(CLIENT_NAMES)
  await expectNoAxeViolations(page)
  await shoot(page, 'admin')

  await page.getByLabel('Questionnaire', { exact: true }).selectOption('phq9')
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page).toHaveURL(/instrument=phq9/)
  await expect(page.getByRole('region', { name: /^GAD-7/ })).toHaveCount(0)
  await expect(page.getByRole('region', { name: /^PHQ-9/ }).getByRole('table')).toBeVisible()

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()])
  expect(download.suggestedFilename()).toMatch(/^outcomes-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/)
  const csv = fs.readFileSync(await download.path(), 'utf8')
  const lines = csv.trim().split('\r\n')
  expect(lines[0]).toContain('clients_with_baseline_and_later_score')
  expect(lines.slice(1).every((l) => l.includes(',PHQ-9,'))).toBe(true)
  expect(lines.some((l) => l.includes(',Whole practice,'))).toBe(true)
  expect(csv).not.toMatch(CLIENT_NAMES)
})

test('a clinician sees their own caseload, gets a clear message for bad dates, and an empty period explains itself', async ({ page }) => {
  await signIn(page, CLINICIAN)
  await expect(page).toHaveURL(/\/attention$/)
  await hydrated(page)
  await openOutcomes(page)
  await expect(page.getByText(/Your caseload ·/)).toBeVisible()
  await expect(page.getByLabel('Clinician')).toHaveCount(0)
  await expect(page.getByRole('region', { name: /^PHQ-9/ }).getByRole('rowheader', { name: 'Your caseload' })).toBeVisible()
  expect(await page.locator('main').innerText()).not.toMatch(CLIENT_NAMES)
  await expectNoAxeViolations(page)
  await shoot(page, 'clinician')

  // A period that ends before it starts: said next to the field, and the default period is shown.
  await page.goto('/outcomes?from=2026-06-01&to=2026-01-01')
  await expect(page.getByText('The period starts after it ends, so the last 12 months are shown instead.')).toBeVisible()
  await expect(page.getByLabel('Period from')).toHaveAttribute('aria-invalid', 'true')
  await page.goto('/outcomes?from=2026-02-30')
  await expect(page.getByText(/The period start is not a date we can use/)).toBeVisible()

  // Long before anyone's episode: nothing to count, and the page says why and what to do.
  await page.goto('/outcomes?from=2001-01-01&to=2001-12-31')
  await expect(page.getByRole('heading', { name: 'Nothing to count in this period' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Download CSV' })).toHaveCount(0)
  await expectNoAxeViolations(page)
})
