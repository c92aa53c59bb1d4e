// The one Prisma client. The adapter is chosen from DATABASE_URL: a postgres URL uses the `pg`
// driver (production, several app instances on one server); `pglite:<folder>` (the default) runs
// PostgreSQL in-process for a zero-install first run.
import 'server-only'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { PrismaClient } from './generated/client'
import { env } from '../env'
import { openPglite, pgliteDirFromUrl, type OpenPglite } from '../infra/pglite'

interface Handle {
  client: PrismaClient
  embedded?: OpenPglite
  url: string
}

// Kept on globalThis: Next bundles routes and instrumentation separately, and they must share one
// database handle (two PGlite instances on one folder would corrupt it).
const store = globalThis as typeof globalThis & { __securebaseDb?: Handle }

function connect(url: string): Handle {
  if (url.startsWith('pglite:')) {
    const embedded = openPglite(pgliteDirFromUrl(url))
    return { client: new PrismaClient({ adapter: new PrismaPGlite(embedded.pg) }), embedded, url }
  }
  const adapter = new PrismaPg({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // Fail fast instead of hanging a request when the database is locked or slow.
    statement_timeout: 15_000,
    // JIT compilation costs 70-250 ms on the caseload's short many-loop plans and never pays that
    // back; off for the connection, so no statement needs a SET (and a transaction) of its own.
    // PGlite is built without JIT.
    options: '-c jit=off',
  })
  return { client: new PrismaClient({ adapter }), url }
}

function handle(): Handle {
  store.__securebaseDb ??= connect(env.DATABASE_URL)
  return store.__securebaseDb
}

/** The shared Prisma client, created on first use (so `next build` never opens the database). */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_t, prop) {
    const client = handle().client
    const value = Reflect.get(client, prop, client) as unknown
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(client) : value
  },
})

/** Closes the database cleanly (an abrupt stop can corrupt an embedded data folder). */
export async function closeDatabase(): Promise<void> {
  const h = store.__securebaseDb
  if (!h) return
  store.__securebaseDb = undefined
  await h.client.$disconnect().catch(() => {})
  await h.embedded?.close()
}

let signalsInstalled = false
/** Close the database on SIGINT/SIGTERM, then exit. Installed by long-running processes. */
export function closeDatabaseOnSignals(beforeClose?: () => Promise<void> | void): void {
  if (signalsInstalled) return
  signalsInstalled = true
  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    void (async () => {
      try {
        await beforeClose?.()
        await closeDatabase()
      } finally {
        process.exit(signal === 'SIGINT' ? 130 : 143)
      }
    })()
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
