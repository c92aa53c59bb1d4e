// npm run db:seed — adds the demo practice if it is not there yet. Safe to run again.
import { seedDemo, DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed/demo'
import { closeDatabase } from '../lib/db/client'
import { requireConfig } from '../lib/env'

// The one configuration check (lib/env.ts): a missing or malformed setting stops here with one line.
requireConfig()

async function main() {
  const { created } = await seedDemo()
  console.log(created ? 'Demo practice created.' : 'Demo practice already present: nothing changed.')
  console.log(`  Admin:     ${DEMO_ACCOUNTS.admin.email} / ${DEMO_PASSWORD}`)
  console.log(`  Clinician: ${DEMO_ACCOUNTS.clinician.email} / ${DEMO_PASSWORD}`)
}

let failed = false
try {
  await main()
} catch (e) {
  console.error('Seeding failed:', e instanceof Error ? e.message : e)
  failed = true
} finally {
  await closeDatabase()
}
// Set after closing: closing the embedded database resets process.exitCode.
process.exitCode = failed ? 1 : 0
