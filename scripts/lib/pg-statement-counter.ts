// A counting TCP proxy for the PostgreSQL wire protocol, used by the bench: the app server connects
// to it instead of PostgreSQL, and it passes every byte through unchanged while it reads the
// frontend's messages. It counts what the database is asked to run and how long the database takes:
//   - a statement is a simple Query ('Q') or an extended-protocol Execute ('E'); its text comes from
//     the Query or the last Parse ('P') of that connection;
//   - transaction control (BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE) is counted apart, so the
//     numbers are the SQL a page needs, not the bookkeeping of its transactions;
//   - statements that start with the background tag (BACKGROUND_SQL_TAG: the audit chain step, which
//     the app runs a moment after a page's audit append, on its own connection) are counted apart as
//     background, with their round trips' time, and so are the transaction control of that work;
//   - database time is, per connection, from the first message of a round trip (the Parse, Bind or
//     Query) to the server's ReadyForQuery ('Z'): what the same statements cost when run directly,
//     loopback round trip included.
// No message content is kept except the statement text (parameterised SQL, no values), and only when
// asked for (`keepTexts`), to show which statements a page runs.
import net from 'node:net'
import { BACKGROUND_SQL_TAG } from '../../lib/audit/chain'

export interface StatementCounts {
  /** SQL statements other than transaction control. */
  statements: number
  /** BEGIN / COMMIT / ROLLBACK / SAVEPOINT / RELEASE. */
  transactionControl: number
  /** Sum over round trips of the time from the frontend's first message to ReadyForQuery, ms. */
  dbMs: number
  /** Round trips still waiting for ReadyForQuery. */
  pending: number
  /** Statements of tagged background work (not part of any request). */
  background: number
  /** Database time of that background work, ms. */
  backgroundMs: number
}

export interface StatementCounter {
  /** postgres:// URL of the proxy: the target URL with its host and port replaced. */
  url: string
  snapshot(): StatementCounts
  /** Statement texts seen since the last call (only with keepTexts). */
  takeTexts(): string[]
  /** Resolves when no round trip has been pending for `quietMs` (or after `maxMs`). */
  settle(quietMs?: number, maxMs?: number): Promise<void>
  close(): Promise<void>
}

const TX_CONTROL = /^\s*(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE|ABORT)\b/i
const SSL_REQUEST = 80877103
const GSSENC_REQUEST = 80877104

function cstring(buf: Buffer, start: number): [string, number] {
  const end = buf.indexOf(0, start)
  if (end < 0) return [buf.toString('utf8', start), buf.length]
  return [buf.toString('utf8', start, end), end + 1]
}

/** The statement text of a Parse message body: name (cstring), then the query (cstring). */
export function parseMessageText(body: Buffer): string {
  const [, next] = cstring(body, 0)
  return cstring(body, next)[0]
}

export const isTransactionControl = (sql: string) => TX_CONTROL.test(sql)

