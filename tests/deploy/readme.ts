// The three deployment blocks of README.md ("Running on PostgreSQL"), read literally: the smoke
// test runs what an operator would copy, so README and reality cannot drift apart silently.
import fs from 'node:fs'
import { itemAt } from '../fixtures/item-at'

const README_ROOT = '/srv/securebase'
const README_ENV_FILE = '/etc/securebase.env'

export interface DeployBlocks {
  env: string[]
  commands: string[]
  cron: string[]
}

/** The lines inside the fenced block between <!-- deploy-<name>:start --> and :end -->. */
function block(text: string, readmePath: string, name: string): string[] {
  const start = `<!-- deploy-${name}:start -->`
  const end = `<!-- deploy-${name}:end -->`
  const from = text.indexOf(start)
  if (from === -1) throw new Error(`${readmePath}: marker ${start} is missing`)
  const to = text.indexOf(end, from)
  if (to === -1) throw new Error(`${readmePath}: marker ${end} is missing (after ${start})`)
  const fence = /```[^\n]*\n([\s\S]*?)\n?```/.exec(text.slice(from + start.length, to))
  if (!fence) throw new Error(`${readmePath}: no fenced code block between ${start} and ${end}`)
  return itemAt(fence, 1).split('\n')
}

export function readDeployBlocks(readmePath: string): DeployBlocks {
  let text: string
  try {
    text = fs.readFileSync(readmePath, 'utf8')
  } catch {
    throw new Error(`cannot read ${readmePath}`)
  }
  return { env: block(text, readmePath, 'env'), commands: block(text, readmePath, 'commands'), cron: block(text, readmePath, 'cron') }
}

/** One `NAME=value   # comment` line of the env block, split so the value can be replaced. */
interface Assignment {
  name: string
  value: string
  quoted: boolean
  rest: string
}

function parseAssignment(line: string): Assignment | null {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line)
  if (!m) return null
  const [, name = '', tail = ''] = m
  if (tail.startsWith('"')) {
    const close = tail.indexOf('"', 1)
    if (close === -1) throw new Error(`env block: unterminated quote in: ${line}`)
    return { name, value: tail.slice(1, close), quoted: true, rest: tail.slice(close + 1) }
  }
  const [, value = '', rest = ''] = /^(\S*)(.*)$/.exec(tail) ?? []
  return { name, value, quoted: false, rest }
}

/** How the test fills each variable: from the value written in the README (the placeholder). */
export type ValueMap = Record<string, (written: string) => string>

// An unquoted value must survive `. file` in sh and bash unchanged.
const SHELL_SAFE = /^[A-Za-z0-9_+/=:@.,%-]*$/

/**
 * The env file for this run: the README's lines, in order, with each value replaced from `values`.
 * Comments and blank lines are kept. A variable the map does not know is an error: the README
 * gained a setting this test does not fill (add it to the map, deliberately).
 */
export function renderEnvFile(lines: string[], values: ValueMap): { text: string; names: string[] } {
  const names: string[] = []
  const out = lines.map((line) => {
    if (line.trim() === '' || line.trim().startsWith('#')) return line
    const a = parseAssignment(line)
    if (!a) throw new Error(`env block: a line that is neither NAME=value nor a comment: ${JSON.stringify(line)}`)
    const fill = values[a.name]
    if (!fill) {
      throw new Error(
        `README's env block sets ${a.name}, which this smoke test does not know. ` +
          `Add ${a.name} to the value map in tests/deploy/smoke.ts (known: ${Object.keys(values).join(', ')}).`,
      )
    }
    if (names.includes(a.name)) throw new Error(`env block: ${a.name} is set twice`)
    names.push(a.name)
    const v = fill(a.value)
    if (a.quoted ? v.includes('"') || v.includes('$') || v.includes('`') || v.includes('\\') : !SHELL_SAFE.test(v)) {
      throw new Error(`smoke test bug: the value for ${a.name} is not safe to write ${a.quoted ? 'quoted' : 'unquoted'}`)
    }
    return `${a.name}=${a.quoted ? `"${v}"` : v}${a.rest}`
  })
  return { text: out.join('\n') + '\n', names }
}

/** The README's paths replaced with this run's (the only substitution made in commands). */
export function localise(line: string, root: string, envFile: string): string {
  return line.replaceAll(README_ROOT, root).replaceAll(README_ENV_FILE, envFile)
}

export interface ReleasePlan {
  /** Lines that set up the shell (cd, sourcing the env file), in README order. */
  prelude: string[]
  /** npm commands run once per release (npm ci excluded: see `skipped`). */
  release: string[]
  skipped: string[]
  /** The per-instance start line, e.g. `PORT=3000 npm start`. */
  start: string
}

const code = (line: string) => line.replace(/\s+#.*$/, '').trim()

/** Splits the commands block. Fails when it does not cd into the root or source the env file. */
export function planRelease(commands: string[]): ReleasePlan {
  const plan: ReleasePlan = { prelude: [], release: [], skipped: [], start: '' }
  for (const line of commands) {
    const c = code(line)
    if (c === '' || c.startsWith('#')) continue
    if (/^npm ci\b/.test(c)) plan.skipped.push(line)
    else if (/\bnpm start\b/.test(c)) {
      if (plan.start) throw new Error('commands block: more than one `npm start` line')
      if (!/\bPORT=\d+/.test(c)) throw new Error(`commands block: the start line sets no PORT=: ${line}`)
      plan.start = line
    } else if (/^npm\b/.test(c)) plan.release.push(line)
    else plan.prelude.push(line)
  }
  if (!plan.start) throw new Error('commands block: no `npm start` line')
  if (!plan.prelude.some((l) => l.includes(`cd ${README_ROOT}`))) throw new Error(`commands block: no \`cd ${README_ROOT}\``)
  if (!plan.prelude.some((l) => l.includes(README_ENV_FILE))) throw new Error(`commands block: ${README_ENV_FILE} is never sourced`)
  return plan
}

/** The cron line without its five schedule fields: what cron hands to /bin/sh -c. */
export function cronCommand(cron: string[]): string {
  const lines = cron.filter((l) => l.trim() !== '' && !l.trim().startsWith('#'))
  if (lines.length !== 1) throw new Error(`cron block: expected one crontab line, found ${lines.length}`)
  const m = /^\s*((?:\S+\s+){5})(.+)$/.exec(itemAt(lines, 0))
  if (
    !m ||
    !itemAt(m, 1)
      .split(/\s+/)
      .filter(Boolean)
      .every((f) => /^[0-9*/,-]+$/.test(f))
  ) {
    throw new Error(`cron block: not "<5 schedule fields> <command>": ${lines[0]}`)
  }
  if (!itemAt(m, 2).includes(README_ENV_FILE)) throw new Error(`cron block: the command does not read ${README_ENV_FILE}`)
  return itemAt(m, 2)
}
