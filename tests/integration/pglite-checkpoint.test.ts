// The embedded database checkpoints itself (lib/infra/pglite.ts): PGlite has no checkpointer, and a
// write that crosses about 530 MB of WAL since the last checkpoint never finishes there.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { openPglite } from '../../lib/infra/pglite'

const redo = async (pg: ReturnType<typeof openPglite>['pg']) =>
  (await pg.query<{ redo: string }>(`SELECT redo_lsn::text AS redo FROM pg_control_checkpoint()`)).rows[0]?.redo

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (await check()) return true
    await sleep(50)
  }
  return check()
}

describe('embedded database checkpoints', () => {
  it('checkpoints once enough has been written, and not while nothing is', { timeout: 60_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'securebase-checkpoint-'))
    const db = openPglite(path.join(dir, 'db'), { checkpoints: { everyMs: 100, afterBytes: 1024 * 1024 } })
    try {
      await db.pg.exec(`CREATE TABLE t (id int, pad text)`)
      await db.pg.exec('CHECKPOINT') // start from a checkpoint, whatever creating the folder wrote
      const before = await redo(db.pg)
      await sleep(500) // five looks at the WAL
      expect(await redo(db.pg)).toBe(before) // under the threshold: no checkpoint

      await db.pg.exec(`INSERT INTO t SELECT g, repeat('x', 200) FROM generate_series(1, 20000) g`) // ~5 MB of WAL
      expect(await waitFor(async () => (await redo(db.pg)) !== before, 5_000)).toBe(true)
      expect((await db.pg.query(`SELECT count(*)::int AS n FROM t`)).rows).toEqual([{ n: 20000 }])
    } finally {
      await db.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
