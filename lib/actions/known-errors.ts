// The domain errors a user can act on, each turned into an answer in one wording. Anything else is
// rethrown: the segment's error.tsx shows it and logs it, and its message never reaches the browser.
import 'server-only'
import { AccountRuleError, ConflictError, NotFoundError } from '@/lib/db/errors'
import { failed, recordNotFound, type ActionError, type SaveRefusal } from './result'

interface Placement {
  /** Echoed so a refused form keeps what was typed. */
  values?: Record<string, string>
  /** The field a rule's message is shown next to (as well as at the top of the form). */
  field?: string
}

/**
 * `what` names the record the action was about. A missing record and one that is not the caller's
 * answer alike ("Client not found."), so the wording is the action's, never the data layer's.
 */
export function fromKnownError(e: unknown, what: string, at: Placement = {}): ActionError {
  if (e instanceof NotFoundError) return recordNotFound(what, at.values)
  // Their messages are written for the user (a stale edit, a broken account rule).
  if (e instanceof ConflictError || e instanceof AccountRuleError) {
    return failed(e.message, { fieldErrors: at.field ? { [at.field]: e.message } : undefined, values: at.values })
  }
  throw e
}

/** The same errors for an autosaving editor, which keeps the user's text either way. */
export function saveRefusalFromKnownError(e: unknown, gone: string): SaveRefusal {
  if (e instanceof NotFoundError) return { status: 'not-found', message: gone }
  if (e instanceof ConflictError) return { status: 'conflict', message: e.message }
  throw e
}
