// Guards for "the clinician's and the client's screens, as they are really used": admin pages at a
// phone's width, the audit log in words, the site icon, the client timeline by month, tap-to-call
// crisis numbers, the check-in's "until the end of …", the one-time "Client added." and the ECR-RS
// relationship field that follows its box.
import type { Page } from '@playwright/test'
import { answerStep, assignPhq9AndEcr, expect, test } from './fixtures'
import { ADMIN, CLINICIAN, expectNoAxeViolations, fromHomeToCaseload, hydrated, signIn } from './helpers'

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow).toBeLessThanOrEqual(0)
}

const ADMIN_PAGES = ['/admin', '/admin/audit', '/admin/invite', '/admin/settings', '/admin/transfer', '/account', '/account/mfa']

test('every admin and account page fits a 375 px phone, its tabs in sight, and passes axe; the audit log says what happened in words', async ({ page }) => {
  // Seven pages, each checked with axe: longer than one page's budget on a busy machine.
  test.setTimeout(240_000)
  await page.setViewportSize({ width: 375, height: 800 })
  await signIn(page, ADMIN)
  await expect(page).toHaveURL(/\/(clients|admin)/)
  for (const path of ADMIN_PAGES) {
    await page.goto(path)
    await expect(page.locator('main h1')).toBeVisible()
    await hydrated(page)
    await expectNoSidewaysScroll(page)
    await expectNoAxeViolations(page)
    if (path.startsWith('/admin')) {
      // Every admin tab is on screen (they wrap), none cut off at the edge.
      const tabs = page.getByRole('navigation', { name: 'Practice admin' }).getByRole('link')
      await expect(tabs).toHaveCount(5)
      for (const tab of await tabs.all()) {
        await expect(tab).toBeInViewport({ ratio: 1 })
      }
    }
  }

  // The accounts are cards: a name, then the labelled values, and "Manage" within reach.
  await page.goto('/admin')
  const table = page.getByRole('table', { name: /Accounts of the practice/ })
  const manage = table.getByRole('row').filter({ hasText: 'Dr Priya Raman' }).locator('summary')
  await manage.scrollIntoViewIfNeeded()
  await expect(manage).toBeInViewport({ ratio: 1 })

  // The audit log: actions in words, the code beside them for those who search by it.
  await page.goto('/admin/audit')
  const events = page.getByRole('table', { name: /Audit events/ })
  await expect(events.getByText('Viewed the audit log').first()).toBeVisible()
  await expect(events.getByText('AUDIT_VIEW', { exact: true }).first()).toBeVisible()
  await expect(events.getByText('Signed in', { exact: true }).first()).toBeVisible()
  await expect(page.getByLabel('Action').locator('option', { hasText: 'Signed in (LOGIN_OK)' })).toHaveCount(1)
  await expectNoSidewaysScroll(page)

  // At 1280 the admin pages are tables again, still without sideways scroll.
  await page.setViewportSize({ width: 1280, height: 900 })
  for (const path of ['/admin', '/admin/audit']) {
    await page.goto(path)
    await expect(page.getByRole('columnheader').first()).toBeVisible()
    await expectNoSidewaysScroll(page)
  }
})

test('the site icon answers, signed in or not', async ({ request }) => {
  const ico = await request.get('/favicon.ico', { maxRedirects: 0 })
  expect(ico.status()).toBe(200)
  expect(ico.headers()['content-type']).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/)
  const svg = await request.get('/icon.svg', { maxRedirects: 0 })
  expect(svg.status()).toBe(200)
  expect(svg.headers()['content-type']).toContain('image/svg+xml')
})

