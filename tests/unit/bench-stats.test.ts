import { describe, expect, it } from 'vitest'
import {
  FIRST_NAMES,
  LAST_NAMES,
  applySetCookies,
  clinicianEmail,
  cookieHeader,
  formatTable,
  parseBenchArgs,
  medianCount,
  targetProblems,
  dbRatio,
  percentile,
  personName,
  scriptSources,
  summarize,
} from '../../scripts/lib/bench-stats'
import { pickWeighted, prng, randInt } from '../../lib/seeded-random'

describe('percentile (nearest rank)', () => {
  it('picks the smallest sample with at least p % at or below it', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1) // 1..100
    expect(percentile(xs, 50)).toBe(50)
    expect(percentile(xs, 95)).toBe(95)
    expect(percentile(xs, 100)).toBe(100)
    expect(percentile(xs, 1)).toBe(1)
  })

  it('does not depend on input order and does not sort the input in place', () => {
    const xs = [30, 10, 20, 50, 40]
    expect(percentile(xs, 50)).toBe(30)
    expect(xs).toEqual([30, 10, 20, 50, 40])
  })

  it('with 60 samples, p95 is the 57th smallest', () => {
    const xs = Array.from({ length: 60 }, (_, i) => (i + 1) * 10)
    expect(percentile(xs, 95)).toBe(570)
  })

  it('handles one sample and none', () => {
    expect(percentile([7], 95)).toBe(7)
    expect(percentile([], 50)).toBeNaN()
  })

  it('rejects p outside (0, 100]', () => {
    expect(() => percentile([1], 0)).toThrow(RangeError)
    expect(() => percentile([1], 101)).toThrow(RangeError)
  })
})

describe('summarize', () => {
  it('reports n, min, p50, p95, max and mean', () => {
    expect(summarize([4, 1, 3, 2])).toEqual({ n: 4, min: 1, p50: 2, p95: 4, max: 4, mean: 2.5 })
  })
  it('is NaN-filled for no samples', () => {
    const s = summarize([])
    expect(s.n).toBe(0)
    expect(s.p95).toBeNaN()
  })
})

describe('medianCount', () => {
  it('takes the middle count, the lower of two middles', () => {
    expect(medianCount([7, 5, 9])).toBe(7)
    expect(medianCount([4, 6, 5, 5])).toBe(5)
    expect(medianCount([3, 40])).toBe(3) // one request that caught a scheduler tick does not decide
  })
  it('is null without requests', () => {
    expect(medianCount([])).toBeNull()
  })
})

describe('targetProblems', () => {
  const m = (id: string, p50: number, p95: number, statements: number | null, dbMsP50: number | null) => ({ id, p50, p95, statements, dbMsP50 })
  it('passes a page within every target', () => {
    expect(targetProblems([m('caseload', 30, 60, 5, 10)], { caseload: { p95Ms: 100, maxStatements: 5, maxDbRatio: 4 } })).toEqual([])
  })
  it('names each missed target with the number and the target', () => {
    const problems = targetProblems([m('overview', 90, 150, 13, 20)], { overview: { p95Ms: 150, maxStatements: 12, maxDbRatio: 4 } })
    expect(problems).toEqual([
      'overview: p95 150 ms, target < 150 ms',
      'overview: 13 SQL statements per request, target ≤ 12',
      'overview: page p50 90 ms is 4.5× its SQL (20.0 ms), target ≤ 4×',
    ])
  })
  it('fails a count that grows with the rows', () => {
    const problems = targetProblems([m('overview', 50, 60, 10, 20), m('overview-short', 40, 50, 9, 10)], {
      'overview-short': { sameStatementsAs: 'overview' },
    })
    expect(problems).toEqual(['overview-short: 9 statements vs 10 for overview: the count grows with the rows'])
  })
  it('checks counts and ratios only where they were measured (embedded database)', () => {
    expect(targetProblems([m('overview', 300, 390, null, null)], { overview: { p95Ms: 400, maxStatements: 12, maxDbRatio: 4 } })).toEqual([])
  })
  it('skips a scenario that failed (its error is reported on its own)', () => {
    expect(targetProblems([{ ...m('caseload', 0, 900, 50, 1), error: 'HTTP 500' }], { caseload: { p95Ms: 100, maxStatements: 5 } })).toEqual([])
  })
})

