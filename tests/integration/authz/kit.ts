// The vocabulary of the authorization matrix (table.ts): cells, how an entry point is called
// (Spec), targets, and the helpers the specs share to build arguments and check answers.
import crypto from 'node:crypto'
import { Readable } from 'node:stream'
import { expect } from 'vitest'
import { db } from '@/lib/db/client'
import { registerCheckInPageService } from '@/lib/checkins/page-service'
import { serialize, type Outcome } from './harness'
import type { ActorName, World } from './world'

export type Expect = 'allow' | 'notFound' | 'unauthenticated' | 'rejected' | 'contained'
export type Resource = 'client' | 'check-in' | 'response' | 'note' | 'goal' | 'flag' | 'account' | 'settings' | 'audit' | 'session' | 'system'
type Op = 'view' | 'create' | 'update' | 'archive' | 'export'

/** A record of ids (and tokens) a call is made with; every value is a string so a ghost can swap it. */
export type Target = Record<string, string>

type TargetKey =
  | 'clientId'
  | 'userId'
  | 'openCheckInId'
  | 'completedCheckInId'
  | 'openItemId'
  | 'token'
  | 'revokedToken'
  | 'goalId'
  | 'flagId'
  | 'signedNoteId'
  | 'draftNoteId'
  | 'draftVersion'
  | 'ownerId'
  | 'toId'
  | 'assignmentId'
  | 'pausedAssignmentId'
  | 'responseId'
  | 'email'
  | 'code'
/**
 * A cell's ids by name, as the specs read them. Not every target has every id (the 'none' target has
 * none): a missing one is passed on as undefined on purpose, to see the action refuse it. Typed as
 * present so a spec reads like the call a page makes (see asTargetIds).
 */
type TargetIds = Target & { readonly [K in TargetKey]: string }
export const asTargetIds = (t: Target) => t as TargetIds

export type TargetName =
  | 'none'
  | 'self'
  | 'C1'
  | 'C2'
  | 'C3'
  | 'fresh'
  /** C1's client id with C3's (another practice) child ids: a cross-bound call. */
  | 'mix:C1/C3'
  /** C1's client id with C2's (a colleague's client) child ids. */
  | 'mix:C1/C2'
  | 'revoked:C1'
  | 'wrongToken'
  /** C1's live check-in token with C3's item ids in the body. */
  | 'tokenMix:C1/C3'
  | 'acct:clinA'
  | 'acct:clinB'
  | 'acct:invitedP1'
  | 'acct:deactivatedP1'
  | 'acct:fresh'
  | 'acct:freshInvited'
  | 'acct:freshDeactivated'
  | 'xfer:C1'
  | 'xfer:fresh'
  | 'xfer:C3toClinA'
  | 'xfer:C1toClinP2'
  | 'link:freshInvite'
  | 'link:freshReset'
  | 'link:resetUsedAsInvite'
  | 'link:inviteUsedAsReset'
  | 'P1'

export interface Cell {
  actor: ActorName
  /** `<file under the repo root>#<export>`: the entry point, exactly as coverage.test.ts finds it. */
  action: string
  /** Which call of the export (a mode, a form); '' for the only one. */
  variant: string
  resource: Resource
  op: Op
  target: TargetName
  expect: Expect
  /** contained: the record whose rows must not change. */
  untouched?: TargetName
  /** Set on cells that document an authorization bug: they fail until it is fixed. */
  bug?: string
  /** Success events a refusal may still write (with why), e.g. a view of the parent record. */
  refusalAudits?: string[]
}

export interface CallCtx {
  // The export under test, called with the arguments the page or form would send.
  fn: (...args: never[]) => unknown
  t: TargetIds
  w: World
  actor: ActorName
  actorId: string | null
}

export interface Spec {
  resource: Resource
  op: Op
  /** Extra ids/secrets the cell needs, made before the call (e.g. an enrolment in progress). */
  prepare?: (ctx: Omit<CallCtx, 'fn'>) => Promise<Target>
  call: (ctx: CallCtx) => unknown
  /** For allow cells: what must now be true. */
  verify?: (ctx: Omit<CallCtx, 'fn'>, outcome: Outcome) => Promise<void>
  /** Puts back what a cell had to change on a shared record (e.g. the actor's own roles). */
  cleanup?: (ctx: Omit<CallCtx, 'fn'>) => Promise<void>
}

// ---------------------------------------------------------------------------------------------
// Entry points

