// Child processes for the smoke test: one-shot bash/sh scripts and the long-running instances.
// Every child gets its own process group, so stopping it stops npm, tsx and the server under it.
import { spawn, type ChildProcess } from 'node:child_process'
import net, { type AddressInfo } from 'node:net'

/** A child's complete environment (cron's is only PATH and HOME). */
export type ChildEnv = Record<string, string | undefined>

/** Output of a child, line by line (both streams, in arrival order), with a tail for reports. */
export class Output {
  readonly lines: string[] = []
  private partial = ''
  private waiters: { re: RegExp; resolve: (m: RegExpExecArray) => void }[] = []

  push(chunk: Buffer | string) {
    const parts = (this.partial + chunk.toString()).split('\n')
    this.partial = parts.pop() ?? ''
    for (const line of parts) this.add(line)
  }

  flush() {
    if (this.partial) this.add(this.partial)
    this.partial = ''
  }

  private add(line: string) {
    this.lines.push(line.replace(/\r$/, ''))
    this.waiters = this.waiters.filter((w) => {
      const m = w.re.exec(line)
      if (m) w.resolve(m)
      return !m
    })
  }

  /** Resolves with the first line (already seen or future) matching `re`. */
  waitFor(re: RegExp): Promise<RegExpExecArray> {
    for (const line of this.lines) {
      const m = re.exec(line)
      if (m) return Promise.resolve(m)
    }
    return new Promise((resolve) => this.waiters.push({ re, resolve }))
  }

  tail(n = 30): string {
    const all = [...this.lines, ...(this.partial ? [this.partial] : [])]
    return all
      .slice(-n)
      .map((l) => `    | ${l}`)
      .join('\n')
  }
}

export interface Proc {
  name: string
  child: ChildProcess
  output: Output
  /** Resolves with the exit code (128 + n for a signal). */
  exited: Promise<number>
  exitCode: number | null
}

/** Children that have not exited yet (teardown stops the ones a failure or Ctrl+C left behind). */
export const running = new Set<Proc>()

/** Starts `shell -c script` in its own process group, in `cwd`. */
export function startShell(name: string, shell: 'bash' | 'sh', script: string, env: ChildEnv, cwd: string): Proc {
  const child = spawn(shell, ['-c', script], { cwd, env: env as NodeJS.ProcessEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  const output = new Output()
  child.stdout!.on('data', (c: Buffer) => output.push(c))
  child.stderr!.on('data', (c: Buffer) => output.push(c))
  const proc: Proc = { name, child, output, exitCode: null, exited: Promise.resolve(0) }
  running.add(proc)
  proc.exited = new Promise((resolve) => {
    child.on('error', (e) => {
      output.push(`[spawn failed: ${e.message}]\n`)
      proc.exitCode = 127
      running.delete(proc)
      resolve(127)
    })
    child.on('close', (code, signal) => {
      output.flush()
      proc.exitCode = code ?? 128 + (signal === 'SIGKILL' ? 9 : signal === 'SIGTERM' ? 15 : 1)
      running.delete(proc)
      resolve(proc.exitCode)
    })
  })
  return proc
}

function signalGroup(proc: Proc, signal: NodeJS.Signals) {
  if (proc.exitCode !== null || proc.child.pid === undefined) return
  try {
    process.kill(-proc.child.pid, signal)
  } catch {
    /* the group is gone already */
  }
}

/** SIGTERM to the whole group; SIGKILL after `graceMs`. Resolves when it has exited. */
export async function stopProc(proc: Proc, graceMs = 10_000): Promise<{ code: number; killed: boolean }> {
  if (proc.exitCode !== null) return { code: proc.exitCode, killed: false }
  signalGroup(proc, 'SIGTERM')
  let timer: NodeJS.Timeout | undefined
  const killed = await Promise.race([proc.exited.then(() => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(true), graceMs)))])
  clearTimeout(timer)
  if (killed) {
    signalGroup(proc, 'SIGKILL')
    await proc.exited
  }
  // Anything left in the group (a grandchild that ignored SIGTERM) goes too.
  if (proc.child.pid !== undefined) {
    try {
      process.kill(-proc.child.pid, 'SIGKILL')
    } catch {
      /* nothing left */
    }
  }
  return { code: proc.exitCode ?? 1, killed }
}

class CommandError extends Error {}

/** Runs a script to completion; throws (with the output's tail) unless it exits 0. */
export async function runShell(name: string, shell: 'bash' | 'sh', script: string, env: ChildEnv, cwd: string, timeoutMs: number): Promise<Output> {
  const proc = startShell(name, shell, script, env, cwd)
  let timer: NodeJS.Timeout | undefined
  const timedOut = await Promise.race([proc.exited.then(() => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(true), timeoutMs)))])
  clearTimeout(timer)
  if (timedOut) {
    await stopProc(proc, 5_000)
    throw new CommandError(`${name}: still running after ${timeoutMs / 1000} s, stopped. Last output:\n${proc.output.tail()}`)
  }
  if (proc.exitCode !== 0) {
    const why = proc.exitCode === 78 ? ' (EX_CONFIG: the app refused the configuration it was given)' : ''
    throw new CommandError(`${name}: exit code ${proc.exitCode}${why}. Last output:\n${proc.output.tail()}`)
  }
  return proc.output
}

/** Waits for a line matching `re`; fails when the process exits first or after `timeoutMs`. */
export async function waitForLine(proc: Proc, re: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  let timer: NodeJS.Timeout | undefined
  const result = await Promise.race([
    proc.output.waitFor(re),
    proc.exited.then((code) => new CommandError(`${proc.name} exited (code ${code}) before printing ${re}. Its output:\n${proc.output.tail(40)}`)),
    new Promise<CommandError>(
      (r) =>
        (timer = setTimeout(() => r(new CommandError(`${proc.name}: no ${re} within ${timeoutMs / 1000} s. Its output:\n${proc.output.tail(40)}`)), timeoutMs)),
    ),
  ])
  clearTimeout(timer)
  if (result instanceof Error) throw result
  return result
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const s = net.createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  const { port } = s.address() as AddressInfo
  await new Promise<void>((r) => s.close(() => r()))
  return port
}

/** Lines an app process logged at error level, or that look like an uncaught error. */
export function errorLines(out: Output): string[] {
  return out.lines.filter((l) => /"level":"error"/.test(l) || /^\s*(⨯|Error:|TypeError:|Unhandled|uncaught)/i.test(l))
}
