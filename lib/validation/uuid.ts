// One definition of a well-formed id: the canonical text form of PostgreSQL's uuid type (8-4-4-4-12
// hex digits, either case). Every id from a URL, form or token is checked with this before a query,
// so a malformed one answers "not found" like a missing record instead of failing in the database.
// Any version is accepted: seeded and imported ids need not be random (v4) ones.
import { z } from 'zod'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}

/** The same check as a zod schema (forms, search parameters, action inputs). */
export function uuidSchema(message?: string) {
  return z.string().regex(UUID, message)
}

/** The ids an action is bound to, as given, or null if any of them is not an id: parsed once, at
 *  the top of the action, so a malformed id answers exactly like a missing record. */
export function parseIds<K extends string>(ids: Record<K, unknown>): Record<K, string> | null {
  return Object.values(ids).every(isUuid) ? (ids as Record<K, string>) : null
}
