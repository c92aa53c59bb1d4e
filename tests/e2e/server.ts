// Starts the production build on a fresh embedded database for the browser tests, one server per
// Playwright worker (playwright.config.ts), each with a data folder of its own (.data/e2e-<port>).
// The server's boot migrates it and seeds the demo practice, exactly as a first `npm start` does.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { childProcessEnv } from '../../lib/env'

const port = process.argv[2] ?? '3123'
const root = path.resolve(import.meta.dirname, '..', '..')
const dataDir = path.join(root, '.data', `e2e-${port}`)
fs.rmSync(dataDir, { recursive: true, force: true })
fs.mkdirSync(dataDir, { recursive: true })

// The same server `npm start` runs (scripts/server.mjs), with its request guards; no trusted proxy.
const child = spawn(process.execPath, [path.join(root, 'scripts/server.mjs'), port, '127.0.0.1', '0'], {
  cwd: root,
  stdio: 'inherit',
  env: childProcessEnv({
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: `pglite:${path.join(dataDir, 'pglite')}`,
    SECUREBASE_DATA_DIR: dataDir,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXTAUTH_SECRET: 'e2e-only-secret-not-for-production-0123456789',
    LOG_LEVEL: 'warn',
  }),
})
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig))
child.on('exit', (code) => process.exit(code ?? 0))
