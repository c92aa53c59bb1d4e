// Session notes at the data layer: encryption at rest, optimistic locking, signing, amendments,
// scope (only the client's primary clinician) and key rotation. Real database, no mocks.
import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../lib/db/client'
import type { AuditEvent } from '../../lib/db/generated/client'
import { ConflictError, NotFoundError } from '../../lib/db/errors'
import {
  amendNote,
  captureScoreSnapshot,
  createNoteDraft,
  getNote,
  listClientNotes,
  listNoteVersions,
  rotateEncryptionKeys,
  saveNoteDraft,
  setNoteScores,
  SIGNED_MESSAGE,
  signNote,
  STALE_MESSAGE,
} from '../../lib/db/notes'
import { DecryptionError, decryptField, encryptField, type Aad } from '../../lib/crypto/field'
import { resetEnvForTests } from '../../lib/env'
import { noteInput, noteSaveInput, type NoteInput } from '../../lib/validation/note'
import { actorFor, createClientRow, createUser, createWorld } from '../fixtures/factory'
import { getClientSeries } from '../../lib/db/series'
import { itemAt } from '../fixtures/item-at'

type World = Awaited<ReturnType<typeof createWorld>>
let w: World
let goalA1: string
let goalA2: string
let goalB: string

const clinA = () => actorFor(w.clinA)

function input(text: string, extra: Record<string, unknown> = {}): NoteInput {
  return noteInput.parse({ sessionDate: '2026-03-02', format: 'FREE', body: { text }, goals: [], signs: [], ...extra })
}
const save = (text: string, expectedVersion: number, extra: Record<string, unknown> = {}) =>
  noteSaveInput.parse({ sessionDate: '2026-03-02', format: 'FREE', body: { text }, goals: [], signs: [], ...extra, expectedVersion })

async function rawNote(id: string) {
  const rows = await db.$queryRaw<{ bodyEnc: string; status: string; version: number; signedAt: Date | null; updatedAt: Date }[]>`
    SELECT "bodyEnc", status::text AS status, version, "signedAt", "updatedAt" FROM "SessionNote" WHERE id = ${id}::uuid`
  return itemAt(rows, 0)
}

async function newGoal(clientId: string, practiceId: string, createdById: string, title: string) {
  return (await db.goal.create({ data: { practiceId, clientId, title, createdById } })).id
}

beforeAll(async () => {
  w = await createWorld()
  goalA1 = await newGoal(w.clientA.id, w.p1.id, w.clinA.id, 'Stay steady when feelings run high')
  goalA2 = await newGoal(w.clientA.id, w.p1.id, w.clinA.id, 'Ask for what I need, directly')
  goalB = await newGoal(w.clientB.id, w.p1.id, w.clinB.id, 'Let safe people see me')
})

