import { expect, type Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'

// The demo accounts the server's first boot seeds (prisma/seed/demo.ts).
export const DEMO_PASSWORD = 'securebase-demo-2026'
export const CLINICIAN = 'clinician@demo.securebase.local'
export const ADMIN = 'admin@demo.securebase.local'

/** Waits until React has attached handlers (a click before that would be lost). */
export async function hydrated(page: Page) {
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true')
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login')
  await hydrated(page)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/**
 * axe's WCAG 2.1 A/AA violations on the page as it is now, one line each ("rule: targets").
 * Every rule still runs on every element; `resultTypes: ['violations']` only spares axe building
 * selectors and details for the nodes that pass (axe's documented performance option), which on a
 * page with a long table (the ten-year history's) was most of the scan.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .options({ resultTypes: ['violations'] }) // first: options() replaces what withTags() set
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

export async function expectNoAxeViolations(page: Page) {
  expect(await axeViolations(page)).toEqual([])
}

/** A clinician lands on 'Needs attention' after signing in; this goes on to the caseload through the main nav. */
export async function fromHomeToCaseload(page: Page) {
  await expect(page).toHaveURL(/\/attention$/)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients', exact: true }).click()
  await expect(page).toHaveURL(/\/clients$/)
}
