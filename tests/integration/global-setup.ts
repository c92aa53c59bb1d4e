// Prepares one migrated database for the whole integration run:
// - embedded (default): a migrated PGlite folder that every test file copies (initdb costs 4-6 s);
// - PostgreSQL (DATABASE_URL=postgres://…): a fresh, uniquely named database, dropped afterwards.
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { getEnv, resetEnvForTests } from '../../lib/env'
import { TEST_ENV } from './test-env'
import { deployMigrations } from '../../lib/infra/migrate'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
    templateDir: string
  }
}

export default async function setup(project: TestProject) {
  resetEnvForTests(TEST_ENV)
  const base = getEnv().DATABASE_URL
  if (/^postgres(ql)?:\/\//.test(base)) {
    const name = `securebase_test_${crypto.randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: base })
    await admin.connect()
    await admin.query(`CREATE DATABASE "${name}"`)
    await admin.end()
    const url = new URL(base)
    url.pathname = `/${name}`
    await deployMigrations(url.toString())
    project.provide('databaseUrl', url.toString())
    project.provide('templateDir', '')
    return async () => {
      const c = new pg.Client({ connectionString: base })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await c.end()
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'securebase-it-'))
  const template = path.join(dir, 'template')
  await deployMigrations(`pglite:${template}`)
  project.provide('databaseUrl', '')
  project.provide('templateDir', template)
  return () => fs.rmSync(dir, { recursive: true, force: true })
}
