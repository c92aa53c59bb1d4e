import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ConfigError, getEnv, resetEnvForTests } from '../../lib/env'

const KEY = `k1:${Buffer.alloc(32, 1).toString('base64')}`
const SECRET = 'a'.repeat(40)
const PG = {
  DATABASE_URL: 'postgres://app@db.internal:5432/securebase',
  APP_BASE_URL: 'https://securebase.example.org',
  NEXTAUTH_SECRET: SECRET,
  SECUREBASE_ENCRYPTION_KEYS: KEY,
  SECUREBASE_AUDIT_KEY: SECRET,
}
const ALL_NAMES = [...Object.keys(PG), 'NEXTAUTH_URL', 'SECUREBASE_DATA_DIR', 'TRUST_PROXY', 'NODE_ENV', 'SECUREBASE_LINK_PEPPER']
let dataDir: string

function configure(vars: Record<string, string | undefined>) {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'securebase-env-'))
  resetEnvForTests({ ...Object.fromEntries(ALL_NAMES.map((n) => [n, undefined])), SECUREBASE_DATA_DIR: dataDir, ...vars })
}
function problem(): string {
  try {
    getEnv()
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError)
    return (e as Error).message
  }
  throw new Error('configuration was accepted')
}

afterEach(() => {
  resetEnvForTests(Object.fromEntries(ALL_NAMES.map((n) => [n, undefined])))
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('configuration on PostgreSQL', () => {
  it('accepts a complete configuration whatever NODE_ENV is, and generates nothing', () => {
    for (const NODE_ENV of ['production', 'development', undefined]) {
      configure({ ...PG, NODE_ENV })
      expect(getEnv()).toMatchObject({ isEmbedded: false, appBaseUrl: 'https://securebase.example.org', encryptionKeys: KEY, TRUST_PROXY: 0 })
      expect(fs.readdirSync(dataDir)).toEqual([])
    }
  })

  it.each(['NEXTAUTH_SECRET', 'SECUREBASE_ENCRYPTION_KEYS', 'SECUREBASE_AUDIT_KEY', 'APP_BASE_URL'])(
    'refuses to start without %s, in one line naming it and how to make one, in development too',
    (name) => {
      configure({ ...PG, NODE_ENV: 'development', [name]: undefined })
      const message = problem()
      expect(message).toContain(name)
      expect(message).not.toContain('\n')
      expect(message).toMatch(name === 'APP_BASE_URL' ? /https:\/\// : /openssl rand/)
      expect(fs.readdirSync(dataDir)).toEqual([]) // nothing generated
    },
  )

  it('refuses a keyring entry without its key id, or with a short key', () => {
    configure({ ...PG, SECUREBASE_ENCRYPTION_KEYS: Buffer.alloc(32, 1).toString('base64') })
    expect(problem()).toMatch(/SECUREBASE_ENCRYPTION_KEYS is malformed: .*key id.*openssl rand/)
    configure({ ...PG, SECUREBASE_ENCRYPTION_KEYS: 'k1:c2hvcnQ' })
    expect(problem()).toMatch(/SECUREBASE_ENCRYPTION_KEYS is malformed: key "k1" is 5 bytes, not 32/)
  })

  it('refuses short secrets and an unknown TRUST_PROXY, naming the variable', () => {
    configure({ ...PG, NEXTAUTH_SECRET: 'short' })
    expect(problem()).toMatch(/NEXTAUTH_SECRET must be at least 32 characters/)
    configure({ ...PG, TRUST_PROXY: 'all' })
    expect(problem()).toMatch(/TRUST_PROXY must be false/)
  })

  it('reads TRUST_PROXY as a number of hops', () => {
    for (const [v, n] of [
      ['false', 0],
      ['0', 0],
      ['true', 1],
      ['2', 2],
    ] as const) {
      configure({ ...PG, TRUST_PROXY: v })
      expect(getEnv().TRUST_PROXY).toBe(n)
    }
  })
})

describe('configuration on the embedded database', () => {
  it('generates missing secrets once into the data folder (mode 0600) and reuses them', () => {
    configure({ DATABASE_URL: 'pglite:memory' })
    const first = getEnv()
    expect(first.encryptionKeys).toMatch(/^k1:/)
    expect(fs.readdirSync(dataDir).sort()).toEqual(['audit-key', 'auth-secret', 'keys'])
    expect(fs.statSync(path.join(dataDir, 'keys', 'k1.key')).mode & 0o777).toBe(0o600)
    resetEnvForTests()
    const again = getEnv()
    expect([again.authSecret, again.encryptionKeys, again.auditKey]).toEqual([first.authSecret, first.encryptionKeys, first.auditKey])
  })

  it('still refuses a malformed keyring', () => {
    configure({ DATABASE_URL: 'pglite:memory', SECUREBASE_ENCRYPTION_KEYS: 'nokid' })
    expect(problem()).toMatch(/SECUREBASE_ENCRYPTION_KEYS is malformed/)
  })
})
