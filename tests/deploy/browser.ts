// The browser side of the smoke test: Debian's chromium, the same launch options as
// playwright.config.ts, one context per person (both instances are on 127.0.0.1, and cookies do
// not care about ports, so one shared context would mix the clinician's and the admin's sessions).
import { chromium, expect, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { ADMIN, CLINICIAN, DEMO_PASSWORD } from '../e2e/helpers'

export { ADMIN, CLINICIAN }

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: LAUNCH_ARGS })
}

export async function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL })
  context.setDefaultTimeout(30_000)
  return context
}

/** Waits until React has attached handlers (as tests/e2e/helpers.ts does). */
async function hydrated(page: Page) {
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true')
}

/** Signs in through /login on the context's instance; returns the path it landed on. */
export async function signIn(page: Page, email: string): Promise<string> {
  await page.goto('/login')
  await hydrated(page)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 })
  return new URL(page.url()).pathname
}

/** The caseload page (/clients, or `url`) shows the heading and at least these client rows. */
export async function expectClients(page: Page, heading: string, names: string[], url = '/clients') {
  await page.goto(url)
  await expect(page).toHaveURL(/\/clients$/)
  await expect(page.getByRole('heading', { name: heading })).toBeVisible()
  for (const n of names) await expect(page.getByRole('link', { name: n })).toBeVisible()
}

/**
 * The clinician assigns CORE-10 "once", due today, to a client (when nothing was due by itself):
 * the app opens the check-in at once, and the next scheduler tick emails its link.
 */
export async function assignOnce(page: Page, clientLink: string) {
  await page.goto('/clients')
  await page.getByRole('link', { name: clientLink }).click()
  await hydrated(page)
  // The client page has one schedule form per existing assignment too: stay in the new one.
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Assign', exact: true }) })
  await form.getByRole('checkbox', { name: /CORE-10/ }).check()
  await form.getByLabel('How often').selectOption('ONCE')
  await form.getByRole('button', { name: 'Assign', exact: true }).click()
  await expect(page.getByRole('status').filter({ hasText: /assigned/ })).toBeVisible()
}

/**
 * Opens a check-in link as the client, answers every question (the first option) part by part
 * and sends. Resolves with the number of parts once the confirmation is shown.
 */
export async function completeCheckIn(page: Page, url: string): Promise<number> {
  const res = await page.goto(url)
  if (res?.status() !== 200) throw new Error(`the check-in link answered ${res?.status()} on ${new URL(url).origin}`)
  await hydrated(page)
  await expect(page.getByText('Harbour Lane Therapy').first()).toBeVisible()
  // The check-in is plain HTML pages (docs/architecture.md, "The check-in page"): Start is a link,
  // and each part is a page of its own, posted as a form.
  await page.getByRole('link', { name: 'Start' }).click()
  for (let part = 1; part <= 20; part++) {
    const groups = page.locator('fieldset')
    await expect(groups.first()).toBeVisible()
    const n = await groups.count()
    for (let i = 0; i < n; i++) await groups.nth(i).getByRole('radio').first().check()
    const send = page.getByRole('button', { name: 'Send my answers' })
    if (await send.isVisible()) {
      await send.click()
      await expect(page.getByRole('heading', { name: /Thank you/ })).toBeVisible()
      return part
    }
    await page.getByRole('button', { name: 'Next' }).click()
    await expect(page.getByText(`Part ${part + 1} of`, { exact: false }).first()).toBeVisible()
  }
  throw new Error('the check-in has more than 20 parts, or the "Send my answers" button never appeared')
}
