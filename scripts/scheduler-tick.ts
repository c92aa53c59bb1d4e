// npm run scheduler:tick — one scheduler run (create due check-ins, email links, remind, expire),
// for cron on PostgreSQL deployments. Safe to run from several machines at once: the tick is
// idempotent. With the embedded database the running app already ticks every minute, and this
// script cannot open the database while the app has it open.
import path from 'node:path'
import { schedulerTick } from '../lib/db/system/scheduler'
import { closeDatabase } from '../lib/db/client'
import { DatabaseInUseError } from '../lib/infra/pglite'
import { requireConfig } from '../lib/env'

// A relative DATABASE_URL (./.data/pglite) is project-relative, as for the other scripts.
process.chdir(path.resolve(import.meta.dirname, '..'))
// The one configuration check (lib/env.ts): a missing or malformed setting stops here with one line.
requireConfig()

async function main(): Promise<number> {
  try {
    const r = await schedulerTick()
    console.log(`scheduler tick: ${r.created} created, ${r.emailed} emailed, ${r.reminders} reminders, ${r.expired} expired`)
    return 0
  } catch (e) {
    if (e instanceof DatabaseInUseError) {
      console.error(`scheduler tick: ${e.message}\nThe running app already runs the tick every minute.`)
    } else {
      const err = e as { name?: string; code?: string }
      console.error(`scheduler tick failed: ${err?.name ?? 'Error'}${err?.code ? ` (${err.code})` : ''}`)
    }
    return 1
  } finally {
    await closeDatabase()
  }
}

process.exitCode = await main()
