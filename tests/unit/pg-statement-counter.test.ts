import { describe, expect, it } from 'vitest'
import { isTransactionControl, parseMessageText } from '../../scripts/lib/pg-statement-counter'

describe('pg statement counter: reading the frontend protocol', () => {
  it('takes the statement text out of a Parse message body (name, then query, NUL-terminated)', () => {
    const body = Buffer.concat([Buffer.from('s1\0'), Buffer.from('SELECT $1::int\0'), Buffer.from([0, 1, 0, 0, 0, 23])])
    expect(parseMessageText(body)).toBe('SELECT $1::int')
    const unnamed = Buffer.concat([Buffer.from('\0'), Buffer.from('SELECT 1\0'), Buffer.from([0, 0])])
    expect(parseMessageText(unnamed)).toBe('SELECT 1')
  })

  it('tells transaction control from SQL a page needs', () => {
    for (const sql of ['BEGIN', 'begin isolation level read committed', 'COMMIT', ' ROLLBACK', 'SAVEPOINT a', 'RELEASE SAVEPOINT a', 'START TRANSACTION']) {
      expect(isTransactionControl(sql)).toBe(true)
    }
    for (const sql of [
      'SELECT 1',
      'SET LOCAL jit = off',
      'INSERT INTO "AuditEvent" VALUES (1)',
      'SELECT pg_advisory_xact_lock(1)',
      'WITH committed AS (SELECT 1) SELECT 1',
    ]) {
      expect(isTransactionControl(sql)).toBe(false)
    }
  })
})
