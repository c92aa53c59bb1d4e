// Who may reach which client, in one place. Every query that touches a client's record puts one of
// these in the WHERE of the same statement that reads or writes (never "check, then act"), so a
// record outside the scope answers exactly like a missing one.
// - A practice admin reaches every client of their practice; a clinician only their own caseload.
// - Session notes are narrower (minimum necessary): only the client's primary clinician, never an
//   admin as such.
// - Admin-only operations share one assertion with one answer for anyone else: not found.
// Children reach the rule through their client relation: `where: { id, client: clientScope(actor) }`.
import 'server-only'
import { Prisma } from './generated/client'
import { isAdmin, isClinician, type Actor } from '@/lib/auth/actor'
import { actorFields, recordAudit } from '@/lib/audit/record'
import type { AuditAction } from '@/lib/audit/actions'
import type { CaseloadQuery } from '@/lib/validation/caseload'
import { NotFoundError } from './errors'

type Who = Pick<Actor, 'practiceId' | 'userId' | 'roles'>

/** The actor's own caseload (what a clinician sees; what an admin who is also a clinician starts on). */
export const ownClientScope = (actor: Who): Prisma.ClientWhereInput => ({ practiceId: actor.practiceId, primaryClinicianId: actor.userId })

/** The clients the actor may reach, as a Prisma `where` on Client (or on `client` of a child row). */
export function clientScope(actor: Who): Prisma.ClientWhereInput {
  return isAdmin(actor) ? { practiceId: actor.practiceId } : ownClientScope(actor)
}

// Raw statements: the same rule over the Client row aliased `c`, every value a bound parameter.
const practiceSql = (actor: Who) => Prisma.sql`c."practiceId" = ${actor.practiceId}::uuid`
const clinicianSql = (clinicianId: string) => Prisma.sql`c."primaryClinicianId" = ${clinicianId}::uuid`
/** ownClientScope(actor) for raw SQL (alias `c`): the actor's own caseload, whatever their roles. */
export const ownClientsSql = (actor: Who) => Prisma.sql`${practiceSql(actor)} AND ${clinicianSql(actor.userId)}`

/** clientScope(actor) for raw SQL; the statement must alias the Client table as `c`. */
export function clientScopeSql(actor: Who): Prisma.Sql {
  return isAdmin(actor) ? practiceSql(actor) : ownClientsSql(actor)
}

/** clientScope(actor) for a client whose owner is already in memory (the refusal audit). */
export function isInClientScope(actor: Who, owner: { practiceId: string; primaryClinicianId: string }): boolean {
  return owner.practiceId === actor.practiceId && (isAdmin(actor) || owner.primaryClinicianId === actor.userId)
}

/** An admin who also holds a caseload may switch between it and the whole practice. */
export const canWidenCaseload = (actor: Pick<Actor, 'roles'>) => isAdmin(actor) && isClinician(actor)

/** Admin-only users see the practice; admin+clinician users their own caseload unless they ask for all. */
export function caseloadScope(actor: Pick<Actor, 'roles'>, requested: CaseloadQuery['scope']): 'practice' | 'own' {
  if (!isAdmin(actor)) return 'own'
  return !canWidenCaseload(actor) || requested === 'all' ? 'practice' : 'own'
}

/** The caseload's scope for raw SQL (alias `c`): own caseload, or the practice narrowed to one clinician. */
export function caseloadScopeSql(actor: Who, query: Pick<CaseloadQuery, 'scope' | 'clinician'>): Prisma.Sql {
  if (caseloadScope(actor, query.scope) === 'own') return ownClientsSql(actor)
  // Only a practice-wide view may narrow to another clinician; elsewhere the parameter is ignored.
  return query.clinician ? Prisma.sql`${clientScopeSql(actor)} AND ${clinicianSql(query.clinician)}` : clientScopeSql(actor)
}

/** The clients whose session notes the actor may reach; null when none (not a clinician). */
function noteClientScope(actor: Who): Prisma.ClientWhereInput | null {
  return isClinician(actor) ? ownClientScope(actor) : null
}

/** noteClientScope, or NotFoundError(what) for an actor who holds no notes at all. */
export function requireNoteScope(actor: Who, what = 'Note'): Prisma.ClientWhereInput {
  const scope = noteClientScope(actor)
  if (!scope) throw new NotFoundError(what)
  return scope
}

/** noteClientScope for a client already read in scope: whether its notes show (pages, timeline). */
export function canAccessClientNotes(actor: Who, client: { primaryClinicianId: string }): boolean {
  return isClinician(actor) && client.primaryClinicianId === actor.userId
}

/** Set when a refusal must also be recorded (who tried to read the audit trail). */
export interface DeniedAdminAttempt {
  attempted: AuditAction
  targetType: string
}

/**
 * Only practice admins pass. Anyone else gets NotFoundError(what): the name of what the caller
 * would have reached ('Account', 'Practice', 'Page' …), so the refusal reads like a missing record.
 * With `denied`, the refusal is written to the audit trail first (fail closed: if that write
 * fails, the call fails).
 */
export async function assertAdmin(actor: Actor, what = 'Page', denied?: DeniedAdminAttempt): Promise<void> {
  if (isAdmin(actor)) return
  if (denied) {
    await recordAudit({
      ...actorFields(actor),
      action: 'AUTHZ_DENIED',
      outcome: 'DENIED',
      targetType: denied.targetType,
      details: { attempted: denied.attempted },
    })
  }
  throw new NotFoundError(what)
}
