// The production server's own guards (scripts/server.mjs + lib/http/guards.mjs), through real HTTP.
import fs from 'node:fs'
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
  const draft = () => ({ 'next-action': actionId('saveCheckInDraftAction'), 'content-type': 'text/plain;charset=UTF-8' })

  test('a body over the limit gets 413 with a plain message, also when sent chunked', async ({ request }) => {
    const big = 'a'.repeat(600 * 1024)
    const r = await request.post('/c/not-a-token', { headers: draft(), data: big })
    expect(r.status()).toBe(413)
    expect(r.headers()['content-type']).toContain('text/plain')
    expect(await r.text()).toMatch(/too large to send .*Nothing was saved/)
  })

  test('a non-JSON or non-array action body gets 400', async ({ request }) => {
    for (const body of ['not json', '{"a":1}']) {
      const r = await request.post('/c/not-a-token', { headers: draft(), data: body })
      expect(r.status(), body).toBe(400)
      expect(await r.text()).toMatch(/could not be read/)
    }
  })

  test('a garbled multipart form post gets 400', async ({ request }) => {
    const r = await request.post('/c/not-a-token', { headers: { 'content-type': 'multipart/form-data; boundary=zz' }, data: 'garbage' })
    expect(r.status()).toBe(400)
  })

  test('a cross-origin action gets 403; the same request from our origin is answered by the action', async ({ request, baseURL }) => {
    const evil = await request.post('/c/not-a-token', { headers: { ...draft(), origin: 'https://evil.example' }, data: '[]' })
    expect(evil.status()).toBe(403)
    expect(await evil.text()).toMatch(/another website/)
    const ours = await request.post('/c/not-a-token', { headers: { ...draft(), origin: new URL(baseURL!).origin }, data: '["x",{}]' })
    expect(ours.status()).toBe(200)
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