describe('dbRatio', () => {
  it('divides page time by database time, null without database time', () => {
    expect(dbRatio({ p50: 40, dbMsP50: 10 })).toBe(4)
    expect(dbRatio({ p50: 40, dbMsP50: null })).toBeNull()
    expect(dbRatio({ p50: 40, dbMsP50: 0 })).toBeNull()
  })
})

describe('scriptSources', () => {
  const html = `<!DOCTYPE html><html><head>
    <link rel="stylesheet" href="/_next/static/chunks/a.css"/>
    <link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/webpack-1.js"/>
    <script src="/_next/static/chunks/webpack-1.js" async=""></script>
    <script src='/_next/static/chunks/main-app.js?v=1&amp;x=2' async></script>
    <script>self.__next_f.push([1,"src=\\"/_next/static/chunks/fake.js\\""])</script>
    <script src="https://cdn.example.org/x.js"></script>
    <link rel="modulepreload" href="/_next/static/chunks/mod.js">
    <script type="module" src=/_next/static/chunks/unquoted.js></script>
    <script src="/_next/static/chunks/polyfills.js" noModule=""></script>
    <script nomodule src="/_next/static/chunks/polyfills-2.js"></script>
    <script src="//cdn.example.org/y.js"></script>
    <script src="/checkin.js" nonce="abc" defer></script>
    </head><body><script src="/_next/static/chunks/page.js" async=""></script></body></html>`

  it("lists the app's script files once each, in document order", () => {
    expect(scriptSources(html)).toEqual([
      '/_next/static/chunks/webpack-1.js',
      '/_next/static/chunks/main-app.js?v=1&x=2',
      '/_next/static/chunks/mod.js',
      '/_next/static/chunks/unquoted.js',
      '/checkin.js',
      '/_next/static/chunks/page.js',
    ])
  })

  it('ignores inline scripts, stylesheets and other origins', () => {
    const srcs = scriptSources(html)
    expect(srcs.some((s) => s.includes('fake') || s.endsWith('.css') || s.startsWith('http'))).toBe(false)
  })

  it('leaves out nomodule scripts (browsers with ES modules never load them)', () => {
    expect(scriptSources(html).some((s) => s.includes('polyfills'))).toBe(false)
  })

  it('returns nothing for a page without scripts', () => {
    expect(scriptSources('<p>hello</p>')).toEqual([])
  })
})

describe('cookies', () => {
  it('keeps name=value pairs and drops attributes', () => {
    const jar = applySetCookies(new Map(), [
      'next-auth.csrf-token=abc%7Cdef; Path=/; HttpOnly; SameSite=Lax',
      'next-auth.callback-url=http%3A%2F%2F127.0.0.1; Path=/',
    ])
    expect(cookieHeader(jar)).toBe('next-auth.csrf-token=abc%7Cdef; next-auth.callback-url=http%3A%2F%2F127.0.0.1')
  })

  it('replaces a cookie set again and removes an expired or emptied one', () => {
    const jar = new Map([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
    ])
    applySetCookies(jar, ['a=9; Path=/', 'b=; Max-Age=0', 'c=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT'])
    expect([...jar]).toEqual([['a', '9']])
  })

  it('keeps values containing "="', () => {
    const jar = applySetCookies(new Map(), ['t=eyJ.a=b==; Path=/'])
    expect(jar.get('t')).toBe('eyJ.a=b==')
  })
})

