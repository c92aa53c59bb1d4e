// npm run audit:verify — walks every practice's audit chain and reports the first broken link.
// Exit code 0 when every chain is intact, 1 when one is broken or the check could not run, so it
// can run nightly from cron and alert. With the embedded database, stop the app first (only one
// process can open it).
import path from 'node:path'
import { verifyAuditChains, type ChainReport } from '../lib/audit/verify'
import { closeDatabase } from '../lib/db/client'
import { DatabaseInUseError } from '../lib/db/pglite'

// A relative DATABASE_URL (./.data/pglite) is project-relative, as for the other scripts.
process.chdir(path.resolve(import.meta.dirname, '..'))

function describeChain(r: ChainReport): string {
  const who = `practice ${r.practiceId ?? '(none)'}`
  const events = `${r.checked} ${r.checked === 1 ? 'event' : 'events'}`
  return r.ok ? `${who}: ${events}, chain intact` : `${who}: BROKEN at event ${r.firstBrokenId}: ${r.problem}`
}

async function main(): Promise<number> {
  try {
    const reports = await verifyAuditChains()
    if (reports.length === 0) console.log('audit verify: no audit events yet')
    for (const r of reports) (r.ok ? console.log : console.error)(describeChain(r))
    const broken = reports.filter((r) => !r.ok).length
    if (broken > 0) console.error(`audit verify: ${broken} of ${reports.length} chains BROKEN`)
    return broken > 0 ? 1 : 0
  } catch (e) {
    if (e instanceof DatabaseInUseError) {
      console.error(`audit verify: ${e.message}\nStop the app (or run against PostgreSQL) to verify the embedded database.`)
    } else {
      const err = e as { name?: string; code?: string }
      console.error(`audit verify failed: ${err?.name ?? 'Error'}${err?.code ? ` (${err.code})` : ''}`)
    }
    return 1
  } finally {
    await closeDatabase()
  }
}

process.exitCode = await main()
