import { expect, test, type Page } from '@playwright/test'
import { CLINICIAN, expectNoAxeViolations, hydrated, signIn } from './helpers'

/** Answers every question on the current step: the first anchor, or `pick(legend)` when given. */
async function answerStep(page: Page, pick: (legend: string) => string | null = () => null) {
  const groups = page.locator('fieldset')
  const n = await groups.count()
  for (let i = 0; i < n; i++) {
    const g = groups.nth(i)
    const legend = (await g.locator('legend').innerText()).trim()
    const choice = pick(legend)
    if (choice) await g.getByLabel(choice, { exact: true }).check()
    else await g.getByRole('radio').first().check()
  }
}

test('a clinician assigns PHQ-9 + ECR-RS, a client completes it on a phone, the clinician sees scores and the risk flag', async ({ page, browser }) => {
  // The clinician adds a client and assigns two questionnaires due today.
  await signIn(page, CLINICIAN)
  await expect(page).toHaveURL(/\/clients$/)
  await page.getByRole('link', { name: 'Add client' }).click()
  await hydrated(page)
  await page.getByLabel('First name').fill('Robin')
  await page.getByLabel('Last name').fill('Ashdown')
  await page.getByLabel('Date of birth').fill('1989-10-11')
  await page.getByRole('button', { name: 'Add client' }).click()
  await expect(page.getByRole('heading', { name: 'Robin Ashdown' })).toBeVisible()
  await hydrated(page)
  await page.getByRole('checkbox', { name: /PHQ-9/ }).check()
  await page.getByRole('checkbox', { name: /ECR-RS/ }).check()
  await page.getByLabel('Relationship the ECR-RS asks about').fill('your partner')
  await page.getByLabel('How often').selectOption('ONCE')
  await page.getByRole('button', { name: 'Assign' }).click()
  await expect(page.getByRole('status').filter({ hasText: '2 questionnaires assigned.' })).toBeVisible()
  await expect(page.getByText(/PHQ-9 \+ ECR-RS/)).toBeVisible()

  await page.getByRole('button', { name: 'Copy link' }).click()
  const link = page.getByLabel('Check-in link (share it only with the client)')
  await expect(link).toHaveValue(/\/c\/[A-Za-z0-9_-]{43}$/)
  const url = await link.inputValue()

  // The client: no session, a 375 px phone.
  const phone = await browser.newContext({ viewport: { width: 375, height: 780 } })
  const client = await phone.newPage()
  const res = await client.goto(url)
  expect(res?.headers()['referrer-policy']).toBe('no-referrer')
  expect(res?.headers()['cache-control']).toContain('no-store')
  await hydrated(client)
  await expect(client.getByText('Harbour Lane Therapy').first()).toBeVisible()
  await expect(client.getByText(/18 questions/)).toBeVisible()
  await expect(client.getByText('Ashdown')).toHaveCount(0)
  await expectNoAxeViolations(client)
  await client.getByRole('button', { name: 'Start' }).click()

  // Skipping a question is pointed out.
  await client.getByRole('button', { name: 'Next' }).click()
  await expect(client.getByRole('alert').filter({ hasText: /needs? an answer/ })).toBeVisible()

  // Item 9 answered "Several days": crisis resources appear at once.
  await answerStep(client, (legend) => (legend.includes('better off dead') ? 'Several days' : null))
  await expect(client.getByRole('alert').filter({ hasText: 'Samaritans' })).toBeVisible()
  await expectNoAxeViolations(client)
  const overflow = await client.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)

  // Reloading keeps the answers (server-side draft).
  await client.waitForTimeout(1500)
  await client.reload()
  await hydrated(client)
  await expect(client.getByText(/welcome back|pick up|where you left off/i).first()).toBeVisible()
  // It resumes at part 2 (the first unanswered questions); part 1's answers are still there.
  await expect(client.getByText(/Part 2 of 2/).first()).toBeVisible()
  await client.getByRole('button', { name: 'Back' }).click()
  await expect(client.getByRole('group', { name: /better off dead/ }).getByLabel('Several days', { exact: true })).toBeChecked()
  await client.getByRole('button', { name: 'Next' }).click()
  await answerStep(client, () => 'Strongly disagree')
  await client.screenshot({ path: 'test-results/e2e/checkin-375.png', fullPage: true })
  await client.getByRole('button', { name: 'Send my answers' }).click()
  await expect(client.getByRole('heading', { name: /Thank you/ })).toBeVisible()
  await expect(client.getByRole('alert').filter({ hasText: 'Samaritans' })).toBeVisible()

  // The link is single-use: opening it again is a kind "no longer open" page.
  await client.goto(url)
  await expect(client.getByText(/no longer open/i).first()).toBeVisible()
  await phone.close()

  // The clinician sees the new scores and the open risk flag.
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Open risk flag' })).toBeVisible()
  await expect(page.getByText('PHQ-9 question 9: “Several days”')).toBeVisible()
  await expect(page.getByRole('cell', { name: /^1 \(minimal\)|\(minimal\)/ }).first()).toBeVisible()
  await page.goto('/clients')
  await expect(page.getByRole('row', { name: /Ashdown, Robin/ }).getByText('1 open risk flag')).toBeVisible()

  // Acknowledge, then resolve with a note.
  await page.getByRole('link', { name: 'Ashdown, Robin' }).click()
  await hydrated(page)
  await page.getByRole('button', { name: 'Acknowledge' }).click()
  await expect(page.getByText(/acknowledged/).first()).toBeVisible()
  await page.getByLabel('Resolution note').fill('Called Robin; safety plan reviewed together.')
  await page.getByRole('button', { name: 'Resolve flag' }).click()
  await expect(page.getByRole('heading', { name: 'Open risk flag' })).toHaveCount(0)
})

test('a wrong or altered link is a plain not-found page', async ({ page }) => {
  const res = await page.goto('/c/' + 'A'.repeat(43))
  expect(res?.status()).toBe(404)
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible()
  const short = await page.goto('/c/abc')
  expect(short?.status()).toBe(404)
})
