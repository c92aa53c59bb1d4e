// Writing session notes: drafts with optimistic locking, signing, amendments, score snapshots.
// Every write is one conditional statement carrying the scope, the state and the version it
// expects, so a stale save, a save racing a sign, or a second amendment loses cleanly instead of
// overwriting: the loser gets a ConflictError that says what happened, never a silent loss.
// Each successful write records its audit event (ids and codes only: never note text, goal titles
// or comments) in the same transaction, so the change and its event commit or roll back together.
import 'server-only'
import crypto from 'node:crypto'
import { db } from './client'
import { TX_OPTIONS } from './tx'
import { Prisma } from './generated/client'
import type { Actor } from '@/lib/auth/actor'
import { ConflictError, NotFoundError } from './errors'
import { decryptGoalComment, decryptNoteBody, encryptGoalComment, encryptNoteBody } from './note-crypto'
import { noteWhere } from './note-reads'
import { requireNoteScope } from './scope'
import { captureScoreSnapshot } from './score-snapshot'
import type { NoteInput, NoteSaveInput } from '@/lib/validation/note'
import { isUuid } from '@/lib/validation/uuid'
import { isBodyEmpty } from '@/lib/notes/templates'
import type { ScoreSnapshot } from '@/lib/notes/snapshot'
import { logger } from '@/lib/log'
import { actorFields, recordAudit, type AuditInput } from '@/lib/audit/record'

export { getNote, listNoteVersions, listClientNotes, listNoteGoalOptions } from './note-reads'
export type { NoteDetail } from './note-reads'
export { captureScoreSnapshot } from './score-snapshot'
export { rotateEncryptionKeys } from './note-crypto'

export const SIGNED_MESSAGE = 'This note has been signed and can no longer be edited.'
export const STALE_MESSAGE =
  'This note was changed in another window or by someone else since you opened it. Copy your text, reload, and apply your changes again.'
const NOT_AUTHOR_MESSAGE = 'Only the clinician who started this draft can edit or sign it.'

type Tx = Prisma.TransactionClient

/** One audit event about a note version, written with the change it describes. */
function auditNote(tx: Tx, actor: Actor, action: AuditInput['action'], note: { id: string; clientId: string }, details?: AuditInput['details']) {
  return recordAudit({ ...actorFields(actor), action, targetType: 'SessionNote', targetId: note.id, clientId: note.clientId, details: details ?? null }, tx)
}

const isUniqueViolation = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002'

type Scope = Prisma.ClientWhereInput

/** The goals must be this client's (a goal id from elsewhere is treated as missing). */
async function assertGoals(clientId: string, scope: Scope, goalIds: string[]): Promise<void> {
  if (goalIds.length === 0) return
  const n = await db.goal.count({ where: { id: { in: goalIds }, clientId, client: scope } })
  if (n !== new Set(goalIds).size) throw new NotFoundError('Goal')
}

function goalRows(noteId: string, practiceId: string, goals: NoteInput['goals']) {
  return goals.map((g) => ({ goalId: g.goalId, rating: g.rating, commentEnc: encryptGoalComment(g.comment, noteId, g.goalId, practiceId) }))
}

/** The condition every edit of a draft carries: in scope, still a draft, the actor's, unchanged. */
const editable = (actor: Actor, scope: Scope, noteId: string, expectedVersion: number): Prisma.SessionNoteWhereInput => ({
  ...noteWhere(actor, scope, noteId),
  status: 'DRAFT',
  version: expectedVersion,
  authorId: actor.userId,
})

/** Why a conditional write matched nothing, as the error the user should see. */
async function explainMiss(actor: Actor, scope: Scope, noteId: string): Promise<Error> {
  const n = await db.sessionNote.findFirst({ where: noteWhere(actor, scope, noteId), select: { status: true, authorId: true } })
  if (!n) return new NotFoundError('Note')
  if (n.status === 'SIGNED') return new ConflictError(SIGNED_MESSAGE)
  if (n.authorId !== actor.userId) return new ConflictError(NOT_AUTHOR_MESSAGE)
  return new ConflictError(STALE_MESSAGE)
}

export interface CreateNoteOptions {
  /**
   * Id chosen by the editor when it opened, so a retried first save (a timeout after the server
   * had written) reaches the same draft instead of creating a second one.
   */
  id?: string
}

