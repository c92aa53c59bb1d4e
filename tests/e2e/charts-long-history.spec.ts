// Ten years of weekly answers: the charts draw a bounded number of points (each with a keyboard
// stop) that keeps the baseline, the latest and the risk answer, say how many they show, and the
// table lists every answer. The history is "Long History" of `npm run seed:large` (seeded alone,
// `--long-history-only`: the same ten years, without the 100 other clients of a clinician's
// caseload), into an embedded database of this spec's own and served by a production server of its
// own: the suite's server holds its embedded database alone, and the app makes no backdated answers.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs, { mkdirSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test'
import { childProcessEnv } from '../../lib/env'
import { clinicianEmail, LARGE_PASSWORD } from '../../scripts/lib/bench-stats'
import { expectNoAxeViolations, hydrated, signIn } from './helpers'

const root = path.resolve(import.meta.dirname, '..', '..')
const dataDir = path.join(root, '.data', 'e2e-long-history')
const SHOTS = '/tmp/shots-charts'
mkdirSync(SHOTS, { recursive: true })
/** The most points a time chart draws (components/charts/thin-series.ts MAX_MARKS). */
const MAX_MARKS = 120

test.describe.configure({ mode: 'serial', timeout: 180_000 })

let server: ChildProcess | null = null
let base = ''

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })
}

