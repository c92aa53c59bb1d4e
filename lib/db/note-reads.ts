// Reading session notes. Notes are the most sensitive record here, so the scope is narrower than
// for the rest of a client's record: only the client's primary clinician reaches them. A practice
// admin who can see the client gets "not found" like anyone else (minimum necessary).
// Opening a note (NOTE_VIEW) and its version history (NOTE_HISTORY_VIEW) are audited, ids only.
import 'server-only'
import { db } from './client'
import { Prisma } from './generated/client'
import type { Actor } from '@/lib/auth/actor'
import { ownClientsSql, requireNoteScope } from './scope'
import { run } from './caseload'
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

interface NoteRow {
  id: string
  practiceId: string
  clientId: string
  rootId: string
  revision: number
  amendsId: string | null
  authorId: string
  authorName: string | null
  sessionDate: string
  format: NoteFormat
  bodyEnc: string
  signs: string[]
  scoresSnapshot: unknown
  status: 'DRAFT' | 'SIGNED'
  version: number
  signedAt: Date | null
  signedById: string | null
  signedByName: string | null
  createdAt: Date
  updatedAt: Date
  hasLater: boolean
  goals: { goalId: string; title: string; status: GoalStatus; rating: number | null; commentEnc: string | null }[]
}

// The note, its goals with their titles, the author's and signer's names (colleagues of the same
// practice; anyone else reads as a former colleague) and whether a later revision exists: one
// statement instead of five, each scoped to the practice, and the note to the actor's own clients.
const noteSelect = Prisma.sql`
  SELECT n.id::text, n."practiceId"::text, n."clientId"::text, n."rootId"::text, n.revision, n."amendsId"::text,
    n."authorId"::text, au.name AS "authorName", to_char(n."sessionDate", 'YYYY-MM-DD') AS "sessionDate",
    n.format::text AS format, n."bodyEnc", n.signs, n."scoresSnapshot", n.status::text AS status, n.version,
    n."signedAt", n."signedById"::text, sb.name AS "signedByName", n."createdAt", n."updatedAt",
    EXISTS (SELECT 1 FROM "SessionNote" l
      WHERE l."rootId" = n."rootId" AND l."practiceId" = n."practiceId" AND l.revision > n.revision) AS "hasLater",
    COALESCE((SELECT json_agg(json_build_object('goalId', g.id, 'title', g.title, 'status', g.status,
        'rating', ng.rating, 'commentEnc', ng."commentEnc"))
      FROM "NoteGoal" ng JOIN "Goal" g ON g.id = ng."goalId" WHERE ng."noteId" = n.id), '[]'::json) AS goals
  FROM "SessionNote" n
  JOIN "Client" c ON c.id = n."clientId"
  LEFT JOIN "User" au ON au.id = n."authorId" AND au."practiceId" = n."practiceId"
  LEFT JOIN "User" sb ON sb.id = n."signedById" AND sb."practiceId" = n."practiceId"`

/** One note version, decrypted. Throws DecryptionError if its ciphertext is not this row's. */
export async function getNote(actor: Actor, noteId: string): Promise<NoteDetail> {
  requireNoteScope(actor)
  if (!isUuid(noteId)) throw new NotFoundError('Note')
  const [n] = await run<NoteRow>(Prisma.sql`${noteSelect}
    WHERE n.id = ${noteId}::uuid AND n."practiceId" = ${actor.practiceId}::uuid AND ${ownClientsSql(actor)}`)
  if (!n) throw new NotFoundError('Note')
  const goals = n.goals
    .map((g) => ({
      goalId: g.goalId,
      title: g.title,
      goalStatus: g.status,
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
    sessionDate: n.sessionDate,
    body,
    signs: n.signs,
    goals,
    snapshot: parseScoreSnapshot(n.scoresSnapshot),
    author: { id: n.authorId, name: n.authorName ?? 'Former colleague' },
    createdAt: n.createdAt,
    updatedAt: n.updatedAt,
    signedAt: n.signedAt,
    signedBy: n.signedById ? { id: n.signedById, name: n.signedByName ?? 'Former colleague' } : null,
    isLatest: !n.hasLater,
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

/** Every revision of a note, oldest first (metadata only); names as getNote reads them. */
export async function listNoteVersions(actor: Actor, rootId: string): Promise<NoteVersion[]> {
  requireNoteScope(actor)
  if (!isUuid(rootId)) throw new NotFoundError('Note')
  const rows = await run<NoteVersion & { clientId: string; signedById: string | null }>(Prisma.sql`
    SELECT n.id::text, n."clientId"::text, n.revision, n."amendsId"::text, n.status::text AS status,
      COALESCE(au.name, 'Former colleague') AS author, n."createdAt", n."updatedAt", n."signedAt",
      n."signedById"::text, sb.name AS "signedBy"
    FROM "SessionNote" n
    JOIN "Client" c ON c.id = n."clientId"
    LEFT JOIN "User" au ON au.id = n."authorId" AND au."practiceId" = n."practiceId"
    LEFT JOIN "User" sb ON sb.id = n."signedById" AND sb."practiceId" = n."practiceId"
    WHERE n."rootId" = ${rootId}::uuid AND n."practiceId" = ${actor.practiceId}::uuid AND ${ownClientsSql(actor)}
    ORDER BY n.revision`)
  const first = rows[0]
  if (!first) throw new NotFoundError('Note')
  await recordAudit({
    ...actorFields(actor),
    action: 'NOTE_HISTORY_VIEW',
    targetType: 'SessionNote',
    targetId: rootId.toLowerCase(),
    clientId: first.clientId,
    details: { versions: rows.length },
  })
  return rows.map((r) => ({
    id: r.id,
    revision: r.revision,
    amendsId: r.amendsId,
    status: r.status,
    author: r.author,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    signedAt: r.signedAt,
    signedBy: r.signedById ? (r.signedBy ?? 'Former colleague') : null,
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
