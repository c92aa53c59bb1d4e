// Runs the real server actions, route handlers and pages inside vitest. Only the framework plumbing
// that exists solely inside a Next request is replaced: the request's cookie jar and headers
// (next/headers) and the router cache (next/cache). next/navigation stays real, so redirect() and
// notFound() throw exactly what they throw in production and are classified here.
import { createRequire } from 'node:module'
import { vi } from 'vitest'
import { encode } from 'next-auth/jwt'
import { env } from '@/lib/env'
import { db } from '@/lib/db/client'
import { createSession } from '@/lib/db/sessions'
import { sessionCookieName } from '@/lib/auth/options'

interface RequestState {
  cookies: Map<string, string>
  headers: Record<string, string>
  deleted: string[]
  /** The server-side session behind the cookie, if signed in. */
  sessionId: string | null
}

const state = vi.hoisted(() => ({
  current: { cookies: new Map<string, string>(), headers: {} as Record<string, string>, deleted: [] as string[], sessionId: null as string | null },
}))

function jar() {
  const c = state.current.cookies
  return {
    get: (name: string) => (c.has(name) ? { name, value: c.get(name)! } : undefined),
    getAll: () => [...c.entries()].map(([name, value]) => ({ name, value })),
    has: (name: string) => c.has(name),
    set: (name: string, value: string) => void c.set(name, value),
    delete: (name: string) => {
      state.current.deleted.push(name)
      c.delete(name)
    },
    toString: () => [...c.entries()].map(([k, v]) => `${k}=${v}`).join('; '),
  }
}

vi.mock('next/headers', () => ({
  cookies: async () => jar(),
  headers: async () => new Headers(state.current.headers),
  draftMode: async () => ({ isEnabled: false, enable() {}, disable() {} }),
}))

vi.mock('next/cache', () => ({
  revalidatePath: () => {},
  revalidateTag: () => {},
  updateTag: () => {},
  refresh: () => {},
  unstable_noStore: () => {},
  unstable_cache: <T>(fn: T) => fn,
}))

// next-auth loads next/headers with require() from node_modules, which vi.mock does not reach:
// the same two functions are put on the CommonJS module it gets.
const requireCjs = createRequire(import.meta.url)
const cjsHeaders = requireCjs('next/headers') as Record<string, unknown>
cjsHeaders.cookies = async () => jar()
cjsHeaders.headers = async () => new Headers(state.current.headers)

export function setRequest(cookies: Record<string, string>, headers: Record<string, string> = {}, sessionId: string | null = null): RequestState {
  state.current = { cookies: new Map(Object.entries(cookies)), headers, deleted: [], sessionId }
  return state.current
}

export function currentRequest(): RequestState {
  return state.current
}

/** A real server-side session for the user and the next-auth cookie that points at it. */
export async function signedInCookie(userId: string): Promise<{ name: string; value: string; sessionId: string }> {
  const sid = await createSession(userId, '127.0.0.1')
  // Marked as MFA-proven, so an account that enrols in a cell still passes the gate afterwards.
  await db.userSession.update({ where: { id: sid }, data: { mfaAt: new Date() } })
  const value = await encode({ token: { sub: userId, sid }, secret: env.authSecret })
  return { name: sessionCookieName(), value, sessionId: sid }
}

/** A value (a page's element tree, an action's answer) as text: functions, React internals and cycles dropped. */
export function serialize(value: unknown): string {
  const seen = new WeakSet<object>()
  return (
    JSON.stringify(value, (key, v: unknown) => {
      if (typeof v === 'function' || typeof v === 'symbol' || (key.startsWith('_') && key !== '')) return undefined
      if (typeof v === 'bigint') return v.toString()
      if (typeof v === 'object' && v !== null) {
        if (seen.has(v)) return undefined
        seen.add(v)
      }
      return v
    }) ?? 'undefined'
  )
}

export type Outcome =
  | { kind: 'returned'; value: unknown }
  | { kind: 'response'; status: number; contentType: string | null; body: string }
  | { kind: 'unauthenticated'; location: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'notFound' }

function digestOf(e: unknown): string | null {
  return typeof e === 'object' && e !== null && typeof (e as { digest?: unknown }).digest === 'string' ? (e as { digest: string }).digest : null
}

type Element = { $$typeof: symbol; type: unknown; props: Record<string, unknown> }
const isElement = (v: unknown): v is Element => typeof v === 'object' && v !== null && '$$typeof' in v && 'props' in v
const isAsyncComponent = (t: unknown): t is (props: unknown) => Promise<unknown> => typeof t === 'function' && t.constructor.name === 'AsyncFunction'

/**
 * A page's element tree with its async server components called and awaited, as React does when
 * it streams (e.g. the overview's sections under Suspense): what they read is then in the tree.
 * Client components are left as elements (they cannot be async), and props are searched for
 * elements, so sections passed as children or slots are reached too.
 */
async function renderServerTree(node: unknown): Promise<unknown> {
  if (Array.isArray(node)) return Promise.all(node.map(renderServerTree))
  if (!isElement(node)) return node
  if (isAsyncComponent(node.type)) return renderServerTree(await node.type(node.props))
  const props = Object.fromEntries(await Promise.all(Object.entries(node.props).map(async ([k, v]) => [k, await renderServerTree(v)] as const)))
  return { ...node, props }
}

