// npm test: the whole suite — unit and integration tests (Vitest, real embedded database), a
// production build and the browser tests (Playwright with Debian's chromium) against it.
// The build is skipped when .next already holds one newer than every source file (CI builds first,
// in the deployment smoke test, exactly as the README does); any change since then rebuilds.
// A needed build runs alongside Vitest (its output is shown only if it fails): Vitest spends much
// of its time waiting on child processes and embedded databases opening, and the browser tests
// need the build only after Vitest. `npm test -- --serial` builds after Vitest instead;
// `npm test -- --no-e2e` stops after Vitest.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { childProcessEnv } from '../lib/env'
import { staleBuildReason } from './lib/build-freshness'

const root = path.resolve(import.meta.dirname, '..')
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name)
const args = new Set(process.argv.slice(2))
const env = childProcessEnv({ NEXT_TELEMETRY_DISABLED: '1' })
const started = Date.now()
const secs = (t0: number, t1 = Date.now()) => `${((t1 - t0) / 1000).toFixed(1)} s`

interface Step {
  title: string
  child: ChildProcess
  done: Promise<number>
  output: Buffer[]
  t0: number
  /** When it exited (a step run alongside may end long before it is waited for). */
  t1?: number
}

/** Starts a step; `quiet` keeps its output back (shown only if it fails). */
function start(title: string, cmd: string, cmdArgs: string[], quiet = false): Step {
  const t0 = Date.now()
  console.log(`\n▶ ${title}${quiet ? ' (alongside; its output follows only if it fails)' : ''}`)
  const child = spawn(cmd, cmdArgs, { cwd: root, env, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' })
  const output: Buffer[] = []
  child.stdout?.on('data', (d: Buffer) => output.push(d))
  child.stderr?.on('data', (d: Buffer) => output.push(d))
  const step: Step = { title, child, done: Promise.resolve(0), output, t0 }
  step.done = new Promise<number>((resolve) => {
    child.on('error', () => resolve(1))
    child.on('exit', (code, signal) => {
      step.t1 = Date.now()
      resolve(code ?? (signal ? 1 : 0))
    })
  })
  return step
}

/** Waits for a step; on failure prints what it held back, stops `others`, and exits. */
async function finish(step: Step, others: Step[] = []) {
  const code = await step.done
  if (code !== 0) {
    if (step.output.length) process.stderr.write(Buffer.concat(step.output))
    console.error(`✖ ${step.title} failed after ${secs(step.t0, step.t1)}`)
    for (const o of others) if (o.child.exitCode === null) o.child.kill('SIGTERM')
    process.exit(code)
  }
  console.log(`✔ ${step.title} (${secs(step.t0, step.t1)})`)
}

const nextBuild = () => start('Production build', process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], !args.has('--serial'))

async function main() {
  const e2e = !args.has('--no-e2e')
  const stale = e2e ? staleBuildReason(root) : null
  if (stale) console.log(`Building: ${stale}.`)
  const build = stale && !args.has('--serial') ? nextBuild() : null
  await finish(start('Unit and integration tests', bin('vitest'), ['run']), build ? [build] : [])
  if (!e2e) return
  if (build) await finish(build)
  else if (stale) await finish(nextBuild())
  else console.log('\n✔ Production build: .next is newer than every source file, reusing it')
  await finish(start('Browser tests', bin('playwright'), ['test']))
  console.log(`\n✔ npm test passed in ${secs(started)}`)
}

void main()
