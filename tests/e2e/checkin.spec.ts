import { answerStep, expect, test } from './fixtures'
import { expectNoAxeViolations, hydrated } from './helpers'

test('a clinician assigns PHQ-9 + ECR-RS, a client completes it on a phone, the clinician sees scores and the risk flag', async ({
  page,
  browser,
  ownClient,
}) => {
  // The clinician has added a client of their own (the fixture) and assigns two questionnaires due today.
  const robin = ownClient
  await expect(page.getByRole('heading', { name: robin.heading })).toBeVisible()
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
  await expect(client.getByText(robin.lastName)).toHaveCount(0)
  await expectNoAxeViolations(client)
  await client.getByRole('link', { name: 'Start' }).click()
  // A new page (plain HTML): wait for its questions and its script.
  await expect(client.locator('fieldset').first()).toBeVisible()
  await hydrated(client)

  // Skipping a question is pointed out.
  await client.getByRole('button', { name: 'Next' }).click()
  await expect(client.getByRole('alert').filter({ hasText: 'Some questions still need an answer' })).toBeVisible()

  // Item 9 answered "Several days": crisis resources appear at once.
  await answerStep(client, (legend) => (legend.includes('better off dead') ? 'Several days' : null))
  await expect(client.getByRole('alert').filter({ hasText: 'Samaritans' })).toBeVisible()
  await expectNoAxeViolations(client)
  const overflow = await client.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)

  // Reloading keeps the answers (server-side draft), once the page says they are saved.
  await expect(client.getByRole('status').filter({ hasText: /^Your answers so far are saved\.$/ })).toBeVisible()
  await client.reload()
  await hydrated(client)
  await expect(client.getByText('Welcome back. Your earlier answers have been kept, so you can carry on where you left off.')).toBeVisible()
  // It resumes at part 2 (the first unanswered questions); part 1's answers are still there.
  await expect(client.getByText(/Part 2 of 2/).first()).toBeVisible()
  await client.getByRole('button', { name: 'Back' }).click()
  await expect(client.getByRole('group', { name: /better off dead/ }).getByLabel('Several days', { exact: true })).toBeChecked()
  await client.getByRole('button', { name: 'Next' }).click()
  await expect(client.getByText(/Part 2 of 2/).first()).toBeVisible()
  await hydrated(client)
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
  // PHQ-9: 1 (item 9 "Several days", every other item "Not at all"), minimal, with the risk item marked.
  const phq9 = page
    .getByRole('table', { name: /^Most recent questionnaire scores/ })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: 'PHQ-9', exact: true }) })
  await expect(phq9).toHaveCount(1)
  await expect(phq9.getByRole('cell').nth(2)).toHaveText('1 (minimal)risk item')
  await page.goto('/clients')
  await expect(page.getByRole('row', { name: new RegExp(robin.listed) }).getByText('1 open risk flag')).toBeVisible()

  // Acknowledge, then resolve with a note.
  await page.getByRole('link', { name: robin.listed }).click()
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