function runTsx(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), '--conditions=react-server', ...args], {
    cwd: root,
    env: childProcessEnv(env),
    encoding: 'utf8',
    timeout: 120_000,
  })
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`)
}

test.beforeAll(async () => {
  test.setTimeout(240_000)
  fs.rmSync(dataDir, { recursive: true, force: true })
  fs.mkdirSync(dataDir, { recursive: true })
  const env = { NODE_ENV: 'production', LOG_LEVEL: 'warn', DATABASE_URL: `pglite:${path.join(dataDir, 'pglite')}`, SECUREBASE_DATA_DIR: dataDir }
  runTsx(['scripts/db-migrate.ts', 'deploy'], env)
  runTsx(['scripts/seed-large.ts', '--long-history-only'], env)
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  // Never outlive the test worker, even when it is torn down after a failure.
  process.once('exit', () => server?.kill('SIGKILL'))
  server = spawn(process.execPath, [path.join(root, 'scripts/server.mjs'), String(port), '127.0.0.1', '0'], {
    cwd: root,
    stdio: 'ignore',
    env: childProcessEnv({
      ...env,
      NEXT_TELEMETRY_DISABLED: '1',
      NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: 'e2e-only-secret-not-for-production-0123456789',
    }),
  })
  for (const until = Date.now() + 120_000; ;) {
    if (server.exitCode !== null) throw new Error(`the long-history server exited (${server.exitCode})`)
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) break
    if (Date.now() > until) throw new Error('the long-history server did not start')
    await new Promise((r) => setTimeout(r, 500))
  }
})

test.afterAll(async () => {
  if (!server || server.exitCode !== null) return
  const exited = new Promise((r) => server!.once('exit', r))
  server.kill('SIGINT')
  await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))])
  if (server.exitCode === null) server.kill('SIGKILL')
})

async function openLongHistory(browser: Browser, width: number, range: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: base, viewport: { width, height: width < 640 ? 812 : 800 } })
  const page = await context.newPage()
  await signIn(page, clinicianEmail(1), LARGE_PASSWORD)
  await expect(page).toHaveURL(/\/attention$/)
  await page.goto('/clients')
  await hydrated(page)
  await page.getByRole('searchbox', { name: 'Search by name' }).fill('Long History')
  await page.getByRole('searchbox', { name: 'Search by name' }).press('Enter')
  await page.getByRole('link', { name: 'History, Long' }).click()
  await expect(page.getByRole('heading', { name: 'Long History' })).toBeVisible()
  await page.goto(`${new URL(page.url()).pathname}?range=${range}`)
  await expect(page.getByRole('heading', { name: 'Scores over time' })).toBeVisible()
  await hydrated(page)
  return page
}

const card = (page: Page, name: RegExp): Locator =>
  page
    .getByRole('article')
    .filter({ has: page.getByRole('heading', { name, level: 3 }) })
    .first()

/** "459 answers, 120 shown on the chart; …" → [459, 120]. */
async function counts(figure: Locator): Promise<[number, number]> {
  const text = (await figure.locator('figcaption').textContent()) ?? ''
  const m = /(\d+) answers, (\d+) shown on the chart; the table lists every answer/.exec(text)
  if (!m) throw new Error(`no "N answers, M shown" in: ${text}`)
  return [Number(m[1]), Number(m[2])]
}

for (const width of [375, 1280] as const) {
  test(`ten years at ${width} px: at most ${MAX_MARKS} points drawn and reachable, key answers kept, the table lists every answer`, async ({ browser }) => {
    const page = await openLongHistory(browser, width, 'all')
    const phq9 = card(page, /^PHQ-9$/)
    const figure = phq9.locator('figure')
    await expect(figure.locator('svg.recharts-surface')).toBeVisible()
    // The description is written for the measured width: wait for the drawn points to match it.
    await expect.poll(async () => (await counts(figure))[1] === (await phq9.locator('[data-point]').count())).toBe(true)
    const [answers, shown] = await counts(figure)
    expect(answers).toBeGreaterThan(400)
    expect(shown).toBeLessThanOrEqual(MAX_MARKS)
    expect(shown).toBeGreaterThanOrEqual(24)
    expect(await phq9.locator('.chart-point').count()).toBe(shown)

    // The first, the baseline, the risk answer and the latest are among the drawn points.
    const stops = phq9.locator('[data-point]')
    await expect(phq9.locator('[data-point][aria-label*="risk item answered"]')).not.toHaveCount(0)
    await expect(phq9.locator('[data-point][aria-label*=", baseline."]')).toHaveCount(1)
    // One tab stop, on the latest; Home and End reach the ends of the history.
    await expect(phq9.locator('[data-point][tabindex="0"]')).toHaveAttribute('data-point', String(shown - 1))
    await stops.last().focus()
    await page.keyboard.press('Home')
    await expect(phq9.locator('[data-point="0"]')).toBeFocused()
    await page.keyboard.press('End')
    await expect(phq9.locator(`[data-point="${shown - 1}"]`)).toBeFocused()

    // ECR-RS (two lines) and the attachment path are bounded too.
    const ecr = card(page, /^ECR-RS/)
    expect(await ecr.locator('[data-point]').count()).toBeLessThanOrEqual(MAX_MARKS)
    const path = card(page, /^Attachment path$/)
    expect(await path.locator('[data-point]').count()).toBeLessThanOrEqual(60)
    await expect(path.locator('.chart-point-label').filter({ hasText: 'latest' })).toHaveCount(1)

    await phq9.screenshot({ path: `${SHOTS}/long-10y-phq9-${width}.png` })
    await ecr.screenshot({ path: `${SHOTS}/long-10y-ecr-${width}.png` })
    await path.screenshot({ path: `${SHOTS}/long-10y-path-${width}.png` })
    await expectNoAxeViolations(page)

    // The table alternative lists every answer.
    await phq9.getByRole('button', { name: 'Table' }).click()
    await expect(phq9.getByRole('table').locator('tbody tr')).toHaveCount(answers)
    await expectNoAxeViolations(page)
    await page.context().close()
  })
}

test('one year of the same history at 375 and 1280 px', async ({ browser }) => {
  for (const width of [375, 1280]) {
    const page = await openLongHistory(browser, width, '12m')
    const phq9 = card(page, /^PHQ-9$/)
    await expect(phq9.locator('svg.recharts-surface')).toBeVisible()
    const stops = await phq9.locator('[data-point]').count()
    expect(stops).toBeGreaterThan(40)
    expect(stops).toBeLessThanOrEqual(MAX_MARKS)
    await phq9.screenshot({ path: `${SHOTS}/long-1y-phq9-${width}.png` })
    await card(page, /^ECR-RS/).screenshot({ path: `${SHOTS}/long-1y-ecr-${width}.png` })
    await page.context().close()
  }
})
