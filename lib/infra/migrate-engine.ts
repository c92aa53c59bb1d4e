// Plumbing for lib/infra/migrate.ts: runs Prisma's schema engine (WebAssembly build) over a driver
// adapter, because `prisma migrate` needs a native engine binary these machines cannot download.
// The adapters are wrapped to work around bugs that only show up when migrating (see STACK.md).
import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import {
  DriverAdapterError,
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils'
import type { SchemaEngine } from '@prisma/schema-engine-wasm'
import type * as SchemaEngineBg from '@prisma/schema-engine-wasm/schema_engine_bg'
import { openPglite, pgliteDirFromUrl } from './pglite'

export type { SchemaEngine }

interface AdapterTarget {
  factory: SqlMigrationAwareDriverAdapterFactory
  /** The embedded database, when the URL is `pglite:…` (e.g. for tests to inspect). */
  pglite?: PGlite
  /** Releases every connection, temporary database and lock. Safe to call twice. */
  close(): Promise<void>
}

interface OpenAdapterOptions {
  /**
   * The main database is a throwaway (`pglite:memory` only): replay migrations in it instead of a
   * second shadow PGlite, which would cost another initdb (~5 s, ~800 MB).
   */
  scratch?: boolean
}

const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url)

/** Opens a migration-aware adapter factory for a DATABASE_URL (`pglite:…` or `postgres://…`). */
function openAdapterFactory(url: string, opts: OpenAdapterOptions = {}): AdapterTarget {
  if (url.startsWith('pglite:')) return openPgliteTarget(url, opts)
  if (isPostgresUrl(url)) return openPostgresTarget(url)
  throw new Error('DATABASE_URL must be pglite:<folder>, pglite:memory, or a postgres:// URL')
}

// ---------------------------------------------------------------------------------------------
// PGlite

function openPgliteTarget(url: string, opts: OpenAdapterOptions): AdapterTarget {
  const dir = pgliteDirFromUrl(url)
  const embedded = openPglite(dir)
  const main = new PrismaPGlite(embedded.pg)
  const shadows = new Set<PGlite>()
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: 'postgres',
    adapterName: main.adapterName,
    connect: async () => pgliteAdapter(await main.connect(), embedded.pg),
    connectToShadowDb: async () => {
      if (opts.scratch && dir === 'memory') {
        return pgliteAdapter(await main.connect(), embedded.pg)
      }
      // The adapter's own shadow is never closed; use a fresh in-memory database we can close.
      const shadow = new PGlite()
      shadows.add(shadow)
      const adapter = await new PrismaPGlite(shadow).connect()
      return pgliteAdapter(adapter, shadow, async () => {
        shadows.delete(shadow)
        if (!shadow.closed) await shadow.close()
      })
    },
  }
  return {
    factory,
    pglite: embedded.pg,
    close: async () => {
      await Promise.allSettled([...shadows].map((s) => (s.closed ? undefined : s.close())))
      await embedded.close()
    },
  }
}

function pgliteAdapter(inner: SqlDriverAdapter, db: PGlite, onDispose?: () => Promise<void>): SqlDriverAdapter {
  return wrapAdapter(inner, {
    // pglite-prisma-adapter does not await exec(), so a failing migration was recorded as applied.
    executeScript: async (script) => {
      try {
        await db.exec(script)
      } catch (e) {
        throw toAdapterError(e)
      }
    },
    dispose: async () => {
      await inner.dispose()
      await onDispose?.()
    },
  })
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL server

// adapter-pg throws on `"char"` columns (oid 18, e.g. pg_constraint.contype), which the engine
// reads when it inspects a database. Relabel them as text before pg builds the result.
const CHAR_OID = 18
const TEXT_OID = 25
class CharAsTextClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config)
    this.connection.prependListener('rowDescription', (msg: unknown) => {
      const fields = (msg as { fields?: { dataTypeID: number }[] }).fields ?? []
      for (const f of fields) if (f.dataTypeID === CHAR_OID) f.dataTypeID = TEXT_OID
    })
  }
}

