// Every action code the audit trail records, and what each means in words for the audit viewer.
// Pure (no I/O): the viewer imports it, and lib/audit/record.ts types `AuditInput.action` with it,
// so a code the code base writes cannot be missing here (TypeScript refuses it) and
// `auditActionWords` must give words to every one (a Record over the list).

export const AUDIT_ACTIONS = [
  // Signing in and one's own account
  'LOGIN_OK',
  'LOGIN_FAIL',
  'LOGIN_THROTTLED',
  'MFA_OK',
  'MFA_FAIL',
  'MFA_ENROL',
  'MFA_DISABLE',
  'MFA_RESET',
  'RECOVERY_CODE_USED',
  'PASSWORD_CHANGE',
  // Administration
  'USER_INVITE',
  'ROLE_CHANGE',
  'USER_DEACTIVATE',
  'USER_REACTIVATE',
  'PASSWORD_RESET_ISSUE',
  'SETTINGS_UPDATE',
  'CLIENT_TRANSFER',
  'AUDIT_VIEW',
  'AUDIT_EXPORT',
  'EXPORT_FHIR_BULK',
  // Practice outcomes (aggregates, no client named)
  'OUTCOMES_VIEW',
  'OUTCOMES_EXPORT',
  // Clients
  'CLIENT_LIST',
  'ATTENTION_LIST',
  'CLIENT_VIEW',
  'CLIENT_CREATE',
  'CLIENT_UPDATE',
  'CLIENT_EPISODE_START',
  'SCORES_VIEW',
  'RESULTS_VIEW',
  'RESPONSE_VIEW',
  'EXPORT_CSV',
  'EXPORT_FHIR',
  // Questionnaires and check-ins
  'ASSIGNMENT_CREATE',
  'ASSIGNMENT_LIST',
  'ASSIGNMENT_UPDATE',
  'ASSIGNMENT_PAUSE',
  'ASSIGNMENT_RESUME',
  'ASSIGNMENT_END',
  'LINK_ISSUE',
  'LINK_REVOKE',
  'LINK_OPEN',
  'LINK_THROTTLED',
  'CHECKIN_SUBMIT',
  'CHECKIN_CANCEL',
  // Risk flags
  'FLAG_ACKNOWLEDGE',
  'FLAG_RESOLVE',
  // Session notes
  'NOTE_CREATE',
  'NOTE_UPDATE',
  'NOTE_SIGN',
  'NOTE_AMEND',
  'NOTE_SCORES',
  'NOTE_VIEW',
  'NOTE_HISTORY_VIEW',
  // Goals
  'GOAL_CREATE',
  'GOAL_UPDATE',
  // Refusals
  'AUTHZ_DENIED',
] as const

/** An audit action code; also what a refused attempt names (details.attempted of AUTHZ_DENIED). */
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

/** Plain words for each code, as an admin reads the trail: what the person (or link, or system) did. */
export const auditActionWords: Record<AuditAction, string> = {
  LOGIN_OK: 'Signed in',
  LOGIN_FAIL: 'Sign-in failed',
  LOGIN_THROTTLED: 'Sign-in blocked after too many attempts',
  MFA_OK: 'Passed two-step verification',
  MFA_FAIL: 'Two-step verification code refused',
  MFA_ENROL: 'Turned on two-step verification',
  MFA_DISABLE: 'Turned off two-step verification',
  MFA_RESET: "Reset someone's two-step verification",
  RECOVERY_CODE_USED: 'Used a recovery code',
  PASSWORD_CHANGE: 'Changed a password',
  USER_INVITE: 'Invited someone to the practice',
  ROLE_CHANGE: "Changed someone's roles",
  USER_DEACTIVATE: 'Deactivated an account',
  USER_REACTIVATE: 'Reactivated an account',
  PASSWORD_RESET_ISSUE: 'Made a password reset link',
  SETTINGS_UPDATE: 'Changed practice settings',
  CLIENT_TRANSFER: 'Transferred clients to another clinician',
  AUDIT_VIEW: 'Viewed the audit log',
  AUDIT_EXPORT: 'Downloaded the audit log',
  EXPORT_FHIR_BULK: "Downloaded the practice's records (FHIR bulk export)",
  OUTCOMES_VIEW: 'Viewed practice outcomes',
  OUTCOMES_EXPORT: 'Downloaded practice outcomes (CSV)',
  CLIENT_LIST: 'Viewed the client list',
  ATTENTION_LIST: 'Viewed the Needs attention list',
  CLIENT_VIEW: "Opened a client's record",
  CLIENT_CREATE: 'Added a client',
  CLIENT_UPDATE: "Changed a client's details",
  CLIENT_EPISODE_START: 'Started a new episode of care',
  SCORES_VIEW: "Viewed a client's scores",
  RESULTS_VIEW: "Viewed a client's check-in results",
  RESPONSE_VIEW: "Opened a client's answers",
  EXPORT_CSV: "Downloaded a client's scores (CSV)",
  EXPORT_FHIR: "Downloaded a client's record (FHIR)",
  ASSIGNMENT_CREATE: 'Assigned a questionnaire',
  ASSIGNMENT_LIST: "Viewed a client's questionnaires",
  ASSIGNMENT_UPDATE: 'Changed a questionnaire schedule',
  ASSIGNMENT_PAUSE: 'Paused a questionnaire',
  ASSIGNMENT_RESUME: 'Resumed a questionnaire',
  ASSIGNMENT_END: 'Ended a questionnaire',
  LINK_ISSUE: 'Made a check-in link',
  LINK_REVOKE: 'Revoked a check-in link',
  LINK_OPEN: 'Opened a check-in link',
  LINK_THROTTLED: 'Check-in links blocked after too many attempts',
  CHECKIN_SUBMIT: 'Sent a check-in',
  CHECKIN_CANCEL: 'Cancelled a check-in',
  FLAG_ACKNOWLEDGE: 'Acknowledged a risk flag',
  FLAG_RESOLVE: 'Resolved a risk flag',
  NOTE_CREATE: 'Started a session note',
  NOTE_UPDATE: 'Edited a session note',
  NOTE_SIGN: 'Signed a session note',
  NOTE_AMEND: 'Amended a signed session note',
  NOTE_SCORES: 'Added scores to a session note',
  NOTE_VIEW: 'Opened a session note',
  NOTE_HISTORY_VIEW: "Viewed a session note's versions",
  GOAL_CREATE: 'Added a goal',
  GOAL_UPDATE: 'Changed a goal',
  AUTHZ_DENIED: 'Access refused',
}

export function isAuditAction(code: string): code is AuditAction {
  return Object.hasOwn(auditActionWords, code)
}

/** The words for a code; a code this version does not know (an older or newer one) is shown as itself. */
export function auditActionLabel(code: string): string {
  return isAuditAction(code) ? auditActionWords[code] : code
}
