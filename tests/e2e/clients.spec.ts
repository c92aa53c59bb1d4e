import { expect, test, uniqueLetters } from './fixtures'
import { ADMIN, CLINICIAN, expectNoAxeViolations, fromHomeToCaseload, hydrated, signIn } from './helpers'

test('a clinician adds a client: errors next to the fields first, then the new client page', async ({ page }) => {
  // A last name of this run's own: the caseload then lists exactly one such client.
  const lastName = `Quinlan${uniqueLetters()}`
  await signIn(page, CLINICIAN)
  await fromHomeToCaseload(page)
  await page.getByRole('link', { name: 'Add client' }).click()
  await hydrated(page)
  await page.getByLabel('First name').fill('Nadia')
  await page.getByRole('button', { name: 'Add client' }).click()
  await expect(page.getByText("Enter the client's last name.")).toBeVisible()
  await expect(page.getByText('Enter the date of birth.')).toBeVisible()
  await expect(page.getByLabel('Last name')).toHaveAttribute('aria-invalid', 'true')
  // What was typed is kept.
  await expect(page.getByLabel('First name')).toHaveValue('Nadia')

  await page.getByLabel('Last name').fill(lastName)
  await page.getByLabel('Date of birth').fill('1994-06-02')
  await page.getByLabel('Email').fill('not-an-email')
  await page.getByRole('button', { name: 'Add client' }).click()
  await expect(page.getByText('Enter an email address like name@example.com.')).toBeVisible()
  await page.getByLabel('Email').fill('nadia.q@example.com')
  await page.getByRole('button', { name: 'Add client' }).click()

  await expect(page.getByRole('heading', { name: `Nadia ${lastName}` })).toBeVisible()
  await expect(page.getByText('Client added.')).toBeVisible()
  await page.getByRole('link', { name: '← Back to clients' }).click()
  await expect(page.getByRole('link', { name: `${lastName}, Nadia` })).toBeVisible()
})

test('a clinician edits a client and the change is kept', async ({ page, ownClient }) => {
  // The client this test added (the fixture), not a seeded one other specs read.
  await expect(page.getByRole('heading', { name: ownClient.heading })).toBeVisible()
  // The folded "Details" section itself (its loading placeholder says "Details" too, hidden from assistive tech).
  const details = page.locator('summary', { hasText: 'Details' })
  await details.click()
  await page.getByLabel('Preferred name').fill('Coco')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible()
  await page.reload()
  await details.click()
  await expect(page.getByLabel('Preferred name')).toHaveValue('Coco')
})

test("a clinician opening another clinician's client gets the not-found page", async ({ page, browser }) => {
  // The admin can see the whole practice: find one of Sam Okafor's clients.
  const adminPage = await (await browser.newContext()).newPage()
  await signIn(adminPage, ADMIN)
  await expect(adminPage).toHaveURL(/\/admin$/)
  await adminPage.goto('/clients')
  const href = await adminPage.getByRole('link', { name: 'Whitlock, Hannah' }).getAttribute('href')
  expect(href).toMatch(/^\/clients\/[0-9a-f-]{36}$/)

  await signIn(page, CLINICIAN)
  await expect(page).toHaveURL(/\/attention$/)
  const res = await page.goto(href!)
  expect(res?.status()).toBe(404)
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible()
  await expect(page.getByText('Whitlock')).toHaveCount(0)
  // Exactly like an id that does not exist.
  const missing = await page.goto('/clients/00000000-0000-4000-8000-000000000000')
  expect(missing?.status()).toBe(404)
})

test('the caseload and client pages pass an axe scan and fit a 375 px phone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 })
  await signIn(page, CLINICIAN)
  await fromHomeToCaseload(page)
  await expect(page.getByRole('heading', { name: 'My caseload' })).toBeVisible()
  await expectNoAxeViolations(page)
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  await page.getByRole('link', { name: 'Hart, Amelia' }).click()
  await expect(page.getByRole('heading', { name: 'Amelia Hart' })).toBeVisible()
  await hydrated(page)
  await expectNoAxeViolations(page)
  await page.screenshot({ path: 'test-results/e2e/client-page-375.png', fullPage: true })
})
