import 'server-only'

/** Thrown by lib/db when a record is missing *or* outside the caller's scope: the two are one answer. */
export class NotFoundError extends Error {
  constructor(what = 'Record') {
    super(`${what} not found`)
    this.name = 'NotFoundError'
  }
}

/** A write that lost a race or conflicts with the current state (e.g. a stale edit). */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConflictError'
  }
}

/** A request that breaks an account rule; the message is written for the admin. */
export class AccountRuleError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'AccountRuleError'
  }
}
