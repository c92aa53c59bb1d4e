// @ts-check
// The production server (`npm start` runs it): Next's request handler behind the guards in
// lib/http/guards.mjs. A custom server because only here is the connection's own address known:
// Next passes the client's X-Forwarded-For through untouched, so the app cannot tell a forged
// address from a real one. Usage: node scripts/server.mjs <port> <hostname> <trusted proxies>
import http from 'node:http'
import path from 'node:path'
import next from 'next'
import {
  BODY_LIMIT_BYTES,
  CLIENT_IP_HEADER,
  SERVER_MARK,
  checkActionBody,
  checkHeaders,
  clientAddress,
  isActionRequest,
  tooLarge,
} from '../lib/http/guards.mjs'

const [port = '3000', hostname = '0.0.0.0', trusted = '0'] = process.argv.slice(2)
const trustedProxies = Number(trusted)
const root = path.resolve(import.meta.dirname, '..')

// Tells lib/auth/request-ip.ts that CLIENT_IP_HEADER was set here (under plain `next start` a
// client could send it).
Object.defineProperty(globalThis, SERVER_MARK, { value: true })

/** @param {http.ServerResponse} res @param {{status: number, message: string}} refusal */
function refuse(res, refusal) {
  res.writeHead(refusal.status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    Connection: 'close',
  })
  res.end(refusal.message + '\n')
}

/**
 * Reads a body up to the limit. Resolves null (and stops reading) past it.
 * @param {http.IncomingMessage} req
 * @returns {Promise<Buffer | null>}
 */
function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = []
    let size = 0
    req.on('data', (/** @type {Buffer} */ chunk) => {
      size += chunk.length
      if (size > BODY_LIMIT_BYTES) {
        req.removeAllListeners('data')
        req.resume()
        resolve(null)
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/**
 * A fresh request carrying a body that was already read, for Next to read again.
 * @param {http.IncomingMessage} req
 * @param {Buffer} body
 */
function replay(req, body) {
  const copy = new http.IncomingMessage(req.socket)
  copy.method = req.method
  copy.url = req.url
  copy.headers = { ...req.headers, 'content-length': String(body.length) }
  delete copy.headers['transfer-encoding']
  copy.rawHeaders = req.rawHeaders
  copy.httpVersion = req.httpVersion
  copy.httpVersionMajor = req.httpVersionMajor
  copy.httpVersionMinor = req.httpVersionMinor
  // Marked complete so that ending this stream does not count as an aborted request (Node would
  // then destroy the shared socket).
  copy.complete = true
  copy.push(body)
  copy.push(null)
  return copy
}

const app = next({ dev: false, dir: root, hostname, port: Number(port) })
await app.prepare()
const handle = app.getRequestHandler()

const server = http.createServer((req, res) => {
  req.headers[CLIENT_IP_HEADER] = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trustedProxies)
  const refusal = checkHeaders(req, trustedProxies)
  if (refusal) return refuse(res, refusal)
  if (!isActionRequest(req)) return void handle(req, res)
  readBody(req).then(
    (body) => {
      if (body === null) return refuse(res, tooLarge())
      const bad = checkActionBody(req.headers['content-type'], body)
      if (bad) return refuse(res, bad)
      return handle(replay(req, body), res)
    },
    () => refuse(res, { status: 400, message: 'The request was interrupted. Nothing was saved.' }),
  )
})
// Slow or stalled clients must not hold connections for ever.
server.requestTimeout = 60_000
server.headersTimeout = 20_000
// An idle keep-alive connection is kept longer than a reverse proxy keeps its own (nginx's
// keepalive_timeout and common load balancers' idle timeouts are 60 s). With Node's default of 5 s
// the app closes a connection the proxy still thinks is open, and a request the proxy sends on it
// at that moment fails (a 502 for the user). The bench's concurrency mode saw the same race as
// ECONNRESET on a caseload. Clients are told the limit (`Keep-Alive: timeout=65`).
server.keepAliveTimeout = 65_000
server.listen(Number(port), hostname, () => {
  console.log(`listening on http://${hostname}:${port}`)
  // Next prepares a production server on its first request; that runs instrumentation.ts (the
  // configuration check, migrations, the in-app scheduler). Ask once now, so an instance that gets
  // no traffic still boots, ticks, and fails early when it cannot.
  const local = hostname === '0.0.0.0' || hostname === '::' ? '127.0.0.1' : hostname
  fetch(`http://${local.includes(':') ? `[${local}]` : local}:${port}/api/health`).catch(() => {})
})
