// Account and practice contracts shared by lib/db (what it reads) and the admin and client pages
// (what they show). Pure: no I/O. Roles and the statuses are the database enums' values; lib/db
// returns these shapes from its selects, so a drift between the two fails to compile.
import type { Actor } from '@/lib/auth/actor'

type UserStatus = 'INVITED' | 'ACTIVE' | 'DEACTIVATED'

/** The practice's settings a page needs (getPractice). */
export interface PracticeInfo {
  id: string
  name: string
  timeZone: string
  idleTimeoutMinutes: number
}

/** An active clinician, for "primary clinician" choices (listPracticeClinicians). */
export interface ClinicianOption {
  id: string
  name: string
}

/** One account on the admin's accounts page (listAccounts). */
export interface AccountRow {
  id: string
  name: string
  email: string
  roles: Actor['roles']
  status: UserStatus
  lastSignInAt: Date | null
  createdAt: Date
  isSelf: boolean
  hasMfa: boolean
  /** Active clients whose primary clinician this account is. */
  activeClients: number
  /** The open invite's expiry, if an invite is waiting. */
  inviteExpiresAt: Date | null
}

/** Someone who holds clients or could receive them, on the transfer page (listTransferChoices). */
export interface TransferChoice {
  id: string
  name: string
  status: UserStatus
  canReceive: boolean
  clients: { id: string; label: string; status: 'ACTIVE' | 'DISCHARGED' }[]
}
