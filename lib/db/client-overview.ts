// The client overview's data in a fixed number of statements whatever the client's history: one
// read of the client with every list (client-parts.ts), then one insert for the page's audit events
// (CLIENT_VIEW and RESULTS_VIEW, as getClient and listRecentResponses record them on their own).
import 'server-only'
import type { Actor } from '@/lib/auth/actor'
import { actorFields, recordAudits } from '@/lib/audit/record'
import { recordDenied } from '@/lib/audit/denied'
import { goalProgressSeries } from '@/lib/assessments/goal-ratings'
import type { Quadrant } from '@/lib/assessments'
import type { ClinicianOption } from '@/lib/accounts/types'
import type { ClientAssignment, ClientCheckIn, ClientDetail, ClientResponse, ClientRiskFlag } from '@/lib/clients/types'
import type { GoalProgressSeries } from '@/lib/goals/types'
import { suggestedTemplates } from '@/lib/goals/library'
import { isUuid } from '@/lib/validation/uuid'
import { NotFoundError } from './errors'
import { readClientOverview, type OverviewRow } from './client-parts'
import type { GoalSuggestions, GoalView } from './goals'
import type { NoteSummary } from './note-reads'
import { toOutboxEmail, type OutboxEmail } from './outbox'

export interface ClientOverview {
  client: ClientDetail
  riskFlags: ClientRiskFlag[]
  checkIns: ClientCheckIn[]
  recentResponses: ClientResponse[]
  goals: GoalView[]
  goalSuggestions: GoalSuggestions | null
  assignments: ClientAssignment[]
  outbox: OutboxEmail[]
  goalProgress: GoalProgressSeries[]
  /** The list for the client's own clinician; null for anyone else (an admin sees that notes exist, never them). */
  notes: NoteSummary[] | null
  /** An admin's choice of primary clinician; undefined for anyone else. */
  clinicians: ClinicianOption[] | undefined
}

const at = (s: string) => new Date(s)
const atOrNull = (s: string | null) => (s === null ? null : new Date(s))

/**
 * Everything the overview shows of a client, or NotFoundError for a client outside the actor's
 * scope (missing or not theirs, alike; a refusal is recorded as getClient records it).
 */
export async function getClientOverview(actor: Actor, clientId: string): Promise<ClientOverview> {
  if (!isUuid(clientId)) throw new NotFoundError('Client')
  const row = await readClientOverview(actor, clientId)
  if (!row) {
    await recordDenied(actor, { action: 'CLIENT_VIEW', targetType: 'Client', targetId: clientId })
    throw new NotFoundError('Client')
  }
  const overview = toOverview(row)
  // Recorded before anything is shown (fail closed), in the order the page used to record them.
  const target = { ...actorFields(actor), targetType: 'Client', targetId: row.id, clientId: row.id }
  await recordAudits([
    { ...target, action: 'CLIENT_VIEW' },
    { ...target, action: 'RESULTS_VIEW', details: { count: overview.recentResponses.length } },
  ])
  return overview
}

