// Reading session notes. Notes are the most sensitive record here, so the scope is narrower than
// for the rest of a client's record: only the client's primary clinician reaches them. A practice
// admin who can see the client gets "not found" like anyone else (minimum necessary).
// Opening a note (NOTE_VIEW) and its version history (NOTE_HISTORY_VIEW) are audited, ids only.
import 'server-only'
import { db } from './client'
import type { Prisma } from './generated/client'
import type { Actor } from '@/lib/auth/actor'
import { requireNoteScope } from './scope'
import { NotFoundError } from './errors'
import { actorFields, recordAudit } from '@/lib/audit/record'
import { decryptGoalComment, decryptNoteBody } from './note-crypto'
import { isUuid } from '@/lib/validation/uuid'
import type { GoalOption, GoalStatus } from '@/lib/goals/types'
import { parseScoreSnapshot, type ScoreSnapshot } from '@/lib/notes/snapshot'
import type { NoteBody, NoteFormat } from '@/lib/notes/templates'

export const noteWhere = (actor: Actor, scope: Prisma.ClientWhereInput, id: string): Prisma.SessionNoteWhereInput => ({
  id,
  practiceId: actor.practiceId,
  client: scope,
})

async function namesOf(actor: Actor, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => !!i))]
  if (wanted.length === 0) return new Map()
  const users = await db.user.findMany({ where: { id: { in: wanted }, practiceId: actor.practiceId }, select: { id: true, name: true } })
  return new Map(users.map((u) => [u.id, u.name]))
}

interface NoteGoalDetail {
  goalId: string
  title: string
  goalStatus: GoalStatus
  rating: number | null
  comment: string
}

export interface NoteDetail {
  id: string
  rootId: string
  revision: number
  amendsId: string | null
  clientId: string
  status: 'DRAFT' | 'SIGNED'
  version: number
  format: NoteFormat
  /** YYYY-MM-DD */
  sessionDate: string
  body: NoteBody
  signs: string[]
  goals: NoteGoalDetail[]
  snapshot: ScoreSnapshot | null
  author: { id: string; name: string }
  createdAt: Date
  updatedAt: Date
  signedAt: Date | null
  signedBy: { id: string; name: string } | null
  /** No later revision of this note exists. */
  isLatest: boolean
  /** A draft the actor wrote: the only kind of note anyone may edit. */
  canEdit: boolean
}

/** One note version, decrypted. Throws DecryptionError if its ciphertext is not this row's. */
export async function getNote(actor: Actor, noteId: string): Promise<NoteDetail> {
  const scope = requireNoteScope(actor)
  if (!isUuid(noteId)) throw new NotFoundError('Note')
  const n = await db.sessionNote.findFirst({
    where: noteWhere(actor, scope, noteId),
    include: { goals: { include: { goal: { select: { title: true, status: true } } } } },
  })
  if (!n) throw new NotFoundError('Note')
  const [names, later] = await Promise.all([
    namesOf(actor, [n.authorId, n.signedById]),
    db.sessionNote.count({ where: { rootId: n.rootId, revision: { gt: n.revision }, practiceId: actor.practiceId, client: scope } }),
  ])
  const goals = n.goals
    .map((g) => ({
      goalId: g.goalId,
      title: g.goal.title,
      goalStatus: g.goal.status,
      rating: g.rating,
      comment: decryptGoalComment(g.commentEnc, n.id, g.goalId, n.practiceId),
    }))
    .sort((a, b) => a.title.localeCompare(b.title))
  const body = decryptNoteBody(n.bodyEnc, n.id, n.practiceId)
  // Recorded once the note has been found and decrypted, before anything is returned (fail closed).
  await recordAudit({
    ...actorFields(actor),
    action: 'NOTE_VIEW',
    targetType: 'SessionNote',
    targetId: n.id,
    clientId: n.clientId,
    details: { revision: n.revision },
  })
  return {
    id: n.id,
    rootId: n.rootId,
    revision: n.revision,
    amendsId: n.amendsId,
    clientId: n.clientId,
    status: n.status,
    version: n.version,
    format: n.format,
    sessionDate: n.sessionDate.toISOString().slice(0, 10),
    body,
    signs: n.signs,
    goals,
    snapshot: parseScoreSnapshot(n.scoresSnapshot),
    author: { id: n.authorId, name: names.get(n.authorId) ?? 'Former colleague' },
    createdAt: n.createdAt,
    updatedAt: n.updatedAt,
    signedAt: n.signedAt,
    signedBy: n.signedById ? { id: n.signedById, name: names.get(n.signedById) ?? 'Former colleague' } : null,
    isLatest: later === 0,
    canEdit: n.status === 'DRAFT' && n.authorId === actor.userId,
  }
}

