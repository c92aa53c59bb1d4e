// Fixtures for specs that change data: each test gets its own client, made through the app's own
// "Add client" form as the demo clinician, so no spec edits a seeded client another spec reads and
// the specs do not depend on each other's order (or on an earlier run against the same server).
// Reading-only specs keep using the demo seed (tests/e2e/helpers.ts).
import { randomInt } from 'node:crypto'
import { test as base, expect, type Browser, type Page } from '@playwright/test'
import { CLINICIAN, hydrated, signIn } from './helpers'

/** `n` random lower-case letters: a name part the client form accepts, unique per test. */
export function uniqueLetters(n = 8) {
  return Array.from({ length: n }, () => String.fromCharCode(97 + randomInt(26))).join('')
}

export interface OwnClient {
  firstName: string
  lastName: string
  /** As the client page's heading shows it: "First Last". */
  heading: string
  /** As the caseload lists it: "Last, First". */
  listed: string
  /** The client page's path, /clients/<id>. */
  path: string
}

/**
 * Adds a client through the "Add client" form as whoever is signed in on `page` (a clinician), and
 * ends on the new client's page, hydrated. The last name is made unique.
 */
export async function addClient(page: Page, firstName = 'Robin', lastNameStem = 'Ashdown', dateOfBirth = '1989-10-11'): Promise<OwnClient> {
  const lastName = `${lastNameStem}${uniqueLetters()}`
  await page.goto('/clients/new')
  await expect(page.getByRole('heading', { name: 'Add client' })).toBeVisible()
  await hydrated(page)
  await page.getByLabel('First name').fill(firstName)
  await page.getByLabel('Last name').fill(lastName)
  await page.getByLabel('Date of birth').fill(dateOfBirth)
  await page.getByRole('button', { name: 'Add client' }).click()
  const heading = `${firstName} ${lastName}`
  await expect(page.getByRole('heading', { name: heading })).toBeVisible()
  // "Client added." once; the ?created=1 the form redirected to leaves the address after it shows.
  await expect(page.getByRole('status').filter({ hasText: 'Client added.' })).toBeVisible()
  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/)
  await hydrated(page)
  return { firstName, lastName, heading, listed: `${lastName}, ${firstName}`, path: new URL(page.url()).pathname }
}

/** Answers every question on the current check-in step: the first anchor, or `pick(legend)` when given. */
export async function answerStep(page: Page, pick: (legend: string) => string | null = () => null) {
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

/**
 * On the client page: assigns PHQ-9 + ECR-RS once, due today, and returns the check-in link the
 * clinician copies for the client.
 */
export async function assignPhq9AndEcr(page: Page, relationship = 'your partner') {
  await page.getByRole('checkbox', { name: /PHQ-9/ }).check()
  await page.getByRole('checkbox', { name: /ECR-RS/ }).check()
  await page.getByLabel('Relationship the ECR-RS asks about').fill(relationship)
  await page.getByLabel('How often').selectOption('ONCE')
  await page.getByRole('button', { name: 'Assign' }).click()
  await expect(page.getByRole('status').filter({ hasText: '2 questionnaires assigned.' })).toBeVisible()
  await page.getByRole('button', { name: 'Copy link' }).click()
  const link = page.getByLabel('Check-in link (share it only with the client)')
  await expect(link).toHaveValue(/\/c\/[A-Za-z0-9_-]{43}$/)
  return link.inputValue()
}

/** The client, in their own browser without a session, answers every part of a check-in link and sends it. */
export async function completeCheckIn(browser: Browser, url: string, pick?: (legend: string) => string | null) {
  const context = await browser.newContext()
  try {
    const client = await context.newPage()
    await client.goto(url)
    await hydrated(client)
    await client.getByRole('link', { name: 'Start' }).click()
    const send = client.getByRole('button', { name: 'Send my answers' })
    for (let part = 1; ; part++) {
      await expect(client.getByText(new RegExp(`Part ${part} of \\d+`)).first()).toBeVisible()
      await answerStep(client, pick)
      if (await send.isVisible()) break
      await client.getByRole('button', { name: 'Next' }).click()
    }
    await send.click()
    await expect(client.getByRole('heading', { name: /Thank you/ })).toBeVisible()
  } finally {
    await context.close()
  }
}

export const test = base.extend<{
  /** A client of the demo clinician that only this test uses; `page` is signed in as that clinician, on the client's page. */
  ownClient: OwnClient
}>({
  ownClient: async ({ page }, provide) => {
    await signIn(page, CLINICIAN)
    await expect(page).toHaveURL(/\/attention$/)
    await provide(await addClient(page))
  },
})

export { expect }
