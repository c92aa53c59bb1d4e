import { describe, expect, it } from 'vitest'
import { db } from '../../lib/db/client'
import { recordAudit } from '../../lib/audit/record'
import type { AuditAction } from '../../lib/audit/actions' // test-only codes below are cast: no production path writes them
import { verifyAuditChains } from '../../lib/audit/verify'
import { sealAuditChains, sealChain } from '../../lib/audit/seal'
import { chainKey } from '../../lib/audit/chain'
import { TX_OPTIONS } from '../../lib/db/tx'
import { env } from '../../lib/env'
import { createPractice } from '../fixtures/factory'
import { itemAt } from '../fixtures/item-at'

const isServer = /^postgres(ql)?:\/\//.test(env.DATABASE_URL)

describe('audit trail', () => {
  it('is append-only: UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
    const p = await createPractice()
    await recordAudit({ practiceId: p.id, actorType: 'SYSTEM', action: 'TEST_EVENT' as AuditAction })
    const row = await db.auditEvent.findFirstOrThrow({ where: { practiceId: p.id } })
    await expect(db.auditEvent.update({ where: { id: row.id }, data: { action: 'CHANGED' } })).rejects.toThrow(/append-only/)
    // Sealing fills in the chain columns only: sealing with a changed field is refused too.
    await expect(db.auditEvent.update({ where: { id: row.id }, data: { action: 'CHANGED', chainSeq: 1n, prevHash: 'a', rowHash: 'b' } })).rejects.toThrow(
      /append-only/,
    )
    await expect(db.auditEvent.delete({ where: { id: row.id } })).rejects.toThrow(/append-only/)
    await expect(db.$executeRawUnsafe('TRUNCATE "AuditEvent"')).rejects.toThrow(/append-only/)
    expect((await db.auditEvent.findUniqueOrThrow({ where: { id: row.id } })).action).toBe('TEST_EVENT')

    // Once sealed, not even the chain columns can change.
    await sealChain(p.id)
    const sealed = await db.auditEvent.findUniqueOrThrow({ where: { id: row.id } })
    expect(sealed).toMatchObject({ chainSeq: 1n, prevHash: '0'.repeat(64) })
    await expect(db.auditEvent.update({ where: { id: row.id }, data: { rowHash: 'f'.repeat(64) } })).rejects.toThrow(/append-only/)
    await expect(db.auditEvent.update({ where: { id: row.id }, data: { chainSeq: null, prevHash: null, rowHash: null } })).rejects.toThrow(/append-only/)
  })

  // Two connections at once: PostgreSQL only (the embedded database has one session, where an
  // advisory lock is re-entrant and a second transaction waits for the first). The CI's second pass
  // runs this file on PostgreSQL.
  if (isServer)
    it('appends never wait for each other: an event is recorded while the chain is locked, and sealed after', async () => {
      const p = await createPractice()
      let recordedWhileLocked = false
      await db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${chainKey(p.id)}))`
        // Before this change an append took that lock itself and would wait here until the timeout.
        await recordAudit({ practiceId: p.id, actorType: 'SYSTEM', action: 'TEST_EVENT' as AuditAction })
        recordedWhileLocked = true
        // The background step gives up at once on a held chain instead of queueing behind it.
        expect(await sealChain(p.id, { wait: false })).toBe('busy')
      }, TX_OPTIONS)
      expect(recordedWhileLocked).toBe(true)
      expect(await db.auditEvent.count({ where: { practiceId: p.id, chainSeq: null } })).toBe(1)
      expect(await sealAuditChains([p.id])).toBe(1)
      expect(await db.auditEvent.count({ where: { practiceId: p.id, chainSeq: null } })).toBe(0)
    })

  if (isServer)
    it('chains in commit order: an event whose transaction commits late is sealed after the ones sealed before it', async () => {
      const p = await createPractice()
      let release!: () => void
      const gate = new Promise<void>((r) => (release = r))
      let lateAppended!: () => void
      const appended = new Promise<void>((r) => (lateAppended = r))
      const late = db.$transaction(async (tx) => {
        await recordAudit({ practiceId: p.id, actorType: 'SYSTEM', action: 'TEST_EVENT' as AuditAction, details: { which: 'late' } }, tx)
        lateAppended()
        await gate
      }, TX_OPTIONS)
      await appended
      for (const which of ['early-1', 'early-2'])
        await recordAudit({ practiceId: p.id, actorType: 'SYSTEM', action: 'TEST_EVENT' as AuditAction, details: { which } })
      expect(await sealChain(p.id)).toBe(2) // the uncommitted one is not visible yet
      release()
      await late
      expect(await sealChain(p.id)).toBe(1)
      const rows = await db.auditEvent.findMany({ where: { practiceId: p.id }, orderBy: { chainSeq: 'asc' } })
      expect(rows.map((r) => [(r.details as { which: string }).which, r.chainSeq])).toEqual([
        ['early-1', 1n],
        ['early-2', 2n],
        ['late', 3n],
      ])
      // The late row has the lowest id but the last place: the chain follows commits, not ids.
      expect(itemAt(rows, 2).id < itemAt(rows, 0).id).toBe(true)
      expect((await verifyAuditChains({ practiceId: p.id }))[0]).toEqual({ practiceId: p.id, checked: 3, ok: true })
    })

  it('chains each practice; concurrent writers keep the chain valid; tampering is reported at the first broken row', async () => {
    const p = await createPractice()
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        recordAudit({
          practiceId: p.id,
          actorType: 'USER',
          actorId: `u${i % 3}`,
          action: 'CLIENT_VIEW',
          targetType: 'Client',
          targetId: `c${i}`,
          details: { n: i },
        }),
      ),
    )
    const mine = async () => (await verifyAuditChains()).find((r) => r.practiceId === p.id)!
    expect(await mine()).toEqual({ practiceId: p.id, checked: 30, ok: true })

    // Tamper as a superuser would: switch the trigger off, edit one row, switch it back on.
    const rows = await db.auditEvent.findMany({ where: { practiceId: p.id }, orderBy: { id: 'asc' } })
    const victim = itemAt(rows, 12)
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"')
      await tx.$executeRaw`UPDATE "AuditEvent" SET "targetId" = 'someone-else' WHERE id = ${victim.id}`
      await tx.$executeRawUnsafe('ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"')
    })
    expect(await mine()).toMatchObject({ ok: false, firstBrokenId: String(victim.id), checked: 13 })
  })

  it('reports a deleted row at the row after the gap', async () => {
    const p = await createPractice()
    for (let i = 0; i < 5; i++) await recordAudit({ practiceId: p.id, actorType: 'SYSTEM', action: 'TEST_EVENT' as AuditAction, details: { i } })
    await sealAuditChains([p.id]) // as the app's chain step does a moment after each append
    const rows = await db.auditEvent.findMany({ where: { practiceId: p.id }, orderBy: { id: 'asc' } })
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"')
      await tx.$executeRaw`DELETE FROM "AuditEvent" WHERE id = ${itemAt(rows, 2).id}`
      await tx.$executeRawUnsafe('ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"')
    })
    const report = (await verifyAuditChains()).find((r) => r.practiceId === p.id)!
    expect(report).toMatchObject({ ok: false, firstBrokenId: String(itemAt(rows, 3).id) })
  })
})
