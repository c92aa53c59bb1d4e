// Everything the client overview lists, read in ONE statement: the scoped client row, and each list
// as a JSON subquery of it (written before Prisma's relationJoins, when a nested read sent one
// statement per list and per relation level; it also reads lists of unrelated tables). The
// scope is in the WHERE of that one statement, so a client outside it yields no row at all, and so
// no list: another clinician's or practice's client reads exactly like a missing one.
// Each list keeps the order and the limit of the lib/db function that reads it on its own
// (listRiskFlags, listClientCheckIns, listRecentResponses, listGoals, listAssignments, listOutbox,
// listGoalProgressSeries, listClientNotes, listPracticeClinicians); tests compare the two.
import 'server-only'
import { db } from './client'
import { Prisma } from './generated/client'
import { isAdmin, isClinician, type Actor } from '@/lib/auth/actor'
import { clientScopeSql } from './scope'
import { GOAL_PROGRESS_ID } from '@/lib/assessments/goal-progress'
import type { ClientCheckIn, ClientResponse, ClientRiskFlag } from '@/lib/clients/types'

/** Rows of one list, in `order`, at most `limit`; `ord` keeps the order through json_agg. */
export const jsonList = (cols: Prisma.Sql, from: Prisma.Sql, order: Prisma.Sql, limit?: number) => Prisma.sql`
  (SELECT COALESCE(json_agg(x ORDER BY x.ord), '[]'::json) FROM (
    SELECT ${cols}, row_number() OVER (ORDER BY ${order}) AS ord ${from}
    ORDER BY ord ${limit ? Prisma.sql`LIMIT ${limit}::int` : Prisma.empty}) x)`

const RECENT_RESPONSES = 30
const CHECK_IN_ROWS = 20
const GOAL_PROGRESS_ROWS = 500

// Dates arrive as JSON strings: ISO instants for timestamptz, YYYY-MM-DD for date columns.
type Stamp = string
/** A lib/clients type as json_agg delivers it: every Date a Stamp, the rest unchanged. */
type AsJson<T> = T extends Date ? Stamp : T extends (infer U)[] ? AsJson<U>[] : T extends object ? { [K in keyof T]: AsJson<T[K]> } : T

export interface OverviewRow {
  id: string
  firstName: string
  lastName: string
  preferredName: string | null
  status: 'ACTIVE' | 'DISCHARGED'
  createdAt: Stamp
  updatedAt: Stamp
  email: string | null
  phone: string | null
  dateOfBirth: Stamp
  episodeStart: Stamp
  primaryClinician: { id: string; name: string }
  flags: AsJson<ClientRiskFlag>[]
  checkIns: AsJson<ClientCheckIn>[]
  responses: AsJson<ClientResponse>[]
  goals: {
    id: string
    templateKey: string | null
    title: string
    dimension: string | null
    status: 'ACTIVE' | 'PAUSED' | 'ACHIEVED'
    createdAt: Stamp
    updatedAt: Stamp
    revisions: { id: string; title: string; status: 'ACTIVE' | 'PAUSED' | 'ACHIEVED'; changedAt: Stamp; changedById: string; changedByName: string | null }[]
  }[]
  attachment: { id: string; instrumentId: string; quadrant: string; submittedAt: Stamp } | null
  assignments: {
    id: string
    instrumentId: string
    relationshipTarget: string | null
    recurrence: 'ONCE' | 'WEEKLY' | 'FORTNIGHTLY' | 'MONTHLY'
    startDate: Stamp
    endDate: Stamp | null
    status: 'ACTIVE' | 'PAUSED' | 'ENDED'
    createdAt: Stamp
    endedAt: Stamp | null
  }[]
  outbox: {
    id: string
    practiceId: string
    checkInId: string | null
    kind: string
    toAddress: string
    subject: string
    bodyEnc: string | null
    status: 'OUTBOX' | 'SENT' | 'FAILED'
    error: string | null
    createdAt: Stamp
    sentAt: Stamp | null
  }[]
  goalRatings: { id: string; scores: unknown; submittedAt: Stamp }[]
  /** Null unless the actor is the client's own clinician (only they read notes). */
  notes:
    | {
        id: string
        rootId: string
        revision: number
        sessionDate: Stamp
        format: string
        status: 'DRAFT' | 'SIGNED'
        updatedAt: Stamp
        signedAt: Stamp | null
        signsCount: number
        hasScores: boolean
        goalTitles: string[]
      }[]
    | null
  /** Active clinicians of the practice, for an admin's "primary clinician" choice; null otherwise. */
  clinicians: { id: string; name: string }[] | null
}

