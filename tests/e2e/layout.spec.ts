// The layout guard: every page of the app, at a phone's width (375 px) and a clinician's screen
// (1280 px), must not scroll sideways, must not clip text in its tables and charts, and must pass
// axe. A screenshot of each is saved under test-results/layout/ for a person to look at.
//
// New pages get the guard by default: the first test lists every app/**/page.tsx and fails until
// the page has an entry in PAGES below (how to reach it, as whom). The Pages Router's pages/ too.
import fs from 'node:fs'
import path from 'node:path'
import type { BrowserContext, Page } from '@playwright/test'
import { addClient, assignPhq9AndEcr, expect, test } from './fixtures'
import { ADMIN, axeViolations, CLINICIAN, hydrated, signIn } from './helpers'

// The longest spec: its pages spread over the Playwright workers. Each worker makes the data below
// once (beforeAll) on its own server; the tests only read it.
test.describe.configure({ mode: 'parallel' })

type Who = 'clinician' | 'admin' | 'nobody'
interface Ctx {
  /** A seeded client with a year of weekly check-ins (Amelia Hart): charts and tables at their fullest. */
  richClient: string
  /** A client added by this run, with one note and one open check-in link. */
  newClient: string
  notePath: string
  checkInLink: string
}
interface PageEntry {
  who: Who
  /** Where to go; several for a route with more than one state worth seeing. */
  paths: (c: Ctx) => string[]
}

// Route pattern (app/ path without route groups) → how to reach it.
const PAGES: Record<string, PageEntry> = {
  '/': { who: 'clinician', paths: () => ['/'] },
  '/login': { who: 'nobody', paths: () => ['/login'] },
  '/invite/[token]': { who: 'nobody', paths: () => ['/invite/not-a-real-invitation-token-0000000000000'] },
  '/reset/[token]': { who: 'nobody', paths: () => ['/reset/not-a-real-reset-token-00000000000000000000'] },
  '/c/[token]': { who: 'nobody', paths: (c) => [c.checkInLink, '/c/not-a-real-check-in-link-000000000000000000'] },
  '/attention': { who: 'clinician', paths: () => ['/attention'] },
  '/clients': { who: 'clinician', paths: () => ['/clients'] },
  '/outcomes': { who: 'clinician', paths: () => ['/outcomes'] },
  '/clients/new': { who: 'clinician', paths: () => ['/clients/new'] },
  '/clients/[id]': { who: 'clinician', paths: (c) => [c.richClient, c.newClient] },
  '/clients/[id]/report': { who: 'clinician', paths: (c) => [`${c.richClient}/report`, `${c.newClient}/report`] },
  '/clients/[id]/notes/new': { who: 'clinician', paths: (c) => [`${c.richClient}/notes/new`] },
  '/clients/[id]/notes/[noteId]': { who: 'clinician', paths: (c) => [c.notePath] },
  '/account': { who: 'clinician', paths: () => ['/account'] },
  '/account/mfa': { who: 'clinician', paths: () => ['/account/mfa'] },
  '/admin': { who: 'admin', paths: () => ['/admin'] },
  '/admin/audit': { who: 'admin', paths: () => ['/admin/audit'] },
  '/admin/invite': { who: 'admin', paths: () => ['/admin/invite'] },
  '/admin/settings': { who: 'admin', paths: () => ['/admin/settings'] },
  '/admin/transfer': { who: 'admin', paths: () => ['/admin/transfer'] },
}
/** Not a route of its own but a view every admin uses: the practice-wide caseload. */
const EXTRA: { who: Who; path: string }[] = [
  { who: 'admin', path: '/clients?scope=all' },
  // Practice outcomes: the practice-wide rows per clinician are the widest view.
  { who: 'admin', path: '/outcomes' },
]

const WIDTHS = [
  { width: 375, height: 812 },
  { width: 1280, height: 800 },
] as const

function appRoutes(): string[] {
  const root = path.resolve(import.meta.dirname, '..', '..', 'app')
  const routes: string[] = []
  const walk = (dir: string, parts: string[]) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name), /^\(.*\)$/.test(e.name) ? parts : [...parts, e.name])
      else if (e.name === 'page.tsx') routes.push(`/${parts.join('/')}`)
    }
  }
  walk(root, [])
  // The Pages Router's pages (the client's check-in, pages/c/[token].tsx).
  const pages = path.resolve(import.meta.dirname, '..', '..', 'pages')
  const walkPages = (dir: string, parts: string[]) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walkPages(path.join(dir, e.name), [...parts, e.name])
      else if (/^[^_].*\.tsx$/.test(e.name)) routes.push(`/${[...parts, e.name.replace(/\.tsx$/, '')].join('/')}`)
    }
  }
  walkPages(pages, [])
  return routes.sort()
}

