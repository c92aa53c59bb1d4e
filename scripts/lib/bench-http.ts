// The bench's side of HTTP and of the app server: start and stop the production server, sign in through
// next-auth's credentials flow, time a request to its last byte, and measure a page's JavaScript.
// Used by `npm run bench` (scripts/bench.ts) in both its modes.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync, gzipSync, inflateSync } from 'node:zlib'
import { childProcessEnv } from '../../lib/env'
import { LARGE_PASSWORD, applySetCookies, cookieHeader, scriptSources } from './bench-stats'

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export function freePort(preferred: number, avoid: ReadonlySet<number> = new Set()): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      if (avoid.has(port)) return resolve(null)
      const srv = net.createServer()
      srv.once('error', () => resolve(null))
      srv.listen(port, '127.0.0.1', () => {
        const p = (srv.address() as net.AddressInfo).port
        srv.close(() => resolve(p))
      })
    })
  return (async () => {
    for (let p = preferred; p < preferred + 20; p++) {
      const got = await tryPort(p)
      if (got) return got
    }
    const any = await tryPort(0)
    if (!any) throw new Error('no free port')
    return any
  })()
}

export interface AppServer {
  base: string
  child: ChildProcess
  logFile: string
  startMs: number
}

/**
 * The production server `npm start` runs (scripts/server.mjs: Next behind the app's guards) on the
 * given port with the given environment; resolves once /api/health answers.
 */
export async function startAppServer(root: string, port: number, env: Record<string, string>, logFile: string): Promise<AppServer> {
  const base = `http://127.0.0.1:${port}`
  const out = fs.openSync(logFile, 'w')
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'server.mjs'), String(port), '127.0.0.1', '0'], {
    cwd: root,
    stdio: ['ignore', out, out],
    env: childProcessEnv({ ...env, PORT: String(port), APP_BASE_URL: base, NEXTAUTH_URL: base }),
  })
  child.once('exit', () => fs.closeSync(out))
  const t0 = Date.now()
  await waitForHealth(base, child, 180_000)
  return { base, child, logFile, startMs: Date.now() - t0 }
}

async function waitForHealth(base: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode) throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before it was ready`)
    try {
      const res = await fetch(`${base}/api/health`)
      if (res.ok) return
    } catch {
      /* not listening yet */
    }
    await sleep(250)
  }
  throw new Error(`the server did not answer /api/health within ${timeoutMs / 1000} s`)
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode) return
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  const within = (t: number) => Promise.race([exited.then(() => true), sleep(t).then(() => false)])
  child.kill('SIGINT') // the app closes its database (and finishes a running scheduler tick) first
  if (await within(30_000)) return
  console.error('bench: the server did not stop within 30 s of SIGINT; sending SIGTERM')
  child.kill('SIGTERM')
  if (await within(15_000)) return
  console.error('bench: the server still runs; killing it (an embedded database may need --reset afterwards)')
  child.kill('SIGKILL')
  await exited
}

/** Signs in with next-auth's credentials flow (CSRF token, then the callback); returns the cookie jar. */
export async function signIn(base: string, email: string): Promise<Map<string, string>> {
  const jar = new Map<string, string>()
  const csrfRes = await fetch(`${base}/api/auth/csrf`)
  applySetCookies(jar, csrfRes.headers.getSetCookie())
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string }
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email, password: LARGE_PASSWORD, callbackUrl: `${base}/clients`, json: 'true' }),
  })
  applySetCookies(jar, res.headers.getSetCookie())
  await res.arrayBuffer()
  if (![...jar.keys()].some((k) => k.endsWith('next-auth.session-token'))) {
    throw new Error(`sign-in as ${email} failed (HTTP ${res.status}, no session cookie): wrong password, throttled, or a changed sign-in flow`)
  }
  return jar
}

export interface Timed {
  ms: number
  status: number
  bytes: number
  location: string | null
  body: string
}

// Requests go through node:http on one keep-alive agent, and the clock stops at the last byte off
// the wire; the body is decompressed after that. fetch (undici) decodes gzip through web streams in
// JavaScript: on a 140 KiB caseload that added ~6 ms per page to the measured time (fetch with
// gzip 42.5 ms against identity 36.5; curl, which decodes in C, 38.6 against 37.3), time a
// browser spends in native code, and in the concurrency mode it took CPU from the servers.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })

export interface TimedRequest {
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
}

/** One request, as a browser sends it (accepting gzip, deflate and br); timed to its last byte. */
export function timedRequest(url: string, jar: Map<string, string> | null, req: TimedRequest = {}): Promise<Timed> {
  const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br', ...req.headers }
  if (jar && jar.size > 0) headers.cookie = cookieHeader(jar)
  if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body))
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    const r = http.request(url, { method: req.method ?? 'GET', headers, agent }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('error', reject)
      res.on('end', () => {
        const ms = performance.now() - t0
        const raw = Buffer.concat(chunks)
        const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase()
        let bodyBuf: Buffer
        try {
          bodyBuf = encoding === 'gzip' ? gunzipSync(raw) : encoding === 'br' ? brotliDecompressSync(raw) : encoding === 'deflate' ? inflateSync(raw) : raw
        } catch (e) {
          return reject(new Error(`${url}: cannot decode its ${encoding} body (${(e as Error).message})`))
        }
        if (jar) applySetCookies(jar, res.headers['set-cookie'] ?? [])
        const location = res.headers.location
        const body = bodyBuf.toString('utf8')
        resolve({ ms, status: res.statusCode ?? 0, bytes: bodyBuf.length, location: typeof location === 'string' ? location : null, body })
      })
    })
    r.on('error', reject)
    r.end(req.body)
  })
}

/** GET to the last byte of the body; the jar (if any) is sent and updated. */
export function timedGet(url: string, jar: Map<string, string> | null): Promise<Timed> {
  return timedRequest(url, jar)
}

export interface JsResult {
  page: string
  path: string
  scripts: { src: string; bytes: number; gzip: number }[]
  bytes: number
  gzip: number
}

/** Every script file the page's HTML makes the browser load, fetched once; gzip at zlib's level 6. */
export async function jsShipped(base: string, page: string, pagePath: string, jar: Map<string, string> | null): Promise<JsResult> {
  const res = await fetch(`${base}${pagePath}`, { redirect: 'manual', headers: jar ? { cookie: cookieHeader(jar) } : {} })
  const html = await res.text()
  if (res.status !== 200) throw new Error(`${page}: HTTP ${res.status} for ${pagePath.replace(/\/c\/.*/, '/c/<token>')}`)
  const scripts: JsResult['scripts'] = []
  for (const src of scriptSources(html)) {
    const r = await fetch(`${base}${src}`)
    if (r.status !== 200) throw new Error(`${page}: HTTP ${r.status} for ${src}`)
    const buf = Buffer.from(await r.arrayBuffer()) // fetch undoes the server's own compression
    scripts.push({ src, bytes: buf.length, gzip: gzipSync(buf).length })
  }
  const sum = (k: 'bytes' | 'gzip') => scripts.reduce((s, x) => s + x[k], 0)
  return { page, path: pagePath.startsWith('/c/') ? '/c/<token>' : pagePath, scripts, bytes: sum('bytes'), gzip: sum('gzip') }
}
