// An invariant the types cannot see (noUncheckedIndexedAccess): a value that is there by construction,
// e.g. the capture group of a regex that matched or the first row of `SELECT count(*)`.
export function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`invariant: ${what} is missing`)
  return value
}
