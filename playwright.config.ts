import { defineConfig } from '@playwright/test'
import { getEnv } from './lib/env'

// Each Playwright worker drives a production server of its own, each with its own embedded
// database (one PGlite database allows one process): worker i uses E2E_PORT + i. Playwright loads
// this file again in every worker process with TEST_PARALLEL_INDEX set (0 … workers − 1), so
// `baseURL` below, and thus every page, request and browser.newContext() of that worker (beforeAll
// included), goes to the worker's own server. Specs spread over the workers file by file; the tests
// within a file stay in order on one server.
const { E2E_PORT, E2E_WORKERS } = getEnv()
const serverURL = (index: number) => `http://127.0.0.1:${E2E_PORT + index}`
const worker = Number(process.env.TEST_PARALLEL_INDEX ?? 0)
export const baseURL = serverURL(worker)

export default defineConfig({
  testDir: 'tests/e2e',
  workers: E2E_WORKERS,
  fullyParallel: false,
  // Generous: two workers, two servers and two browsers share 2 cores (and other builds), and the
  // longest tests (a whole invitation and two-step set-up) took 40-65 s under such load.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's chromium: no browser download on these machines.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: Array.from({ length: E2E_WORKERS }, (_, i) => ({
    command: `npx tsx tests/e2e/server.ts ${E2E_PORT + i}`,
    url: `${serverURL(i)}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
  })),
})
