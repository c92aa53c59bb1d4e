// npm start: everything a first run needs, then the production server.
// 1. validate configuration  2. build once if there is no production build  3. start Next, whose
// boot (lib/boot.ts) migrates the database and seeds the demo practice on first run.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { getEnv, childProcessEnv } from '../lib/env'
import { lockHolder, pgliteDirFromUrl } from '../lib/db/pglite'

const root = path.resolve(import.meta.dirname, '..')
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next')
const started = Date.now()

function run(args: string[], extraEnv: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [nextBin, ...args], { cwd: root, stdio: 'inherit', env: childProcessEnv(extraEnv) })
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

async function waitForHealth(url: string, child: { exitCode: number | null }): Promise<boolean> {
  for (let i = 0; i < 600 && child.exitCode === null; i++) {
    try {
      const res = await fetch(`${url}/api/health`)
      if (res.ok) return true
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  return false
}

async function main() {
  let env
  try {
    env = getEnv()
  } catch (e) {
    console.error(e instanceof Error ? e.message : e)
    process.exit(1)
  }
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
  const child = spawn(
    process.execPath,
    [nextBin, 'start', '-p', String(env.PORT), '-H', env.HOSTNAME],
    {
      cwd: root,
      stdio: 'inherit',
      env: childProcessEnv({
        ...common,
        NODE_ENV: 'production',
        NEXTAUTH_URL: env.appBaseUrl,
        NEXTAUTH_SECRET: env.authSecret,
        // The app closes the embedded database itself on SIGINT/SIGTERM (lib/db/client.ts).
        NEXT_MANUAL_SIG_HANDLE: 'true',
      }),
    },
  )
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig))
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 143)))
  const localUrl = `http://127.0.0.1:${env.PORT}`
  if (await waitForHealth(localUrl, child)) {
    console.log(`SecureBase is ready at ${env.appBaseUrl} (started in ${((Date.now() - started) / 1000).toFixed(1)} s). Press Ctrl+C to stop.`)
  }
}

void main()
