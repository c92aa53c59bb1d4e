// Encryption of note bodies and goal comments, and key rotation for every encrypted column.
// Each ciphertext is bound to its row (AAD = [table, id, field, practiceId]), so a value copied
// into another row or practice fails to decrypt instead of showing someone else's text.
// (No 'server-only' marker here: scripts/rotate-keys.ts runs this outside Next.)
import 'server-only'
import { db } from './client'
import type { Prisma } from './generated/client'
import { decryptField, DecryptionError, encryptField, keyring, type Aad } from '@/lib/crypto/field'
import type { Keyring } from '@/lib/crypto/keyring'
import { logger } from '@/lib/log'
import type { NoteBody } from '@/lib/notes/templates'
import { must } from '@/lib/must'

export const noteBodyAad = (noteId: string, practiceId: string): Aad => ['SessionNote', noteId, 'body', practiceId]
export const goalCommentAad = (noteId: string, goalId: string, practiceId: string): Aad => ['NoteGoal', `${noteId}:${goalId}`, 'comment', practiceId]
// The same bindings as lib/email/send.ts and lib/db/system/checkin-token.ts (rotation must match them).
const emailBodyAad = (id: string, practiceId: string): Aad => ['OutboundEmail', id, 'body', practiceId]
const checkInDraftAad = (id: string, practiceId: string): Aad => ['CheckIn', id, 'draft', practiceId]

export function encryptNoteBody(body: NoteBody, noteId: string, practiceId: string): string {
  return encryptField(JSON.stringify(body), noteBodyAad(noteId, practiceId))
}

/** The decrypted sections. Throws DecryptionError for a value that is not this row's. */
export function decryptNoteBody(bodyEnc: string, noteId: string, practiceId: string): NoteBody {
  const parsed: unknown = JSON.parse(decryptField(bodyEnc, noteBodyAad(noteId, practiceId)))
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new DecryptionError('Note body has an unexpected shape')
  const out: NoteBody = {}
  for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') out[k] = v
  return out
}

/** An empty comment is stored as null: nothing to protect, nothing to show. */
export function encryptGoalComment(comment: string, noteId: string, goalId: string, practiceId: string): string | null {
  return comment === '' ? null : encryptField(comment, goalCommentAad(noteId, goalId, practiceId))
}

export function decryptGoalComment(commentEnc: string | null, noteId: string, goalId: string, practiceId: string): string {
  return commentEnc === null ? '' : decryptField(commentEnc, goalCommentAad(noteId, goalId, practiceId))
}

// ---- Key rotation ---------------------------------------------------------------------------

export const ENCRYPTED_TABLES = ['SessionNote', 'NoteGoal', 'OutboundEmail', 'CheckIn'] as const
export type EncryptedTable = (typeof ENCRYPTED_TABLES)[number]

interface RotationCounts {
  /** Re-encrypted under the current key. */
  rotated: number
  /** Changed by the app while rotating (so already written under the current key). */
  changed: number
  /** Could not be decrypted with the keyring (missing key or damaged value); left as they are. */
  failed: number
  /** Still under another key after the run (0 when the old keys can be removed). */
  remaining: number
}
export type RotationReport = Record<EncryptedTable, RotationCounts>

interface Row {
  id: string
  value: string
  aad: Aad
  updatedAt?: Date
}

interface Target {
  fetch(after: string | undefined, prefix: string, take: number): Promise<Row[]>
  swap(row: Row, value: string): Prisma.PrismaPromise<Prisma.BatchPayload>
  remaining(prefix: string): Promise<number>
}

const after = (id: string | undefined) => (id ? { id: { gt: id } } : {})

// Every update is a compare-and-swap on the old ciphertext: a row the app rewrote meanwhile is
// left alone. Nothing else changes: not status, version, signedAt, nor updatedAt (a signed note's
// ciphertext is the one thing rotation may rewrite; its content stays the same).
const targets: Record<EncryptedTable, Target> = {
  SessionNote: {
    fetch: async (id, prefix, take) =>
      (
        await db.sessionNote.findMany({
          where: { ...after(id), NOT: { bodyEnc: { startsWith: prefix } } },
          orderBy: { id: 'asc' },
          take,
          select: { id: true, practiceId: true, bodyEnc: true, updatedAt: true },
        })
      ).map((r) => ({ id: r.id, value: r.bodyEnc, aad: noteBodyAad(r.id, r.practiceId), updatedAt: r.updatedAt })),
    swap: (row, value) => db.sessionNote.updateMany({ where: { id: row.id, bodyEnc: row.value }, data: { bodyEnc: value, updatedAt: row.updatedAt } }),
    remaining: (prefix) => db.sessionNote.count({ where: { NOT: { bodyEnc: { startsWith: prefix } } } }),
  },
  NoteGoal: {
    fetch: async (id, prefix, take) =>
      (
        await db.noteGoal.findMany({
          where: { ...after(id), commentEnc: { not: null }, NOT: { commentEnc: { startsWith: prefix } } },
          orderBy: { id: 'asc' },
          take,
          select: { id: true, noteId: true, goalId: true, commentEnc: true, note: { select: { practiceId: true } } },
        })
      ).map((r) => ({ id: r.id, value: r.commentEnc!, aad: goalCommentAad(r.noteId, r.goalId, r.note.practiceId) })),
    swap: (row, value) => db.noteGoal.updateMany({ where: { id: row.id, commentEnc: row.value }, data: { commentEnc: value } }),
    remaining: (prefix) => db.noteGoal.count({ where: { commentEnc: { not: null }, NOT: { commentEnc: { startsWith: prefix } } } }),
  },
  OutboundEmail: {
    fetch: async (id, prefix, take) =>
      (
        await db.outboundEmail.findMany({
          where: { ...after(id), bodyEnc: { not: null }, NOT: { bodyEnc: { startsWith: prefix } } },
          orderBy: { id: 'asc' },
          take,
          select: { id: true, practiceId: true, bodyEnc: true },
        })
      ).map((r) => ({ id: r.id, value: r.bodyEnc!, aad: emailBodyAad(r.id, r.practiceId) })),
    swap: (row, value) => db.outboundEmail.updateMany({ where: { id: row.id, bodyEnc: row.value }, data: { bodyEnc: value } }),
    remaining: (prefix) => db.outboundEmail.count({ where: { bodyEnc: { not: null }, NOT: { bodyEnc: { startsWith: prefix } } } }),
  },
  CheckIn: {
    fetch: async (id, prefix, take) =>
      (
        await db.checkIn.findMany({
          where: { ...after(id), draftEnc: { not: null }, NOT: { draftEnc: { startsWith: prefix } } },
          orderBy: { id: 'asc' },
          take,
          select: { id: true, practiceId: true, draftEnc: true },
        })
      ).map((r) => ({ id: r.id, value: r.draftEnc!, aad: checkInDraftAad(r.id, r.practiceId) })),
    swap: (row, value) => db.checkIn.updateMany({ where: { id: row.id, draftEnc: row.value }, data: { draftEnc: value } }),
    remaining: (prefix) => db.checkIn.count({ where: { draftEnc: { not: null }, NOT: { draftEnc: { startsWith: prefix } } } }),
  },
}

