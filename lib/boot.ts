// Runs once when the server process starts (instrumentation.ts), before it answers requests.
import { env } from './env'
import { closeDatabase, closeDatabaseOnSignals, db } from './db/client'
import { logger } from './log'

async function printDemoSignIn(created: boolean) {
  const { DEMO_ACCOUNTS, DEMO_PASSWORD } = await import('../prisma/seed/demo')
  const lines = [
    '',
    created ? '  Demo practice created (Harbour Lane Therapy).' : '  Demo practice: Harbour Lane Therapy.',
    `  Open ${env.appBaseUrl} and sign in as:`,
    `    clinician  ${DEMO_ACCOUNTS.clinician.email}   password ${DEMO_PASSWORD}`,
    `    admin      ${DEMO_ACCOUNTS.admin.email}       password ${DEMO_PASSWORD}`,
    '',
  ]
  process.stdout.write(lines.join('\n') + '\n')
}

export async function boot(): Promise<void> {
  // Installed first, so a Ctrl+C even during the first migration closes the database cleanly
  // (and lets a running scheduler tick finish).
  const scheduler: { stop?: () => Promise<void> } = {}
  const { startBackgroundSealing, stopBackgroundSealing } = await import('./audit/seal')
  closeDatabaseOnSignals(async () => {
    await scheduler.stop?.()
    await stopBackgroundSealing() // what was appended last gets its place in the chain before we close
  })

  // Migrations first. A warm start only reads `_prisma_migrations` through the app's own connection
  // (the embedded folder is opened once); when there is work, that handle is closed so the schema
  // engine has the folder to itself, and the app reopens it on first use afterwards.
  const { deployMigrations } = await import('./infra/migrate')
  const { applied } = await deployMigrations(env.DATABASE_URL, {
    log: (m) => logger.info(m),
    statusQuery: (sql) => db.$queryRawUnsafe(sql),
    beforeEngine: closeDatabase,
  })
  if (applied.length) logger.info('migrations applied', { count: applied.length })

  if (env.isEmbedded) {
    // First run on the embedded database: seed the demo practice so there is something to see.
    const practices = await db.practice.count()
    const { seedDemo, DEMO_PRACTICE_ID } = await import('../prisma/seed/demo')
    let created = false
    if (practices === 0) created = (await seedDemo()).created
    const hasDemo = (await db.practice.count({ where: { id: DEMO_PRACTICE_ID } })) > 0
    if (hasDemo) await printDemoSignIn(created)
  }
  // Audit events are appended without waiting for each other; the chain step seals them a moment later.
  startBackgroundSealing()
  // The server runs the scheduler tick every minute (with the embedded database there is no cron).
  // Safe with several instances too: the tick is idempotent by unique constraints.
  const { startInAppScheduler } = await import('./scheduling/in-app')
  scheduler.stop = startInAppScheduler({ intervalMs: 60_000 })
}