describe('parseBenchArgs', () => {
  it('has defaults', () => {
    expect(parseBenchArgs([])).toEqual({
      db: 'postgres',
      requests: 60,
      warmup: 5,
      port: 3310,
      only: null,
      statements: false,
      concurrent: false,
      seconds: 60,
    })
  })

  it('reads --db, --requests, --warmup, --port and --only, with = or a space', () => {
    expect(parseBenchArgs(['--db', 'embedded', '--requests=80', '--warmup', '0', '--port', '4000', '--only', 'caseload,overview'])).toEqual({
      db: 'embedded',
      requests: 80,
      warmup: 0,
      port: 4000,
      only: ['caseload', 'overview'],
      statements: false,
      concurrent: false,
      seconds: 60,
    })
    expect(parseBenchArgs(['--concurrent', '--seconds', '30', '--statements'])).toMatchObject({ concurrent: true, seconds: 30, statements: true })
    expect(parseBenchArgs(['--db=pglite']).db).toBe('embedded')
    expect(parseBenchArgs(['--db', 'pg']).db).toBe('postgres')
  })

  it('rejects unknown options and bad values', () => {
    expect(() => parseBenchArgs(['--db', 'mysql'])).toThrow(/postgres or embedded/)
    expect(() => parseBenchArgs(['--requests', '0'])).toThrow(/--requests/)
    expect(() => parseBenchArgs(['--requests', 'ten'])).toThrow(/--requests/)
    expect(() => parseBenchArgs(['--requests'])).toThrow(/needs a value/)
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown option/)
    expect(() => parseBenchArgs(['--concurrent=yes'])).toThrow(/takes no value/)
    expect(() => parseBenchArgs(['--seconds', '5'])).toThrow(/--seconds/)
  })
})

describe('names and the seeded PRNG', () => {
  it('is deterministic for a seed and stays in [0, 1)', () => {
    const a = prng(42)
    const b = prng(42)
    const xs = Array.from({ length: 1000 }, () => a())
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()))
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true)
    expect(prng(43)()).not.toBe(prng(42)())
  })

  it('randInt covers both ends of the range', () => {
    const r = prng(7)
    const seen = new Set(Array.from({ length: 2000 }, () => randInt(r, 3, 6)))
    expect([...seen].sort()).toEqual([3, 4, 5, 6])
  })

  it('pickWeighted follows the weights roughly', () => {
    const r = prng(1)
    const counts = { a: 0, b: 0 }
    for (let i = 0; i < 10_000; i++) counts[pickWeighted(r, { a: 9, b: 1 })]++
    expect(counts.a / 10_000).toBeGreaterThan(0.85)
    expect(counts.a / 10_000).toBeLessThan(0.95)
  })

  it('gives varied names from the lists, with some preferred names', () => {
    const names = Array.from({ length: 2500 }, (_, i) => personName(prng(1000 + i * 7919)))
    expect(names.every((n) => (FIRST_NAMES as readonly string[]).includes(n.firstName))).toBe(true)
    expect(names.every((n) => (LAST_NAMES as readonly string[]).includes(n.lastName))).toBe(true)
    expect(new Set(names.map((n) => `${n.firstName} ${n.lastName}`)).size).toBeGreaterThan(1500)
    expect(new Set(names.map((n) => n.lastName)).size).toBe(LAST_NAMES.length)
    const preferred = names.filter((n) => n.preferredName).length / names.length
    expect(preferred).toBeGreaterThan(0.05)
    expect(preferred).toBeLessThan(0.2)
    // The bench searches for "Pat": some clients must match.
    expect(names.some((n) => n.lastName.startsWith('Pat') || n.firstName.startsWith('Pat'))).toBe(true)
  })

  it('numbers clinician accounts with two digits', () => {
    expect(clinicianEmail(1)).toBe('clinician01@bench.securebase.local')
    expect(clinicianEmail(25)).toBe('clinician25@bench.securebase.local')
  })
})

describe('formatTable', () => {
  it('aligns text left and numbers right', () => {
    const t = formatTable(
      ['name', 'ms'],
      [
        ['a', 5],
        ['long name', 123.4],
      ],
    )
    expect(t.split('\n')).toEqual(['name        ms', '---------  ---', 'a            5', 'long name  123'])
  })
  it('prints n/a for missing numbers', () => {
    expect(formatTable(['x'], [[NaN]])).toContain('n/a')
  })
})