describe('encryption at rest', () => {
  it('round-trips body, goals, comments and signs; the database holds only ciphertext', async () => {
    const body = { data: 'SENTINEL-PHRASE client described a calmer week', assessment: 'Fewer protest behaviours', plan: 'Practise pausing' }
    const { id, version } = await createNoteDraft(
      clinA(),
      w.clientA.id,
      input('', {
        format: 'DAP',
        body,
        goals: [
          { goalId: goalA1, rating: 6, comment: 'SENTINEL-COMMENT paused before texting' },
          { goalId: goalA2, rating: null, comment: '' },
        ],
        signs: ['more-trust', 'communicates-openly'],
      }),
    )
    expect(version).toBe(1)
    const note = await getNote(clinA(), id)
    expect(note).toMatchObject({ status: 'DRAFT', format: 'DAP', body, revision: 1, rootId: id, sessionDate: '2026-03-02', canEdit: true, isLatest: true })
    expect(note.signs).toEqual(['communicates-openly', 'more-trust'])
    expect(note.author.name).toBe(w.clinA.name)
    expect(note.goals).toEqual([
      { goalId: goalA2, title: 'Ask for what I need, directly', goalStatus: 'ACTIVE', rating: null, comment: '' },
      { goalId: goalA1, title: 'Stay steady when feelings run high', goalStatus: 'ACTIVE', rating: 6, comment: 'SENTINEL-COMMENT paused before texting' },
    ])

    const raw = await rawNote(id)
    expect(raw.bodyEnc.startsWith('v1.')).toBe(true)
    expect(raw.bodyEnc).not.toContain('SENTINEL')
    const comments = await db.$queryRaw<{ commentEnc: string | null }[]>`SELECT "commentEnc" FROM "NoteGoal" WHERE "noteId" = ${id}::uuid`
    expect(comments.map((c) => c.commentEnc?.slice(0, 3) ?? null).sort()).toEqual(['v1.', null].sort())
    expect(JSON.stringify(comments)).not.toContain('SENTINEL')
  })

  it("a body copied into another note's row fails to decrypt instead of showing the other note", async () => {
    const a = await createNoteDraft(clinA(), w.clientA.id, input('Note A: private text'))
    const b = await createNoteDraft(clinA(), w.clientA.id, input('Note B'))
    await db.$executeRaw`UPDATE "SessionNote" SET "bodyEnc" = (SELECT "bodyEnc" FROM "SessionNote" WHERE id = ${a.id}::uuid) WHERE id = ${b.id}::uuid`
    await expect(getNote(clinA(), b.id)).rejects.toBeInstanceOf(DecryptionError)
    expect((await getNote(clinA(), a.id)).body.text).toBe('Note A: private text')
  })

  it('a goal comment copied to another goal row fails to decrypt', async () => {
    const n = await createNoteDraft(
      clinA(),
      w.clientA.id,
      input('x', {
        goals: [
          { goalId: goalA1, rating: 3, comment: 'one' },
          { goalId: goalA2, rating: 4, comment: 'two' },
        ],
      }),
    )
    await db.$executeRaw`UPDATE "NoteGoal" SET "commentEnc" = (SELECT "commentEnc" FROM "NoteGoal" WHERE "noteId" = ${n.id}::uuid AND "goalId" = ${goalA1}::uuid)
      WHERE "noteId" = ${n.id}::uuid AND "goalId" = ${goalA2}::uuid`
    await expect(getNote(clinA(), n.id)).rejects.toBeInstanceOf(DecryptionError)
  })
})

describe('drafts and optimistic locking', () => {
  it('a save needs the version it edited and bumps it; goals are replaced', async () => {
    const { id } = await createNoteDraft(clinA(), w.clientA.id, input('first', { goals: [{ goalId: goalA1, rating: 2, comment: 'c' }] }))
    expect(await saveNoteDraft(clinA(), id, save('second', 1, { goals: [{ goalId: goalA2, rating: 7, comment: 'better' }] }))).toEqual({ version: 2 })
    const note = await getNote(clinA(), id)
    expect(note.body.text).toBe('second')
    expect(note.version).toBe(2)
    expect(note.goals.map((g) => [g.goalId, g.rating, g.comment])).toEqual([[goalA2, 7, 'better']])
    const stale = await saveNoteDraft(clinA(), id, save('stale', 1)).catch((e: unknown) => e)
    expect(stale).toBeInstanceOf(ConflictError)
    expect((stale as Error).message).toBe(STALE_MESSAGE)
    expect((await getNote(clinA(), id)).body.text).toBe('second')
  })

  it('two saves of the same version in parallel: exactly one wins and its text is stored', async () => {
    const { id } = await createNoteDraft(clinA(), w.clientA.id, input('start'))
    const results = await Promise.allSettled([saveNoteDraft(clinA(), id, save('tab one', 1)), saveNoteDraft(clinA(), id, save('tab two', 1))])
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []))
    expect(won).toHaveLength(1)
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(lost.reason).toBeInstanceOf(ConflictError)
    expect((lost.reason as Error).message).toBe(STALE_MESSAGE)
    const note = await getNote(clinA(), id)
    expect(note.body.text).toBe(won[0] === 0 ? 'tab one' : 'tab two')
    expect(note.version).toBe(2)
  })

  it('refuses goals of another client', async () => {
    const { id } = await createNoteDraft(clinA(), w.clientA.id, input('x'))
    await expect(saveNoteDraft(clinA(), id, save('y', 1, { goals: [{ goalId: goalB, rating: 1, comment: '' }] }))).rejects.toBeInstanceOf(NotFoundError)
    await expect(createNoteDraft(clinA(), w.clientA.id, input('x', { goals: [{ goalId: goalB, rating: 1, comment: '' }] }))).rejects.toBeInstanceOf(
      NotFoundError,
    )
    expect((await getNote(clinA(), id)).version).toBe(1)
  })

  it('a retried first save with the same draft id reaches the same note', async () => {
    const draftId = crypto.randomUUID()
    const first = await createNoteDraft(clinA(), w.clientA.id, input('typed'), { id: draftId })
    const retry = await createNoteDraft(clinA(), w.clientA.id, input('typed more'), { id: draftId })
    expect(first).toEqual({ id: draftId, version: 1 })
    expect(retry).toEqual({ id: draftId, version: 2 })
    expect((await getNote(clinA(), draftId)).body.text).toBe('typed more')
    expect(await db.sessionNote.count({ where: { id: draftId } })).toBe(1)
  })
})

