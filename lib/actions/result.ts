// What server actions answer, in one vocabulary, and the helpers that build the answers. Client
// components import these types (and idleState), so this module stays free of server code: the
// mapping of domain errors to answers is in ./known-errors.ts.
import type { z } from 'zod'

/** A form or button action: a message, per-field errors, and what the user typed. */
export interface ActionState {
  status: 'idle' | 'error' | 'success'
  message?: string
  fieldErrors?: Record<string, string>
  /** Echoed on a refusal so the form is shown again with the user's input, not emptied. */
  values?: Record<string, string>
}

/** A refusal: always a message the user can act on. */
export type ActionError = ActionState & { status: 'error'; message: string }

/** An answer that may carry a link to show once (no SMTP, or the email failed). */
export interface LinkActionState extends ActionState {
  url?: string
}

/** Setting a password from an invite or reset link: done, then sign in (and maybe set up MFA). */
export interface SetPasswordState extends ActionState {
  done?: boolean
  mfaSetupNeeded?: boolean
}

/** Turning MFA on: the recovery codes come back once, with the success. */
export interface ConfirmEnrolmentState extends ActionState {
  recoveryCodes?: string[]
}

/** An action that loads something to show: the data, or a message to show instead. */
export type DataResult<T extends object, S extends string = 'success'> = ({ status: S } & T) | { status: 'error'; message: string }

/** 'ready', not 'success': the secret is made and shown, but MFA is on only once a code confirms it. */
export type StartEnrolmentResult = DataResult<{ secret: string; otpauthUrl: string }, 'ready'>

/**
 * An autosaving editor's answers. It must tell a refusal it can fix in place (invalid) from a
 * record changed elsewhere (conflict: reload) and one that is gone (not-found: keep your text).
 */
export type SaveResult<T extends object = object> =
  | ({ status: 'saved'; id: string; version: number; savedAt: string } & T)
  | { status: 'invalid'; message: string; fieldErrors: Record<string, string> }
  | SaveRefusal

export type SaveRefusal = { status: 'conflict' | 'not-found'; message: string }

export const idleState: ActionState = { status: 'idle' }

/** The one summary of a form refused by its schema; the details are next to each field. */
export const FIX_FIELDS = 'Please correct the highlighted fields.'

/** Field name → first message, for showing next to each field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {}
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form')
    out[key] ??= issue.message
  }
  return out
}

/** The form's text fields as typed (Next's own `$ACTION_…` fields left out). */
export function formValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of form.entries()) if (typeof v === 'string' && !k.startsWith('$')) out[k] = v
  return out
}

// `values` is left out, not set to undefined, when there is nothing to echo: answers stay plain.
const echo = (values?: Record<string, string>) => (values ? { values } : {})

/** Input refused by its schema: nothing was written. */
export function invalid(error: z.ZodError, values?: Record<string, string>): ActionError {
  return { status: 'error', message: FIX_FIELDS, fieldErrors: fieldErrors(error), ...echo(values) }
}

/** A refusal the user can act on, optionally shown next to fields. */
export function failed(message: string, more: { fieldErrors?: Record<string, string>; values?: Record<string, string> } = {}): ActionError {
  return { status: 'error', message, ...(more.fieldErrors ? { fieldErrors: more.fieldErrors } : {}), ...echo(more.values) }
}

/** A missing record, or one that is not the caller's: the same answer, so ids cannot be probed. */
export function recordNotFound(what: string, values?: Record<string, string>): ActionError {
  return failed(`${what} not found.`, { values })
}

export function ok(message: string, values?: Record<string, string>): ActionState {
  return { status: 'success', message, ...echo(values) }
}
