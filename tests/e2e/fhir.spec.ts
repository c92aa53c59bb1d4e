import { readFileSync } from 'node:fs'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { ADMIN, CLINICIAN, expectNoAxeViolations, fromHomeToCaseload, hydrated, signIn } from './helpers'
import { bundleProblems, schemaErrors, structuralProblems } from '../fixtures/fhir-check'

const WIDTHS = [375, 1280] as const

async function download(page: Page, start: () => Promise<void>) {
  const [file] = await Promise.all([page.waitForEvent('download'), start()])
  return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') }
}

/** The changed part of the page at a phone's and a desktop's width: no sideways scroll, a screenshot each. */
async function screenshots(page: Page, part: Locator, name: string) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 })
    await part.scrollIntoViewIfNeeded()
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    await part.screenshot({ path: `test-results/fhir/${name}-${width}.png` })
  }
}

test('a clinician downloads the client’s FHIR record as a valid R4 Bundle', async ({ page }) => {
  await signIn(page, CLINICIAN)
  await fromHomeToCaseload(page)
  await page.getByRole('link', { name: 'Hart, Amelia' }).click()
  await expect(page.getByRole('heading', { name: 'Scores over time' })).toBeVisible()
  await hydrated(page)
  const link = page.getByRole('link', { name: 'Download FHIR record (JSON)' })
  await expect(link).toBeVisible()
  await expectNoAxeViolations(page)
  await screenshots(page, link.locator('xpath=..'), 'client-links')

  const file = await download(page, () => link.click())
  expect(file.name).toMatch(/^fhir-[0-9a-f-]{36}-\d{4}-\d{2}-\d{2}\.json$/)
  const bundle = JSON.parse(file.text) as Parameters<typeof bundleProblems>[0] & { resourceType: string }
  expect(bundle.resourceType).toBe('Bundle')
  expect(bundleProblems(bundle)).toEqual([])
  // The demo practice seeds no goals, so a Goal appears only once a clinician has written one.
  const types = new Set(bundle.entry.map((e) => e.resource.resourceType))
  expect([...types].filter((t) => t !== 'Goal').sort()).toEqual(['Observation', 'Patient', 'Questionnaire', 'QuestionnaireResponse'])
})

test('an admin downloads the practice as FHIR NDJSON from the keyboard', async ({ page }) => {
  await signIn(page, ADMIN)
  await expect(page).toHaveURL(/\/admin$/)
  await hydrated(page)
  const panel = page.getByRole('region', { name: 'Records export' })
  await expect(panel).toBeVisible()
  await expectNoAxeViolations(page)
  await screenshots(page, panel, 'admin-panel')

  const link = panel.getByRole('link', { name: 'Bulk FHIR export (NDJSON)' })
  await link.focus()
  const file = await download(page, () => page.keyboard.press('Enter'))
  expect(file.name).toMatch(/^fhir-practice-\d{4}-\d{2}-\d{2}\.ndjson$/)
  const resources = file.text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as { resourceType: string; id: string })
  for (const r of resources) expect(schemaErrors(r), `${r.resourceType}/${r.id}`).toEqual([])
  expect(structuralProblems(resources)).toEqual([])
  expect(resources.filter((r) => r.resourceType === 'Patient').length).toBeGreaterThan(1)
})
