import { expect, test, type Page } from '@playwright/test'
import { CLINICIAN, fromHomeToCaseload, hydrated, signIn } from './helpers'
import { itemAt } from '../fixtures/item-at'

const CSP =
  /^default-src 'self'; script-src 'self' 'nonce-([A-Za-z0-9+/=]{22,})' 'strict-dynamic'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'$/

/** Collects what the browser reports as blocked by the CSP (nothing should be). */
function cspViolations(page: Page): string[] {
  const seen: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) seen.push(m.text())
  })
  return seen
}

async function signedIn(page: Page) {
  await signIn(page, CLINICIAN)
  await fromHomeToCaseload(page)
}

test('a signed-in page carries a per-response CSP nonce on every script, no-store and the other security headers', async ({ page }) => {
  const blocked = cspViolations(page)
  await signedIn(page)
  const res = await page.goto('/clients')
  expect(res?.status()).toBe(200)
  const h = res!.headers()
  const csp = CSP.exec(h['content-security-policy'] ?? '')
  expect(csp, `content-security-policy: ${h['content-security-policy']}`).not.toBeNull()
  const nonce = csp![1]
  expect(h['cache-control']).toContain('no-store')
  expect(h['x-content-type-options']).toBe('nosniff')
  expect(h['x-frame-options']).toBe('DENY')
  expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin')
  expect(h['x-powered-by']).toBeUndefined()
  // Plain http (the test server): no HSTS, which would only be true over https.
  expect(h['strict-transport-security']).toBeUndefined()

  // Every script on the page, inline or loaded, has this response's nonce (the attribute is hidden
  // from the DOM once parsed; the property keeps it).
  await hydrated(page)
  const nonces = await page.evaluate(() => [...document.querySelectorAll('script')].map((s) => ({ src: s.src, nonce: s.nonce })))
  expect(nonces.length).toBeGreaterThan(0)
  expect(nonces.filter((s) => s.nonce !== nonce)).toEqual([])

  // A second response gets a new nonce.
  const again = await page.goto('/clients')
  expect(itemAt(CSP.exec(again!.headers()['content-security-policy'] ?? '')!, 1)).not.toBe(nonce)

  // Build output keeps its long-lived caching (the proxy leaves /_next/static alone).
  const asset = nonces.map((s) => s.src).find((src) => /\/_next\/static\/.+\.js$/.test(src))
  expect(asset).toBeTruthy()
  const js = await page.request.get(asset!)
  expect(js.status()).toBe(200)
  expect(js.headers()['cache-control']).toContain('immutable')
  expect(js.headers()['x-content-type-options']).toBe('nosniff')
  expect(blocked).toEqual([])
})

test('the health check and a check-in link are never cached; a check-in link is never sent on as a referrer', async ({ request }) => {
  const health = await request.get('/api/health')
  expect(health.status()).toBe(200)
  expect(await health.json()).toEqual({ status: 'ok' })
  expect(health.headers()['cache-control']).toContain('no-store')
  expect(health.headers()['x-content-type-options']).toBe('nosniff')
  expect(health.headers()['x-powered-by']).toBeUndefined()

  const link = await request.get('/c/' + 'A'.repeat(43))
  expect(link.status()).toBe(404)
  expect(link.headers()['referrer-policy']).toBe('no-referrer')
  expect(link.headers()['cache-control']).toContain('no-store')
  expect(link.headers()['x-content-type-options']).toBe('nosniff')
})

test('markup typed into a client field is shown as text, never run', async ({ page }) => {
  const dialogs: string[] = []
  page.on('dialog', async (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`)
    await d.dismiss()
  })
  const blocked = cspViolations(page)
  const payload = '<img src=x onerror=alert(1)>'
  const last = `Probe-${Date.now().toString(36)}`
  await signedIn(page)
  await page.getByRole('link', { name: 'Add client' }).click()
  await hydrated(page)
  await page.getByLabel('First name').fill('Xanthe')
  await page.getByLabel('Last name').fill(last)
  await page.getByLabel('Preferred name').fill(payload)
  await page.getByLabel('Date of birth').fill('1991-03-14')
  await page.getByRole('button', { name: 'Add client' }).click()

  await expect(page.getByRole('heading', { name: `Xanthe (${payload}) ${last}` })).toBeVisible()
  await expect(page.getByText('Client added.')).toBeVisible()
  await hydrated(page)
  await expect(page.locator('img[src="x"]')).toHaveCount(0)
  await page.locator('summary', { hasText: 'Details' }).click()
  await expect(page.getByLabel('Preferred name')).toHaveValue(payload)

  // Again from a fresh load, and on the caseload.
  await page.reload()
  await expect(page.getByRole('heading', { name: `Xanthe (${payload}) ${last}` })).toBeVisible()
  await hydrated(page)
  await expect(page.locator('img[src="x"]')).toHaveCount(0)
  await page.goto('/clients')
  await expect(page.getByRole('link', { name: new RegExp(`${last}, Xanthe`) })).toBeVisible()
  await hydrated(page)
  await expect(page.locator('img[src="x"]')).toHaveCount(0)
  expect(dialogs).toEqual([])
  // Escaped, not merely stopped by the CSP: the browser had no inline handler to refuse.
  expect(blocked).toEqual([])
})

test('nothing is kept in localStorage or sessionStorage while browsing signed in', async ({ page }) => {
  const storage = () => page.evaluate(() => ({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) }))
  await signedIn(page)
  await hydrated(page)
  expect(await storage()).toEqual({ local: [], session: [] })
  await page.getByRole('link', { name: 'Hart, Amelia' }).click()
  await expect(page.getByRole('heading', { name: 'Amelia Hart' })).toBeVisible()
  await hydrated(page)
  await page.locator('summary', { hasText: 'Details' }).click()
  expect(await storage()).toEqual({ local: [], session: [] })
  await page.getByRole('link', { name: 'Account', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible()
  await page.getByRole('link', { name: 'Clients', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'My caseload' })).toBeVisible()
  await hydrated(page)
  expect(await storage()).toEqual({ local: [], session: [] })
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/login\?reason=signed-out/)
  expect(await storage()).toEqual({ local: [], session: [] })
})