test('every page of the app is in the layout guard', () => {
  expect(appRoutes()).toEqual(Object.keys(PAGES).sort())
})

/** What is wrong with the page as laid out now, in words (empty when nothing is). */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = []
    const doc = document.documentElement
    if (doc.scrollWidth > doc.clientWidth + 1) problems.push(`the page scrolls sideways by ${doc.scrollWidth - doc.clientWidth} px`)
    const visible = (el: Element) => {
      const s = getComputedStyle(el)
      const r = el.getBoundingClientRect()
      return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0 && !el.closest('.sr-only')
    }
    const name = (el: Element) => (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)
    // Table cells: text cut at the cell's edge (a scroll region around the table is fine: the whole
    // table scrolls, nothing inside a cell is cut).
    for (const cell of document.querySelectorAll('td, th')) {
      if (!visible(cell)) continue
      const el = cell as HTMLElement
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') problems.push(`table cell "${name(el)}" is clipped`)
    }
    // A table wider than its box must sit in a focusable scroll region that says it scrolls.
    for (const table of document.querySelectorAll('table')) {
      if (!visible(table)) continue
      const box = table.parentElement
      if (!box || table.getBoundingClientRect().width <= box.clientWidth + 1) continue
      const region = table.closest('[role="region"][tabindex="0"]')
      if (!region) problems.push(`table "${table.caption?.textContent ?? name(table)}" is wider than its box and not in a scroll region`)
      else if (!region.parentElement?.parentElement?.querySelector('[data-scroll-hint]'))
        problems.push(`scroll region "${region.getAttribute('aria-label')}" has no visible hint`)
    }
    // Charts: the svg fits its box, and every label lies inside the svg (not cut at its edge).
    for (const svg of document.querySelectorAll('svg.recharts-surface')) {
      if (!visible(svg)) continue
      const s = svg.getBoundingClientRect()
      const holder = svg.closest('figure') ?? svg.parentElement
      const h = holder?.getBoundingClientRect()
      if (h && s.width > h.width + 1) problems.push(`a chart is ${Math.round(s.width - h.width)} px wider than its box`)
      for (const t of svg.querySelectorAll('text')) {
        const r = t.getBoundingClientRect()
        if (r.width === 0 || !(t.textContent ?? '').trim()) continue
        if (r.left < s.left - 1 || r.right > s.right + 1 || r.top < s.top - 1 || r.bottom > s.bottom + 1)
          problems.push(`chart label "${t.textContent}" is cut at the chart's edge`)
      }
    }
    return problems
  })
}

/** test-results/layout/<page>-<width>.png, with ids and link tokens replaced (no credential in a file name). */
function fileName(p: string, width: number, index: number) {
  const slug = p
    .replace(/\/c\/[A-Za-z0-9_-]{20,}/, '/c/link')
    .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, 'id')
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
  return `test-results/layout/${slug || 'home'}${index > 0 ? `-${index + 1}` : ''}-${width}.png`
}

async function guard(page: Page, paths: string[]) {
  for (const size of WIDTHS) {
    await page.setViewportSize(size)
    for (const [index, p] of paths.entries()) {
      await page.goto(p)
      await hydrated(page)
      // Sections stream in under Suspense: wait until none is still loading.
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0)
      await page.screenshot({ path: fileName(p, size.width, index), fullPage: true })
      expect.soft(await layoutProblems(page), `${p} at ${size.width} px`).toEqual([])
      expect.soft(await axeViolations(page), `axe: ${p} at ${size.width} px`).toEqual([])
    }
  }
}

