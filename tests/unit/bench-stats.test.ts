import { describe, expect, it } from 'vitest'
import {
  FIRST_NAMES,
  LAST_NAMES,
  applySetCookies,
  clinicianEmail,
  cookieHeader,
  formatTable,
  parseBenchArgs,
  perRequest,
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

describe('perRequest', () => {
  it('subtracts the idle baseline and divides by the requests', () => {
    expect(perRequest(655, 5, 65)).toBe(10)
  })
  it('never goes below zero', () => {
    expect(perRequest(3, 9, 10)).toBe(0)
  })
  it('needs at least one request', () => {
    expect(() => perRequest(1, 0, 0)).toThrow(RangeError)
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
    </head><body><script src="/_next/static/chunks/page.js" async=""></script></body></html>`

  it("lists the app's script files once each, in document order", () => {
    expect(scriptSources(html)).toEqual([
      '/_next/static/chunks/webpack-1.js',
      '/_next/static/chunks/main-app.js?v=1&x=2',
      '/_next/static/chunks/mod.js',
      '/_next/static/chunks/unquoted.js',
      '/_next/static/chunks/page.js',
    ])
  })

  it('ignores inline scripts, stylesheets and other origins', () => {
    const srcs = scriptSources(html)
    expect(srcs.some((s) => s.includes('fake') || s.endsWith('.css') || s.startsWith('http'))).toBe(false)
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
    expect(parseBenchArgs([])).toEqual({ db: 'postgres', requests: 60, warmup: 5, port: 3310, only: null })
  })

  it('reads --db, --requests, --warmup, --port and --only, with = or a space', () => {
    expect(parseBenchArgs(['--db', 'embedded', '--requests=80', '--warmup', '0', '--port', '4000', '--only', 'caseload,overview'])).toEqual({
      db: 'embedded',
      requests: 80,
      warmup: 0,
      port: 4000,
      only: ['caseload', 'overview'],
    })
    expect(parseBenchArgs(['--db=pglite']).db).toBe('embedded')
    expect(parseBenchArgs(['--db', 'pg']).db).toBe('postgres')
  })

  it('rejects unknown options and bad values', () => {
    expect(() => parseBenchArgs(['--db', 'mysql'])).toThrow(/postgres or embedded/)
    expect(() => parseBenchArgs(['--requests', '0'])).toThrow(/--requests/)
    expect(() => parseBenchArgs(['--requests', 'ten'])).toThrow(/--requests/)
    expect(() => parseBenchArgs(['--requests'])).toThrow(/needs a value/)
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown option/)
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