export const F = {
  clients: 'app/(dashboard)/clients/actions.ts',
  checkins: 'app/(dashboard)/clients/[id]/checkin-actions.ts',
  goals: 'app/(dashboard)/clients/[id]/goal-actions.ts',
  series: 'app/(dashboard)/clients/[id]/series-actions.ts',
  notes: 'app/(dashboard)/clients/[id]/notes/actions.ts',
  admin: 'app/(dashboard)/admin/actions.ts',
  account: 'app/(dashboard)/account/actions.ts',
  mfa: 'app/(dashboard)/account/mfa/actions.ts',
  signOut: 'app/(dashboard)/actions.ts',
  passwordLinks: 'app/(auth)/password-link-actions.ts',
  publicCheckIn: 'app/c/[token]/draft/route.ts',
  clientExport: 'app/(dashboard)/clients/[id]/export/route.ts',
  auditExport: 'app/(dashboard)/admin/audit/export/route.ts',
  clientFhir: 'app/(dashboard)/clients/[id]/fhir/route.ts',
  practiceFhir: 'app/(dashboard)/admin/fhir/export/route.ts',
  outcomesExport: 'app/(dashboard)/outcomes/export/route.ts',
  nextAuth: 'app/api/auth/[...nextauth]/route.ts',
  health: 'app/api/health/route.ts',
  pClients: 'app/(dashboard)/clients/page.tsx',
  pClient: 'app/(dashboard)/clients/[id]/page.tsx',
  pNewClient: 'app/(dashboard)/clients/new/page.tsx',
  pReport: 'app/(dashboard)/clients/[id]/report/page.tsx',
  pNote: 'app/(dashboard)/clients/[id]/notes/[noteId]/page.tsx',
  pNewNote: 'app/(dashboard)/clients/[id]/notes/new/page.tsx',
  pAttention: 'app/(dashboard)/attention/page.tsx',
  pOutcomes: 'app/(dashboard)/outcomes/page.tsx',
  pAdmin: 'app/(dashboard)/admin/page.tsx',
  pAudit: 'app/(dashboard)/admin/audit/page.tsx',
  pInvite: 'app/(dashboard)/admin/invite/page.tsx',
  pSettings: 'app/(dashboard)/admin/settings/page.tsx',
  pTransfer: 'app/(dashboard)/admin/transfer/page.tsx',
  pAccount: 'app/(dashboard)/account/page.tsx',
  pMfa: 'app/(dashboard)/account/mfa/page.tsx',
  pHome: 'app/page.tsx',
  pLogin: 'app/(auth)/login/page.tsx',
  // A Pages Router page (no framework JavaScript): its entry point is getServerSideProps.
  pCheckIn: 'pages/c/[token].tsx',
  pAcceptInvite: 'app/(auth)/invite/[token]/page.tsx',
  pReset: 'app/(auth)/reset/[token]/page.tsx',
} as const

/**
 * Entry points whose only credential is a token in the request (or that hold no data): they are
 * covered by anonymous cells (wrong token, right token) rather than by all five actors.
 */
export const PUBLIC_ENTRY_POINTS: Record<string, string> = {
  [`${F.publicCheckIn}#POST`]: 'check-in link token',
  [`${F.passwordLinks}#acceptInviteAction`]: 'invite link token',
  [`${F.passwordLinks}#resetPasswordFromLinkAction`]: 'reset link token',
  [`${F.pCheckIn}#getServerSideProps`]: 'check-in link token',
  [`${F.pAcceptInvite}#default`]: 'invite link token',
  [`${F.pReset}#default`]: 'reset link token',
  [`${F.nextAuth}#GET`]: 'next-auth endpoints (sign-in itself)',
  [`${F.nextAuth}#POST`]: 'next-auth endpoints (sign-in itself)',
  [`${F.health}#GET`]: 'liveness probe, no data',
  [`${F.pLogin}#default`]: 'sign-in page',
}

// ---------------------------------------------------------------------------------------------
// Arguments, built the way the pages bind them and the forms post them

export const BASE = 'http://localhost:3000'
export const idle = { status: 'idle' as const }
export const todayIso = () => new Date().toISOString().slice(0, 10)
export const rand = () => crypto.randomBytes(4).toString('hex')
export const NEW_PASSWORD = 'harbour lantern quietly 4471 orchard'

export function form(fields: Record<string, string | string[]>): FormData {
  const f = new FormData()
  // What Next adds to every progressively enhanced form; the actions must ignore it.
  f.set('$ACTION_ID_0123456789abcdef', '')
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x)
  return f
}

export const clientFields = (extra: Record<string, string> = {}) => ({
  firstName: 'Edited',
  lastName: 'Authz-Client',
  preferredName: '',
  email: '',
  phone: '',
  dateOfBirth: '1985-05-05',
  episodeStart: '',
  status: 'ACTIVE',
  ...extra,
})