export interface RotationOptions {
  batchSize?: number
  /** Progress after each batch (ids and counts only). */
  onBatch?: (table: EncryptedTable, counts: RotationCounts) => void
  ring?: Keyring
}

async function rotateTable(table: EncryptedTable, ring: Keyring, take: number, onBatch?: RotationOptions['onBatch']): Promise<RotationCounts> {
  const target = targets[table]
  // startsWith becomes LIKE 'prefix%' unescaped: escape LIKE's wildcards (a kid may contain "_").
  const prefix = `v1.${ring.current}.`.replace(/[\\%_]/g, '\\$&')
  const counts: RotationCounts = { rotated: 0, changed: 0, failed: 0, remaining: 0 }
  let cursor: string | undefined
  for (;;) {
    const rows = await target.fetch(cursor, prefix, take)
    if (rows.length === 0) break
    cursor = must(rows.at(-1), 'the last row of a non-empty batch').id
    // Decrypt and encrypt outside the transaction; the transaction only runs the swaps, so it is
    // short (the embedded database has one connection that every request shares).
    const swaps = []
    const unreadable: string[] = []
    for (const row of rows) {
      try {
        swaps.push(target.swap(row, encryptField(decryptField(row.value, row.aad, ring), row.aad, ring)))
      } catch (e) {
        if (!(e instanceof DecryptionError)) throw e
        unreadable.push(row.id)
      }
    }
    if (unreadable.length > 0) {
      counts.failed += unreadable.length
      logger.warn('key rotation: values could not be decrypted (key missing or value damaged)', { table, ids: unreadable })
    }
    if (swaps.length > 0) {
      const results = await db.$transaction(swaps)
      for (const r of results) {
        if (r.count === 1) counts.rotated++
        else counts.changed++
      }
    }
    onBatch?.(table, { ...counts })
  }
  counts.remaining = await target.remaining(prefix)
  return counts
}

/**
 * Re-encrypts every encrypted value that is not under the current key (the first in the keyring),
 * in batches of `batchSize`, each batch in its own transaction. Idempotent and resumable: a second
 * run, or a run after an interruption, only touches what is still under an old key.
 */
export async function rotateEncryptionKeys(opts: RotationOptions = {}): Promise<RotationReport> {
  const ring = opts.ring ?? keyring()
  const take = opts.batchSize ?? 200
  const report = {} as RotationReport
  for (const table of ENCRYPTED_TABLES) report[table] = await rotateTable(table, ring, take, opts.onBatch)
  logger.info('key rotation finished', { current: ring.current, ...Object.fromEntries(ENCRYPTED_TABLES.map((t) => [t, report[t].rotated])) })
  return report
}

/** How many stored values each key id protects, per table (exact, from the stored prefix). */
export async function countCiphertextsByKey(): Promise<Record<EncryptedTable, Record<string, number>>> {
  type R = { kid: string | null; n: bigint | number }[]
  const [notes, comments, emails, drafts] = await Promise.all([
    db.$queryRaw<R>`SELECT split_part("bodyEnc", '.', 2) AS kid, count(*) AS n FROM "SessionNote" GROUP BY 1`,
    db.$queryRaw<R>`SELECT split_part("commentEnc", '.', 2) AS kid, count(*) AS n FROM "NoteGoal" WHERE "commentEnc" IS NOT NULL GROUP BY 1`,
    db.$queryRaw<R>`SELECT split_part("bodyEnc", '.', 2) AS kid, count(*) AS n FROM "OutboundEmail" WHERE "bodyEnc" IS NOT NULL GROUP BY 1`,
    db.$queryRaw<R>`SELECT split_part("draftEnc", '.', 2) AS kid, count(*) AS n FROM "CheckIn" WHERE "draftEnc" IS NOT NULL GROUP BY 1`,
  ])
  const shape = (rows: R) => Object.fromEntries(rows.map((r) => [r.kid || '(unrecognised)', Number(r.n)]))
  return { SessionNote: shape(notes), NoteGoal: shape(comments), OutboundEmail: shape(emails), CheckIn: shape(drafts) }
}