/** The client and every list of the overview, or null when the client is not in the actor's scope. */
export async function readClientOverview(actor: Actor, clientId: string): Promise<OverviewRow | null> {
  const flags = jsonList(
    Prisma.sql`f.id, f."instrumentId", f."itemNumber", f."itemValue", f.status, f."raisedAt", f."acknowledgedAt", f."acknowledgedById",
      f."resolvedAt", f."resolvedById", f."resolutionNote"`,
    Prisma.sql`FROM "RiskFlag" f WHERE f."clientId" = c.id`,
    Prisma.sql`f.status ASC, f."raisedAt" DESC`,
  )
  const checkIns = jsonList(
    Prisma.sql`k.id, k."dueDate", k.status, k."expiresAt", k."completedAt", k."reminderSentAt",
      ${jsonList(
        Prisma.sql`i.id, i."instrumentId", i."relationshipTarget"`,
        Prisma.sql`FROM "CheckInItem" i WHERE i."checkInId" = k.id`,
        Prisma.sql`i.position ASC`,
      )} AS items,
      (SELECT count(*) FROM "CheckInLink" l WHERE l."checkInId" = k.id AND l."revokedAt" IS NULL)::int AS "liveLinks"`,
    Prisma.sql`FROM "CheckIn" k WHERE k."clientId" = c.id`,
    Prisma.sql`k."dueDate" DESC, k."createdAt" DESC`,
    CHECK_IN_ROWS,
  )
  const responses = jsonList(
    Prisma.sql`r.id, r."instrumentId", r."relationshipTarget", r.scores, r.band, r.quadrant, r.flags, r.complete, r."submittedAt"`,
    Prisma.sql`FROM "Response" r WHERE r."clientId" = c.id`,
    Prisma.sql`r."submittedAt" DESC`,
    RECENT_RESPONSES,
  )
  // Names of whoever changed a goal, from the same practice only.
  const goals = jsonList(
    Prisma.sql`g.id, g."templateKey", g.title, g.dimension, g.status, g."createdAt", g."updatedAt",
      ${jsonList(
        Prisma.sql`v.id, v.title, v.status, v."changedAt", v."changedById",
          (SELECT u.name FROM "User" u WHERE u.id = v."changedById" AND u."practiceId" = c."practiceId") AS "changedByName"`,
        Prisma.sql`FROM "GoalRevision" v WHERE v."goalId" = g.id`,
        Prisma.sql`v."changedAt" DESC, v.id DESC`,
      )} AS revisions`,
    Prisma.sql`FROM "Goal" g WHERE g."clientId" = c.id`,
    Prisma.sql`g.status ASC, g."createdAt" ASC, g.id ASC`,
  )
  const attachment = Prisma.sql`(SELECT row_to_json(a) FROM (
    SELECT r.id, r."instrumentId", r.quadrant, r."submittedAt" FROM "Response" r
    WHERE r."clientId" = c.id AND r."instrumentId" IN ('ecr-r', 'ecr-rs') AND r.quadrant IS NOT NULL
    ORDER BY r."submittedAt" DESC, r.id DESC LIMIT 1) a)`
  const assignments = jsonList(
    Prisma.sql`a.id, a."instrumentId", a."relationshipTarget", a.recurrence, a."startDate", a."endDate", a.status, a."createdAt", a."endedAt"`,
    Prisma.sql`FROM "Assignment" a WHERE a."clientId" = c.id`,
    Prisma.sql`a.status ASC, a."createdAt" DESC`,
  )
  const outbox = jsonList(
    Prisma.sql`e.id, e."practiceId", e."checkInId", e.kind, e."toAddress", e.subject, e."bodyEnc", e.status, e.error, e."createdAt", e."sentAt"`,
    Prisma.sql`FROM "OutboundEmail" e WHERE e."clientId" = c.id`,
    Prisma.sql`e."createdAt" DESC, e.id DESC`,
  )
  const goalRatings = jsonList(
    Prisma.sql`r.id, r.scores, r."submittedAt"`,
    Prisma.sql`FROM "Response" r WHERE r."clientId" = c.id AND r."instrumentId" = ${GOAL_PROGRESS_ID}`,
    Prisma.sql`r."submittedAt" DESC, r.id DESC`,
    GOAL_PROGRESS_ROWS,
  )
  // Notes: only the client's own clinician (requireNoteScope + canAccessClientNotes), the latest
  // revision of each note, in the actor's practice.
  const notes = isClinician(actor)
    ? Prisma.sql`CASE WHEN c."primaryClinicianId" = ${actor.userId}::uuid THEN ${jsonList(
        Prisma.sql`n.id, n."rootId", n.revision, n."sessionDate", n.format, n.status, n."updatedAt", n."signedAt",
          cardinality(n.signs) AS "signsCount", (n."scoresSnapshot" IS NOT NULL) AS "hasScores",
          ARRAY(SELECT g.title FROM "NoteGoal" ng JOIN "Goal" g ON g.id = ng."goalId" WHERE ng."noteId" = n.id) AS "goalTitles"`,
        Prisma.sql`FROM "SessionNote" n WHERE n."clientId" = c.id AND n."practiceId" = ${actor.practiceId}::uuid
          AND NOT EXISTS (SELECT 1 FROM "SessionNote" m WHERE m."rootId" = n."rootId" AND m."clientId" = c.id AND m.revision > n.revision)`,
        Prisma.sql`n."sessionDate" DESC, n."createdAt" DESC`,
      )} END`
    : Prisma.sql`NULL::json`
  const clinicians = isAdmin(actor)
    ? jsonList(
        Prisma.sql`u.id, u.name`,
        Prisma.sql`FROM "User" u WHERE u."practiceId" = c."practiceId" AND u.status = 'ACTIVE' AND 'CLINICIAN' = ANY(u.roles)`,
        Prisma.sql`u.name ASC`,
      )
    : Prisma.sql`NULL::json`

  const [row] = await db.$queryRaw<{ data: string }[]>`
    SELECT json_build_object(
      'id', c.id, 'firstName', c."firstName", 'lastName', c."lastName", 'preferredName', c."preferredName", 'status', c.status,
      'createdAt', c."createdAt", 'updatedAt', c."updatedAt", 'email', c.email, 'phone', c.phone,
      'dateOfBirth', c."dateOfBirth", 'episodeStart', c."episodeStart",
      'primaryClinician', json_build_object('id', pc.id, 'name', pc.name),
      'flags', ${flags}, 'checkIns', ${checkIns}, 'responses', ${responses}, 'goals', ${goals}, 'attachment', ${attachment},
      'assignments', ${assignments}, 'outbox', ${outbox}, 'goalRatings', ${goalRatings}, 'notes', ${notes}, 'clinicians', ${clinicians}
    )::text AS data
    FROM "Client" c
    JOIN "User" pc ON pc.id = c."primaryClinicianId"
    WHERE c.id = ${clientId}::uuid AND ${clientScopeSql(actor)}`
  return row ? (JSON.parse(row.data) as OverviewRow) : null
}
