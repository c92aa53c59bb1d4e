// The production server's own guards (scripts/server.mjs + lib/http/guards.mjs), through real HTTP.
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { ADMIN, signIn } from './helpers'

/** A real server-action id from the build, so the request would reach a real action. */
function actionId(name: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { exportedName?: string }>
  }
  const id = Object.entries(manifest.node).find(([, v]) => v.exportedName === name)?.[0]
  if (!id) throw new Error(`no server action ${name} in the build`)
  return id
}

test.describe('action requests Next would answer with a 500', () => {
  // A public action (the invite page's), posted to its page: no session needed to reach the guard.
  const draft = () => ({ 'next-action': actionId('acceptInviteAction'), 'content-type': 'text/plain;charset=UTF-8' })

  test('a body over the limit gets 413 with a plain message, also when sent chunked', async ({ request }) => {
    const big = 'a'.repeat(600 * 1024)
    const r = await request.post('/invite/not-a-token', { headers: draft(), data: big })
    expect(r.status()).toBe(413)
    expect(r.headers()['content-type']).toContain('text/plain')
    expect(await r.text()).toMatch(/too large to send .*Nothing was saved/)
  })

  test('a non-JSON or non-array action body gets 400', async ({ request }) => {
    for (const body of ['not json', '{"a":1}']) {
      const r = await request.post('/invite/not-a-token', { headers: draft(), data: body })
      expect(r.status(), body).toBe(400)
      expect(await r.text()).toMatch(/could not be read/)
    }
  })

  test('a garbled multipart form post gets 400', async ({ request }) => {
    const r = await request.post('/invite/not-a-token', { headers: { 'content-type': 'multipart/form-data; boundary=zz' }, data: 'garbage' })
    expect(r.status()).toBe(400)
  })

  test('a cross-origin action gets 403; the same request from our origin passes the guard', async ({ request, baseURL }) => {
    const evil = await request.post('/invite/not-a-token', { headers: { ...draft(), origin: 'https://evil.example' }, data: '[]' })
    expect(evil.status()).toBe(403)
    expect(await evil.text()).toMatch(/another website/)
    const ours = await request.post('/invite/not-a-token', { headers: { ...draft(), origin: new URL(baseURL!).origin }, data: '[null,null]' })
    expect(ours.status()).not.toBe(403)
    // An action never accepts Origin: null, even with fetch metadata saying same-origin.
    const nul = await request.post('/invite/not-a-token', { headers: { ...draft(), origin: 'null', 'sec-fetch-site': 'same-origin' }, data: '[]' })
    expect(nul.status()).toBe(403)
  })
})

test.describe('the check-in form post (plain HTML, no server action)', () => {
  const form = { 'content-type': 'application/x-www-form-urlencoded' }
  const body = 'step=0&intent=next'

  test('is refused from another site, from a sandboxed page (Origin: null, cross-site), and without fetch metadata', async ({ request }) => {
    for (const headers of <Record<string, string>[]>[
      { origin: 'https://evil.example' },
      { origin: 'null', 'sec-fetch-site': 'cross-site' },
      { origin: 'null' },
    ]) {
      const r = await request.post('/c/not-a-token', { headers: { ...form, ...headers }, data: body })
      expect(r.status(), JSON.stringify(headers)).toBe(403)
    }
  })

  test("is let through as a no-referrer page's own post (Origin: null, Sec-Fetch-Site: same-origin)", async ({ request }) => {
    const r = await request.post('/c/not-a-token', { headers: { ...form, origin: 'null', 'sec-fetch-site': 'same-origin' }, data: body })
    // Reaches the page, which does not know this link.
    expect(r.status()).toBe(404)
  })

  test('the draft route takes same-origin JSON only', async ({ request }) => {
    const json = { 'content-type': 'application/json' }
    const cross = await request.post('/c/not-a-token/draft', { headers: { ...json, 'sec-fetch-site': 'cross-site' }, data: '{"answers":{}}' })
    expect(cross.status()).toBe(403)
    const text = await request.post('/c/not-a-token/draft', {
      headers: { 'content-type': 'text/plain', 'sec-fetch-site': 'same-origin' },
      data: '{"answers":{}}',
    })
    expect(text.status()).toBe(415)
    const ok = await request.post('/c/not-a-token/draft', { headers: { ...json, 'sec-fetch-site': 'same-origin' }, data: '{"answers":{}}' })
    expect(await ok.json()).toEqual({ status: 'not-found' })
  })
})

test.describe('client address', () => {
  test.use({ extraHTTPHeaders: { 'X-Forwarded-For': '203.0.113.77' } })

  test('comes from the connection, not from a forged X-Forwarded-For (TRUST_PROXY off)', async ({ page }) => {
    await signIn(page, ADMIN)
    await expect(page).not.toHaveURL(/\/login/)
    await page.goto('/admin/audit')
    const table = page.getByRole('table')
    await expect(table.getByRole('cell', { name: '127.0.0.1' }).first()).toBeVisible()
    await expect(table).not.toContainText('203.0.113.77')
  })
})

test('an idle keep-alive connection outlives a reverse proxy’s (65 s, not Node’s 5 s)', async ({ baseURL }) => {
  // node:http, not Playwright's request client, so the connection and its headers are the server's own.
  const agent = new http.Agent({ keepAlive: true })
  try {
    const headers = await new Promise<http.IncomingHttpHeaders>((resolve, reject) => {
      http
        .get(`${baseURL}/api/health`, { agent }, (res) => {
          res.resume()
          res.on('end', () => resolve(res.headers))
        })
        .on('error', reject)
    })
    expect(headers.connection).toBe('keep-alive')
    expect(headers['keep-alive']).toBe('timeout=65')
  } finally {
    agent.destroy()
  }
})
