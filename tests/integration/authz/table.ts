// The authorization matrix (SECURITY.md §3.5, R9-R12) as data: actor × entry point × target →
// expected outcome. The matrix-*.test.ts files run every cell against the real database through
// the real server actions, route handlers and pages; coverage.test.ts fails when an exported server
// action, route handler or page has no cell, or when a cell names an export that no longer exists.
//
// Expectations:
//   allow            the change (or read) happens: the spec's `verify` checks the database / answer
//   notFound         the answer is indistinguishable from the same call with random, non-existent
//                    ids (or tokens), and no row of the world changes
//   unauthenticated  a redirect to /login, and no row of the world changes
//   rejected         refused and no row of the world changes (cross-bound ids, wrong-kind tokens:
//                    cases where "the same call with random ids" is not the right comparison)
//   contained        whatever the answer, the rows of `untouched` (another client or practice)
//                    stay byte-identical
import { CLINICAL_SPECS } from './specs-clinical'
import { STAFF_SPECS } from './specs-staff'
import { PAGE_SPECS } from './specs-pages'
import { FHIR_SPECS } from './specs-fhir'
import { F, type Cell, type Expect, type Resource, type Spec, type TargetName } from './kit'
import type { ActorName } from './world'

export type { Cell } from './kit'

export const SPECS: Record<string, Spec> = { ...CLINICAL_SPECS, ...STAFF_SPECS, ...PAGE_SPECS, ...FHIR_SPECS }

/** Which test file runs which resources (each file builds its own world; two files run at once). */
export const SHARDS: Record<'clinical' | 'records' | 'staff', Resource[]> = {
  clinical: ['client', 'check-in', 'response'],
  records: ['note', 'goal', 'flag'],
  staff: ['account', 'settings', 'audit', 'session', 'system'],
}

type Row = [actor: ActorName, target: TargetName, expect: Expect]

