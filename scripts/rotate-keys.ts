// npm run keys:rotate — re-encrypt every encrypted value under the current key (the first one in
// SECUREBASE_ENCRYPTION_KEYS), then check that nothing is left under an older key.
// Safe to run again and to interrupt: it only touches values still under an old key, in batches
// of 200, each in its own transaction, and never changes a note's content, status or version.
import crypto from 'node:crypto'
import path from 'node:path'
import { closeDatabase } from '../lib/db/client'
import { DatabaseInUseError } from '../lib/infra/pglite'
import { countCiphertextsByKey, ENCRYPTED_TABLES, rotateEncryptionKeys, type RotationReport } from '../lib/db/note-crypto'
import { keyring } from '../lib/crypto/field'
import { env, requireConfig } from '../lib/env'

// A relative DATABASE_URL / SECUREBASE_DATA_DIR (./.data) is project-relative, as for the other scripts.
process.chdir(path.resolve(import.meta.dirname, '..'))
// The one configuration check (lib/env.ts): a missing or malformed setting stops here with one line.
requireConfig()

const USAGE = `Usage: npm run keys:rotate [-- --status | --new-key | --help]

Rotating the encryption key (note bodies, goal comments, outbox emails, check-in drafts):

  1. Make a new key:              npm run keys:rotate -- --new-key
  2. Put it FIRST in the keyring and keep the old key(s) after it, e.g.
       SECUREBASE_ENCRYPTION_KEYS="k2:<new key>,k1:<old key>"
     New values are written under the first key; the others are only read.
     Embedded default (no SECUREBASE_ENCRYPTION_KEYS set): the old key is the file
     .data/keys/k1.key (SECUREBASE_DATA_DIR/keys/k1.key), so use
       export SECUREBASE_ENCRYPTION_KEYS="k2:<new key>,k1:$(cat .data/keys/k1.key)"
     and keep that variable set for every later \`npm start\`: once values are under k2,
     the key file alone (k1) can no longer read them.
  3. Restart the app with the new keyring (PostgreSQL: every instance), then run
       npm run keys:rotate
     On the embedded database, stop the app first (only one process can open it).
  4. When it reports 0 remaining, the old key may be removed from the keyring:
       SECUREBASE_ENCRYPTION_KEYS="k2:<new key>"
     Keep a backup of every key that any backup of the database still needs.

Options:
  --status    count stored values per key id; change nothing
  --new-key   print a new random key entry to put first in the keyring; change nothing
  --help      this text`

function nextKid(kids: string[]): string {
  const n = Math.max(
    0,
    ...kids
      .map((k) => /^k(\d+)$/.exec(k)?.[1])
      .filter(Boolean)
      .map(Number),
  )
  return `k${n + 1}`
}

function printCounts(counts: Awaited<ReturnType<typeof countCiphertextsByKey>>, current: string): number {
  let old = 0
  for (const table of ENCRYPTED_TABLES) {
    const entries = Object.entries(counts[table])
    const text = entries.length ? entries.map(([kid, n]) => `${kid}: ${n}`).join(', ') : 'none stored'
    console.log(`  ${table.padEnd(14)} ${text}`)
    old += entries.filter(([kid]) => kid !== current).reduce((s, [, n]) => s + n, 0)
  }
  return old
}

function printReport(report: RotationReport): void {
  for (const table of ENCRYPTED_TABLES) {
    const r = report[table]
    console.log(`  ${table.padEnd(14)} re-encrypted ${r.rotated}, changed by the app meanwhile ${r.changed}, unreadable ${r.failed}, remaining ${r.remaining}`)
  }
}

async function main(argv: string[]): Promise<number> {
  const arg = argv[0]
  if (arg === '--help' || arg === '-h') {
    console.log(USAGE)
    return 0
  }
  if (arg && !['--status', '--new-key'].includes(arg)) {
    console.error(`keys:rotate: unknown option ${arg}\n\n${USAGE}`)
    return 2
  }
  const ring = keyring()
  const kids = [...ring.keys.keys()]
  if (arg === '--new-key') {
    const kid = nextKid(kids)
    console.log(`${kid}:${crypto.randomBytes(32).toString('base64url')}`)
    console.error(
      `\nPut this entry first in SECUREBASE_ENCRYPTION_KEYS, followed by the current keyring (${kids.join(', ')}),` +
        ` then run npm run keys:rotate. Store it as safely as the old key: losing it loses the data.`,
    )
    return 0
  }
  console.log(`Keyring: ${kids.join(', ')} (current: ${ring.current})${env.SECUREBASE_ENCRYPTION_KEYS ? '' : ' — from the embedded key file'}`)
  if (arg === '--status') {
    const old = printCounts(await countCiphertextsByKey(), ring.current)
    console.log(old === 0 ? 'Nothing is stored under an older key.' : `${old} values are still under an older key: run npm run keys:rotate.`)
    return 0
  }
  if (kids.length === 1) console.log('Only one key in the keyring: this run re-encrypts only values not already under it (see --help to rotate).')

  const report = await rotateEncryptionKeys({
    onBatch: (table, c) => process.stderr.write(`  ${table}: ${c.rotated} re-encrypted so far\r`),
  })
  process.stderr.write('\n')
  console.log('Rotation:')
  printReport(report)
  console.log('Stored values per key id now:')
  const old = printCounts(await countCiphertextsByKey(), ring.current)
  const failed = ENCRYPTED_TABLES.reduce((s, t) => s + report[t].failed, 0)
  if (old === 0) {
    console.log(`Done: every value is under ${ring.current}. Older keys may now be removed from SECUREBASE_ENCRYPTION_KEYS.`)
    return 0
  }
  console.error(
    `${old} values are still under an older key${failed ? ` (${failed} could not be decrypted: their key is missing from the keyring, or they are damaged)` : ''}.` +
      ' Do not remove old keys yet. Add any missing key to the keyring and run this again.',
  )
  return 1
}

let code = 1
try {
  code = await main(process.argv.slice(2))
} catch (e) {
  if (e instanceof DatabaseInUseError) console.error(`keys:rotate: ${e.message}`)
  else {
    const err = e as { name?: string; code?: string; message?: string }
    // Configuration errors are safe and useful to show; anything else by name only (no data in output).
    const msg = err?.message?.startsWith('SecureBase configuration error') || err?.message?.startsWith('Encryption keyring') ? `: ${err.message}` : ''
    console.error(`keys:rotate failed: ${err?.name ?? 'Error'}${err?.code ? ` (${err.code})` : ''}${msg}`)
  }
} finally {
  await closeDatabase()
}
// Explicit exit: the embedded database's runtime resets process.exitCode when it shuts down.
process.exit(code)