describe('signing', () => {
  it('a signed note refuses saves and keeps its body', async () => {
    const { id } = await createNoteDraft(clinA(), w.clientA.id, input('as signed'))
    const signed = await signNote(clinA(), id, 1)
    expect(signed.version).toBe(2)
    const before = await rawNote(id)
    const e = await saveNoteDraft(clinA(), id, save('edited later', 2)).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ConflictError)
    expect((e as Error).message).toBe(SIGNED_MESSAGE)
    await expect(saveNoteDraft(clinA(), id, save('edited later', 1))).rejects.toThrow(SIGNED_MESSAGE)
    expect(await rawNote(id)).toEqual(before)
    const note = await getNote(clinA(), id)
    expect(note).toMatchObject({ status: 'SIGNED', canEdit: false, body: { text: 'as signed' } })
    expect(note.signedBy?.id).toBe(w.clinA.id)
    expect(note.signedAt).toBeInstanceOf(Date)
    await expect(signNote(clinA(), id, 2)).rejects.toBeInstanceOf(ConflictError)
  })

  it('a sign needs the latest version and a non-empty body', async () => {
    const { id } = await createNoteDraft(clinA(), w.clientA.id, input('   '))
    await expect(signNote(clinA(), id, 1)).rejects.toThrow('An empty note cannot be signed')
    await saveNoteDraft(clinA(), id, save('now written', 1))
    await expect(signNote(clinA(), id, 1)).rejects.toThrow(STALE_MESSAGE)
    expect((await getNote(clinA(), id)).status).toBe('DRAFT')
  })

  it('a sign racing a save: exactly one wins, and a signed note is exactly what was signed', async () => {
    for (let i = 0; i < 6; i++) {
      const { id } = await createNoteDraft(clinA(), w.clientA.id, input('before the race'))
      const ops = [() => saveNoteDraft(clinA(), id, save('edited during the race', 1)), () => signNote(clinA(), id, 1)]
      if (i % 2) ops.reverse()
      const results = await Promise.allSettled(ops.map((op) => op()))
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError)
      const note = await getNote(clinA(), id)
      if (note.status === 'SIGNED') expect(note.body.text).toBe('before the race')
      else expect(note.body.text).toBe('edited during the race')
    }
  })
})

