// Deployment smoke test: runs README.md's "Running on PostgreSQL" blocks literally against a fresh
// PostgreSQL database, with two instances, the cron line, a browser and a local SMTP sink.
//
//   npx tsx tests/deploy/smoke.ts [--readme <path>] [--assign] [--logs]
//
// --readme  read the three blocks from another copy of the README (to prove drift is caught)
// --assign  always make a check-in due through the UI, even when one was already emailed
// --logs    print the instances' whole output at the end
// Substitutions in the README's commands: /srv/securebase → this checkout, /etc/securebase.env →
// a temp file, PORT=3000 → two free ports. Documented exceptions: `npm ci` is skipped (CI ran it
// on this checkout just before, and it would replace node_modules under the running test);
// `npm start` runs twice (instances A and B); `npm run db:seed` runs once after the migration.
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { Browser, BrowserContext, Page } from '@playwright/test'
import { cronCommand, localise, planRelease, readDeployBlocks, renderEnvFile, type DeployBlocks, type ReleasePlan, type ValueMap } from './readme'
import { errorLines, freePort, running, runShell, startShell, stopProc, waitForLine, type Output, type Proc } from './proc'
import { SmtpSink, checkInLink } from './smtp-sink'
import { ADMIN, CLINICIAN, assignOnce, completeCheckIn, expectClients, launchBrowser, newContext, signIn } from './browser'
import { checkNothingTwice, createDatabase, dropDatabase } from './db'
import { base64Secret, cronEnv, operatorEnv } from './child-env'
import { say, secs, timed } from './report'
import { itemAt } from '../fixtures/item-at'

const root = path.resolve(import.meta.dirname, '..', '..')
const { values: opts } = parseArgs({ options: { readme: { type: 'string' }, assign: { type: 'boolean' }, logs: { type: 'boolean' } } })
const readmePath = path.resolve(opts.readme ?? path.join(root, 'README.md'))
const t0 = Date.now() // also "since": rows this run created are newer

const dbName = `securebase_deploy_${crypto.randomBytes(6).toString('hex')}`
const dbUrl = `postgres://postgres@127.0.0.1:5432/${dbName}`
const sink = new SmtpSink('securebase', crypto.randomBytes(12).toString('hex'))
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'securebase-deploy-'))
const envFile = path.join(tmp, 'securebase.env')
let [portA, portB] = [0, 0]
const urlA = () => `http://127.0.0.1:${portA}`
const urlB = () => `http://127.0.0.1:${portB}`

/** Every variable the README's env block may set, and this run's value for it. */
const VALUES: ValueMap = {
  DATABASE_URL: () => dbUrl,
  APP_BASE_URL: () => urlA(),
  NEXTAUTH_SECRET: base64Secret,
  SECUREBASE_ENCRYPTION_KEYS: () => `k1:${base64Secret()}`,
  SECUREBASE_AUDIT_KEY: base64Secret,
  SECUREBASE_LINK_PEPPER: base64Secret,
  TRUST_PROXY: (written) => written,
  HOSTNAME: (written) => written,
  SMTP_URL: () => `smtp://${sink.user}:${sink.password}@127.0.0.1:${sink.port}`,
  MAIL_FROM: (written) => written,
}

// ── State shared by the steps ────────────────────────────────────────────────────────────────────
let blocks: DeployBlocks | undefined
let plan: ReleasePlan | undefined
const instances: Proc[] = []
const cronRuns: Output[] = []
let browser: Browser | undefined
const contexts: BrowserContext[] = []
let clinicianPage: Page | undefined

/** The README's way: a shell that cds into the root and sources the env file, then `line`. */
function readmeShell(line: string): string {
  return ['set -e', ...plan!.prelude, line].map((l) => localise(l, root, envFile)).join('\n')
}
const release = (name: string, line: string, timeoutMs: number) => runShell(name, 'bash', readmeShell(line), operatorEnv(), tmp, timeoutMs)
const runCron = async () => {
  cronRuns.push(await runShell('cron line', 'sh', localise(cronCommand(blocks!.cron), root, envFile), cronEnv(tmp), cronEnv(tmp).HOME, 120_000))
  return cronRuns.at(-1)!
}

async function page(baseURL: string): Promise<Page> {
  browser ??= await launchBrowser()
  const context = await newContext(browser, baseURL)
  contexts.push(context)
  return context.newPage()
}

let stopped: Promise<void> | undefined
function stopInstances(): Promise<void> {
  stopped ??= (async () => {
    const t = Date.now()
    const r = await Promise.all(instances.map((p) => stopProc(p, 10_000)))
    if (instances.length)
      say(
        `instances stopped: ${instances.map((p, i) => `${p.name} exit ${itemAt(r, i).code}${itemAt(r, i).killed ? ' (SIGKILL after 10 s)' : ''}`).join(', ')} (${secs(Date.now() - t)})`,
      )
  })()
  return stopped
}

