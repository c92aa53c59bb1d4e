// Per test file: point lib/env at this run's database. On the embedded engine each file gets its
// own copy of the migrated template, so files never share an embedded database.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, inject } from 'vitest'
import { resetEnvForTests } from '../../lib/env'
import { closeDatabase } from '../../lib/db/client'
import { TEST_ENV } from './test-env'

const url = inject('databaseUrl')
const template = inject('templateDir')
let copy: string | undefined

if (url) {
  resetEnvForTests({ ...TEST_ENV, DATABASE_URL: url })
} else {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), 'securebase-db-'))
  const target = path.join(copy, 'db')
  fs.cpSync(template, target, { recursive: true })
  resetEnvForTests({ ...TEST_ENV, DATABASE_URL: `pglite:${target}` })
}

afterAll(async () => {
  await closeDatabase()
  if (copy) fs.rmSync(copy, { recursive: true, force: true })
})