/** Creates a draft (revision 1). */
export async function createNoteDraft(
  actor: Actor,
  clientId: string,
  input: NoteInput,
  opts: CreateNoteOptions = {},
): Promise<{ id: string; version: number }> {
  const scope = requireNoteScope(actor, 'Client')
  if (!isUuid(clientId)) throw new NotFoundError('Client')
  if (opts.id !== undefined && !isUuid(opts.id)) throw new NotFoundError('Note')
  const client = await db.client.findFirst({ where: { id: clientId, ...scope }, select: { id: true, practiceId: true } })
  if (!client) throw new NotFoundError('Client')
  await assertGoals(
    client.id,
    scope,
    input.goals.map((g) => g.goalId),
  )
  // The id exists before encrypting: the ciphertext is bound to it.
  const id = opts.id?.toLowerCase() ?? crypto.randomUUID()
  try {
    await db.$transaction(async (tx) => {
      await tx.sessionNote.create({
        data: {
          id,
          practiceId: client.practiceId,
          clientId: client.id,
          rootId: id,
          revision: 1,
          authorId: actor.userId,
          sessionDate: input.sessionDate,
          format: input.format,
          bodyEnc: encryptNoteBody(input.body, id, client.practiceId),
          signs: input.signs,
          goals: { create: goalRows(id, client.practiceId, input.goals) },
        },
        select: { id: true },
      })
      await auditNote(tx, actor, 'NOTE_CREATE', { id, clientId: client.id }, { version: 1 })
    }, TX_OPTIONS)
  } catch (e) {
    if (!opts.id || !isUniqueViolation(e)) throw e
    // A retry of a create that already happened: save this content over it, through the same
    // conditional path as any save (and only if it is this actor's draft for this client).
    const existing = await db.sessionNote.findFirst({
      where: { ...noteWhere(actor, scope, id), clientId: client.id, authorId: actor.userId, revision: 1 },
      select: { version: true },
    })
    if (!existing) throw new NotFoundError('Note')
    return { id, ...(await saveNoteDraft(actor, id, { ...input, expectedVersion: existing.version })) }
  }
  logger.info('note draft created', { noteId: id, clientId: client.id, actorId: actor.userId })
  return { id, version: 1 }
}

/** Saves a draft if nobody changed it since `expectedVersion`; returns the new version. */
export async function saveNoteDraft(actor: Actor, noteId: string, input: NoteSaveInput): Promise<{ version: number }> {
  const scope = requireNoteScope(actor)
  if (!isUuid(noteId)) throw new NotFoundError('Note')
  const head = await db.sessionNote.findFirst({ where: noteWhere(actor, scope, noteId), select: { clientId: true, practiceId: true } })
  if (!head) throw new NotFoundError('Note')
  await assertGoals(
    head.clientId,
    scope,
    input.goals.map((g) => g.goalId),
  )
  const bodyEnc = encryptNoteBody(input.body, noteId, head.practiceId)
  const goals = goalRows(noteId, head.practiceId, input.goals)
  const saved = await db.$transaction(async (tx) => {
    const r = await tx.sessionNote.updateMany({
      where: editable(actor, scope, noteId, input.expectedVersion),
      data: { sessionDate: input.sessionDate, format: input.format, bodyEnc, signs: input.signs, version: { increment: 1 } },
    })
    if (r.count !== 1) return false
    // The row is now locked by this transaction: the goal rows are replaced under the same lock.
    await tx.noteGoal.deleteMany({ where: { noteId } })
    if (goals.length > 0) await tx.noteGoal.createMany({ data: goals.map((g) => ({ ...g, noteId })) })
    // Autosave makes this frequent; each save is still one change to a clinical record.
    await auditNote(tx, actor, 'NOTE_UPDATE', { id: noteId, clientId: head.clientId }, { version: input.expectedVersion + 1 })
    return true
  }, TX_OPTIONS)
  if (!saved) throw await explainMiss(actor, scope, noteId)
  return { version: input.expectedVersion + 1 }
}

/** Signs the draft exactly as it was at `expectedVersion`. From then on it never changes. */
export async function signNote(actor: Actor, noteId: string, expectedVersion: number): Promise<{ version: number; signedAt: Date }> {
  const scope = requireNoteScope(actor)
  if (!isUuid(noteId)) throw new NotFoundError('Note')
  const n = await db.sessionNote.findFirst({
    where: noteWhere(actor, scope, noteId),
    select: { status: true, version: true, authorId: true, bodyEnc: true, practiceId: true, clientId: true },
  })
  if (!n) throw new NotFoundError('Note')
  if (n.status === 'SIGNED') throw new ConflictError('This note is already signed.')
  if (n.authorId !== actor.userId) throw new ConflictError(NOT_AUTHOR_MESSAGE)
  if (n.version !== expectedVersion) throw new ConflictError(STALE_MESSAGE)
  // The body checked here is the one signed: the update below requires the same version.
  if (isBodyEmpty(decryptNoteBody(n.bodyEnc, noteId, n.practiceId))) {
    throw new ConflictError('An empty note cannot be signed. Write the note first, then sign it.')
  }
  const signedAt = new Date()
  const signed = await db.$transaction(async (tx) => {
    const r = await tx.sessionNote.updateMany({
      where: editable(actor, scope, noteId, expectedVersion),
      data: { status: 'SIGNED', signedAt, signedById: actor.userId, version: { increment: 1 } },
    })
    if (r.count !== 1) return false
    await auditNote(tx, actor, 'NOTE_SIGN', { id: noteId, clientId: n.clientId }, { version: expectedVersion + 1 })
    return true
  }, TX_OPTIONS)
  if (!signed) throw await explainMiss(actor, scope, noteId)
  logger.info('note signed', { noteId, actorId: actor.userId })
  return { version: expectedVersion + 1, signedAt }
}

