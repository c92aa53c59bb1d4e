// Shared pieces of lenient search-param parsing (caseload, audit trail): a hand-edited or stale URL
// falls back to a default instead of failing the page.
import { z } from 'zod'

/** A positive whole number, capped at `max`; anything else becomes `fallback`. */
export const lenientPositiveInt = (fallback: number, max: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .transform((n) => Math.min(n, max))
    .catch(fallback)
