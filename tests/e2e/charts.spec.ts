// Charts fit the width and the history they have: on a phone and on a desktop, a year of weekly
// answers (the demo's Amelia Hart) has readable ticks, labels off the data and no overflow; the
// report shows the whole episode on a phone; a new client's single answer sits inside the axis.
import { mkdirSync } from 'node:fs'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { addClient, assignPhq9AndEcr, completeCheckIn } from './fixtures'
import { CLINICIAN, expectNoAxeViolations, fromHomeToCaseload, hydrated, signIn } from './helpers'

const SHOTS = '/tmp/shots-charts'
mkdirSync(SHOTS, { recursive: true })

const WIDTHS = [375, 1280] as const

/**
 * What is wrong with the layout of the charts inside `scope` ([] when nothing): x-tick labels that
 * overlap each other, band/cutoff/baseline/line-end labels on a point mark or outside the chart,
 * and a chart wider than its container.
 */
async function chartProblems(scope: Locator): Promise<string[]> {
  return scope.locator('figure:has(svg.recharts-surface)').evaluateAll((figures) => {
    const problems: string[] = []
    const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5
    figures.forEach((figure, n) => {
      const svg = figure.querySelector('svg.recharts-surface')!
      const box = svg.getBoundingClientRect()
      const container = figure.getBoundingClientRect()
      if (box.width > container.width + 0.5) problems.push(`chart ${n}: ${box.width} px wide in a ${container.width} px container`)
      const ticks = [...figure.querySelectorAll('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')]
      if (ticks.length === 0) problems.push(`chart ${n}: no x-axis labels`)
      for (let i = 1; i < ticks.length; i++) {
        if (overlap(ticks[i - 1]!.getBoundingClientRect(), ticks[i]!.getBoundingClientRect()))
          problems.push(`chart ${n}: ticks "${ticks[i - 1]!.textContent}" and "${ticks[i]!.textContent}" overlap`)
      }
      const marks = [...figure.querySelectorAll('.chart-point > g')].map((m) => m.getBoundingClientRect())
      for (const label of figure.querySelectorAll('.chart-gutter-label text, .chart-baseline-label text, .chart-point-label')) {
        const r = label.getBoundingClientRect()
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)
          problems.push(`chart ${n}: label "${label.textContent}" is cut at the chart's edge`)
        if (label.classList.contains('chart-point-label')) continue
        if (marks.some((m) => overlap(m, r))) problems.push(`chart ${n}: label "${label.textContent}" lies on a point`)
      }
    })
    return problems
  })
}

async function openHart(page: Page) {
  await signIn(page, CLINICIAN)
  await fromHomeToCaseload(page)
  await page.getByRole('link', { name: 'Hart, Amelia' }).click()
  await expect(page.getByRole('heading', { name: 'Scores over time' })).toBeVisible()
  await hydrated(page)
}

const card = (page: Page, name: RegExp) =>
  page
    .getByRole('article')
    .filter({ has: page.getByRole('heading', { name, level: 3 }) })
    .first()

for (const width of WIDTHS) {
  test(`a year of weekly answers reads at ${width} px: ticks apart, labels off the data, nothing wider than its card`, async ({ page }) => {
    await page.setViewportSize({ width, height: width < 640 ? 812 : 800 })
    await openHart(page)
    const charts = page.locator('section[aria-labelledby="charts-heading"]')
    const phq9 = card(page, /^PHQ-9$/)
    await expect(phq9.locator('svg.recharts-surface')).toBeVisible()
    await expect(phq9.locator('.chart-gutter-label text').filter({ hasText: /cutoff/ })).toBeVisible()
    await expect(phq9.locator('.chart-baseline-label text')).toHaveText('baseline')
    await expect.poll(() => chartProblems(charts)).toEqual([])
    // The legend names the bands in words (a narrow chart has no room beside the plot).
    await expect(phq9.getByText(/minimal 0–4 · mild 5–9/)).toBeVisible()
    // Every point is still reachable by keyboard, however the marks are drawn.
    const points = phq9.locator('[data-point]')
    expect(await points.count()).toBeGreaterThan(40)
    await points.last().focus()
    await page.keyboard.press('Home')
    await expect(phq9.locator('[data-point="0"]')).toBeFocused()
    await phq9.screenshot({ path: `${SHOTS}/hart-phq9-${width}.png` })
    await card(page, /^ECR-RS/).screenshot({ path: `${SHOTS}/hart-ecr-${width}.png` })
    await card(page, /^Attachment path$/).screenshot({ path: `${SHOTS}/hart-path-${width}.png` })
  })
}

