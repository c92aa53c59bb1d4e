import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { db, closeDatabase } from '../../lib/db/client'
import type { Prisma } from '../../lib/db/generated/client'
import { childProcessEnv, env, resetEnvForTests } from '../../lib/env'
import { recordAudit } from '../../lib/audit/record'
import type { AuditAction } from '../../lib/audit/actions' // test-only codes below are cast: no production path writes them
import { verifyAuditChains } from '../../lib/audit/verify'
import { checkCheckpointLine, checkpointLine, CheckpointLineError, latestCheckpoint, parseCheckpointLine, writeCheckpoints } from '../../lib/audit/checkpoint'
import { schedulerTick } from '../../lib/db/system/scheduler'
import { createPractice } from '../fixtures/factory'
import { TEST_ENV } from './test-env'
import { itemAt } from '../fixtures/item-at'

const root = path.resolve(import.meta.dirname, '../..')

async function addEvents(practiceId: string, n: number) {
  for (let i = 0; i < n; i++) await recordAudit({ practiceId, actorType: 'SYSTEM', action: 'TEST_EVENT' as AuditAction, details: { i } })
}

const eventsOf = (practiceId: string) => db.auditEvent.findMany({ where: { practiceId }, orderBy: { id: 'asc' } })
const checkpointsOf = (practiceId: string) => db.auditCheckpoint.findMany({ where: { practiceId }, orderBy: { id: 'asc' } })
const report = async (practiceId: string, expectLines: string[] = []) =>
  (await verifyAuditChains({ practiceId, expect: expectLines.map(parseCheckpointLine) }))[0]
const checkpointNow = async (practiceId: string) => {
  const run = await writeCheckpoints({ practiceId, minAgeMs: 0 })
  expect(run.written).toHaveLength(1)
  return itemAt(run.written, 0)
}

/** As a superuser would: switch the append-only triggers off for one transaction. */
async function tamper(work: (tx: Prisma.TransactionClient) => Promise<unknown>) {
  await db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe('ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"')
    await tx.$executeRawUnsafe('ALTER TABLE "AuditCheckpoint" DISABLE TRIGGER "AuditCheckpoint_append_only"')
    await work(tx)
    await tx.$executeRawUnsafe('ALTER TABLE "AuditCheckpoint" ENABLE TRIGGER "AuditCheckpoint_append_only"')
    await tx.$executeRawUnsafe('ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"')
  })
}
const deleteEventsAfter = (tx: Prisma.TransactionClient, practiceId: string, id: bigint) =>
  tx.$executeRaw`DELETE FROM "AuditEvent" WHERE "practiceId" = ${practiceId}::uuid AND id > ${id}`

