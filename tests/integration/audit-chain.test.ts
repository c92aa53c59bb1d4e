import { describe, expect, it } from 'vitest'
import { db } from '../../lib/db/client'
import { recordAudit } from '../../lib/audit/record'
import type { AuditAction } from '../../lib/audit/actions' // test-only codes below are cast: no production path writes them
import { verifyAuditChains } from '../../lib/audit/verify'
import { createPractice } from '../fixtures/factory'
import { itemAt } from '../fixtures/item-at'

describe('audit trail', () => {
  it('is append-only: UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
    const p = await createPractice()
    await recordAudit({ practiceId: p.id, actorType: 'SYSTEM', action: 'TEST_EVENT' as AuditAction })
    const row = await db.auditEvent.findFirstOrThrow({ where: { practiceId: p.id } })
    await expect(db.auditEvent.update({ where: { id: row.id }, data: { action: 'CHANGED' } })).rejects.toThrow(/append-only/)
    await expect(db.auditEvent.delete({ where: { id: row.id } })).rejects.toThrow(/append-only/)
    await expect(db.$executeRawUnsafe('TRUNCATE "AuditEvent"')).rejects.toThrow(/append-only/)
    expect((await db.auditEvent.findUniqueOrThrow({ where: { id: row.id } })).action).toBe('TEST_EVENT')
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