describe('amendments and history', () => {
  it('an amendment is revision 2 linked to the signed revision 1, which stays unchanged', async () => {
    const { id } = await createNoteDraft(
      clinA(),
      w.clientA.id,
      input('original', { signs: ['more-trust'], goals: [{ goalId: goalA1, rating: 5, comment: 'kept' }] }),
    )
    await signNote(clinA(), id, 1)
    const before = await rawNote(id)
    const amended = await amendNote(clinA(), id)
    expect(amended.revision).toBe(2)
    expect(await rawNote(id)).toEqual(before)

    const draft = await getNote(clinA(), amended.id)
    expect(draft).toMatchObject({
      rootId: id,
      revision: 2,
      amendsId: id,
      status: 'DRAFT',
      version: 1,
      body: { text: 'original' },
      signs: ['more-trust'],
      canEdit: true,
    })
    expect(draft.goals.map((g) => [g.goalId, g.rating, g.comment])).toEqual([[goalA1, 5, 'kept']])
    const rawDraft = await rawNote(amended.id)
    expect(rawDraft.bodyEnc).not.toBe(before.bodyEnc) // encrypted again, bound to its own row
    expect((await getNote(clinA(), id)).isLatest).toBe(false)

    // Asking again opens the same draft: one open amendment at a time.
    expect(await amendNote(clinA(), id)).toEqual(amended)
    await expect(amendNote(clinA(), amended.id)).rejects.toBeInstanceOf(ConflictError)

    await saveNoteDraft(clinA(), amended.id, save('original, corrected', 1))
    await signNote(clinA(), amended.id, 2)
    const versions = await listNoteVersions(clinA(), id)
    expect(versions.map((v) => [v.revision, v.status, v.author, v.amendsId])).toEqual([
      [1, 'SIGNED', w.clinA.name, null],
      [2, 'SIGNED', w.clinA.name, id],
    ])
    expect(versions.every((v) => v.signedAt instanceof Date && v.createdAt instanceof Date)).toBe(true)
    expect((await getNote(clinA(), id)).body.text).toBe('original')
    await expect(amendNote(clinA(), id)).rejects.toThrow('A newer version of this note exists')
    expect((await amendNote(clinA(), amended.id)).revision).toBe(3)
  })

  it('two amendments started at once make one draft', async () => {
    const { id } = await createNoteDraft(clinA(), w.clientA.id, input('to amend'))
    await signNote(clinA(), id, 1)
    const [a, b] = await Promise.all([amendNote(clinA(), id), amendNote(clinA(), id)])
    expect(a).toEqual(b)
    expect(await db.sessionNote.count({ where: { rootId: id } })).toBe(2)
  })

  it('the timeline lists the latest revision of each note, without bodies', async () => {
    const client = await createClientRow(w.p1.id, w.clinA.id)
    const one = await createNoteDraft(clinA(), client.id, input('one', { sessionDate: '2026-02-01' }))
    await signNote(clinA(), one.id, 1)
    const two = await amendNote(clinA(), one.id)
    const three = await createNoteDraft(clinA(), client.id, input('three', { sessionDate: '2026-03-01' }))
    const list = await listClientNotes(clinA(), client.id)
    expect(list.map((n) => [n.id, n.revision, n.status, n.amending, n.sessionDate])).toEqual([
      [three.id, 1, 'DRAFT', false, '2026-03-01'],
      [two.id, 2, 'DRAFT', true, '2026-02-01'],
    ])
    expect(JSON.stringify(list)).not.toContain('one')
    expect(await listClientNotes(clinA(), w.clientB.id).catch((e: unknown) => e)).toBeInstanceOf(NotFoundError)
  })
})