export const settingsFields = (name: string) => ({
  name,
  timeZone: 'Europe/London',
  idleTimeoutMinutes: '15',
  checkinExpiryDays: '4',
  remindersEnabled: 'on',
  reminderHoursBeforeExpiry: '24',
  crisisResources: '',
})

export const routeCtx = <P>(params: P) => ({ params: Promise.resolve(params) })

/** A same-origin JSON post of a check-in draft, as public/checkin.js sends it. */
export const draftRequest = (answers: Record<string, (number | null)[]>) =>
  new Request(`${BASE}/c/x/draft`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ answers }),
  })

/**
 * The context getServerSideProps of the check-in page (pages/c/[token].tsx) gets: a GET, or with
 * `fields` the page's own form posted (same origin, urlencoded) as a browser sends it.
 */
export function checkInPageCtx(token: string, fields?: Record<string, string>) {
  registerCheckInPageService()
  const body = fields ? Buffer.from(new URLSearchParams(fields).toString()) : null
  const req = Object.assign(Readable.from(body ? [body] : []), {
    method: body ? 'POST' : 'GET',
    headers: body ? { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', host: 'localhost:3000' } : {},
  })
  const res = { statusCode: 200, setHeader: () => {} }
  return { req, res, params: { token }, query: {} }
}
export const page = (params: Record<string, string> = {}, searchParams: Record<string, string> = {}) => ({
  params: Promise.resolve(params),
  searchParams: Promise.resolve(searchParams),
})

// Calls through an untyped reference: the matrix passes the same shapes the framework would.
export type AnyFn = (...args: unknown[]) => unknown
export const callFn = (ctx: CallCtx, ...args: unknown[]) => (ctx.fn as unknown as AnyFn)(...args)

// ---------------------------------------------------------------------------------------------
// Checks for allow cells

export function returned(o: Outcome): Record<string, unknown> {
  expect(o.kind, serialize(o).slice(0, 400)).toBe('returned')
  return (o as { value: Record<string, unknown> }).value
}

export function succeeded(o: Outcome, status = 'success'): Record<string, unknown> {
  const v = returned(o)
  expect(v.status, serialize(v).slice(0, 400)).toBe(status)
  return v
}

export function rendered(o: Outcome): string {
  expect(o.kind, serialize(o).slice(0, 400)).toBe('returned')
  return serialize((o as { value: unknown }).value)
}

export const expectShows = (text: string, ...ids: string[]) => ids.forEach((id) => expect(text.includes(id), `expected ${id} in the answer`).toBe(true))
export const expectHides = (text: string, ...ids: string[]) => ids.forEach((id) => expect(text.includes(id), `${id} must not be in the answer`).toBe(false))

/** Ids of the other practice (users and clients) that must never reach this actor. */
export function foreignIds(w: World, actor: ActorName): string[] {
  const p2 = [w.users.adminP2, w.users.clinP2, w.users.invitedP2, w.C3.clientId]
  const p1 = [w.users.adminP1, w.users.clinA, w.users.clinB, w.users.invitedP1, w.C1.clientId, w.C2.clientId]
  return actor === 'adminP2' ? p1 : p2
}

export async function practiceOf(userId: string): Promise<string> {
  return (await db.user.findUniqueOrThrow({ where: { id: userId }, select: { practiceId: true } })).practiceId
}

/** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  const endCell = () => {
    row.push(cell)
    cell = ''
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"'
      i++
    } else if (ch === '"') {
      quoted = !quoted
    } else if (quoted || (ch !== ',' && ch !== '\n' && ch !== '\r')) {
      cell += ch
    } else if (ch === ',') {
      endCell()
    } else {
      if (ch === '\r' && text[i + 1] === '\n') i++
      endCell()
      rows.push(row)
      row = []
    }
  }
  if (cell !== '' || row.length) {
    endCell()
    rows.push(row)
  }
  return rows
}

/** Every row of an audit export belongs to the exporting admin's practice. */
export async function expectOwnPracticeTrail(csv: string, practiceId: string): Promise<number> {
  const [header = [], ...rows] = parseCsv(csv)
  const col = (name: string) => header.indexOf(name)
  const users = new Set((await db.user.findMany({ where: { practiceId }, select: { id: true } })).map((u) => u.id))
  const clients = new Set((await db.client.findMany({ where: { practiceId }, select: { id: true } })).map((c) => c.id))
  for (const r of rows) {
    if (r[col('actor_type')] === 'USER') expect(users.has(r[col('actor_id')] ?? ''), `foreign actor in trail: ${r.join(',')}`).toBe(true)
    const clientId = r[col('client_id')]
    if (clientId) expect(clients.has(clientId), `foreign client in trail: ${r.join(',')}`).toBe(true)
  }
  return rows.length
}
