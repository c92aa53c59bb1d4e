// One Intl.DateTimeFormat per locale and option set, made once and reused. Building a formatter is
// costly (~20-50 µs: locale and time-zone data are resolved each time) and pages format hundreds of
// dates (a caseload of 100 rows, a timeline of years); format() on an existing one is cheap.
// Pure and dependency-free: server code and client components share it.
const cache = new Map<string, Intl.DateTimeFormat>()

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  // Options are small literal objects; their keys in a fixed order make the cache key.
  const key = `${locale}|${Object.keys(options)
    .sort()
    .map((k) => `${k}=${String(options[k as keyof Intl.DateTimeFormatOptions])}`)
    .join(',')}`
  let f = cache.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options)
    cache.set(key, f)
  }
  return f
}
