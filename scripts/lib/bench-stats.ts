// Pure helpers for `npm run seed:large` and `npm run bench`: names, percentiles,
// script-tag parsing, cookies and the target checks. No I/O here, so every
// function is unit-tested (tests/unit/bench-stats.test.ts). The seeded PRNG is lib/seeded-random.ts.
import { must } from '../../lib/must'
import { pick } from '../../lib/seeded-random'

// The large practice of `npm run seed:large`, which `npm run bench` signs in to.
export const LARGE_PRACTICE_ID = '0d3e5c1a-7b2f-4c59-9a51-5ecb0a5eb001'
export const LARGE_PRACTICE_NAME = 'Large Bench Practice'
export const LARGE_PASSWORD = 'securebase-bench-2026'
export const LARGE_ADMIN_EMAIL = 'admin@bench.securebase.local'
/** The one client with ten years of weekly history, on clinician01's caseload (seed:large). */
export const LONG_HISTORY_NAME = { firstName: 'Long', lastName: 'History' } as const

// Varied but small name lists: 64 × 64 combinations for 2,500 clients, so some names repeat, as
// in a real practice. "Pat" (Patel, Patricia, Patrick) and "son" are the bench's searches.
export const FIRST_NAMES = [
  'Aaliyah',
  'Adam',
  'Aisha',
  'Alex',
  'Amara',
  'Amelia',
  'Ana',
  'Arjun',
  'Ben',
  'Bethany',
  'Caleb',
  'Chloe',
  'Daniel',
  'Deborah',
  'Dev',
  'Eleanor',
  'Elijah',
  'Emeka',
  'Erin',
  'Fatima',
  'Finn',
  'Freya',
  'Gabriel',
  'Grace',
  'Hamza',
  'Hannah',
  'Harvey',
  'Ines',
  'Isaac',
  'Isla',
  'Jack',
  'Jamal',
  'Joanna',
  'Jonah',
  'Kai',
  'Keisha',
  'Laila',
  'Leo',
  'Lucy',
  'Maya',
  'Mei',
  'Mohammed',
  'Nadia',
  'Noah',
  'Oliver',
  'Olivia',
  'Omar',
  'Patricia',
  'Patrick',
  'Priya',
  'Rachel',
  'Rhys',
  'Rosa',
  'Sam',
  'Sofia',
  'Sunita',
  'Theo',
  'Tom',
  'Uma',
  'Victor',
  'Wei',
  'Yusuf',
  'Zara',
  'Zoe',
] as const

export const LAST_NAMES = [
  'Abbott',
  'Adeyemi',
  'Ahmed',
  'Anderson',
  'Baker',
  'Bennett',
  'Byrne',
  'Campbell',
  'Chen',
  'Clarke',
  'Davies',
  'Dubois',
  'Edwards',
  'Evans',
  'Fernandes',
  'Fisher',
  'Garcia',
  'Gordon',
  'Green',
  'Harrison',
  'Hughes',
  'Ibrahim',
  'Jackson',
  'Jensen',
  'Johnson',
  'Kaur',
  'Kelly',
  'Khan',
  'Kowalski',
  'Lewis',
  'Lindqvist',
  'Lopez',
  'Martin',
  'Mensah',
  'Morgan',
  'Murphy',
  'Nakamura',
  'Nguyen',
  "O'Brien",
  'Okafor',
  'Owen',
  'Patel',
  'Phillips',
  'Price',
  'Quinn',
  'Reid',
  'Roberts',
  'Robinson',
  'Rossi',
  'Santos',
  'Shah',
  'Singh',
  'Smith',
  'Sorensen',
  'Taylor',
  'Thomas',
  'Turner',
  'Walker',
  'Watson',
  'White',
  'Williams',
  'Wilson',
  'Wright',
  'Young',
] as const

const PREFERRED_NAMES: Record<string, string> = {
  Alex: 'Lex',
  Daniel: 'Dan',
  Deborah: 'Deb',
  Eleanor: 'Nell',
  Elijah: 'Eli',
  Gabriel: 'Gabe',
  Joanna: 'Jo',
  Mohammed: 'Mo',
  Olivia: 'Liv',
  Patricia: 'Trish',
  Patrick: 'Paddy',
  Rachel: 'Rae',
  Sofia: 'Sofi',
  Theo: 'Teddy',
  Victor: 'Vic',
}

export interface PersonName {
  firstName: string
  lastName: string
  preferredName: string | null
}

/** A client name from the lists: deterministic for (rand state), a preferred name for ~12 %. */
export function personName(rand: () => number): PersonName {
  const firstName = pick(rand, FIRST_NAMES)
  const lastName = pick(rand, LAST_NAMES)
  const nick = PREFERRED_NAMES[firstName]
  const preferredName = nick && rand() < 0.5 ? nick : null
  return { firstName, lastName, preferredName }
}

