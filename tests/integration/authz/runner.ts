// Runs cells of the authorization matrix (table.ts) against the real database, through the real
// server actions, route handlers and pages, signed in with a real session cookie. One world per
// test file; the matrix-*.test.ts files each run a shard (so two run at once).
//   allow            verify() sees the change (fresh targets, so cells never interfere)
//   notFound         same answer as the same call with random ids; no row anywhere changed
//   unauthenticated  redirect to /login; no row anywhere changed
//   rejected         refused; no row anywhere changed
//   contained        the `untouched` record's rows are byte-identical afterwards
// Refusals may append AUTHZ_DENIED events to the audit trail, never a SUCCESS event.
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { classify, diffRows, lastAuditId, normalize, serialize, setRequest, signedInCookie, snapshotRows, successEventsSince, type Outcome } from './harness'
import { createWorld, ghostOf, type World } from './world'
import { MATRIX, SHARDS, cellName, specOf, type Cell } from './table'
import { resolveTarget } from './targets'
import { asTargetIds, type CallCtx, type Target } from './kit'

const ROOT = path.resolve(import.meta.dirname, '../../..')

async function loadExport(action: string): Promise<CallCtx['fn']> {
  const [file, name] = action.split('#')
  if (file === undefined || name === undefined) throw new Error(`${action} is not "file#export"`)
  const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>
  const fn = mod[name]
  if (typeof fn !== 'function') throw new Error(`${action} is not an exported function`)
  return fn as CallCtx['fn']
}

let w: World
const practices = () => [w.p1, w.p2]

async function signIn(actorId: string | null): Promise<void> {
  if (!actorId) {
    setRequest({}, { 'x-forwarded-for': '203.0.113.50' })
    return
  }
  const c = await signedInCookie(actorId)
  setRequest({ [c.name]: c.value }, { 'x-forwarded-for': '203.0.113.50' }, c.sessionId)
}

/** Pages and read-only exports change nothing but the audit trail, even when allowed. */
const readOnly = (cell: Cell) => cell.op === 'view' || cell.op === 'export' || cell.action.endsWith('/page.tsx')

async function expectNoChange(before: Map<string, string>, what: string) {
  const changed = diffRows(before, await snapshotRows(practices()))
  expect(changed, `${what} changed rows:\n${changed.slice(0, 20).join('\n')}`).toEqual([])
}

async function runCell(cell: Cell) {
  const spec = specOf(cell)
  try {
    await checkCell(cell)
  } finally {
    const actorId = cell.actor === 'anon' ? null : w.users[cell.actor]
    await spec.cleanup?.({ t: asTargetIds({}), w, actor: cell.actor, actorId })
  }
}

async function checkCell(cell: Cell) {
  const spec = specOf(cell)
  const fn = await loadExport(cell.action)
  const actorId = cell.actor === 'anon' ? null : w.users[cell.actor]
  let t: Target = await resolveTarget(cell.target, w, actorId)
  if (spec.prepare) t = { ...t, ...(await spec.prepare({ t: asTargetIds(t), w, actor: cell.actor, actorId })) }
  const call = (target: Target): Promise<Outcome> => classify(async () => spec.call({ fn, t: asTargetIds(target), w, actor: cell.actor, actorId }))
  await signIn(actorId)

  if (cell.expect === 'allow') {
    const before = readOnly(cell) ? await snapshotRows(practices()) : undefined
    const o = await call(t)
    expect(o.kind, serialize(o).slice(0, 400)).not.toBe('notFound')
    await spec.verify!({ t: asTargetIds(t), w, actor: cell.actor, actorId }, o)
    if (before) await expectNoChange(before, 'a read')
    return
  }

  if (cell.expect === 'contained') {
    // The other record's own ids (not its practice's or clinician's, which other rows share too).
    const { practiceId, ownerId: _owner, ...own } = await resolveTarget(cell.untouched!, w, actorId)
    if (!('clientId' in own) && practiceId === undefined) throw new Error(`${cell.untouched} has neither a clientId nor a practiceId`)
    const scope = 'clientId' in own ? { practices: practices(), ids: Object.values(own) } : { practices: [practiceId ?? ''], ids: undefined }
    const before = await snapshotRows(scope.practices, scope.ids)
    await call(t)
    const changed = diffRows(before, await snapshotRows(scope.practices, scope.ids))
    expect(changed, `${cell.untouched} changed:\n${changed.join('\n')}`).toEqual([])
    return
  }

  // Refusals: nothing changes anywhere in the world, and no success is recorded.
  const before = await snapshotRows(practices())
  const mark = await lastAuditId()
  const o = await call(t)
  const g = cell.expect === 'notFound' ? { target: ghostOf(t) } : undefined
  // notFound: the same call for a record that does not exist (random ids and tokens).
  const ghost = g ? await call(g.target) : undefined
  await expectNoChange(before, g ? 'the call (or the same call with random ids)' : 'a refused call')
  expect((await successEventsSince(mark, practices())).filter((a) => !cell.refusalAudits?.includes(a))).toEqual([])

  if (cell.expect === 'unauthenticated') {
    expect(o.kind, serialize(o).slice(0, 400)).toBe('unauthenticated')
    return
  }
  expect(o.kind, serialize(o).slice(0, 400)).not.toBe('unauthenticated')
  if (cell.expect === 'rejected') return

  // The answer for this record is the answer for one that does not exist.
  expect(normalize(o, t)).toBe(normalize(ghost!, g!.target))
}

/** Declares the cells of one shard (a few resources) as tests of the calling file. */
export function defineMatrix(shard: keyof typeof SHARDS): void {
  const resources = SHARDS[shard]
  const mine = MATRIX.filter((c) => resources.includes(c.resource))
  beforeAll(async () => {
    w = await createWorld()
    // Import every entry point once up front, so no cell pays for a cold module graph.
    await Promise.all([...new Set(mine.map((c) => c.action))].map(loadExport))
  })
  for (const resource of resources) {
    describe(resource, () => {
      for (const cell of mine.filter((c) => c.resource === resource)) {
        it(cellName(cell), async () => {
          try {
            await runCell(cell)
          } catch (e) {
            // A documented bug fails with its description first, so the report says what leaks.
            if (cell.bug && e instanceof Error) e.message = `Regression of a fixed authorization bug: ${cell.bug}\n${e.message}`
            throw e
          }
        })
      }
    })
  }
}
