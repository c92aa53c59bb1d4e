// The meta-test of the authorization matrix (SECURITY.md R9): every server action (each export of
// an app file whose first statement is 'use server'), every route handler (GET/POST/… of
// app/**/route.ts) and every page must have cells in table.ts, for every actor unless the entry
// point is token-authorized or public; and every cell must name an export that still exists.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ACTORS } from './world'
import { MATRIX, SHARDS, SPECS, cellName } from './table'
import { PUBLIC_ENTRY_POINTS } from './kit'

const ROOT = path.resolve(import.meta.dirname, '../../..')
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    return e.isDirectory() ? walk(full) : [full]
  })
}

const appFiles = walk(path.join(ROOT, 'app'))
  .filter((f) => /\.(ts|tsx)$/.test(f))
  .map((f) => path.relative(ROOT, f).split(path.sep).join('/'))
  .sort()

const source = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8')
// The directive must be the first statement: only comments and blank lines may come before it.
const LEADING = /^(?:\s+|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*/
const startsWithUseServer = (file: string) => /^['"]use server['"]/.test(source(file).replace(LEADING, ''))

const serverActionFiles = appFiles.filter(startsWithUseServer)
const routeFiles = appFiles.filter((f) => f.endsWith('/route.ts'))
const pageFiles = appFiles.filter((f) => /\/page\.tsx?$/.test(f))
// Pages Router pages (the client's check-in, pages/c/[token].tsx): their entry point is
// getServerSideProps, which reads (and, for a posted form, writes) the data.
const pagesRouterFiles = walk(path.join(ROOT, 'pages'))
  .map((f) => path.relative(ROOT, f).split(path.sep).join('/'))
  .filter((f) => /\.tsx?$/.test(f) && !/\/_[^/]+$/.test(f))
  .sort()

async function entryPoints(): Promise<string[]> {
  const found: string[] = []
  for (const file of [...serverActionFiles, ...routeFiles, ...pageFiles, ...pagesRouterFiles]) {
    const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value !== 'function') continue
      const isEntry = pagesRouterFiles.includes(file)
        ? name === 'getServerSideProps'
        : serverActionFiles.includes(file) || (routeFiles.includes(file) ? HTTP_METHODS.includes(name) : name === 'default')
      if (isEntry) found.push(`${file}#${name}`)
    }
  }
  return found.sort()
}

describe('authorization matrix coverage', () => {
  it('finds the entry points it is meant to guard', () => {
    // A sanity floor: if the discovery broke, every other check here would pass vacuously.
    expect(serverActionFiles.length).toBeGreaterThanOrEqual(10)
    expect(routeFiles.length).toBeGreaterThanOrEqual(5)
    expect(pageFiles.length).toBeGreaterThanOrEqual(17)
    expect(pagesRouterFiles).toEqual(['pages/c/[token].tsx'])
  })

  it("has no inline 'use server' functions (they would be actions outside every file-level check)", () => {
    const inline = appFiles.filter((f) => !serverActionFiles.includes(f) && /['"]use server['"]/.test(source(f)))
    expect(inline).toEqual([])
  })

  it('has a cell for every server action, route handler and page, for every actor unless public', { timeout: 120_000 }, async () => {
    const missing: string[] = []
    for (const entry of await entryPoints()) {
      const cells = MATRIX.filter((c) => c.action === entry)
      if (cells.length === 0) {
        missing.push(`${entry}: no cell`)
        continue
      }
      const actors = new Set(cells.map((c) => c.actor))
      const needed = PUBLIC_ENTRY_POINTS[entry] ? ['anon' as const] : ACTORS
      for (const a of needed) if (!actors.has(a)) missing.push(`${entry}: no cell for ${a}`)
    }
    expect(missing).toEqual([])
  })

  it('names only exports that exist, each with a spec, once, in exactly one shard', { timeout: 120_000 }, async () => {
    const exist = new Set(await entryPoints())
    const stale = [...new Set(MATRIX.map((c) => c.action))].filter((a) => !exist.has(a))
    expect(stale, 'cells for exports that no longer exist').toEqual([])
    expect(Object.keys(PUBLIC_ENTRY_POINTS).filter((a) => !exist.has(a))).toEqual([])
    const unknownSpecs = MATRIX.filter((c) => !SPECS[`${c.action}${c.variant ? `:${c.variant}` : ''}`]).map(cellName)
    expect(unknownSpecs).toEqual([])
    const names = MATRIX.map(cellName)
    expect(
      names.filter((n, i) => names.indexOf(n) !== i),
      'duplicate cells',
    ).toEqual([])
    const shardOf = (r: string) => Object.values(SHARDS).filter((rs) => rs.includes(r as never)).length
    expect(MATRIX.filter((c) => shardOf(c.resource) !== 1).map(cellName)).toEqual([])
    expect(MATRIX.filter((c) => c.expect === 'allow' && !SPECS[`${c.action}${c.variant ? `:${c.variant}` : ''}`]?.verify).map(cellName)).toEqual([])
    expect(MATRIX.filter((c) => c.expect === 'contained' && !c.untouched).map(cellName)).toEqual([])
  })

  it('covers the resource × operation grid of the product issue, each with an allowed and a refused cell', () => {
    // What exists in the app. Missing on purpose: notes are never archived (signed notes are
    // immutable; amendments are new versions); a flag is raised only by a submission (response
    // create); settings are one row per practice; the audit trail is append-only; a client's data
    // is exported as its responses; the practice's records as a whole (FHIR bulk export) are a client
    // export. A new kind of entry point changes this list deliberately.
    const expected: Record<string, string[]> = {
      client: ['archive', 'create', 'export', 'update', 'view'],
      'check-in': ['archive', 'create', 'update', 'view'],
      response: ['create', 'export', 'update', 'view'],
      note: ['create', 'update', 'view'],
      goal: ['archive', 'create', 'update', 'view'],
      flag: ['archive', 'update', 'view'],
      account: ['archive', 'create', 'update', 'view'],
      settings: ['update', 'view'],
      audit: ['export', 'view'],
    }
    const both = (resource: string, op: string) => {
      const cells = MATRIX.filter((c) => c.resource === resource && c.op === op)
      return cells.some((c) => c.expect === 'allow') && cells.some((c) => c.expect !== 'allow')
    }
    const actual = Object.fromEntries(Object.keys(expected).map((r) => [r, ['archive', 'create', 'export', 'update', 'view'].filter((op) => both(r, op))]))
    expect(actual).toEqual(expected)
  })
})