/** Two-digit, 1-based account number: clinician01 … clinician25. */
export function clinicianEmail(n: number, domain = 'bench.securebase.local'): string {
  return `clinician${String(n).padStart(2, '0')}@${domain}`
}

// ---------------------------------------------------------------------------------------------
// Statistics

/**
 * Nearest-rank percentile of the samples (p in (0, 100]): the smallest sample such that at least
 * p % of the samples are ≤ it. With 60 samples, p95 is the 57th smallest. NaN for no samples.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`)
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return must(sorted[Math.min(sorted.length, Math.max(1, rank)) - 1], 'a sample at the rank')
}

export interface Summary {
  n: number
  min: number
  p50: number
  p95: number
  max: number
  mean: number
}

export function summarize(samples: readonly number[]): Summary {
  const n = samples.length
  if (n === 0) return { n, min: NaN, p50: NaN, p95: NaN, max: NaN, mean: NaN }
  return {
    n,
    min: Math.min(...samples),
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    max: Math.max(...samples),
    mean: samples.reduce((a, b) => a + b, 0) / n,
  }
}

/** The median of integer counts (statements per request): the middle value, the lower of two. */
export function medianCount(counts: readonly number[]): number | null {
  if (counts.length === 0) return null
  const sorted = [...counts].sort((a, b) => a - b)
  return must(sorted[Math.floor((sorted.length - 1) / 2)], 'a middle count')
}

// ---------------------------------------------------------------------------------------------
// Targets

/** What one scenario must meet. Absent fields are reported, not enforced. */
export interface PageTarget {
  /** p95 of the response time, ms (strictly below). */
  p95Ms?: number
  /** SQL statements per request (median over the requests), at most. */
  maxStatements?: number
  /** Page time p50 at most this many times the database time of its statements (p50). */
  maxDbRatio?: number
  /** Must run exactly as many statements as this scenario (more rows, same queries). */
  sameStatementsAs?: string
}

export interface PageMeasure {
  id: string
  p50: number
  p95: number
  /** Median SQL statements per request; null when not counted (embedded database). */
  statements: number | null
  /** Median database time per request, ms; null when not counted. */
  dbMsP50: number | null
  error?: string
}

/** Page time ÷ database time, or null when there is no database time to compare with. */
export function dbRatio(m: Pick<PageMeasure, 'p50' | 'dbMsP50'>): number | null {
  return m.dbMsP50 && m.dbMsP50 > 0 ? m.p50 / m.dbMsP50 : null
}

