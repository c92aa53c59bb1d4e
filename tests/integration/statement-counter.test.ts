// The bench's counting proxy in front of the real PostgreSQL server: what it counts as a page's
// statements, as transaction control and as tagged background work (the audit chain step).
import { describe, expect, it } from 'vitest'
import pg from 'pg'
import { BACKGROUND_SQL_TAG } from '../../lib/audit/chain'
import { env } from '../../lib/env'
import { countsBetween, startStatementCounter } from '../../scripts/lib/pg-statement-counter'

const isServer = /^postgres(ql)?:\/\//.test(env.DATABASE_URL)

describe('bench statement counter (PostgreSQL wire protocol)', () => {
  if (isServer)
    it('counts simple and extended-protocol statements, keeps transaction control and tagged background work apart', async () => {
      const counter = await startStatementCounter(env.DATABASE_URL, { keepTexts: true })
      const client = new pg.Client({ connectionString: counter.url })
      try {
        await client.connect()
        await counter.settle()
        const before = counter.snapshot()
        await client.query('SELECT 1') // simple protocol
        await client.query('SELECT $1::int AS n', [2]) // Parse/Bind/Execute
        await client.query('BEGIN')
        await client.query(`${BACKGROUND_SQL_TAG} SELECT pg_try_advisory_xact_lock(42)`)
        await client.query(`${BACKGROUND_SQL_TAG} SELECT $1::text AS t`, ['x'])
        await client.query('COMMIT')
        await client.query('SELECT $1::int + 1 AS n', [3]) // foreground again after the background transaction
        await counter.settle()
        const d = countsBetween(before, counter.snapshot())
        expect(d.statements).toBe(3)
        expect(d.background).toBe(2)
        // BEGIN is seen before the transaction is known to be background work; its COMMIT is not counted.
        expect(d.transactionControl).toBe(1)
        expect(d.dbMs).toBeGreaterThan(0)
        expect(d.backgroundMs).toBeGreaterThan(0)
        expect(counter.takeTexts()).toEqual(['SELECT 1', 'SELECT $1::int AS n', 'SELECT $1::int + 1 AS n'])
      } finally {
        await client.end()
        await counter.close()
      }
    })

  it('has a tag the chain step can start its statements with (a plain SQL comment)', () => {
    expect(BACKGROUND_SQL_TAG).toMatch(/^\/\* [^*]+ \*\/$/)
  })
})