export async function startStatementCounter(targetUrl: string, opts: { keepTexts?: boolean } = {}): Promise<StatementCounter> {
  const target = new URL(targetUrl)
  const targetHost = target.hostname || '127.0.0.1'
  const targetPort = Number(target.port || 5432)
  const totals = { statements: 0, transactionControl: 0, dbMs: 0, background: 0, backgroundMs: 0 }
  let pendingTotal = 0
  let lastActivity = Date.now()
  let texts: string[] = []
  const sockets = new Set<net.Socket>()

  // Returns whether the statement belongs to background work: tagged, or transaction control on a
  // connection whose transaction is background work (`inBackground`).
  const count = (sql: string, inBackground: boolean): boolean => {
    const tagged = sql.trimStart().startsWith(BACKGROUND_SQL_TAG)
    if (tagged) totals.background += 1
    else if (isTransactionControl(sql)) totals.transactionControl += inBackground ? 0 : 1
    else {
      totals.statements += 1
      if (opts.keepTexts) texts.push(sql.replace(/\s+/g, ' ').trim().slice(0, 160))
    }
    return tagged
  }

  // No Nagle on either side: the driver turns it off on its own socket, and a proxy that leaves it
  // on holds each small protocol message back for the previous one's ACK (delayed ACK: up to 40 ms
  // per round trip), which the bench would then report as page time.
  const server = net.createServer({ noDelay: true }, (client) => {
    const upstream = net.connect({ port: targetPort, host: targetHost, noDelay: true })
    sockets.add(client)
    sockets.add(upstream)
    let inBuf: Buffer = Buffer.alloc(0)
    let outBuf: Buffer = Buffer.alloc(0)
    let startup = true
    let lastParse = ''
    // Start times of round trips sent and not yet answered by ReadyForQuery, in order, and whether
    // each ran background work.
    const waiting: { at: number; background: boolean }[] = []
    let roundTripOpen = false
    // Set by a tagged statement; cleared when its transaction ends (or by the next untagged statement).
    let background = false

    const openRoundTrip = () => {
      if (roundTripOpen) return
      roundTripOpen = true
      waiting.push({ at: performance.now(), background })
      pendingTotal += 1
    }
    const countIn = (sql: string) => {
      const tagged = count(sql, background)
      const endsTx = !tagged && isTransactionControl(sql) && !/^\s*(BEGIN|START|SAVEPOINT)/i.test(sql)
      const last = waiting[waiting.length - 1]
      if (tagged) {
        background = true
        if (last) last.background = true
      } else if (!isTransactionControl(sql)) background = false
      else if (endsTx && background) {
        if (last) last.background = true
        background = false
      }
    }

    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk)
      inBuf = inBuf.length ? Buffer.concat([inBuf, chunk]) : chunk
      for (;;) {
        if (startup) {
          if (inBuf.length < 8) break
          const len = inBuf.readInt32BE(0)
          if (inBuf.length < len) break
          const code = inBuf.readInt32BE(4)
          inBuf = inBuf.subarray(len)
          // SSL/GSS requests are answered with one byte, then the real startup message follows.
          if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) startup = false
          continue
        }
        if (inBuf.length < 5) break
        const type = String.fromCharCode(inBuf[0] ?? 0)
        const len = inBuf.readInt32BE(1)
        if (inBuf.length < len + 1) break
        const body = inBuf.subarray(5, len + 1)
        inBuf = inBuf.subarray(len + 1)
        lastActivity = Date.now()
        switch (type) {
          case 'Q': {
            openRoundTrip()
            roundTripOpen = false // a simple query is its own round trip
            const sql = cstring(body, 0)[0]
            for (const part of sql.split(';').filter((p) => p.trim())) countIn(part)
            break
          }
          case 'P':
            openRoundTrip()
            lastParse = parseMessageText(body)
            break
          case 'B':
          case 'D':
            openRoundTrip()
            break
          case 'E':
            openRoundTrip()
            countIn(lastParse)
            break
          case 'S':
            roundTripOpen = false
            break
          default:
            break
        }
      }
    })

    upstream.on('data', (chunk: Buffer) => {
      client.write(chunk)
      outBuf = outBuf.length ? Buffer.concat([outBuf, chunk]) : chunk
      for (;;) {
        if (startup) {
          outBuf = Buffer.alloc(0) // the one-byte SSL answer, before any typed message
          break
        }
        if (outBuf.length < 5) break
        const type = String.fromCharCode(outBuf[0] ?? 0)
        const len = outBuf.readInt32BE(1)
        if (outBuf.length < len + 1) break
        outBuf = outBuf.subarray(len + 1)
        if (type === 'Z') {
          lastActivity = Date.now()
          const started = waiting.shift()
          if (started !== undefined) {
            const ms = performance.now() - started.at
            if (started.background) totals.backgroundMs += ms
            else totals.dbMs += ms
            pendingTotal -= 1
          }
        }
      }
    })

    const end = () => {
      pendingTotal -= waiting.length
      waiting.length = 0
      client.destroy()
      upstream.destroy()
      sockets.delete(client)
      sockets.delete(upstream)
    }
    client.on('error', end)
    upstream.on('error', end)
    client.on('close', end)
    upstream.on('close', end)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('statement counter: no port')
  const url = new URL(targetUrl)
  url.hostname = '127.0.0.1'
  url.port = String(address.port)

  return {
    url: url.toString(),
    snapshot: () => ({ ...totals, pending: pendingTotal }),
    takeTexts() {
      const out = texts
      texts = []
      return out
    },
    async settle(quietMs = 40, maxMs = 2_000) {
      const until = Date.now() + maxMs
      while (Date.now() < until) {
        if (pendingTotal <= 0 && Date.now() - lastActivity >= quietMs) return
        await new Promise((r) => setTimeout(r, 5))
      }
    },
    async close() {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** The difference between two snapshots: what ran in between. */
export function countsBetween(before: StatementCounts, after: StatementCounts): Omit<StatementCounts, 'pending'> {
  return {
    statements: after.statements - before.statements,
    transactionControl: after.transactionControl - before.transactionControl,
    dbMs: after.dbMs - before.dbMs,
    background: after.background - before.background,
    backgroundMs: after.backgroundMs - before.backgroundMs,
  }
}