// ── The steps ────────────────────────────────────────────────────────────────────────────────────
const steps: [string, () => Promise<void>][] = [
  [
    'README env block → env file (0600)',
    async () => {
      blocks = readDeployBlocks(readmePath)
      plan = planRelease(blocks.commands)
      const { text, names } = renderEnvFile(blocks.env, VALUES)
      fs.writeFileSync(envFile, text, { mode: 0o600, flag: 'wx' }) // a new file: umask cannot widen 0600
      say(`${readmePath}: ${names.join(', ')}`)
      say(`written to ${envFile}; instance A ${urlA()} (APP_BASE_URL), instance B ${urlB()}, SMTP sink :${sink.port}`)
    },
  ],
  [
    'release commands: build, migrate, seed, two instances',
    async () => {
      await timed(`database ${dbName} created`, () => createDatabase(dbName))
      for (const line of plan!.skipped) say(`skipped (documented exception): ${line.trim()}`)
      for (const line of plan!.release) await timed(`$ ${line.trim()}`, () => release(line.replace(/\s+#.*$/, '').trim(), line, 600_000))
      const seed = await timed('$ npm run db:seed', () => release('npm run db:seed', 'npm run db:seed', 180_000))
      say(`  ${seed.lines.find((l) => /Demo practice/.test(l)) ?? '(no "Demo practice" line)'}`)
      const t = Date.now()
      for (const [name, port] of [
        ['instance A', portA],
        ['instance B', portB],
      ] as const) {
        const line = plan!.start.replace(/\bPORT=\d+/, `PORT=${port}`)
        instances.push(startShell(name, 'bash', readmeShell(line), operatorEnv(), tmp))
      }
      const ready = await Promise.all(instances.map((p) => waitForLine(p, /SecureBase is ready at .*/, 120_000)))
      instances.forEach((p, i) => say(`${p.name}: ${itemAt(ready, i)[0]}`))
      for (const u of [urlA(), urlB()]) {
        const res = await fetch(`${u}/api/health`)
        if (!res.ok) throw new Error(`${u}/api/health answered ${res.status}`)
      }
      say(`both instances healthy (${secs(Date.now() - t)})`)
    },
  ],
  [
    'cron line as cron runs it (sh -c, only PATH and HOME)',
    async () => {
      const out = await runCron()
      const summary = out.lines.find((l) => l.startsWith('scheduler tick:'))
      if (!summary) throw new Error(`the cron line exited 0 but printed no "scheduler tick:" summary:\n${out.tail()}`)
      say(summary)
    },
  ],
  [
    'sign in: clinician on A, admin on B',
    async () => {
      clinicianPage = await page(urlA())
      say(`clinician landed on ${urlA()}${await signIn(clinicianPage, CLINICIAN)}`)
      await expectClients(clinicianPage, 'My caseload', ['Hart, Amelia'])
      await expectClients(clinicianPage, 'My caseload', ['Hart, Amelia'], `${urlB()}/clients`) // A's session, on B
      const admin = await page(urlB())
      say(`admin landed on ${urlB()}${await signIn(admin, ADMIN)}`)
      await expectClients(admin, 'All clients', ['Hart, Amelia', 'Whitlock, Hannah'])
      if (new URL(admin.url()).origin !== urlB()) throw new Error(`the admin ended up on ${admin.url()}, not on instance B`)
      say('clinician sees "My caseload" on A and, with the session cookie from A, on B; admin sees "All clients" on B')
    },
  ],
  [
    'emailed check-in link completed on instance B',
    async () => {
      let mail = opts.assign ? undefined : await sink.waitForCheckInMail(15_000)
      if (!mail) {
        say(opts.assign ? '--assign: making a check-in due through the UI' : 'no check-in email yet: making one due through the UI')
        if (!clinicianPage) clinicianPage = await page(urlA()).then(async (p) => (await signIn(p, CLINICIAN), p))
        const before = sink.mails.length
        await timed('clinician assigned CORE-10 "once" to Amelia Hart on A', () => assignOnce(clinicianPage!, 'Hart, Amelia'))
        const tick = await timed('cron line run again (the next tick emails the link)', runCron)
        say(`  ${tick.lines.find((l) => l.startsWith('scheduler tick:'))}`)
        const deadline = Date.now() + 70_000
        while (!mail && Date.now() < deadline) {
          mail = sink
            .newCheckInMails()
            .slice(before)
            .find((m) => m.to.includes('amelia.hart@example.com'))
          await new Promise((r) => setTimeout(r, 250))
        }
        if (!mail) throw new Error('no check-in email reached the SMTP sink within 70 s of the assignment')
      }
      const link = checkInLink(mail)
      const origin = new URL(link).origin
      if (origin !== urlA()) throw new Error(`the emailed link starts ${origin}, not APP_BASE_URL ${urlA()}`)
      say(`email "${mail.subject}" to ${mail.to.join(', ')} from ${mail.from}; link on ${origin}`)
      const parts = await completeCheckIn(await page(urlB()), urlB() + link.slice(origin.length))
      say(`opened on ${urlB()}, ${parts} part(s) answered, "Thank you — your answers have been sent" shown`)
    },
  ],
  [
    'npm run audit:verify (env file sourced)',
    async () => {
      const out = await release('npm run audit:verify', 'npm run audit:verify', 120_000)
      for (const l of out.lines.filter((l) => /^(practice|audit verify)/.test(l))) say(l)
    },
  ],
  [
    'nothing created twice (database)',
    async () => {
      await stopInstances() // no tick may run while counting
      const r = await checkNothingTwice(dbUrl, root, new Date(t0), sink.newCheckInMails().length)
      for (const f of r.facts) say(f)
      if (sink.authFailures.length) r.problems.push(`SMTP AUTH refused for ${sink.authFailures.join(', ')}`)
      // The tick logs and swallows per-check-in failures (a lost race would only show up here).
      const logged = [...instances.map((p) => [p.name, p.output] as const), ...cronRuns.map((o) => ['cron', o] as const)].flatMap(([n, o]) =>
        errorLines(o).map((l) => `${n}: ${l}`),
      )
      say(`errors logged by the instances and cron runs: ${logged.length}`)
      if (logged.length) r.problems.push(`errors were logged during the run:\n${logged.join('\n')}`)
      if (r.problems.length) throw new Error(r.problems.join('\n'))
    },
  ],
]

// ── Run, report, tear down ───────────────────────────────────────────────────────────────────────
let failed = 0
let tornDown: Promise<void> | undefined
let interrupted = false
function teardown(): Promise<void> {
  tornDown ??= (async () => {
    const t = Date.now()
    console.log('teardown')
    for (const c of contexts) await c.close().catch(() => {})
    await browser?.close().catch(() => {})
    await stopInstances()
    await Promise.all([...running].map((p) => stopProc(p, 5_000).then(() => say(`stopped ${p.name}`))))
    if (failed || opts.logs)
      for (const p of instances) console.log(`    ${p.name}, ${opts.logs ? 'output' : 'last lines'}:\n${p.output.tail(opts.logs ? 1e6 : 25)}`)
    await sink.close().catch(() => {})
    await dropDatabase(dbName).then(
      () => say(`database ${dbName} dropped`),
      (e: Error) => say(`could not drop ${dbName}: ${e.message}`),
    )
    fs.rmSync(tmp, { recursive: true, force: true })
    say(`done (${secs(Date.now() - t)})`)
  })()
  return tornDown
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (!interrupted) console.log(`\n${sig}: tearing down`) // tsx relays the signal: it can come twice
    interrupted = true
    void teardown().finally(() => process.exit(130))
  })
}

async function main(): Promise<number> {
  await sink.listen()
  portA = await freePort()
  do portB = await freePort()
  while (portB === portA)
  let [passed, blocked] = [0, false] // blocked: steps 3-7 need the env file and instances of 1-2
  for (const [i, [name, run]] of steps.entries()) {
    const label = `[${i + 1}/${steps.length}] ${name}`
    if (blocked || interrupted) {
      console.log(`${label}: SKIPPED (${interrupted ? 'interrupted' : 'an earlier step it needs failed'})`)
      failed++
      continue
    }
    console.log(label)
    const t = Date.now()
    try {
      await run()
      passed++
      console.log(`  PASS ${name} (${secs(Date.now() - t)})`)
    } catch (e) {
      failed++
      const msg = e instanceof Error ? e.message : String(e)
      console.log(
        `  FAIL ${name} (${secs(Date.now() - t)}):\n${msg
          .split('\n')
          .map((l) => `    ${l}`)
          .join('\n')}`,
      )
      if (i < 2) blocked = true
    }
  }
  await teardown()
  console.log(`total ${secs(Date.now() - t0)}`)
  console.log(`${passed} passed, ${failed} failed`)
  return failed === 0 ? 0 : 1
}

// A hung step must not keep the database and the instances alive for ever.
setTimeout(() => {
  console.log('smoke test: over 12 minutes, giving up')
  failed++
  void teardown().finally(() => process.exit(1))
}, 12 * 60_000).unref()

main().then(process.exit, async (e: unknown) => {
  console.error('smoke test crashed:', e)
  failed++
  await teardown()
  process.exit(1)
})