function cells(key: string, rows: Row[], extra: Partial<Pick<Cell, 'untouched' | 'bug' | 'refusalAudits'>> = {}): Cell[] {
  const spec = SPECS[key]
  if (!spec) throw new Error(`authz table: no spec for ${key}`)
  const [action = '', variant = ''] = key.split(/:(?=[^/#]*$)/)
  return rows.map(([actor, target, expected]) => ({ actor, action, variant, resource: spec.resource, op: spec.op, target, expect: expected, ...extra }))
}

/**
 * The usual row for an entry point on one client's record: the owner and (optionally) the
 * practice admin may, a colleague and the other practice's admin get "not found", and the signed-
 * out visitor is sent to sign in. Allowed mutations run on a fresh record.
 */
function clientRecord(key: string, o: { admin: 'allow' | 'notFound'; mutates: boolean; adminRefusalAudits?: string[] }): Cell[] {
  const own: TargetName = o.mutates ? 'fresh' : 'C1'
  const admin = cells(key, [['adminP1', o.admin === 'allow' ? own : 'C1', o.admin]], o.adminRefusalAudits ? { refusalAudits: o.adminRefusalAudits } : {})
  return [
    ...cells(key, [
      ['anon', 'C1', 'unauthenticated'],
      ['clinA', own, 'allow'],
    ]),
    ...admin,
    ...cells(key, [
      ['clinB', 'C1', 'notFound'],
      ['adminP2', 'C1', 'notFound'],
      // The clinician reaching into the other practice, and an admin reaching across practices.
      ['clinA', 'C3', 'notFound'],
      ['adminP1', 'C3', 'notFound'],
    ]),
  ]
}

/** Admin-only entry points on an account: only the practice's own admin, and only its accounts. */
function accountRecord(key: string, forbidden: TargetName, fresh: TargetName): Cell[] {
  return cells(key, [
    ['anon', forbidden, 'unauthenticated'],
    ['adminP1', fresh, 'allow'],
    ['clinA', forbidden, 'notFound'],
    ['clinB', forbidden, 'notFound'],
    ['adminP2', forbidden, 'notFound'],
  ])
}

/** Entry points that act on the signed-in person only. */
function selfOnly(key: string): Cell[] {
  return cells(key, [
    ['anon', 'self', 'unauthenticated'],
    ['clinA', 'self', 'allow'],
    ['clinB', 'self', 'allow'],
    ['adminP1', 'self', 'allow'],
    ['adminP2', 'self', 'allow'],
  ])
}

/** Admin-only pages and exports without a target: each admin sees only their own practice. */
function adminOnly(key: string): Cell[] {
  return cells(key, [
    ['anon', 'none', 'unauthenticated'],
    ['clinA', 'none', 'notFound'],
    ['clinB', 'none', 'notFound'],
    ['adminP1', 'none', 'allow'],
    ['adminP2', 'none', 'allow'],
  ])
}

const k = (file: string, name: string, variant = '') => `${file}#${name}${variant ? `:${variant}` : ''}`

const BUG_RESUME_GENERATES_FOR_ANY_CLIENT =
  "changeAssignmentAction runs generateDueCheckIns({ clientId }) with the page-bound clientId after resuming the caller's own assignment: any client id (another clinician's, another practice's) gets its due check-ins created."

const BUG_ADMIN_HOLDS_RESET_LINK =
  "resetPasswordAction (app/(dashboard)/admin/actions.ts) returns the one-time reset URL to the admin when mail is not configured (or fails); the admin can redeem it, set a colleague's password and sign in as them (R1), then read their clients' session notes (R12). Only MFA on that account stops it, and practices default to mfaRequired=false."

const BUG_ADMIN_SELF_TRANSFER_READS_NOTES =
  "An admin can add the CLINICIAN role to themselves (changeRolesAction on self) and transfer any clinician's client to themselves (transferClientsAction accepts the admin as the receiving clinician); as primary clinician they then read every session note of that client (R12), with no break-glass reason, time limit or notice (R13)."

export const MATRIX: Cell[] = [
  // ---------------------------------------------------------------- client
  ...cells(k(F.clients, 'createClientAction', 'self'), [
    ['anon', 'none', 'unauthenticated'],
    ['clinA', 'none', 'allow'],
    ['clinB', 'none', 'allow'],
  ]),
  // The chosen clinician is checked on the server: a clinician cannot add to a colleague's
  // caseload, an admin only to a clinician of their own practice.
  ...cells(k(F.clients, 'createClientAction', 'for-clinician'), [
    ['adminP1', 'C1', 'allow'],
    ['clinB', 'C1', 'allow'],
    ['adminP2', 'C1', 'notFound'],
  ]),
  ...clientRecord(k(F.clients, 'updateClientAction', 'edit'), { admin: 'allow', mutates: true }),
  ...clientRecord(k(F.clients, 'updateClientAction', 'archive'), { admin: 'allow', mutates: true }),
  ...cells(k(F.clients, 'updateClientAction', 'reassign-to-colleague'), [
    ['clinA', 'fresh', 'allow'],
    ['adminP1', 'fresh', 'allow'],
  ]),
  ...cells(k(F.clients, 'updateClientAction', 'reassign-to-other-practice'), [['adminP1', 'fresh', 'rejected']]),
  ...cells(k(F.clients, 'updateClientAction', 'edit-with-practiceId'), [
    ['clinA', 'fresh', 'rejected'],
    ['adminP1', 'fresh', 'rejected'],
  ]),
  ...cells(k(F.admin, 'transferClientsAction'), [
    ['anon', 'xfer:C1', 'unauthenticated'],
    ['adminP1', 'xfer:fresh', 'allow'],
    ['clinA', 'xfer:C1', 'notFound'],
    ['clinB', 'xfer:C1', 'notFound'],
    ['adminP2', 'xfer:C1', 'notFound'],
    ['adminP2', 'xfer:C3toClinA', 'rejected'],
    ['adminP1', 'xfer:C1toClinP2', 'rejected'],
  ]),
  ...cells(k(F.pClients, 'default'), [
    ['anon', 'none', 'unauthenticated'],
    ['clinA', 'none', 'allow'],
    ['clinB', 'none', 'allow'],
    ['adminP1', 'none', 'allow'],
    ['adminP2', 'none', 'allow'],
  ]),
  ...cells(k(F.pClients, 'default', 'scope-all-colleague'), [['clinB', 'none', 'allow']]),
  ...clientRecord(k(F.pClient, 'default'), { admin: 'allow', mutates: false }),
  ...clientRecord(k(F.pClient, 'default', 'check-ins'), { admin: 'allow', mutates: false }),
  ...clientRecord(k(F.pClient, 'default', 'goals'), { admin: 'allow', mutates: false }),
  ...clientRecord(k(F.pClient, 'default', 'flags'), { admin: 'allow', mutates: false }),
  ...cells(k(F.pAttention, 'default'), [
    ['anon', 'none', 'unauthenticated'],
    ['clinA', 'none', 'allow'],
    ['clinB', 'none', 'allow'],
    ['adminP1', 'none', 'notFound'],
    ['adminP2', 'none', 'notFound'],
  ]),
  ...cells(k(F.pOutcomes, 'default'), [
    ['anon', 'none', 'unauthenticated'],
    ['clinA', 'none', 'allow'],
    ['clinB', 'none', 'allow'],
    ['adminP1', 'none', 'allow'],
    ['adminP2', 'none', 'allow'],
  ]),
  ...cells(k(F.pOutcomes, 'default', 'colleague'), [['clinB', 'none', 'allow']]),
  ...cells(k(F.outcomesExport, 'GET'), [
    ['anon', 'none', 'unauthenticated'],
    ['clinA', 'none', 'allow'],
    ['clinB', 'none', 'allow'],
    ['adminP1', 'none', 'allow'],
    ['adminP2', 'none', 'allow'],
  ]),
  ...cells(k(F.pNewClient, 'default'), [
    ['anon', 'none', 'unauthenticated'],
    ['clinA', 'none', 'allow'],
    ['clinB', 'none', 'allow'],
    ['adminP1', 'none', 'allow'],
    ['adminP2', 'none', 'allow'],
  ]),
  ...cells(k(F.pTransfer, 'default'), [
    ['anon', 'C1', 'unauthenticated'],
    ['clinA', 'C1', 'notFound'],
    ['clinB', 'C1', 'notFound'],
    ['adminP1', 'C1', 'allow'],
    ['adminP2', 'C1', 'allow'],
  ]),

  // ---------------------------------------------------------------- check-in (assignments, links)
  ...clientRecord(k(F.checkins, 'assignAction'), { admin: 'allow', mutates: true }),
  ...clientRecord(k(F.checkins, 'changeAssignmentAction', 'pause'), { admin: 'allow', mutates: true }),
  ...clientRecord(k(F.checkins, 'changeAssignmentAction', 'resume'), { admin: 'allow', mutates: true }),
  ...clientRecord(k(F.checkins, 'changeAssignmentAction', 'end'), { admin: 'allow', mutates: true }),
  ...clientRecord(k(F.checkins, 'editAssignmentAction'), { admin: 'allow', mutates: true }),
  ...cells(k(F.checkins, 'changeAssignmentAction', 'pause'), [
    ['clinA', 'mix:C1/C3', 'notFound'],
    ['clinA', 'mix:C1/C2', 'notFound'],
  ]),
  // Resuming one's own assignment must not create check-ins for the client id the call was bound to.
  ...cells(k(F.checkins, 'changeAssignmentAction', 'resume-bound-to-C3'), [['clinA', 'fresh', 'contained']], {
    untouched: 'C3',
    bug: BUG_RESUME_GENERATES_FOR_ANY_CLIENT,
  }),
  ...cells(k(F.checkins, 'changeAssignmentAction', 'resume-bound-to-C2'), [['clinA', 'fresh', 'contained']], {
    untouched: 'C2',
    bug: BUG_RESUME_GENERATES_FOR_ANY_CLIENT,
  }),
  ...clientRecord(k(F.checkins, 'linkAction', 'copy'), { admin: 'allow', mutates: true }),
  ...clientRecord(k(F.checkins, 'linkAction', 'email'), { admin: 'allow', mutates: true }),
  ...clientRecord(k(F.checkins, 'linkAction', 'reissue'), { admin: 'allow', mutates: true }),
  ...clientRecord(k(F.checkins, 'linkAction', 'revoke'), { admin: 'allow', mutates: true }),
  ...clientRecord(k(F.checkins, 'linkAction', 'cancel'), { admin: 'allow', mutates: true }),
  ...cells(k(F.checkins, 'linkAction', 'copy'), [
    ['clinA', 'mix:C1/C3', 'notFound'],
    ['clinA', 'mix:C1/C2', 'notFound'],
  ]),
  // The client's side: the link token is the only credential.
  ...cells(k(F.pCheckIn, 'getServerSideProps'), [
    ['anon', 'C1', 'allow'],
    ['anon', 'wrongToken', 'notFound'],
  ]),
  ...cells(k(F.publicCheckIn, 'POST'), [
    ['anon', 'fresh', 'allow'],
    ['anon', 'wrongToken', 'notFound'],
    ['anon', 'revoked:C1', 'rejected'],
    // C1's live token with C3's item ids: the body cannot reach another check-in.
    ['anon', 'tokenMix:C1/C3', 'rejected'],
  ]),

  // ---------------------------------------------------------------- response
  ...cells(k(F.pCheckIn, 'getServerSideProps', 'send'), [
    ['anon', 'fresh', 'allow'],
    ['anon', 'wrongToken', 'notFound'],
    ['anon', 'revoked:C1', 'rejected'],
    ['anon', 'tokenMix:C1/C3', 'rejected'],
  ]),
  ...clientRecord(k(F.series, 'loadResponseDetailAction'), { admin: 'allow', mutates: false }),
  ...cells(k(F.series, 'loadResponseDetailAction'), [
    ['clinA', 'mix:C1/C3', 'notFound'],
    ['clinA', 'mix:C1/C2', 'notFound'],
  ]),
  ...clientRecord(k(F.series, 'startNewEpisodeAction'), { admin: 'allow', mutates: true }),
  ...clientRecord(k(F.clientExport, 'GET'), { admin: 'allow', mutates: false }),
  ...clientRecord(k(F.clientFhir, 'GET'), { admin: 'allow', mutates: false }),
  ...adminOnly(k(F.practiceFhir, 'GET')),
  ...clientRecord(k(F.pReport, 'default'), { admin: 'allow', mutates: false }),

  // ---------------------------------------------------------------- note (only the client's own clinician)
  ...clientRecord(k(F.notes, 'saveNoteDraftAction', 'create'), { admin: 'notFound', mutates: true }),
  ...clientRecord(k(F.notes, 'saveNoteDraftAction', 'update'), { admin: 'notFound', mutates: true }),
  ...cells(k(F.notes, 'saveNoteDraftAction', 'update'), [
    ['clinA', 'mix:C1/C3', 'notFound'],
    ['clinA', 'mix:C1/C2', 'notFound'],
  ]),
  ...cells(k(F.notes, 'saveNoteDraftAction', 'create-linking-goal'), [
    ['clinA', 'fresh', 'allow'],
    ['clinA', 'mix:C1/C3', 'notFound'],
    ['clinA', 'mix:C1/C2', 'notFound'],
  ]),
  ...cells(k(F.notes, 'saveNoteDraftAction', 'create-over-existing-id'), [
    ['clinA', 'mix:C1/C3', 'rejected'],
    ['clinA', 'mix:C1/C2', 'rejected'],
  ]),
  ...clientRecord(k(F.notes, 'noteScoresAction'), { admin: 'notFound', mutates: true }),
  ...clientRecord(k(F.notes, 'signNoteAction'), { admin: 'notFound', mutates: true }),
  ...cells(k(F.notes, 'signNoteAction'), [['clinA', 'mix:C1/C2', 'notFound']]),
  ...clientRecord(k(F.notes, 'amendNoteAction'), { admin: 'notFound', mutates: true }),
  ...cells(k(F.notes, 'amendNoteAction'), [['clinA', 'mix:C1/C3', 'notFound']]),
  ...clientRecord(k(F.pNote, 'default'), { admin: 'notFound', mutates: false }),
  ...cells(k(F.pNote, 'default'), [['clinA', 'mix:C1/C2', 'notFound']]),
  // The page reads the client (which the admin may see) before refusing the note editor, so the
  // trail records a CLIENT_VIEW for a page that answered 404: over-recorded, nothing shown.
  ...cells(k(F.admin, 'transferClientsAction', 'to-self-then-read-notes'), [['adminP1', 'fresh', 'allow']], { bug: BUG_ADMIN_SELF_TRANSFER_READS_NOTES }),
  ...clientRecord(k(F.pNewNote, 'default'), { admin: 'notFound', mutates: false, adminRefusalAudits: ['CLIENT_VIEW'] }),

  // ---------------------------------------------------------------- goal
  ...clientRecord(k(F.goals, 'createGoalAction'), { admin: 'allow', mutates: true }),
  ...clientRecord(k(F.goals, 'updateGoalAction', 'reword'), { admin: 'allow', mutates: true }),
  ...clientRecord(k(F.goals, 'updateGoalAction', 'achieve'), { admin: 'allow', mutates: true }),
  ...cells(k(F.goals, 'updateGoalAction', 'reword'), [
    ['clinA', 'mix:C1/C3', 'notFound'],
    ['clinA', 'mix:C1/C2', 'notFound'],
  ]),

  // ---------------------------------------------------------------- flag
  ...clientRecord(k(F.checkins, 'acknowledgeFlagAction'), { admin: 'allow', mutates: true }),
  ...clientRecord(k(F.checkins, 'resolveFlagAction'), { admin: 'allow', mutates: true }),
  ...cells(k(F.checkins, 'acknowledgeFlagAction'), [
    ['clinA', 'mix:C1/C3', 'notFound'],
    ['clinA', 'mix:C1/C2', 'notFound'],
  ]),
  ...cells(k(F.checkins, 'resolveFlagAction'), [['clinA', 'mix:C1/C3', 'notFound']]),

  // ---------------------------------------------------------------- account
  ...cells(k(F.admin, 'inviteUserAction'), [
    ['anon', 'none', 'unauthenticated'],
    ['clinA', 'none', 'notFound'],
    ['clinB', 'none', 'notFound'],
    ['adminP1', 'none', 'allow'],
    ['adminP2', 'none', 'allow'],
  ]),
  ...cells(k(F.admin, 'inviteUserAction', 'existing-email'), [['adminP2', 'acct:clinA', 'rejected']]),
  ...accountRecord(k(F.admin, 'resendInviteAction'), 'acct:invitedP1', 'acct:freshInvited'),
  ...accountRecord(k(F.admin, 'resetPasswordAction'), 'acct:clinB', 'acct:fresh'),
  ...cells(k(F.admin, 'resetPasswordAction', 'admin-redeems-link'), [['adminP1', 'acct:fresh', 'allow']], { bug: BUG_ADMIN_HOLDS_RESET_LINK }),
  ...accountRecord(k(F.admin, 'changeRolesAction'), 'acct:clinB', 'acct:fresh'),
  ...accountRecord(k(F.admin, 'deactivateUserAction'), 'acct:clinB', 'acct:fresh'),
  ...accountRecord(k(F.admin, 'reactivateUserAction'), 'acct:deactivatedP1', 'acct:freshDeactivated'),
  ...adminOnly(k(F.pAdmin, 'default')),
  ...adminOnly(k(F.pInvite, 'default')),
  ...selfOnly(k(F.account, 'changePasswordAction')),
  ...selfOnly(k(F.mfa, 'startMfaEnrolmentAction')),
  ...selfOnly(k(F.mfa, 'confirmMfaEnrolmentAction')),
  ...selfOnly(k(F.mfa, 'disableMfaAction')),
  ...selfOnly(k(F.pAccount, 'default')),
  ...selfOnly(k(F.pMfa, 'default')),
  ...cells(k(F.passwordLinks, 'acceptInviteAction'), [
    ['anon', 'link:freshInvite', 'allow'],
    ['anon', 'link:resetUsedAsInvite', 'notFound'],
  ]),
  ...cells(k(F.passwordLinks, 'resetPasswordFromLinkAction'), [
    ['anon', 'link:freshReset', 'allow'],
    ['anon', 'link:inviteUsedAsReset', 'notFound'],
  ]),
  ...cells(k(F.pAcceptInvite, 'default'), [
    ['anon', 'link:freshInvite', 'allow'],
    ['anon', 'link:resetUsedAsInvite', 'notFound'],
  ]),
  ...cells(k(F.pReset, 'default'), [
    ['anon', 'link:freshReset', 'allow'],
    ['anon', 'link:inviteUsedAsReset', 'notFound'],
  ]),

  // ---------------------------------------------------------------- settings
  ...cells(k(F.admin, 'updateSettingsAction'), [
    ['anon', 'none', 'unauthenticated'],
    ['clinA', 'none', 'notFound'],
    ['clinB', 'none', 'notFound'],
    ['adminP1', 'none', 'allow'],
  ]),
  // The other practice's admin saves their own settings; practice 1 stays as it was.
  ...cells(k(F.admin, 'updateSettingsAction'), [['adminP2', 'none', 'contained']], { untouched: 'P1' }),
  ...adminOnly(k(F.pSettings, 'default')),

  // ---------------------------------------------------------------- audit
  ...adminOnly(k(F.auditExport, 'GET')),
  ...cells(k(F.auditExport, 'GET', 'filter-foreign-client'), [
    ['adminP2', 'C1', 'allow'],
    ['adminP1', 'C3', 'allow'],
  ]),
  ...adminOnly(k(F.pAudit, 'default')),

  // ---------------------------------------------------------------- session and system
  ...selfOnly(k(F.signOut, 'signOutAction')),
  ...cells(k(F.nextAuth, 'GET'), [
    ['anon', 'none', 'allow'],
    ['clinA', 'none', 'allow'],
    ['adminP2', 'none', 'allow'],
  ]),
  ...cells(k(F.nextAuth, 'POST'), [['anon', 'none', 'rejected']]),
  ...cells(k(F.nextAuth, 'POST', 'with-csrf'), [['anon', 'none', 'allow']]),
  ...cells(k(F.health, 'GET'), [['anon', 'none', 'allow']]),
  ...cells(k(F.pHome, 'default'), [
    ['anon', 'none', 'unauthenticated'],
    ['clinA', 'none', 'allow'],
    ['clinB', 'none', 'allow'],
    ['adminP1', 'none', 'allow'],
    ['adminP2', 'none', 'allow'],
  ]),
  ...cells(k(F.pLogin, 'default'), [
    ['anon', 'none', 'allow'],
    ['clinA', 'none', 'allow'],
  ]),
]

export const specOf = (cell: Cell): Spec => SPECS[`${cell.action}${cell.variant ? `:${cell.variant}` : ''}`]!

export const cellName = (c: Cell) =>
  `${c.bug ? '[regression] ' : ''}${c.actor} ${c.op} ${c.resource} via ${c.action.replace(/^app\//, '')}${c.variant ? `:${c.variant}` : ''} on ${c.target} → ${c.expect}${c.untouched ? ` (${c.untouched} untouched)` : ''}`
