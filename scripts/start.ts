// npm start: everything a first run needs, then the production server.
// 1. check configuration (the same check the server and every script make)  2. build once if there
// is no production build  3. start scripts/server.mjs, whose boot (lib/boot.ts) migrates the
// database and seeds the demo practice on first run  4. wait until /api/health answers, or stop
// and say why.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { childProcessEnv, requireConfig } from '../lib/env'
import { lockHolder, pgliteDirFromUrl } from '../lib/infra/pglite'

const root = path.resolve(import.meta.dirname, '..')
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next')
const started = Date.now()
// Migrations run at boot; a large first migration on PostgreSQL can take a while.
const HEALTH_TIMEOUT_MS = 120_000

function run(args: string[], extraEnv: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [nextBin, ...args], { cwd: root, stdio: 'inherit', env: childProcessEnv(extraEnv) })
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

/** Polls /api/health. Resolves 'ok', or the last thing that went wrong. */
async function waitForHealth(url: string, child: { exitCode: number | null }): Promise<'ok' | 'exited' | string> {
  let last = 'no answer yet (the server is not listening)'
  const deadline = Date.now() + HEALTH_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return 'exited'
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10_000) })
      if (res.ok) return 'ok'
      last = res.status === 503 ? 'the database cannot be reached (/api/health answered 503)' : `/api/health answered ${res.status}`
    } catch {
      /* not listening yet */
    }
    // Often: the server is healthy a moment after it listens, and a warm start takes seconds.
    await new Promise((r) => setTimeout(r, 100))
  }
  return last
}

async function main() {
  const env = requireConfig()
  if (env.isEmbedded) {
    const dir = pgliteDirFromUrl(env.DATABASE_URL)
    const holder = dir === 'memory' ? null : lockHolder(dir)
    if (holder) {
      console.error(
        `SecureBase is already running with this embedded database (process ${holder}). ` +
          'Stop it first, or use DATABASE_URL with a PostgreSQL server to run several instances.',
      )
      process.exit(1)
    }
  }
  const common = { NEXT_TELEMETRY_DISABLED: '1' }
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    console.log('No production build yet: building SecureBase once (about a minute)…')
    const code = await run(['build'], { ...common, NODE_ENV: 'production' })
    if (code !== 0) {
      console.error('The build failed; see the messages above.')
      process.exit(code)
    }
  }
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'server.mjs'), String(env.PORT), env.HOSTNAME, String(env.TRUST_PROXY)], {
    cwd: root,
    stdio: 'inherit',
    env: childProcessEnv({
      ...common,
      NODE_ENV: 'production',
      NEXTAUTH_URL: env.appBaseUrl,
      NEXTAUTH_SECRET: env.authSecret,
    }),
  })
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig))
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 143)))
  const localHost = env.HOSTNAME === '0.0.0.0' || env.HOSTNAME === '::' ? '127.0.0.1' : env.HOSTNAME
  const health = await waitForHealth(`http://${localHost.includes(':') ? `[${localHost}]` : localHost}:${env.PORT}`, child)
  if (health === 'ok') {
    console.log(
      `SecureBase is ready at ${env.appBaseUrl} (this instance listens on ${env.HOSTNAME}:${env.PORT}; started in ${((Date.now() - started) / 1000).toFixed(1)} s). Press Ctrl+C to stop.`,
    )
  } else if (health !== 'exited') {
    console.error(`SecureBase did not become healthy within ${HEALTH_TIMEOUT_MS / 1000} s: ${health}. Stopping.`)
    child.removeAllListeners('exit')
    child.once('exit', () => process.exit(1))
    child.kill('SIGTERM')
  }
}

void main()
