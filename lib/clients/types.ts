// Client contracts shared by lib/db (what it reads) and pages and components (what they show).
// Pure: no I/O, no imports. ClientStatus is the database enum's values; lib/db returns these
// shapes from its selects, so a column added to a select and not here (or renamed) fails to compile.

type ClientStatus = 'ACTIVE' | 'DISCHARGED'

/** A client as the caseload list shows them (listClients). */
export interface ClientSummary {
  id: string
  firstName: string
  lastName: string
  preferredName: string | null
  status: ClientStatus
  createdAt: Date
  primaryClinician: { id: string; name: string }
}

/** A client's record as their pages show it (getClient). */
export interface ClientDetail extends ClientSummary {
  email: string | null
  phone: string | null
  dateOfBirth: Date
  episodeStart: Date
  updatedAt: Date
}

/** One instrument assigned to the client, current or ended (listAssignments). */
export interface ClientAssignment {
  id: string
  instrumentId: string
  relationshipTarget: string | null
  recurrence: 'ONCE' | 'WEEKLY' | 'FORTNIGHTLY' | 'MONTHLY'
  startDate: Date
  endDate: Date | null
  status: 'ACTIVE' | 'PAUSED' | 'ENDED'
  createdAt: Date
  endedAt: Date | null
}

/** One of the client's check-ins, newest first (listClientCheckIns). */
export interface ClientCheckIn {
  id: string
  dueDate: Date
  status: 'OPEN' | 'COMPLETED' | 'EXPIRED' | 'CANCELLED'
  expiresAt: Date
  completedAt: Date | null
  reminderSentAt: Date | null
  items: { id: string; instrumentId: string; relationshipTarget: string | null }[]
  /** Links not revoked (whether or not the check-in is still open). */
  liveLinks: number
}

/** One scored questionnaire (listRecentResponses). */
export interface ClientResponse {
  id: string
  instrumentId: string
  relationshipTarget: string | null
  /** Scale name → score, as lib/assessments scored it. */
  scores: Record<string, number>
  band: string | null
  quadrant: string | null
  flags: string[]
  complete: boolean
  submittedAt: Date
}

/** A risk flag raised by a positive risk item (listRiskFlags). */
export interface ClientRiskFlag {
  id: string
  instrumentId: string
  itemNumber: number
  itemValue: number
  status: 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED'
  raisedAt: Date
  acknowledgedAt: Date | null
  acknowledgedById: string | null
  resolvedAt: Date | null
  resolvedById: string | null
  resolutionNote: string | null
}