/** Runs a server function and classifies how it answered. Anything unexpected is rethrown. */
export async function classify(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    const value = await renderServerTree(await run())
    if (value instanceof Response) {
      return { kind: 'response', status: value.status, contentType: value.headers.get('content-type'), body: await value.text() }
    }
    return { kind: 'returned', value }
  } catch (e) {
    const digest = digestOf(e)
    if (digest?.startsWith('NEXT_REDIRECT')) {
      const location = digest.split(';')[2] ?? ''
      return location === '/login' || location.startsWith('/login?') ? { kind: 'unauthenticated', location } : { kind: 'redirect', location }
    }
    if (digest === 'NEXT_HTTP_ERROR_FALLBACK;404') return { kind: 'notFound' }
    throw e
  }
}

// ---------------------------------------------------------------------------------------------
// Row snapshots: every row of the world's practices, as table:id → md5 of the row's JSON, so
// "nothing changed" is checked byte for byte. Scoped by practice because on PostgreSQL every test
// file shares one database; every table must be listed here (a new one fails loudly).

const inPractice = (col: string) => `x."${col}" IN (SELECT unnest($1::uuid[]))`
const viaParent = (col: string, parent: string) => `x."${col}" IN (SELECT p."id" FROM "${parent}" p WHERE p."practiceId" IN (SELECT unnest($1::uuid[])))`

const SCOPE: Record<string, string> = {
  Practice: inPractice('id'),
  User: inPractice('practiceId'),
  UserToken: inPractice('practiceId'),
  Client: inPractice('practiceId'),
  Assignment: inPractice('practiceId'),
  CheckIn: inPractice('practiceId'),
  Response: inPractice('practiceId'),
  RiskFlag: inPractice('practiceId'),
  OutboundEmail: inPractice('practiceId'),
  Goal: inPractice('practiceId'),
  SessionNote: inPractice('practiceId'),
  UserSession: viaParent('userId', 'User'),
  RecoveryCode: viaParent('userId', 'User'),
  MfaChallenge: viaParent('userId', 'User'),
  CheckInItem: viaParent('checkInId', 'CheckIn'),
  CheckInLink: viaParent('checkInId', 'CheckIn'),
  GoalRevision: viaParent('goalId', 'Goal'),
  NoteGoal: viaParent('noteId', 'SessionNote'),
}
// The audit trail and its checkpoints only grow (refusals append AUTHZ_DENIED; checked on their
// own); sign-in throttles are keyed by hashes and shared by every test; migrations are not data.
const NOT_SNAPSHOT = new Set(['AuditEvent', 'AuditCheckpoint', 'AuthThrottle', '_prisma_migrations'])

let checkedTables = false

async function assertEveryTableScoped(): Promise<void> {
  if (checkedTables) return
  const rows = await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
  )
  const missing = rows.map((r) => r.name).filter((t) => !SCOPE[t] && !NOT_SNAPSHOT.has(t))
  if (missing.length) throw new Error(`authz snapshot: add ${missing.join(', ')} to SCOPE in tests/integration/authz/harness.ts`)
  checkedTables = true
}

const SAFE_ID = /^[0-9A-Za-z_-]{20,}$/

/**
 * table:id → hash of the row's JSON, for every row of the given practices; with `mentioning`,
 * only the rows whose JSON contains one of those ids.
 */
export async function snapshotRows(practiceIds: string[], mentioning?: string[]): Promise<Map<string, string>> {
  await assertEveryTableScoped()
  const ids = mentioning?.filter((id) => SAFE_ID.test(id))
  const filter = ids ? (ids.length ? `WHERE ${ids.map((id) => `s.j::text LIKE '%${id}%'`).join(' OR ')}` : 'WHERE false') : ''
  const sql = Object.entries(SCOPE)
    .map(
      ([t, scope]) =>
        `SELECT '${t}:' || coalesce(s.j->>'id', s.j->>'key') AS k, md5(s.j::text) AS h FROM (SELECT to_jsonb(x) AS j FROM "${t}" x WHERE ${scope}) s ${filter}`,
    )
    .join(' UNION ALL ')
  const rows = await db.$queryRawUnsafe<{ k: string; h: string }[]>(sql, practiceIds)
  return new Map(rows.map((r) => [r.k, r.h]))
}

/** What differs between two snapshots, as "changed/added/removed Table:id" lines. */
export function diffRows(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = []
  for (const [k, h] of before) {
    if (!after.has(k)) out.push(`removed ${k}`)
    else if (after.get(k) !== h) out.push(`changed ${k}`)
  }
  for (const k of after.keys()) if (!before.has(k)) out.push(`added ${k}`)
  return out
}

export async function lastAuditId(): Promise<bigint> {
  const r = await db.auditEvent.aggregate({ _max: { id: true } })
  return r._max.id ?? BigInt(0)
}

/** Success events the given practices' trails received since `after` (a refusal must add none). */
export async function successEventsSince(after: bigint, practiceIds: string[]): Promise<string[]> {
  const rows = await db.auditEvent.findMany({
    where: { id: { gt: after }, outcome: 'SUCCESS', practiceId: { in: practiceIds } },
    select: { action: true },
  })
  return rows.map((r) => r.action)
}

/**
 * An outcome as comparable text: functions and React internals dropped, and each id or token of
 * the target replaced by its name, so "same answer for a real and a random id" can be compared.
 */
export function normalize(o: Outcome, target: Record<string, string>): string {
  let text = serialize(o)
  for (const [k, v] of Object.entries(target)) if (v.length >= 20) text = text.split(v).join(`<${k}>`)
  return text
}
