// The "Too many attempts" page of check-in links (lib/db/system/checkin-link-throttle.ts) in a browser:
// after LIMIT failed lookups from one address it replaces every /c/ page, on a phone, with help
// lines still on it, and passes axe.
//
// A block lasts 15 minutes and the server counts per connection address (scripts/server.mjs, no
// trusted proxy, so X-Forwarded-For is ignored). Guessing from 127.0.0.1 would block every spec
// after this one, so this spec reaches the server through small TCP relays that connect from other
// loopback addresses (127.77.x.y: all of 127.0.0.0/8 is local on Linux) and stays in its own bucket.
import crypto from 'node:crypto'
import net from 'node:net'
import { expect, test } from '@playwright/test'
import { expectNoAxeViolations } from './helpers'

// LINK_POLICY.limit in lib/db/throttle.ts (not imported: that would load the database client here).
const LIMIT = 20

interface Relays {
  servers: net.Server[]
  sockets: Set<net.Socket>
}

/** A relay to the app server whose connections come from `source`; returns its base URL. */
async function relayFrom(source: string, target: URL, open: Relays): Promise<string> {
  const relay = net.createServer((inbound) => {
    const upstream = net.connect({ host: target.hostname, port: Number(target.port), localAddress: source })
    for (const s of [inbound, upstream]) {
      open.sockets.add(s)
      s.on('close', () => open.sockets.delete(s))
    }
    inbound.pipe(upstream).pipe(inbound)
    inbound.on('error', () => upstream.destroy())
    upstream.on('error', () => inbound.destroy())
  })
  open.servers.push(relay)
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(relay.address() as net.AddressInfo).port}`
}

const bogusLink = () => `/c/${crypto.randomBytes(32).toString('base64url')}`

test('a phone that guesses too many check-in links gets a calm "Too many attempts" page', async ({ browser }, info) => {
  const target = new URL(String(info.project.use.baseURL))
  // Random per run, so a retry against the same server starts from a clean count.
  const host = `${crypto.randomInt(256)}.${1 + crypto.randomInt(254)}`
  const relays: Relays = { servers: [], sockets: new Set() }
  const phone = await browser.newContext({ viewport: { width: 375, height: 780 } })
  const other = await browser.newContext()
  try {
    const guesser = await relayFrom(`127.77.${host}`, target, relays)
    const bystander = await relayFrom(`127.78.${host}`, target, relays)

    // LIMIT - 1 failed lookups: each is the ordinary "Not found".
    for (let i = 0; i < LIMIT - 1; i++) expect((await phone.request.get(guesser + bogusLink())).status()).toBe(404)
    // A failed lookup from another address is not the LIMIT-th of the same count.
    expect((await other.request.get(bystander + bogusLink())).status()).toBe(404)

    // The LIMIT-th failed lookup: the block starts, and the page says so.
    const page = await phone.newPage()
    const res = await page.goto(guesser + bogusLink())
    // 429, with a page for the person (pages/c/[token].tsx).
    expect(res?.status()).toBe(429)
    expect(res?.headers()['cache-control']).toContain('no-store')
    await expect(page.getByRole('main').getByRole('heading', { level: 1, name: 'Too many attempts' })).toBeVisible()
    await expect(page.getByText('Too many attempts from this device.')).toBeVisible()
    await expect(page.getByText(/try again in 15 minutes, or ask your therapist for a new link/)).toBeVisible()
    // Safety information stays reachable.
    await expect(page.getByRole('heading', { level: 2, name: 'If you need support now' })).toBeVisible()
    await expect(page.getByText(/Samaritans/)).toBeVisible()
    // Fits a 375 px phone without sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
    await expectNoAxeViolations(page)

    // The next link is refused too (a valid one as well: tests/integration/checkin-link-throttle.test.ts);
    // other addresses are not affected.
    await page.goto(guesser + bogusLink())
    await expect(page.getByRole('heading', { level: 1, name: 'Too many attempts' })).toBeVisible()
    expect((await other.request.get(bystander + bogusLink())).status()).toBe(404)
  } finally {
    await phone.close()
    await other.close()
    for (const r of relays.servers) r.close()
    for (const s of relays.sockets) s.destroy()
  }
})