describe('scope: only the primary clinician reaches notes', () => {
  let noteId: string
  beforeAll(async () => {
    noteId = (await createNoteDraft(clinA(), w.clientA.id, input('private'))).id
  })

  it.each([
    ['another clinician of the practice', () => actorFor(w.clinB)],
    ['the practice admin', () => actorFor(w.admin1)],
    ["another practice's admin", () => actorFor(w.admin2)],
    ["another practice's clinician", () => actorFor(w.clinP2)],
  ])('%s gets "not found" for every note operation', async (_who, actor) => {
    const a = actor()
    const attempts = [
      getNote(a, noteId),
      saveNoteDraft(a, noteId, save('hijack', 1)),
      signNote(a, noteId, 1),
      amendNote(a, noteId),
      listNoteVersions(a, noteId),
      listClientNotes(a, w.clientA.id),
      createNoteDraft(a, w.clientA.id, input('x')),
      captureScoreSnapshot(a, w.clientA.id),
      setNoteScores(a, noteId, 1, 'insert'),
    ]
    for (const r of await Promise.allSettled(attempts)) {
      expect(r.status).toBe('rejected')
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(NotFoundError)
    }
    const note = await getNote(clinA(), noteId)
    expect(note).toMatchObject({ version: 1, status: 'DRAFT', body: { text: 'private' } })
  })

  it('a missing or malformed id answers the same', async () => {
    await expect(getNote(clinA(), crypto.randomUUID())).rejects.toBeInstanceOf(NotFoundError)
    await expect(getNote(clinA(), 'not-a-uuid')).rejects.toBeInstanceOf(NotFoundError)
  })

  it('after a caseload transfer the former clinician loses access and the new one may read but not edit', async () => {
    const client = await createClientRow(w.p1.id, w.clinA.id)
    const { id } = await createNoteDraft(clinA(), client.id, input('before transfer'))
    await db.client.update({ where: { id: client.id }, data: { primaryClinicianId: w.clinB.id } })
    await expect(getNote(clinA(), id)).rejects.toBeInstanceOf(NotFoundError)
    await expect(saveNoteDraft(clinA(), id, save('after', 1))).rejects.toBeInstanceOf(NotFoundError)
    const seen = await getNote(actorFor(w.clinB), id)
    expect(seen).toMatchObject({ canEdit: false, body: { text: 'before transfer' } })
    await expect(saveNoteDraft(actorFor(w.clinB), id, save('after', 1))).rejects.toBeInstanceOf(ConflictError)
  })
})

describe('score snapshot', () => {
  async function addResponse(
    clientId: string,
    instrumentId: string,
    scores: Record<string, number>,
    band: string | null,
    submittedAt: Date,
    complete = true,
    owner = { practiceId: w.p1.id, clinicianId: w.clinA.id },
  ) {
    const day = new Date(submittedAt.toISOString().slice(0, 10) + 'T00:00:00Z')
    const checkIn = await db.checkIn.create({ data: { practiceId: owner.practiceId, clientId, dueDate: day, expiresAt: submittedAt, status: 'COMPLETED' } })
    const assignment = await db.assignment.create({
      data: { practiceId: owner.practiceId, clientId, instrumentId, recurrence: 'ONCE', startDate: day, createdById: owner.clinicianId },
    })
    const item = await db.checkInItem.create({ data: { checkInId: checkIn.id, assignmentId: assignment.id, occurrenceDate: day, instrumentId, position: 0 } })
    await db.response.create({
      data: {
        practiceId: owner.practiceId,
        clientId,
        checkInId: checkIn.id,
        checkInItemId: item.id,
        instrumentId,
        instrumentVersion: '1',
        scoringVersion: '1',
        answers: [],
        complete,
        scores,
        band,
        flags: [],
        submittedAt,
      },
    })
  }

  it('inserts baseline, latest and change per score from the current episode, as data', async () => {
    const client = await createClientRow(w.p1.id, w.clinA.id) // episode starts 2026-01-01
    await addResponse(client.id, 'phq9', { total: 22 }, 'severe', new Date('2025-12-15T10:00:00Z')) // before the episode
    await addResponse(client.id, 'phq9', { total: 18 }, 'moderately severe', new Date('2026-01-05T10:00:00Z'))
    await addResponse(client.id, 'phq9', { total: 3 }, 'minimal', new Date('2026-02-05T10:00:00Z'), false) // incomplete
    await addResponse(client.id, 'phq9', { total: 8 }, 'mild', new Date('2026-03-01T10:00:00Z'))
    await addResponse(client.id, 'ecr-r', { anxiety: 5.5, avoidance: 3.1 }, null, new Date('2026-01-06T10:00:00Z'))

    const { id } = await createNoteDraft(clinA(), client.id, input('with scores'))
    const r = await setNoteScores(clinA(), id, 1, 'insert')
    expect(r.version).toBe(2)
    const note = await getNote(clinA(), id)
    expect(note.snapshot?.episodeStart).toBe('2026-01-01')
    expect(note.snapshot?.instruments.map((e) => [e.label, e.baseline.value, e.latest.value, e.latest.band, e.category, e.count])).toEqual([
      ['PHQ-9', 18, 8, 'mild', 'recovered', 2],
      ['ECR-R anxiety', 5.5, 5.5, null, null, 1],
      ['ECR-R avoidance', 3.1, 3.1, null, null, 1],
    ])
    await expect(setNoteScores(clinA(), id, 1, 'remove')).rejects.toThrow(STALE_MESSAGE)
    await setNoteScores(clinA(), id, 2, 'remove')
    expect((await getNote(clinA(), id)).snapshot).toBeNull()
  })

  it("starts the episode at midnight in the practice's time zone, so its baseline is the overview's", async () => {
    const practice = await db.practice.create({ data: { name: `New York ${crypto.randomUUID()}`, timeZone: 'America/New_York' } })
    const clinician = await createUser(practice.id, ['CLINICIAN'])
    const owner = { practiceId: practice.id, clinicianId: clinician.id }
    const client = await createClientRow(practice.id, clinician.id) // episode starts 2026-01-01: 05:00 UTC in New York
    await addResponse(client.id, 'phq9', { total: 24 }, 'severe', new Date('2026-01-01T03:00:00Z'), true, owner) // 31 Dec, 22:00 there
    await addResponse(client.id, 'phq9', { total: 16 }, 'moderately severe', new Date('2026-01-01T06:00:00Z'), true, owner) // 1 Jan, 01:00
    await addResponse(client.id, 'phq9', { total: 7 }, 'mild', new Date('2026-02-10T15:00:00Z'), true, owner)
    const actor = actorFor(clinician)

    const snapshot = await captureScoreSnapshot(actor, client.id)
    expect(snapshot.episodeStart).toBe('2026-01-01')
    expect(snapshot.instruments.map((e) => [e.label, e.baseline, e.latest.value, e.count])).toEqual([
      ['PHQ-9', { value: 16, date: '2026-01-01T06:00:00.000Z' }, 7, 2],
    ])
    const series = await getClientSeries(actor, client.id, 'all')
    const phq9 = series.instruments.find((i) => i.instrumentId === 'phq9')
    expect(phq9?.baseline).toMatchObject({ date: snapshot.instruments[0]?.baseline.date, scores: { total: 16 } })
  })
})