// The data the pages need is made once, by the clinician; each person's session is kept as a
// storage state, so every page below opens in its own context without signing in again.
let ctx: Ctx
const sessions: Partial<Record<Who, Awaited<ReturnType<BrowserContext['storageState']>>>> = {}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000)
  for (const [who, email] of [
    ['clinician', CLINICIAN],
    ['admin', ADMIN],
  ] as const) {
    const context = await browser.newContext()
    const page = await context.newPage()
    await signIn(page, email)
    await expect(page).not.toHaveURL(/\/login/)
    if (who === 'clinician') {
      await page.goto('/clients')
      const richClient = (await page.getByRole('link', { name: 'Hart, Amelia' }).first().getAttribute('href')) ?? ''
      expect(richClient).toMatch(/^\/clients\/[0-9a-f-]{36}$/)
      const own = await addClient(page, 'Layout', 'Guard')
      const checkInLink = new URL(await assignPhq9AndEcr(page)).pathname
      await page.getByRole('link', { name: 'Write a note' }).click()
      await hydrated(page)
      await page.getByRole('textbox', { name: 'Note', exact: true }).fill('Layout guard note: first session, goals agreed.')
      await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toBeVisible({ timeout: 15_000 })
      await expect(page).toHaveURL(/\/notes\/[0-9a-f-]{36}/)
      ctx = { richClient, newClient: own.path, notePath: new URL(page.url()).pathname, checkInLink }
    }
    sessions[who] = await context.storageState()
    await context.close()
  }
})

const entries = [
  ...Object.entries(PAGES).map(([route, e]) => ({ name: route, who: e.who, paths: e.paths })),
  ...EXTRA.map((e) => ({ name: e.path, who: e.who, paths: () => [e.path] })),
]
for (const entry of entries) {
  test(`layout of ${entry.name} (${entry.who === 'nobody' ? 'signed out' : `as ${entry.who}`})`, async ({ browser }) => {
    test.setTimeout(120_000)
    const context = await browser.newContext(entry.who === 'nobody' ? {} : { storageState: sessions[entry.who] })
    try {
      await guard(await context.newPage(), entry.paths(ctx))
    } finally {
      await context.close()
    }
  })
}

test('the caseload shows what needs attention without scrolling sideways at 1280, and as cards on a phone', async ({ browser }) => {
  const context = await browser.newContext({ storageState: sessions.clinician, viewport: { width: 1280, height: 800 } })
  try {
    const page = await context.newPage()
    await page.goto('/clients')
    const table = page.getByRole('region', { name: 'Clients table' })
    await expect(table).toBeVisible()
    // Farah Haddad (seeded) has an open risk flag and overdue check-ins; Amelia Hart an overdue one.
    const farah = page.getByRole('row', { name: /Haddad, Farah/ })
    await farah.scrollIntoViewIfNeeded()
    for (const text of ['1 open risk flag', /\d+ overdue/, 'Next due:']) await expect(farah.getByText(text)).toBeInViewport({ ratio: 1 })
    const box = await table.boundingBox()
    const badge = await farah.getByText('1 open risk flag').boundingBox()
    expect(box && badge && badge.x + badge.width <= box.x + box.width).toBe(true)
    expect(await table.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true)
    await expect(page.locator('[data-scroll-hint]')).toHaveCount(0)

    await page.setViewportSize({ width: 375, height: 812 })
    await expect(table).toBeHidden()
    const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Haddad, Farah' }) })
    await expect(card.getByText('1 open risk flag')).toBeVisible()
    await expect(card.getByText('PHQ-9', { exact: true })).toBeVisible()
    await expect(card.getByText('Change since baseline:')).toBeVisible()
    // Sorting without column headers: the "Sort by" menu.
    await page.getByLabel('Sort by').selectOption({ label: 'Open risk flags, most first' })
    await page.getByRole('button', { name: 'Apply' }).click()
    await expect(page).toHaveURL(/sort=flags/)
    // Flagged clients come first. Other specs on this server may have added flagged clients of
    // their own (a risk answer in a check-in), which sort before Farah by name: so the first card
    // has an open flag, and Farah's card comes before every card without one.
    const sorted = page.getByRole('list', { name: /sorted by open risk flags, most first/ }).getByRole('listitem')
    await expect(sorted.first().getByText(/\d+ open risk flags?/)).toBeVisible()
    const names = await sorted.evaluateAll((items) =>
      items.map((li) => ({ name: li.querySelector('a')?.textContent ?? '', flagged: /\d+ open risk flags?/.test(li.textContent ?? '') })),
    )
    const farahAt = names.findIndex((n) => n.name === 'Haddad, Farah')
    const firstUnflagged = names.findIndex((n) => !n.flagged)
    expect(farahAt).toBeGreaterThanOrEqual(0)
    expect(names.slice(0, farahAt + 1).every((n) => n.flagged)).toBe(true)
    if (firstUnflagged !== -1) expect(names.slice(firstUnflagged).every((n) => !n.flagged)).toBe(true)
  } finally {
    await context.close()
  }
})