function toOverview(r: OverviewRow): ClientOverview {
  const goals: GoalView[] = r.goals.map((g) => ({
    id: g.id,
    templateKey: g.templateKey,
    title: g.title,
    dimension: g.dimension,
    status: g.status,
    createdAt: at(g.createdAt),
    updatedAt: at(g.updatedAt),
    revisions: g.revisions.map((v) => ({
      id: v.id,
      title: v.title,
      status: v.status,
      changedAt: at(v.changedAt),
      changedById: v.changedById,
      changedByName: v.changedByName,
    })),
  }))
  return {
    client: {
      id: r.id,
      firstName: r.firstName,
      lastName: r.lastName,
      preferredName: r.preferredName,
      status: r.status,
      createdAt: at(r.createdAt),
      primaryClinician: r.primaryClinician,
      email: r.email,
      phone: r.phone,
      dateOfBirth: at(r.dateOfBirth),
      episodeStart: at(r.episodeStart),
      updatedAt: at(r.updatedAt),
    },
    riskFlags: r.flags.map((f) => ({
      id: f.id,
      instrumentId: f.instrumentId,
      itemNumber: f.itemNumber,
      itemValue: f.itemValue,
      status: f.status,
      raisedAt: at(f.raisedAt),
      acknowledgedAt: atOrNull(f.acknowledgedAt),
      acknowledgedById: f.acknowledgedById,
      resolvedAt: atOrNull(f.resolvedAt),
      resolvedById: f.resolvedById,
      resolutionNote: f.resolutionNote,
    })),
    checkIns: r.checkIns.map((k) => ({
      id: k.id,
      dueDate: at(k.dueDate),
      status: k.status,
      expiresAt: at(k.expiresAt),
      completedAt: atOrNull(k.completedAt),
      reminderSentAt: atOrNull(k.reminderSentAt),
      items: k.items.map((i) => ({ id: i.id, instrumentId: i.instrumentId, relationshipTarget: i.relationshipTarget })),
      liveLinks: k.liveLinks,
    })),
    recentResponses: r.responses.map((x) => ({
      id: x.id,
      instrumentId: x.instrumentId,
      relationshipTarget: x.relationshipTarget,
      scores: x.scores,
      band: x.band,
      quadrant: x.quadrant,
      flags: x.flags,
      complete: x.complete,
      submittedAt: at(x.submittedAt),
    })),
    goals,
    goalSuggestions: suggestions(r, goals),
    assignments: r.assignments.map((a) => ({
      id: a.id,
      instrumentId: a.instrumentId,
      relationshipTarget: a.relationshipTarget,
      recurrence: a.recurrence,
      startDate: at(a.startDate),
      endDate: atOrNull(a.endDate),
      status: a.status,
      createdAt: at(a.createdAt),
      endedAt: atOrNull(a.endedAt),
    })),
    outbox: r.outbox.map((e) => toOutboxEmail({ ...e, createdAt: at(e.createdAt), sentAt: atOrNull(e.sentAt) })),
    // Newest first to keep the latest rows; charted oldest first (as listGoalProgressSeries).
    goalProgress: goalProgressSeries(
      goals.map((g) => ({ goalId: g.id, title: g.title, status: g.status })),
      r.goalRatings.map((x) => ({ id: x.id, scores: x.scores, submittedAt: at(x.submittedAt) })).reverse(),
    ),
    notes:
      r.notes?.map((n) => ({
        id: n.id,
        rootId: n.rootId,
        revision: n.revision,
        sessionDate: n.sessionDate,
        format: n.format as NoteSummary['format'],
        status: n.status,
        amending: n.status === 'DRAFT' && n.revision > 1,
        updatedAt: at(n.updatedAt),
        signedAt: atOrNull(n.signedAt),
        goalTitles: [...n.goalTitles].sort((a, b) => a.localeCompare(b)),
        signsCount: n.signsCount,
        hasScores: n.hasScores,
      })) ?? null,
    clinicians: r.clinicians?.map((c) => ({ id: c.id, name: c.name })),
  }
}

/** As goalSuggestions(): templates for the latest attachment region, minus those an active or paused goal uses. */
function suggestions(r: OverviewRow, goals: GoalView[]): GoalSuggestions | null {
  const latest = r.attachment
  if (!latest?.quadrant) return null
  const used = new Set(goals.filter((g) => (g.status === 'ACTIVE' || g.status === 'PAUSED') && g.templateKey !== null).map((g) => g.templateKey))
  return {
    quadrant: latest.quadrant as Quadrant,
    basedOn: { instrumentId: latest.instrumentId, date: at(latest.submittedAt), responseId: latest.id },
    templates: suggestedTemplates(latest.quadrant).filter((t) => !used.has(t.key)),
  }
}