describe('key rotation', () => {
  // Key ids of our own, so that on a shared PostgreSQL test database other files' rows (under the
  // default key) are left alone: rotation counts them as failed and never touches them.
  const K1 = crypto.randomBytes(32).toString('base64url')
  const K2 = crypto.randomBytes(32).toString('base64url')
  const original = process.env.SECUREBASE_ENCRYPTION_KEYS
  afterAll(() => resetEnvForTests({ SECUREBASE_ENCRYPTION_KEYS: original }))

  it('re-encrypts every note, comment, outbox body and check-in draft under the new key; old key can then go', async () => {
    resetEnvForTests({ SECUREBASE_ENCRYPTION_KEYS: `rt1:${K1}` })
    const client = await createClientRow(w.p1.id, w.clinA.id)
    const goal = await newGoal(client.id, w.p1.id, w.clinA.id, 'Treat myself with compassion')
    const draft = await createNoteDraft(clinA(), client.id, input('draft under rt1', { goals: [{ goalId: goal, rating: 4, comment: 'comment under rt1' }] }))
    const signed = await createNoteDraft(clinA(), client.id, input('signed under rt1'))
    await signNote(clinA(), signed.id, 1)
    const emailId = crypto.randomUUID()
    const emailAad: Aad = ['OutboundEmail', emailId, 'body', w.p1.id]
    await db.outboundEmail.create({
      data: {
        id: emailId,
        practiceId: w.p1.id,
        clientId: client.id,
        kind: 'checkin',
        toAddress: 'c@test.local',
        subject: 's',
        status: 'OUTBOX',
        bodyEnc: encryptField('email body', emailAad),
      },
    })
    const checkInId = crypto.randomUUID()
    const draftAad: Aad = ['CheckIn', checkInId, 'draft', w.p1.id]
    await db.checkIn.create({
      data: {
        id: checkInId,
        practiceId: w.p1.id,
        clientId: client.id,
        dueDate: new Date('2026-03-01T00:00:00Z'),
        expiresAt: new Date(Date.now() + 86_400_000),
        draftEnc: encryptField('{"a":[1]}', draftAad),
      },
    })
    const signedBefore = await rawNote(signed.id)
    expect(signedBefore.bodyEnc.startsWith('v1.rt1.')).toBe(true)

    resetEnvForTests({ SECUREBASE_ENCRYPTION_KEYS: `rt2:${K2},rt1:${K1}` })
    const batches: string[] = []
    const report = await rotateEncryptionKeys({ batchSize: 2, onBatch: (t) => batches.push(t) })
    expect(report.SessionNote.rotated).toBeGreaterThanOrEqual(2)
    expect(report.NoteGoal.rotated).toBeGreaterThanOrEqual(1)
    expect(report.OutboundEmail.rotated).toBeGreaterThanOrEqual(1)
    expect(report.CheckIn.rotated).toBeGreaterThanOrEqual(1)
    expect(batches.filter((t) => t === 'SessionNote').length).toBeGreaterThan(1) // batched

    const ours = await db.$queryRaw<{ v: string }[]>`
      SELECT "bodyEnc" AS v FROM "SessionNote" WHERE "clientId" = ${client.id}::uuid
      UNION ALL SELECT "commentEnc" FROM "NoteGoal" g JOIN "SessionNote" n ON n.id = g."noteId" WHERE n."clientId" = ${client.id}::uuid AND "commentEnc" IS NOT NULL
      UNION ALL SELECT "bodyEnc" FROM "OutboundEmail" WHERE id = ${emailId}::uuid
      UNION ALL SELECT "draftEnc" FROM "CheckIn" WHERE id = ${checkInId}::uuid`
    expect(ours).toHaveLength(5)
    for (const r of ours) expect(r.v.startsWith('v1.rt2.')).toBe(true)

    const signedAfter = await rawNote(signed.id)
    expect(signedAfter.bodyEnc).not.toBe(signedBefore.bodyEnc)
    expect({ ...signedAfter, bodyEnc: '' }).toEqual({ ...signedBefore, bodyEnc: '' }) // status, version, signedAt, updatedAt

    // Idempotent: a second run has nothing of ours left to do.
    const again = await rotateEncryptionKeys()
    expect(again.SessionNote.rotated).toBe(0)

    // The old key removed: everything still decrypts.
    resetEnvForTests({ SECUREBASE_ENCRYPTION_KEYS: `rt2:${K2}` })
    expect((await getNote(clinA(), draft.id)).body.text).toBe('draft under rt1')
    expect((await getNote(clinA(), draft.id)).goals[0]?.comment).toBe('comment under rt1')
    expect(await getNote(clinA(), signed.id)).toMatchObject({ status: 'SIGNED', version: 2, body: { text: 'signed under rt1' } })
    const email = await db.outboundEmail.findUniqueOrThrow({ where: { id: emailId } })
    expect(decryptField(email.bodyEnc!, emailAad)).toBe('email body')
    const checkIn = await db.checkIn.findUniqueOrThrow({ where: { id: checkInId } })
    expect(decryptField(checkIn.draftEnc!, draftAad)).toBe('{"a":[1]}')
  })
})