function newPool(connectionString: string): pg.Pool {
  // One connection: the engine's advisory lock must be taken and released on the same session.
  const pool = new pg.Pool({ connectionString, max: 1, connectionTimeoutMillis: 10_000, Client: CharAsTextClient })
  pool.on('error', () => {}) // an idle connection dropped by the server must not crash the process
  return pool
}

function openPostgresTarget(url: string): AdapterTarget {
  const pool = newPool(url)
  const main = new PrismaPg(pool)
  const shadows = new Map<string, pg.Pool>()

  const dropShadow = async (name: string) => {
    const shadowPool = shadows.get(name)
    shadows.delete(name)
    await shadowPool?.end()
    await pool.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`)
  }

  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: 'postgres',
    adapterName: main.adapterName,
    connect: async () => pgAdapter(await main.connect(), pool),
    // adapter-pg's version ignores its temporary database (the connection string wins) and
    // replays migrations in the main database. Create and drop a real one on the same server.
    connectToShadowDb: async () => {
      const name = `prisma_shadow_${crypto.randomBytes(6).toString('hex')}`
      await pool.query(`CREATE DATABASE ${quoteIdent(name)}`)
      const shadowUrl = new URL(url)
      shadowUrl.pathname = `/${name}`
      const shadowPool = newPool(shadowUrl.toString())
      shadows.set(name, shadowPool)
      const inner = await new PrismaPg(shadowPool).connect()
      return pgAdapter(inner, shadowPool, () => dropShadow(name))
    },
  }
  return {
    factory,
    close: async () => {
      await Promise.allSettled([...shadows.keys()].map(dropShadow))
      await pool.end()
    },
  }
}

function pgAdapter(inner: SqlDriverAdapter, pool: pg.Pool, onDispose?: () => Promise<void>): SqlDriverAdapter {
  return wrapAdapter(inner, {
    // adapter-pg splits scripts on every `;`, which breaks function bodies and string literals.
    // A single simple-protocol query runs the whole script, as one implicit transaction.
    executeScript: async (script) => {
      try {
        await pool.query(script)
      } catch (e) {
        throw toAdapterError(e)
      }
    },
    dispose: async () => {
      await inner.dispose()
      await onDispose?.()
    },
  })
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

// ---------------------------------------------------------------------------------------------
// Shared adapter helpers

function wrapAdapter(inner: SqlDriverAdapter, patch: Pick<SqlDriverAdapter, 'executeScript' | 'dispose'>): SqlDriverAdapter {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (q) => inner.queryRaw(q),
    executeRaw: (q) => inner.executeRaw(q),
    startTransaction: (level) => inner.startTransaction(level),
    getConnectionInfo: () => inner.getConnectionInfo?.() ?? { supportsRelationJoins: true },
    ...patch,
  }
}

interface PgErrorLike {
  code: string
  message: string
  severity?: string
  detail?: string
  column?: string
  hint?: string
}

// A PostgreSQL error (pg or PGlite): it carries a five-character SQLSTATE code.
function isPgErrorLike(e: unknown): e is PgErrorLike {
  if (!(e instanceof Error)) return false
  const code: unknown = Reflect.get(e, 'code')
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)
}

// The engine only shows a database error's message when it arrives as a DriverAdapterError.
function toAdapterError(e: unknown): unknown {
  if (!isPgErrorLike(e)) return e
  return new DriverAdapterError({
    kind: 'postgres',
    code: e.code,
    severity: e.severity ?? 'ERROR',
    message: e.message,
    detail: e.detail,
    column: e.column,
    hint: e.hint,
  })
}

// ---------------------------------------------------------------------------------------------
// The engine

type EngineModule = typeof SchemaEngineBg

const panicRegistry = globalThis as typeof globalThis & {
  PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void }
}
let lastPanic: string | undefined
// The wasm build reports a Rust panic's message here before it aborts.
panicRegistry.PRISMA_WASM_PANIC_REGISTRY ??= {
  set_message: (message: string) => {
    lastPanic = message
  },
}

let engineModule: Promise<EngineModule> | undefined

// A bundler build: it `import`s the .wasm file, which Node cannot do, so instantiate it here.
// Resolved from the working directory and imported by URL so that Next (lib/boot.ts runs this in
// the server) leaves it to Node rather than bundling a copy without its .wasm file.
async function loadEngineModule(): Promise<EngineModule> {
  const jsPath = createRequire(path.join(process.cwd(), 'package.json')).resolve('@prisma/schema-engine-wasm/schema_engine_bg')
  const url = pathToFileURL(jsPath).href
  const bg = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ url)) as EngineModule
  const wasmPath = path.join(path.dirname(jsPath), 'schema_engine_bg.wasm')
  const bytes = await fs.readFile(/* turbopackIgnore: true */ wasmPath)
  // The engine starts timers (e.g. a lock timeout) it never clears; they held the process open
  // for 10 s after the work was done. Unref them; withSchemaEngine keeps the process alive itself.
  const imports: Record<string, unknown> = { ...bg }
  for (const [name, fn] of Object.entries(bg)) {
    if (name.startsWith('__wbg_setTimeout_') && typeof fn === 'function') {
      imports[name] = (...args: unknown[]) => {
        const timer: unknown = Reflect.apply(fn, undefined, args)
        if (timer instanceof Object && 'unref' in timer && typeof timer.unref === 'function') timer.unref()
        return timer
      }
    }
  }
  const moduleImports = imports as WebAssembly.ModuleImports
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': moduleImports })
  bg.__wbg_set_wasm(instance.exports)
  const start = instance.exports.__wbindgen_start
  if (typeof start !== 'function') throw new Error('Unexpected @prisma/schema-engine-wasm build')
  start()
  return bg
}

export interface EngineOptions extends OpenAdapterOptions {
  /** Prisma schema files as [path, content]. */
  datamodels: [string, string][]
  /** Receives the engine's warnings and errors (and info lines when `verbose`). */
  log?: (message: string) => void
  verbose?: boolean
}

/** Runs `fn` with a schema engine connected to `url`, then frees the engine and every connection. */
export async function withSchemaEngine<T>(url: string, opts: EngineOptions, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  engineModule ??= loadEngineModule().catch((e: unknown) => {
    engineModule = undefined
    throw e
  })
  const bg = await engineModule
  const target = openAdapterFactory(url, opts)
  // PGlite runs in-process, so while the engine waits on one of its (unref'd) timers nothing
  // else would keep Node running.
  const keepAlive = setInterval(() => {}, 60_000)
  try {
    lastPanic = undefined
    const engine = await bg.SchemaEngine.new(
      { datamodels: opts.datamodels },
      (line: string) => forwardLog(line, opts),
      bindMigrationAwareSqlAdapterFactory(target.factory),
    )
    try {
      return await fn(engine)
    } finally {
      engine.free()
    }
  } catch (e) {
    throw engineError(e)
  } finally {
    clearInterval(keepAlive)
    await target.close()
  }
}

function forwardLog(line: string, opts: EngineOptions): void {
  if (!opts.log) return
  try {
    const entry = JSON.parse(line) as { level?: string; fields?: { message?: string } }
    const important = entry.level === 'WARN' || entry.level === 'ERROR'
    if (important || opts.verbose) opts.log(`schema engine ${entry.level ?? ''}: ${entry.fields?.message ?? line}`)
  } catch {
    if (opts.verbose) opts.log(line)
  }
}

class SchemaEngineError extends Error {
  constructor(
    message: string,
    /** Prisma error code when the engine gave one (e.g. P3009: a failed migration blocks deploys). */
    readonly code?: string,
  ) {
    super(message)
    this.name = 'SchemaEngineError'
  }
}

// Engine errors carry a Rust span trace ("   0: schema_engine_wasm::…") that only helps Prisma.
function engineError(e: unknown): unknown {
  if (!(e instanceof Error)) return e
  if (e instanceof SchemaEngineError) return e
  const fromEngine = e.stack?.includes('schema_engine_bg') || e instanceof WebAssembly.RuntimeError
  if (!fromEngine) return e
  const message = (e.message.split(/\n\s+0: /)[0] ?? e.message).trim()
  const code = (e as { code?: unknown }).code
  const detail = lastPanic ? `${message} (panic: ${lastPanic})` : message
  return new SchemaEngineError(detail, typeof code === 'string' ? code : undefined)
}
