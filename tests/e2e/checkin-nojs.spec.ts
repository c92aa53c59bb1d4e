// The check-in without JavaScript: the page ships no framework script (pages/c/[token].tsx), so a
// browser with script off gets the same check-in as plain forms. Answers are saved as the client
// moves between steps (the draft survives a new visit), gaps are pointed out by the server, and
// the answers are sent. Also: no framework script on the page, and axe on the no-script pages.
import type { Browser } from '@playwright/test'
import { assignPhq9AndEcr, expect, test } from './fixtures'
import { expectNoAxeViolations } from './helpers'

/**
 * axe needs script to run, so it checks the same page (a GET changes nothing) in a context where
 * script runs but the page's own script is blocked: exactly the HTML a browser without script gets.
 */
async function expectNoAxeViolationsWithoutScript(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 375, height: 780 } })
  try {
    await context.route('**/checkin.js', (r) => r.abort())
    const page = await context.newPage()
    await page.goto(url)
    await expectNoAxeViolations(page)
  } finally {
    await context.close()
  }
}

test('a client without JavaScript answers, leaves, comes back to the saved draft, and sends', async ({ page, browser, ownClient }) => {
  await expect(page.getByRole('heading', { name: ownClient.heading })).toBeVisible()
  const url = await assignPhq9AndEcr(page)

  const phone = await browser.newContext({ viewport: { width: 375, height: 780 }, javaScriptEnabled: false })
  const client = await phone.newPage()
  const res = await client.goto(url)
  expect(res?.status()).toBe(200)
  expect(res?.headers()['referrer-policy']).toBe('no-referrer')
  // No framework JavaScript: at most the page's own small script (which does not run here).
  const scripts = await client.locator('script[src]').evaluateAll((els) => els.map((e) => e.getAttribute('src')))
  expect(scripts).toEqual(['/checkin.js'])
  await expect(client.locator('#__NEXT_DATA__')).toHaveCount(0)
  await expectNoAxeViolationsWithoutScript(browser, client.url())
  await client.getByRole('link', { name: 'Start' }).click()
  await expect(client.getByText(/Part 1 of 2/).first()).toBeVisible()
  // Nothing can react to the risk answer without script: the help lines stand next to the risk
  // question (PHQ-9 item 9) from the start, and only there.
  const note = client.locator('[data-crisis-note]')
  await expect(note).toHaveCount(1)
  await expect(note).toBeVisible()
  await expect(note).toContainText('Samaritans')
  const noteFollowsRiskQuestion = await note.evaluate((el) => {
    // note → noscript → the question's own wrapper, whose fieldset is the risk question
    const group = el.parentElement?.parentElement?.querySelector(':scope > fieldset legend')
    return group?.textContent ?? ''
  })
  expect(noteFollowsRiskQuestion).toContain('better off dead')
  await note.scrollIntoViewIfNeeded()
  await client.screenshot({ path: 'test-results/e2e/checkin-nojs-risk-note-375.png' })

  // Moving on with gaps: the server points them out, with a link to each.
  await client.getByRole('button', { name: 'Next' }).click()
  await expect(client.getByRole('alert').filter({ hasText: 'Some questions still need an answer' })).toBeVisible()
  await expect(client.getByRole('link', { name: 'Question 1 needs an answer' })).toBeVisible()
  await expect(client.getByText('Please choose an answer.').first()).toBeVisible()
  await expectNoAxeViolationsWithoutScript(browser, client.url())

  // Two answers, then "Next": still gaps, but the two answers are saved as the draft.
  const groups = client.locator('fieldset')
  await groups.nth(0).getByLabel('Several days', { exact: true }).check()
  await groups.nth(1).getByLabel('Not at all', { exact: true }).check()
  await client.getByRole('button', { name: 'Next' }).click()
  await expect(client.getByRole('link', { name: 'Question 3 needs an answer' })).toBeVisible()
  await expect(client.getByRole('link', { name: 'Question 1 needs an answer' })).toHaveCount(0)

  // A new visit to the link (another tab, the next morning): the draft is there.
  const later = await phone.newPage()
  await later.goto(url)
  await expect(later.getByText('Welcome back. Your earlier answers have been kept, so you can carry on where you left off.')).toBeVisible()
  await expect(later.locator('fieldset').nth(0).getByLabel('Several days', { exact: true })).toBeChecked()
  await expect(later.locator('fieldset').nth(1).getByLabel('Not at all', { exact: true })).toBeChecked()
  await client.close()

  // Finish part 1 (item 9 "Several days"), go on, answer part 2, send.
  const rest = later.locator('fieldset')
  const n = await rest.count()
  for (let i = 2; i < n; i++) {
    const legend = await rest.nth(i).locator('legend').innerText()
    await rest
      .nth(i)
      .getByLabel(legend.includes('better off dead') ? 'Several days' : 'Not at all', { exact: true })
      .check()
  }
  await later.getByRole('button', { name: 'Next' }).click()
  await expect(later.getByText(/Part 2 of 2/).first()).toBeVisible()
  // Back and forth keeps part 1's answers.
  await later.getByRole('button', { name: 'Back' }).click()
  await expect(later.getByRole('group', { name: /better off dead/ }).getByLabel('Several days', { exact: true })).toBeChecked()
  await later.getByRole('button', { name: 'Next' }).click()
  // Wait for part 2 itself: counting the fieldsets while the post is still loading counted none,
  // and the answers were sent empty (seen once in CI).
  await expect(later.getByText(/Part 2 of 2/).first()).toBeVisible()
  const part2 = later.locator('fieldset')
  await expect(part2.first()).toBeVisible()
  for (let i = 0; i < (await part2.count()); i++) await part2.nth(i).getByLabel('Strongly disagree', { exact: true }).check()
  await later.screenshot({ path: 'test-results/e2e/checkin-nojs-375.png', fullPage: true })
  await later.getByRole('button', { name: 'Send my answers' }).click()
  await expect(later.getByRole('heading', { name: /Thank you/ })).toBeVisible()
  // A risk answer above zero: the help lines are on the thank-you page.
  await expect(later.getByRole('alert').filter({ hasText: 'Samaritans' })).toBeVisible()

  // One submission per link: the link is closed now.
  await later.goto(url)
  await expect(later.getByText(/no longer open/i).first()).toBeVisible()
  await phone.close()
})
