import type { Page } from '@playwright/test'
import { assignPhq9AndEcr, completeCheckIn, expect, test } from './fixtures'
import { expectNoAxeViolations, hydrated } from './helpers'

async function waitSaved(page: Page) {
  await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toBeVisible({ timeout: 15_000 })
}

test('a clinician adds a goal from a suggestion, writes a DAP note on two goals, inserts scores, signs, amends, and sees it on the timeline', async ({
  page,
  browser,
  ownClient,
}) => {
  // A client of this test's own with one completed check-in (PHQ-9 + ECR-RS), so there are scores
  // and attachment scores to suggest goals from, and no seeded client's notes or goals change.
  const url = await assignPhq9AndEcr(page)
  await completeCheckIn(browser, url)
  await page.goto(ownClient.path)
  await expect(page.getByRole('heading', { name: ownClient.heading })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Goals', exact: true })).toBeVisible()
  await hydrated(page)

  // A suggestion from the latest attachment scores: it pre-fills the form, nothing is added by itself.
  await expect(page.getByText(/Suggested starting goals for the/)).toBeVisible()
  await page.getByRole('button', { name: 'Add', exact: true }).first().click()
  const wording = page.getByLabel("Goal in the client's words")
  await expect(wording).not.toHaveValue('')
  await wording.fill('Stay steady when Sam is late home, without texting over and over')
  await page.getByRole('button', { name: 'Add goal' }).click()
  await expect(page.getByText('Stay steady when Sam is late home, without texting over and over').first()).toBeVisible()

  // A second goal in the client's own words.
  await page.getByLabel('Start from').selectOption('')
  await page.getByLabel("Goal in the client's words").fill('Say what I need at work instead of hinting')
  await page.getByRole('button', { name: 'Add goal' }).click()
  await expect(page.getByText('Say what I need at work instead of hinting').first()).toBeVisible()

  // A DAP note on both goals.
  await page.getByRole('link', { name: 'Write a note' }).click()
  await hydrated(page)
  await page.getByRole('radio', { name: /DAP/ }).check()
  await page.getByRole('textbox', { name: 'Data' }).fill('Client described two evenings of intense worry when his partner was late.')
  await page.getByRole('textbox', { name: 'Assessment' }).fill('Noticing the pattern earlier; used the pause practice once.')
  await page.getByRole('textbox', { name: 'Plan' }).fill('Practise the pause daily; review next week.')
  for (const [title, rating] of [
    ['Stay steady when Sam is late home, without texting over and over', '4'],
    ['Say what I need at work instead of hinting', '6'],
  ] as const) {
    await page.getByRole('checkbox', { name: new RegExp(title) }).check()
    const block = page.locator('div.rounded-md').filter({ has: page.getByRole('checkbox', { name: new RegExp(title) }) })
    await block.getByText(rating, { exact: true }).click()
  }
  await page.getByRole('button', { name: 'Insert scores' }).click()
  await expect(page.getByRole('table', { name: /^Scores since baseline/ })).toBeVisible()
  await expect(
    page
      .getByRole('table', { name: /^Scores since baseline/ })
      .getByText('PHQ-9')
      .first(),
  ).toBeVisible()
  await waitSaved(page)
  await expectNoAxeViolations(page)
  await page.screenshot({ path: 'test-results/e2e/note-editor.png', fullPage: true })

  // Sign: asks first and says what will happen.
  await page.getByRole('button', { name: 'Sign note' }).click()
  await expect(page.getByText("Once signed, this note can't be edited.")).toBeVisible()
  await page.getByRole('button', { name: 'Sign now' }).click()
  await expect(page.getByText(/signed by Dr Priya Raman/).first()).toBeVisible()
  await expect(page.getByRole('textbox', { name: 'Data' })).toHaveCount(0)
  await expect(page.getByText('Practise the pause daily; review next week.')).toBeVisible()

  // Amend: a new version; the signed one stays.
  await page.getByRole('button', { name: 'Amend' }).click()
  await hydrated(page)
  await expect(page.getByRole('textbox', { name: 'Plan' })).toHaveValue('Practise the pause daily; review next week.')
  await page.getByRole('textbox', { name: 'Plan' }).fill('Practise the pause daily; review next week; add a repair conversation.')
  await waitSaved(page)
  await page.getByRole('button', { name: 'Sign note' }).click()
  await page.getByRole('button', { name: 'Sign now' }).click()
  await expect(page.getByText(/signed by Dr Priya Raman/).first()).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Version history' })).toBeVisible()
  await expect(page.getByText('Original').first()).toBeVisible()
  await expect(page.getByText('Amendment 1').first()).toBeVisible()

  // The timeline on the client's page, filterable by goal.
  await page.goto(page.url().replace(/\/notes\/.*$/, ''))
  await expect(page.getByRole('heading', { name: 'Timeline' })).toBeVisible()
  const timeline = page.locator('#timeline')
  await expect(timeline.getByText(/DAP/).first()).toBeVisible()
  await timeline.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'Goal: Say what I need at work instead of hinting' })
  await timeline.getByRole('button', { name: 'Show' }).click()
  await expect(page).toHaveURL(/goal=/)
  await expect(page.locator('#timeline').getByText(/DAP/).first()).toBeVisible()
})