/** Every missed target, one line each (empty when all are met). Counts are checked only when measured. */
export function targetProblems(measures: readonly PageMeasure[], targets: Readonly<Record<string, PageTarget>>): string[] {
  const byId = new Map(measures.map((m) => [m.id, m]))
  const out: string[] = []
  for (const m of measures) {
    if (m.error) continue
    const t = targets[m.id] ?? {}
    if (t.p95Ms !== undefined && !(m.p95 < t.p95Ms)) out.push(`${m.id}: p95 ${m.p95.toFixed(0)} ms, target < ${t.p95Ms} ms`)
    if (m.statements === null) continue
    if (t.maxStatements !== undefined && m.statements > t.maxStatements)
      out.push(`${m.id}: ${m.statements} SQL statements per request, target ≤ ${t.maxStatements}`)
    const ratio = dbRatio(m)
    if (t.maxDbRatio !== undefined && ratio !== null && ratio > t.maxDbRatio) {
      out.push(`${m.id}: page p50 ${m.p50.toFixed(0)} ms is ${ratio.toFixed(1)}× its SQL (${(m.dbMsP50 ?? 0).toFixed(1)} ms), target ≤ ${t.maxDbRatio}×`)
    }
    const other = t.sameStatementsAs === undefined ? undefined : byId.get(t.sameStatementsAs)
    if (other && other.statements !== null && !other.error && other.statements !== m.statements) {
      out.push(`${m.id}: ${m.statements} statements vs ${other.statements} for ${other.id}: the count grows with the rows`)
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// HTML and HTTP

/**
 * The JavaScript files a page makes a browser with ES modules load from the app: every
 * same-origin `<script src>` (a path on this site, e.g. /_next/… or /checkin.js) except
 * `<script nomodule>` (polyfills such browsers skip), plus `<link rel="preload" as="script">` and
 * `<link rel="modulepreload">` hints (chunks Next sometimes only preloads). Query strings are kept,
 * duplicates dropped, document order kept.
 */
export function scriptSources(html: string): string[] {
  const out: string[] = []
  const seen = new Set<string>()
  const add = (raw: string | undefined) => {
    if (!raw) return
    const src = decodeHtmlAttr(raw)
    // Same origin: a path on this site ("/x"), not another host ("//cdn…", "https://…").
    if (!src.startsWith('/') || src.startsWith('//') || seen.has(src)) return
    seen.add(src)
    out.push(src)
  }
  for (const m of html.matchAll(/<(script|link)\b([^>]*)>/gi)) {
    const [, tag = '', attrs = ''] = m
    if (tag.toLowerCase() === 'script') {
      if (!/(?:^|\s)nomodule(?=[\s=/]|$)/i.test(attrs)) add(attr(attrs, 'src'))
      continue
    }
    const rel = (attr(attrs, 'rel') ?? '').toLowerCase().split(/\s+/)
    const as = (attr(attrs, 'as') ?? '').toLowerCase()
    if ((rel.includes('preload') && as === 'script') || rel.includes('modulepreload')) add(attr(attrs, 'href'))
  }
  return out
}

function attr(attrs: string, name: string): string | undefined {
  const re = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i')
  const m = re.exec(attrs)
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined
}

function decodeHtmlAttr(v: string): string {
  return v
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
}

/**
 * Updates a cookie jar (name → value) from Set-Cookie header values. A cookie set with an empty
 * value or an expiry in the past is removed, as a browser would.
 */
export function applySetCookies(jar: Map<string, string>, setCookies: readonly string[]): Map<string, string> {
  for (const line of setCookies) {
    const [pair = '', ...attrs] = line.split(';')
    const eq = pair.indexOf('=')
    if (eq < 1) continue
    const name = pair.slice(0, eq).trim()
    const value = pair.slice(eq + 1).trim()
    const expired = attrs.some((a) => {
      const [k = '', v = ''] = a.split('=').map((s) => s.trim())
      if (/^max-age$/i.test(k)) return Number(v) <= 0
      if (/^expires$/i.test(k)) return Date.parse(v) < Date.now()
      return false
    })
    if (!value || expired) jar.delete(name)
    else jar.set(name, value)
  }
  return jar
}

export function cookieHeader(jar: Map<string, string>): string {
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
}

// ---------------------------------------------------------------------------------------------
// Command line and output

export interface BenchArgs {
  db: 'postgres' | 'embedded'
  requests: number
  warmup: number
  port: number
  only: string[] | null
  /** Print the SQL statements of one request of each scenario (PostgreSQL). */
  statements: boolean
  /** The concurrency mode: many users at once on two app instances (PostgreSQL). */
  concurrent: boolean
  /** Concurrency mode: how long the browsing lasts, seconds. */
  seconds: number
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const out: BenchArgs = { db: 'postgres', requests: 60, warmup: 5, port: 3310, only: null, statements: false, concurrent: false, seconds: 60 }
  for (let i = 0; i < argv.length; i++) {
    const raw = must(argv[i], 'an argument')
    const [flag, inline] = raw.includes('=') ? [raw.slice(0, raw.indexOf('=')), raw.slice(raw.indexOf('=') + 1)] : [raw, undefined]
    const value = () => {
      const v = inline ?? argv[++i]
      if (v === undefined) throw new Error(`${flag} needs a value`)
      return v
    }
    switch (flag) {
      case '--db': {
        const v = value()
        if (v === 'pg' || v === 'postgres' || v === 'postgresql') out.db = 'postgres'
        else if (v === 'embedded' || v === 'pglite') out.db = 'embedded'
        else throw new Error(`--db must be postgres or embedded, not "${v}"`)
        break
      }
      case '--requests':
      case '--warmup':
      case '--seconds':
      case '--port': {
        const n = Number(value())
        const min = flag === '--warmup' ? 0 : flag === '--requests' ? 1 : flag === '--seconds' ? 10 : 1024
        if (!Number.isInteger(n) || n < min || n > 65535) throw new Error(`${flag} must be an integer ≥ ${min}`)
        if (flag === '--requests') out.requests = n
        else if (flag === '--warmup') out.warmup = n
        else if (flag === '--seconds') out.seconds = n
        else out.port = n
        break
      }
      case '--statements':
      case '--concurrent':
        if (inline !== undefined) throw new Error(`${flag} takes no value`)
        if (flag === '--statements') out.statements = true
        else out.concurrent = true
        break
      case '--only':
        out.only = value()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
        break
      default:
        throw new Error(`unknown option ${raw}`)
    }
  }
  return out
}

/** Plain-text table with right-aligned numbers. */
export function formatTable(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [headers.map(String), ...rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : c)))]
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)))
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'))
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => (numeric[i] ? (c ?? '').padStart(widths[i] ?? 0) : (c ?? '').padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()
  return [line(headers.map(String)), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n')
}

function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return 'n/a'
  if (Number.isInteger(n)) return n.toLocaleString('en-GB')
  return n >= 100 ? n.toFixed(0) : n.toFixed(1)
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  return `${(n / 1024).toFixed(1)} KiB`
}