describe('audit checkpoints', () => {
  it('are append-only', async () => {
    const p = await createPractice()
    await addEvents(p.id, 1)
    const cp = await checkpointNow(p.id)
    const row = itemAt(await checkpointsOf(p.id), 0)
    await expect(db.auditCheckpoint.update({ where: { id: row.id }, data: { eventCount: 5n } })).rejects.toThrow(/append-only/)
    await expect(db.auditCheckpoint.delete({ where: { id: row.id } })).rejects.toThrow(/append-only/)
    await expect(db.$executeRawUnsafe('TRUNCATE "AuditCheckpoint"')).rejects.toThrow(/append-only/)
    expect(await latestCheckpoint(p.id)).toEqual(cp)
  })

  it('(a) report events removed from the end, which the hash chain alone cannot see', async () => {
    const p = await createPractice()
    await addEvents(p.id, 5)
    // The old bug: without a checkpoint, a cut-off tail leaves a valid chain.
    const before = await eventsOf(p.id)
    await tamper((tx) => deleteEventsAfter(tx, p.id, itemAt(before, 2).id))
    expect(await report(p.id)).toEqual({ practiceId: p.id, checked: 3, ok: true })

    await addEvents(p.id, 3)
    const cp = await checkpointNow(p.id) // seals the three new events first
    const events = await eventsOf(p.id)
    expect(cp).toMatchObject({ practiceId: p.id, eventCount: 6, lastEventId: itemAt(events, 5).id, lastHash: itemAt(events, 5).rowHash })
    expect(await report(p.id)).toEqual({ practiceId: p.id, checked: 6, ok: true, checkpointAt: cp.createdAt.toISOString() })

    await tamper((tx) => deleteEventsAfter(tx, p.id, itemAt(events, 3).id))
    expect(await report(p.id)).toMatchObject({
      ok: false,
      checked: 4,
      problem: `events were removed from the end: the chain has 4 events, a signed checkpoint of ${cp.createdAt.toISOString()} recorded 6`,
    })
    // The periodic writer must not sign the cut chain as the new truth.
    expect((await writeCheckpoints({ practiceId: p.id, minAgeMs: 0 })).skipped).toEqual([{ practiceId: p.id, reason: 'CHECKPOINTED_HEAD_MISSING' }])
    // Appending past the old length does not hide it either.
    await addEvents(p.id, 3)
    const now = await eventsOf(p.id)
    expect(await report(p.id)).toMatchObject({
      ok: false,
      checked: 7,
      firstBrokenId: String(itemAt(now, 5).id),
      problem: expect.stringContaining('others appended'),
    })
    expect(await checkpointsOf(p.id)).toHaveLength(1)
  })

  it('(a) report a chain whose events were all removed while its checkpoints remain', async () => {
    const p = await createPractice()
    await addEvents(p.id, 3)
    await checkpointNow(p.id)
    await tamper((tx) => deleteEventsAfter(tx, p.id, 0n))
    const all = await verifyAuditChains()
    expect(all.find((r) => r.practiceId === p.id)).toMatchObject({
      ok: false,
      checked: 0,
      problem: expect.stringMatching(/^all events were removed: .* recorded 3$/),
    })
  })

  it('(b) report a forged or altered checkpoint, and a changed key', async () => {
    const p = await createPractice()
    await addEvents(p.id, 4)
    await checkpointNow(p.id)
    const invalid = 'a signed checkpoint signature invalid: forged, or SECUREBASE_AUDIT_KEY changed'

    resetEnvForTests({ SECUREBASE_AUDIT_KEY: 'another-audit-key-0123456789abcdefghijkl' })
    try {
      expect(await report(p.id)).toMatchObject({ ok: false, problem: invalid })
    } finally {
      resetEnvForTests({ SECUREBASE_AUDIT_KEY: TEST_ENV.SECUREBASE_AUDIT_KEY })
    }
    expect(await report(p.id)).toMatchObject({ ok: true })

    // Cut the last event and make the checkpoint agree with the shorter chain.
    const events = await eventsOf(p.id)
    await tamper(async (tx) => {
      await deleteEventsAfter(tx, p.id, itemAt(events, 2).id)
      await tx.$executeRaw`UPDATE "AuditCheckpoint" SET "eventCount" = 3, "lastEventId" = ${itemAt(events, 2).id}, "lastHash" = ${itemAt(events, 2).rowHash} WHERE "practiceId" = ${p.id}::uuid`
    })
    expect(await report(p.id)).toMatchObject({ ok: false, checked: 3, problem: invalid })
    await addEvents(p.id, 1)
    expect((await writeCheckpoints({ practiceId: p.id, minAgeMs: 0 })).skipped).toEqual([{ practiceId: p.id, reason: 'CHECKPOINT_SIGNATURE_INVALID' }])

    const q = await createPractice()
    await addEvents(q.id, 2)
    const good = await checkpointNow(q.id)
    await tamper(
      (tx) => tx.$executeRaw`UPDATE "AuditCheckpoint" SET mac = ${good.mac.replace(/^./, (c) => (c === '0' ? '1' : '0'))} WHERE "practiceId" = ${q.id}::uuid`,
    )
    expect(await report(q.id)).toMatchObject({ ok: false, problem: invalid })
  })

  it('(c) writeCheckpoints is idempotent while the head stays, respects minAgeMs, and runs in the scheduler tick', async () => {
    const p = await createPractice()
    await addEvents(p.id, 3)
    await schedulerTick(new Date(), { practiceId: p.id })
    expect(await checkpointsOf(p.id)).toHaveLength(1)
    expect(await writeCheckpoints({ practiceId: p.id })).toEqual({ written: [], skipped: [{ practiceId: p.id, reason: 'UNCHANGED' }] })
    expect(await writeCheckpoints({ practiceId: p.id, minAgeMs: 0 })).toEqual({ written: [], skipped: [{ practiceId: p.id, reason: 'UNCHANGED' }] })

    await addEvents(p.id, 2)
    expect((await writeCheckpoints({ practiceId: p.id })).skipped).toEqual([{ practiceId: p.id, reason: 'TOO_RECENT' }])
    expect((await writeCheckpoints({ practiceId: p.id, minAgeMs: 60_000 })).skipped).toEqual([{ practiceId: p.id, reason: 'TOO_RECENT' }])
    await schedulerTick(new Date(), { practiceId: p.id })
    expect(await checkpointsOf(p.id)).toHaveLength(1)

    await new Promise((r) => setTimeout(r, 30))
    // Several instances ticking at once sign the new head once.
    const runs = await Promise.all([1, 2, 3].map(() => writeCheckpoints({ practiceId: p.id, minAgeMs: 20 })))
    expect(runs.flatMap((r) => r.written)).toHaveLength(1)
    const rows = await checkpointsOf(p.id)
    expect(rows.map((r) => r.eventCount)).toEqual([3n, 5n])
    expect(await report(p.id)).toMatchObject({ ok: true, checked: 5 })
  })

  it('(d) concurrent appends while checkpointing leave a verifiable chain and checkpoints', async () => {
    const p = await createPractice()
    await Promise.all([
      ...Array.from({ length: 30 }, (_, i) =>
        recordAudit({ practiceId: p.id, actorType: 'USER', actorId: `u${i % 3}`, action: 'CLIENT_VIEW', details: { i } }),
      ),
      ...Array.from({ length: 6 }, () => writeCheckpoints({ practiceId: p.id, minAgeMs: 0 })),
    ])
    await writeCheckpoints({ practiceId: p.id, minAgeMs: 0 })
    const rows = await checkpointsOf(p.id)
    expect(rows.at(-1)!.eventCount).toBe(30n)
    // Every checkpoint written during the burst must name the event really at its position.
    const lines = rows.map((r) => checkpointLine({ ...r, eventCount: Number(r.eventCount) }))
    expect(await report(p.id, lines)).toMatchObject({ ok: true, checked: 30, expectedChecked: rows.length })
  })

  it('(e) kept checkpoint lines catch removal of the tail AND the newest checkpoints', async () => {
    const p = await createPractice()
    await addEvents(p.id, 3)
    const line1 = checkpointLine(await checkpointNow(p.id))
    await addEvents(p.id, 3)
    const cp2 = await checkpointNow(p.id)
    const line2 = checkpointLine(cp2)
    expect(parseCheckpointLine(line2)).toEqual(cp2)
    expect(checkCheckpointLine(line2).signatureValid).toBe(true)
    expect(checkCheckpointLine(line2.replace('events=6', 'events=7')).signatureValid).toBe(false)
    expect(() => parseCheckpointLine('audit-checkpoint v1 practice=nope')).toThrow(CheckpointLineError)

    const events = await eventsOf(p.id)
    await tamper(async (tx) => {
      await deleteEventsAfter(tx, p.id, itemAt(events, 2).id)
      await tx.$executeRaw`DELETE FROM "AuditCheckpoint" WHERE "practiceId" = ${p.id}::uuid AND "eventCount" = 6`
    })
    // The documented limit: the database alone now shows an older, valid head.
    expect(await report(p.id)).toMatchObject({ ok: true, checked: 3 })
    expect(await report(p.id, [line1])).toMatchObject({ ok: true, checked: 3, expectedChecked: 1 })
    expect(await report(p.id, [line1, line2])).toMatchObject({
      ok: false,
      problem: `events were removed from the end: the chain has 3 events, an expected checkpoint line of ${cp2.createdAt.toISOString()} recorded 6`,
    })
    expect(await report(p.id, [line2.replace('events=6', 'events=2')])).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^an expected checkpoint line signature invalid/),
    })
  })

  it('(f) npm run audit:verify --checkpoint prints a line that --expect-file later holds the database to', async () => {
    const p = await createPractice()
    await addEvents(p.id, 4)
    const dbUrl = env.DATABASE_URL
    const run = async (...args: string[]) => {
      await closeDatabase() // the embedded database opens in one process at a time
      return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          path.join(root, 'node_modules/.bin/tsx'),
          ['--conditions=react-server', 'scripts/audit-verify.ts', ...args],
          { cwd: root, env: childProcessEnv({ DATABASE_URL: dbUrl }) },
          (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
        )
      })
    }
    expect(await run('--practice', 'not-a-uuid')).toMatchObject({ code: 2, stderr: expect.stringContaining('--practice takes') })

    const first = await run('--checkpoint', '--practice', p.id)
    expect(first.code, first.stderr).toBe(0)
    expect(first.stderr).toContain(`practice ${p.id}: 4 events, chain intact`)
    const lines = first.stdout.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(new RegExp(`^audit-checkpoint v1 practice=${p.id} events=4 `))

    const events = await eventsOf(p.id)
    await tamper(async (tx) => {
      await deleteEventsAfter(tx, p.id, itemAt(events, 2).id)
      await tx.$executeRaw`DELETE FROM "AuditCheckpoint" WHERE "practiceId" = ${p.id}::uuid`
    })
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-lines-'))
    try {
      const file = path.join(dir, 'kept.txt')
      fs.writeFileSync(file, `# kept off the database\n${first.stdout}\n`)
      const second = await run('--practice', p.id, '--expect-file', file)
      expect(second.code).toBe(1)
      expect(second.stderr).toContain(`practice ${p.id}: BROKEN: events were removed from the end: the chain has 3 events, an expected checkpoint line of`)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
