// npm test: the whole suite — unit and integration tests (Vitest, real embedded database), then a
// production build and the browser tests (Playwright with Debian's chromium) against it.
// The build is skipped when .next already holds one newer than every source file (CI builds first,
// in the deployment smoke test, exactly as the README does); any change since then rebuilds.
// `npm test -- --no-e2e` stops after Vitest.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { childProcessEnv } from '../lib/env'
import { staleBuildReason } from './lib/build-freshness'

const root = path.resolve(import.meta.dirname, '..')
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name)
const args = new Set(process.argv.slice(2))

function step(title: string, cmd: string, cmdArgs: string[]) {
  const t0 = Date.now()
  console.log(`\n▶ ${title}`)
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: childProcessEnv({ NEXT_TELEMETRY_DISABLED: '1' }) })
  const secs = ((Date.now() - t0) / 1000).toFixed(1)
  if (r.status !== 0) {
    console.error(`✖ ${title} failed after ${secs} s`)
    process.exit(r.status ?? 1)
  }
  console.log(`✔ ${title} (${secs} s)`)
}

step('Unit and integration tests', bin('vitest'), ['run'])
if (!args.has('--no-e2e')) {
  const stale = staleBuildReason(root)
  if (stale) {
    console.log(`\nBuilding: ${stale}.`)
    step('Production build', process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'])
  } else {
    console.log('\n✔ Production build: .next is newer than every source file, reusing it')
  }
  step('Browser tests', bin('playwright'), ['test'])
}
