// Record ids (UUIDs, any case). A server action parses the ids it is bound to here, once, before
// anything else; a malformed id then answers exactly like a missing record. It is only a shape
// check: lib/db finds the record inside the caller's scope, which is the check that counts.
import { z } from 'zod'

export const id = z.guid()

/** An id typed or picked in a form; `message` is what the field shows when it is not one. */
export const idField = (message: string) => z.guid({ error: message })

export const isId = (v: unknown): v is string => id.safeParse(v).success

/** The ids as given, or null if any of them is not an id. */
export function parseIds<K extends string>(ids: Record<K, unknown>): Record<K, string> | null {
  return Object.values(ids).every(isId) ? (ids as Record<K, string>) : null
}
