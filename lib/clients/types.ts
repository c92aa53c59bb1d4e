// Client contracts shared by lib/db (what it reads) and pages and components (what they show).
// Pure: no I/O, no imports. ClientStatus is the database enum's values; lib/db returns these
// shapes from its selects, so a column added to a select and not here (or renamed) fails to compile.

export const CLIENT_STATUSES = ['ACTIVE', 'DISCHARGED'] as const
export type ClientStatus = (typeof CLIENT_STATUSES)[number]

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