test('the timeline of a client with a year of check-ins is grouped by month and shows earlier months on request', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 })
  await signIn(page, CLINICIAN)
  await fromHomeToCaseload(page)
  await page.getByRole('link', { name: 'Hart, Amelia' }).click()
  await expect(page.getByRole('heading', { name: 'Amelia Hart' })).toBeVisible({ timeout: 30_000 })
  const timeline = page.locator('#timeline')
  const months = timeline.getByRole('heading', { level: 3, name: /^[A-Z][a-z]+ \d{4}$/ })
  await expect(months.first()).toBeVisible()
  await expect(timeline.getByRole('link', { name: 'Show earlier' })).toBeVisible({ timeout: 30_000 })
  const firstPage = await months.count()
  expect(firstPage).toBeGreaterThanOrEqual(2)
  expect(firstPage).toBeLessThanOrEqual(6)
  // A bounded first page: far fewer entries than a year of weekly check-ins.
  expect(await timeline.locator('li').count()).toBeLessThanOrEqual(40)
  await expectNoSidewaysScroll(page)

  // "Show earlier" is a plain link: more months, the same page.
  const earlier = timeline.getByRole('link', { name: 'Show earlier' })
  await expect(earlier).toHaveAttribute('href', /[?&]timeline=\d{4}-\d{2}#timeline-\d{4}-\d{2}$/)
  await earlier.click()
  await expect(page).toHaveURL(/[?&]timeline=\d{4}-\d{2}/)
  await expect.poll(() => months.count()).toBeGreaterThan(firstPage)
  await expect(timeline.getByRole('link', { name: 'Show only the latest' })).toBeVisible()

  // Check-ins that ended without an answer have their own shape, never the completed tick.
  const everything = new URL(page.url())
  everything.searchParams.set('timeline', 'all')
  await page.goto(everything.toString())
  const expired = timeline.locator('li').filter({ hasText: 'Expired without an answer' })
  if ((await expired.count()) > 0) {
    await expect(expired.first().locator('svg[data-icon="checkin-expired"]')).toHaveCount(1)
    await expect(expired.locator('svg[data-icon="checkin-completed"]')).toHaveCount(0)
  }
  await expect(timeline.getByRole('link', { name: 'Show earlier' })).toHaveCount(0)

  // The goal filter is kept when showing earlier months.
  const goal = timeline.getByRole('combobox', { name: 'Show' })
  if ((await goal.count()) > 0) {
    await page.goto(new URL(page.url()).pathname)
    await goal.selectOption({ index: 1 })
    await timeline.getByRole('button', { name: 'Show' }).click()
    await expect(page).toHaveURL(/[?&]goal=[0-9a-f-]{36}/)
    const more = page.locator('#timeline').getByRole('link', { name: 'Show earlier' })
    if ((await more.count()) > 0) await expect(more).toHaveAttribute('href', /[?&]goal=[0-9a-f-]{36}/)
  }
})

test('"Client added." shows once; the relationship field follows the ECR-RS box; the check-in says until when in words and its crisis numbers are tap-to-call', async ({
  page,
  browser,
  ownClient,
}) => {
  test.setTimeout(180_000)
  // The fixture added the client and saw "Client added."; a reload does not say it again.
  await page.reload()
  await expect(page.getByRole('heading', { name: ownClient.heading })).toBeVisible()
  await hydrated(page)
  await expect(page.getByText('Client added.')).toHaveCount(0)

  // The relationship field shows only while ECR-RS is ticked.
  const relationship = page.getByLabel('Relationship the ECR-RS asks about')
  const ecr = page.getByRole('checkbox', { name: /ECR-RS/ })
  await expect(relationship).toBeHidden()
  await ecr.check()
  await expect(relationship).toBeVisible()
  await ecr.uncheck()
  await expect(relationship).toBeHidden()
  // After a successful assignment the form starts again: box unticked, field gone.
  const url = await assignPhq9AndEcr(page)
  await expect(ecr).not.toBeChecked()
  await expect(relationship).toBeHidden()

  const phone = await browser.newContext({ viewport: { width: 375, height: 780 } })
  try {
    const client = await phone.newPage()
    await client.goto(url)
    await hydrated(client)
    // Due today, open for the practice's days: "until the end of <weekday> <day> <month>".
    await expect(client.getByText(/come back to this link until the end of [A-Z][a-z]+day \d{1,2} [A-Z][a-z]+\.$/)).toBeVisible()
    await client.getByRole('link', { name: 'Start' }).click()
    await expect(client.locator('fieldset').first()).toBeVisible()
    await hydrated(client)
    await answerStep(client, (legend) => (legend.includes('better off dead') ? 'Several days' : null))
    const crisis = client.getByRole('alert').filter({ hasText: 'Samaritans' })
    await expect(crisis).toBeVisible()
    const samaritans = crisis.getByRole('link', { name: '116 123' })
    await expect(samaritans).toHaveAttribute('href', 'tel:116123')
    await expect(crisis.getByRole('link', { name: '999' })).toHaveAttribute('href', 'tel:999')
    await expect(crisis.getByRole('link', { name: '85258' })).toHaveAttribute('href', /^sms:85258/)
    // "NHS 111" names the service; only "call 111" is a link.
    await expect(crisis.getByRole('link', { name: '111', exact: true })).toHaveCount(1)
    const box = await samaritans.boundingBox()
    expect(box?.height).toBeGreaterThanOrEqual(44)
    await expectNoSidewaysScroll(client)
    await expectNoAxeViolations(client)
  } finally {
    await phone.close()
  }
})