export interface NoteVersion {
  id: string
  revision: number
  amendsId: string | null
  status: 'DRAFT' | 'SIGNED'
  author: string
  createdAt: Date
  updatedAt: Date
  signedAt: Date | null
  signedBy: string | null
}

/** Every revision of a note, oldest first (metadata only). */
export async function listNoteVersions(actor: Actor, rootId: string): Promise<NoteVersion[]> {
  const scope = requireNoteScope(actor)
  if (!isUuid(rootId)) throw new NotFoundError('Note')
  const rows = await db.sessionNote.findMany({
    where: { rootId, practiceId: actor.practiceId, client: scope },
    orderBy: { revision: 'asc' },
    select: {
      id: true,
      clientId: true,
      revision: true,
      amendsId: true,
      status: true,
      authorId: true,
      signedById: true,
      createdAt: true,
      updatedAt: true,
      signedAt: true,
    },
  })
  if (rows.length === 0) throw new NotFoundError('Note')
  await recordAudit({
    ...actorFields(actor),
    action: 'NOTE_HISTORY_VIEW',
    targetType: 'SessionNote',
    targetId: rootId.toLowerCase(),
    clientId: rows[0]!.clientId,
    details: { versions: rows.length },
  })
  const names = await namesOf(
    actor,
    rows.flatMap((r) => [r.authorId, r.signedById]),
  )
  return rows.map((r) => ({
    id: r.id,
    revision: r.revision,
    amendsId: r.amendsId,
    status: r.status,
    author: names.get(r.authorId) ?? 'Former colleague',
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    signedAt: r.signedAt,
    signedBy: r.signedById ? (names.get(r.signedById) ?? 'Former colleague') : null,
  }))
}

export interface NoteSummary {
  /** The latest revision's id (where a link should go). */
  id: string
  rootId: string
  revision: number
  sessionDate: string
  format: NoteFormat
  status: 'DRAFT' | 'SIGNED'
  /** The latest revision is a draft amending a signed note. */
  amending: boolean
  updatedAt: Date
  signedAt: Date | null
  goalTitles: string[]
  signsCount: number
  hasScores: boolean
}

/** The latest revision of each of a client's notes, newest session first. No bodies. */
export async function listClientNotes(actor: Actor, clientId: string): Promise<NoteSummary[]> {
  const scope = requireNoteScope(actor, 'Client')
  if (!isUuid(clientId)) throw new NotFoundError('Client')
  const client = await db.client.findFirst({ where: { id: clientId, ...scope }, select: { id: true } })
  if (!client) throw new NotFoundError('Client')
  const where = { clientId, practiceId: actor.practiceId, client: scope }
  const all = await db.sessionNote.findMany({ where, select: { id: true, rootId: true, revision: true } })
  const latest = new Map<string, { id: string; revision: number }>()
  for (const r of all) if ((latest.get(r.rootId)?.revision ?? 0) < r.revision) latest.set(r.rootId, r)
  const rows = await db.sessionNote.findMany({
    where: { ...where, id: { in: [...latest.values()].map((r) => r.id) } },
    orderBy: [{ sessionDate: 'desc' }, { createdAt: 'desc' }],
    select: {
      id: true,
      rootId: true,
      revision: true,
      sessionDate: true,
      format: true,
      status: true,
      updatedAt: true,
      signedAt: true,
      signs: true,
      scoresSnapshot: true,
      goals: { select: { goal: { select: { title: true } } } },
    },
  })
  return rows.map((r) => ({
    id: r.id,
    rootId: r.rootId,
    revision: r.revision,
    sessionDate: r.sessionDate.toISOString().slice(0, 10),
    format: r.format,
    status: r.status,
    amending: r.status === 'DRAFT' && r.revision > 1,
    updatedAt: r.updatedAt,
    signedAt: r.signedAt,
    goalTitles: r.goals.map((g) => g.goal.title).sort((a, b) => a.localeCompare(b)),
    signsCount: r.signs.length,
    hasScores: r.scoresSnapshot !== null,
  }))
}

/** The client's goals a note can link (the editor shows active ones and any already linked). */
export async function listNoteGoalOptions(actor: Actor, clientId: string): Promise<GoalOption[]> {
  const scope = requireNoteScope(actor, 'Client')
  if (!isUuid(clientId)) throw new NotFoundError('Client')
  return db.goal.findMany({
    where: { clientId, client: scope },
    orderBy: [{ status: 'asc' }, { createdAt: 'asc' }],
    select: { id: true, title: true, status: true },
  })
}