test('the report at 375 px shows the whole episode in its charts, stacks its tables and passes axe', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 })
  await openHart(page)
  await page.getByRole('link', { name: /Progress report/ }).click()
  await expect(page).toHaveURL(/\/report$/)
  await hydrated(page)
  const report = page.locator('article').first()
  await expect(report.locator('svg.recharts-surface').first()).toBeVisible()
  await expect.poll(() => chartProblems(report)).toEqual([])
  // The most recent month has its tick, inside the phone's width.
  const thisMonth = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'Europe/London' }).format(new Date())
  const lastTick = report.locator('figure').first().locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').last()
  await expect(lastTick).toHaveText(thisMonth)
  await lastTick.scrollIntoViewIfNeeded()
  await expect(lastTick).toBeInViewport({ ratio: 1 })
  // The summary keeps "Latest" and "Change" on a phone: each row is a block with its column names.
  const summary = page.getByRole('table', { name: /Baseline and latest score/ })
  await expect(summary.getByRole('row', { name: /PHQ-9/ }).getByText('Change', { exact: true })).toBeVisible()
  await expect(summary.getByRole('columnheader', { name: 'Latest' })).toHaveCount(1)
  await expectNoAxeViolations(page)
  await page.screenshot({ path: `${SHOTS}/report-375.png`, fullPage: true })
})

test('the report at 1280 px and printed keeps its charts inside the page', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await openHart(page)
  await page.getByRole('link', { name: /Progress report/ }).click()
  await hydrated(page)
  const report = page.locator('article').first()
  await expect(report.locator('svg.recharts-surface').first()).toBeVisible()
  await expect.poll(() => chartProblems(report)).toEqual([])
  await page.screenshot({ path: `${SHOTS}/report-1280.png`, fullPage: true })
  await page.emulateMedia({ media: 'print' })
  await expect(report.locator('svg.recharts-surface').first()).toHaveAttribute('width', '680')
  await page.pdf({ path: `${SHOTS}/report-a4.pdf`, format: 'A4' })
})

test('a new client with one answer: the point sits inside the axis, "baseline" is whole, the dimensions are named', async ({ page, browser }) => {
  await page.setViewportSize({ width: 375, height: 812 })
  await signIn(page, CLINICIAN)
  await expect(page).toHaveURL(/\/attention$/)
  const client = await addClient(page, 'Noor', 'Firstanswer')
  const link = await assignPhq9AndEcr(page)
  await completeCheckIn(browser, link)
  await page.goto(client.path)
  await expect(page.getByRole('heading', { name: 'Scores over time' })).toBeVisible()
  await hydrated(page)

  const phq9 = card(page, /^PHQ-9$/)
  const point = phq9.locator('.chart-point > g')
  await expect(point).toHaveCount(1)
  await expect(phq9.locator('.chart-baseline-label text')).toHaveText('baseline')
  await expect
    .poll(async () => {
      const axis = await phq9.locator('.recharts-xAxis .recharts-cartesian-axis-line').boundingBox()
      const mark = await point.boundingBox()
      if (!axis || !mark) return 'not drawn'
      const centre = mark.x + mark.width / 2
      return centre - axis.x > 0.25 * axis.width && axis.x + axis.width - centre > 0.25 * axis.width
        ? 'inside'
        : `at ${centre} on an axis ${axis.x}..${axis.x + axis.width}`
    })
    .toBe('inside')
  await expect.poll(() => chartProblems(page.locator('section[aria-labelledby="charts-heading"]'))).toEqual([])

  const ecr = card(page, /^ECR-RS/)
  await expect(ecr.locator('.chart-gutter-label text').filter({ hasText: /^anxiety/ })).toBeVisible()
  await expect(ecr.locator('.chart-gutter-label text').filter({ hasText: /^avoidance/ })).toBeVisible()
  await expect(ecr.getByText('avoidance: dashed line, square points')).toBeVisible()
  await expect(card(page, /^Attachment path$/).locator('.chart-point-label')).toHaveText('latest')

  await page.locator('section[aria-labelledby="charts-heading"]').screenshot({ path: `${SHOTS}/new-client-375.png` })
  await page.setViewportSize({ width: 1280, height: 800 })
  await expect.poll(() => chartProblems(page.locator('section[aria-labelledby="charts-heading"]'))).toEqual([])
  await page.locator('section[aria-labelledby="charts-heading"]').screenshot({ path: `${SHOTS}/new-client-1280.png` })
})
