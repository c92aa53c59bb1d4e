import { expect, test } from '@playwright/test'
import { CLINICIAN, expectNoAxeViolations, fromHomeToCaseload, hydrated, signIn } from './helpers'

test('the caseload filters to open risk flags; the client overview shows charts, the attachment path and a table view; the report prints', async ({ page }) => {
  await signIn(page, CLINICIAN)
  await fromHomeToCaseload(page)
  await expect(page.getByRole('heading', { name: 'My caseload' })).toBeVisible()
  await hydrated(page)
  await expectNoAxeViolations(page)
  await page.screenshot({ path: 'test-results/e2e/caseload.png', fullPage: true })

  // Filter to open risk flags: kept in the URL, done by the server.
  await page.getByLabel('Open risk flags').check()
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page).toHaveURL(/risk=1/)
  await expect(page.getByRole('link', { name: 'Haddad, Farah' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Hart, Amelia' })).toHaveCount(0)
  await expect(page.getByText(/1 open risk flag/).first()).toBeVisible()

  // Sorting by PHQ-9 is a server round trip kept in the URL.
  await page.goto('/clients')
  await hydrated(page)
  await page.getByRole('button', { name: /PHQ-9/ }).first().click()
  await expect(page).toHaveURL(/sort=phq9/)

  // Search.
  await page.getByLabel('Search by name').fill('hart')
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page).toHaveURL(/q=hart/)
  await expect(page.getByRole('link', { name: 'Hart, Amelia' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Haddad, Farah' })).toHaveCount(0)

  await page.getByRole('link', { name: 'Hart, Amelia' }).click()
  await expect(page.getByRole('heading', { name: 'Scores over time' })).toBeVisible()
  await hydrated(page)
  await expect(page.locator('.recharts-surface').first()).toBeVisible()
  await expect(page.getByRole('heading', { name: /PHQ-9/ }).first()).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Attachment path' })).toBeVisible()
  // Amelia's seeded PHQ-9 trajectory ends below the clinical cutoff: the card says so in words.
  const phq9Card = page.getByRole('article').filter({ has: page.getByRole('heading', { name: /PHQ-9/ }) })
  await expect(phq9Card.getByText('recovered since baseline', { exact: true })).toBeVisible()

  // Date range kept in the URL.
  await page.getByRole('link', { name: /3 months/ }).click()
  await expect(page).toHaveURL(/range=3m/)
  await hydrated(page)

  // Every chart has a table alternative.
  const tableButton = page.getByRole('button', { name: 'Table', exact: true }).first()
  await tableButton.click()
  await expect(tableButton).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByRole('columnheader', { name: /Date/ }).first()).toBeVisible()

  await expectNoAxeViolations(page)
  await page.screenshot({ path: 'test-results/e2e/client-overview.png', fullPage: true })

  // The printable report: no navigation when printed.
  await page.getByRole('link', { name: /Progress report/ }).click()
  await expect(page).toHaveURL(/\/report$/)
  await hydrated(page)
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible()
  await expectNoAxeViolations(page)
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeHidden()
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden()
  await page.screenshot({ path: 'test-results/e2e/report-print.png', fullPage: true })
  await page.pdf({ path: 'test-results/e2e/report.pdf', format: 'A4' })
})

test('a client’s scores export as CSV with ISO dates and versions', async ({ page }) => {
  await signIn(page, CLINICIAN)
  // Through the caseload: whether Amelia is also on Needs attention (where sign-in lands) depends on
  // the day (an overdue check-in) and on whether an earlier test opened her record.
  await fromHomeToCaseload(page)
  await page.getByRole('link', { name: 'Hart, Amelia' }).click()
  await expect(page.getByRole('heading', { name: 'Scores over time' })).toBeVisible()
  const href = await page.getByRole('link', { name: /CSV/ }).first().getAttribute('href')
  const res = await page.request.get(href!)
  expect(res.status()).toBe(200)
  expect(res.headers()['content-type']).toContain('text/csv')
  expect(res.headers()['cache-control']).toContain('no-store')
  const lines = (await res.text()).trim().split(/\r?\n/)
  expect(lines[0]).toBe('response_id,submitted_at,instrument,instrument_version,scoring_version,score,value,band,quadrant,change_vs_baseline,relationship')
  expect(lines.length).toBeGreaterThan(50)
  expect(lines[1]).toMatch(/^[0-9a-f-]{36},\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z,/)
})
