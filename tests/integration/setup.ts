// Per test file: point lib/env at this run's database. On the embedded engine each file gets its
// own copy of the migrated template, so files never share an embedded database.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, inject } from 'vitest'
import { resetEnvForTests } from '../../lib/env'
import { closeDatabase } from '../../lib/db/client'

const url = inject('databaseUrl')
const template = inject('templateDir')
const TEST_SECRET = 'integration-test-secret-0123456789abcdef'
let copy: string | undefined

if (url) {
  resetEnvForTests({ DATABASE_URL: url, LOG_LEVEL: 'error', NEXTAUTH_SECRET: TEST_SECRET })
} else {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), 'securebase-db-'))
  const target = path.join(copy, 'db')
  fs.cpSync(template, target, { recursive: true })
  resetEnvForTests({ DATABASE_URL: `pglite:${target}`, LOG_LEVEL: 'error', NEXTAUTH_SECRET: TEST_SECRET })
}

afterAll(async () => {
  await closeDatabase()
  if (copy) fs.rmSync(copy, { recursive: true, force: true })
})