describe('audit trail', () => {
  const TEXT = 'AUDIT-SENTINEL client spoke about her father'
  const COMMENT = 'AUDIT-COMMENT paused before texting'

  /** Runs fn and returns it with the events it appended to practice 1's trail. */
  async function audited<T>(fn: () => Promise<T>): Promise<{ result: T; events: AuditEvent[] }> {
    const last = await db.auditEvent.findFirst({ where: { practiceId: w.p1.id }, orderBy: { id: 'desc' }, select: { id: true } })
    const result = await fn()
    const events = await db.auditEvent.findMany({ where: { practiceId: w.p1.id, id: { gt: last?.id ?? 0n } }, orderBy: { id: 'asc' } })
    return { result, events }
  }

  /** Exactly one event, of this action, by clinician A, about this note of client A; no note text, goal titles or comments. */
  async function one<T>(action: string, fn: () => Promise<T>, targetId: (r: T) => string): Promise<{ result: T; event: AuditEvent }> {
    const { result, events } = await audited(fn)
    expect(events.map((e) => e.action)).toEqual([action])
    const event = itemAt(events, 0)
    expect(event).toMatchObject({
      practiceId: w.p1.id,
      actorType: 'USER',
      actorId: w.clinA.id,
      targetType: 'SessionNote',
      targetId: targetId(result),
      clientId: w.clientA.id,
      outcome: 'SUCCESS',
    })
    const json = JSON.stringify(event, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))
    for (const phi of [TEXT, COMMENT, 'AUDIT-SENTINEL', 'Stay steady when feelings run high', 'Ask for what I need, directly']) expect(json).not.toContain(phi)
    return { result, event }
  }

  const withGoal = (text: string) => input(text, { goals: [{ goalId: goalA1, rating: 4, comment: COMMENT }] })

  it('create, save, scores, sign, view, history and amend each write exactly one event, ids only', async () => {
    const { result: created } = await one(
      'NOTE_CREATE',
      () => createNoteDraft(clinA(), w.clientA.id, withGoal(TEXT)),
      (r) => r.id,
    )
    const id = created.id
    const saveWith = (v: number) => save(`${TEXT} (more)`, v, { goals: [{ goalId: goalA2, rating: 6, comment: COMMENT }] })
    await one(
      'NOTE_UPDATE',
      () => saveNoteDraft(clinA(), id, saveWith(1)),
      () => id,
    )
    const { event: scores } = await one(
      'NOTE_SCORES',
      () => setNoteScores(clinA(), id, 2, 'insert'),
      () => id,
    )
    expect(scores.details).toMatchObject({ mode: 'insert' })
    await one(
      'NOTE_SIGN',
      () => signNote(clinA(), id, 3),
      () => id,
    )
    await one(
      'NOTE_VIEW',
      () => getNote(clinA(), id),
      () => id,
    )
    await one(
      'NOTE_HISTORY_VIEW',
      () => listNoteVersions(clinA(), id),
      () => id,
    )
    const { result: amended, event: amend } = await one(
      'NOTE_AMEND',
      () => amendNote(clinA(), id),
      (r) => r.id,
    )
    expect(amend.details).toMatchObject({ amendsId: id, revision: 2 })
    expect(amended.id).not.toBe(id)
  })

  it('a refused or stale change writes no event; a retried first save is one NOTE_UPDATE', async () => {
    const { id } = await createNoteDraft(clinA(), w.clientA.id, input(TEXT))
    await saveNoteDraft(clinA(), id, save(TEXT, 1))
    const refused = await audited(async () => {
      await expect(saveNoteDraft(clinA(), id, save('stale', 1))).rejects.toBeInstanceOf(ConflictError)
      await expect(signNote(clinA(), id, 1)).rejects.toBeInstanceOf(ConflictError)
      await expect(setNoteScores(clinA(), id, 1, 'insert')).rejects.toBeInstanceOf(ConflictError)
      await expect(amendNote(clinA(), id)).rejects.toBeInstanceOf(ConflictError) // still a draft
      await expect(getNote(actorFor(w.clinB), id)).rejects.toBeInstanceOf(NotFoundError)
    })
    expect(refused.events).toEqual([])

    const draftId = crypto.randomUUID()
    await one(
      'NOTE_CREATE',
      () => createNoteDraft(clinA(), w.clientA.id, input(TEXT), { id: draftId }),
      () => draftId,
    )
    await one(
      'NOTE_UPDATE',
      () => createNoteDraft(clinA(), w.clientA.id, input(`${TEXT} again`), { id: draftId }),
      () => draftId,
    )
  })
})