async function openAmendment(actor: Actor, scope: Scope, rootId: string, signedId: string): Promise<{ id: string; revision: number }> {
  const latest = await db.sessionNote.findFirst({
    where: { rootId, practiceId: actor.practiceId, client: scope },
    orderBy: { revision: 'desc' },
    select: { id: true, revision: true, status: true, authorId: true },
  })
  if (!latest) throw new NotFoundError('Note')
  if (latest.id === signedId) throw new ConflictError('Please try again.') // lost a race that then rolled back
  if (latest.status === 'SIGNED') throw new ConflictError('A newer version of this note exists. Open the latest version to amend it.')
  // One open amendment at a time: asking again (a double click) opens the same draft.
  if (latest.authorId === actor.userId) return { id: latest.id, revision: latest.revision }
  throw new ConflictError('An amendment of this note is already in progress by a colleague.')
}

/**
 * Starts an amendment of a signed note: a new draft row with the same rootId, revision + 1 and
 * amendsId = the signed version, its content copied (and encrypted again, bound to the new row).
 * Only the latest revision may be amended; the unique (rootId, revision) pair makes a concurrent
 * second amendment fail, so there is never more than one open amendment.
 */
export async function amendNote(actor: Actor, noteId: string): Promise<{ id: string; revision: number }> {
  const scope = requireNoteScope(actor)
  if (!isUuid(noteId)) throw new NotFoundError('Note')
  const src = await db.sessionNote.findFirst({ where: noteWhere(actor, scope, noteId), include: { goals: true } })
  if (!src) throw new NotFoundError('Note')
  if (src.status !== 'SIGNED') throw new ConflictError('This note is still a draft: edit it directly instead of amending it.')
  const newer = await db.sessionNote.count({ where: { rootId: src.rootId, revision: { gt: src.revision }, practiceId: actor.practiceId, client: scope } })
  if (newer > 0) return openAmendment(actor, scope, src.rootId, src.id)
  const id = crypto.randomUUID()
  const body = decryptNoteBody(src.bodyEnc, src.id, src.practiceId)
  const goals = src.goals.map((g) => ({
    goalId: g.goalId,
    rating: g.rating,
    commentEnc: encryptGoalComment(decryptGoalComment(g.commentEnc, src.id, g.goalId, src.practiceId), id, g.goalId, src.practiceId),
  }))
  try {
    await db.$transaction(async (tx) => {
      await tx.sessionNote.create({
        data: {
          id,
          practiceId: src.practiceId,
          clientId: src.clientId,
          rootId: src.rootId,
          revision: src.revision + 1,
          amendsId: src.id,
          authorId: actor.userId,
          sessionDate: src.sessionDate,
          format: src.format,
          bodyEnc: encryptNoteBody(body, id, src.practiceId),
          signs: src.signs,
          ...(src.scoresSnapshot === null ? {} : { scoresSnapshot: src.scoresSnapshot as Prisma.InputJsonValue }),
          goals: { create: goals },
        },
        select: { id: true },
      })
      // The new draft is the target; the signed version it amends stays unchanged.
      await auditNote(tx, actor, 'NOTE_AMEND', { id, clientId: src.clientId }, { amendsId: src.id, revision: src.revision + 1 })
    }, TX_OPTIONS)
  } catch (e) {
    if (!isUniqueViolation(e)) throw e
    return openAmendment(actor, scope, src.rootId, src.id)
  }
  logger.info('note amendment started', { noteId: id, amendsId: src.id, actorId: actor.userId })
  return { id, revision: src.revision + 1 }
}

/**
 * Puts a fresh score snapshot into a draft ("Insert scores"), or removes it. The snapshot is
 * taken here on the server, never sent by the browser, so the numbers in a note are the stored
 * scores. Like any edit it needs the version the editor last saw.
 */
export async function setNoteScores(
  actor: Actor,
  noteId: string,
  expectedVersion: number,
  mode: 'insert' | 'remove',
): Promise<{ version: number; snapshot: ScoreSnapshot | null }> {
  const scope = requireNoteScope(actor)
  if (!isUuid(noteId)) throw new NotFoundError('Note')
  const head = await db.sessionNote.findFirst({ where: noteWhere(actor, scope, noteId), select: { clientId: true } })
  if (!head) throw new NotFoundError('Note')
  const snapshot = mode === 'insert' ? await captureScoreSnapshot(actor, head.clientId) : null
  const saved = await db.$transaction(async (tx) => {
    const r = await tx.sessionNote.updateMany({
      where: editable(actor, scope, noteId, expectedVersion),
      data: { scoresSnapshot: snapshot ? (snapshot as unknown as Prisma.InputJsonValue) : Prisma.DbNull, version: { increment: 1 } },
    })
    if (r.count !== 1) return false
    await auditNote(tx, actor, 'NOTE_SCORES', { id: noteId, clientId: head.clientId }, { mode, version: expectedVersion + 1 })
    return true
  }, TX_OPTIONS)
  if (!saved) throw await explainMiss(actor, scope, noteId)
  return { version: expectedVersion + 1, snapshot }
}
