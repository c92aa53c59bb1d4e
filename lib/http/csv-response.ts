// The one way a route handler sends a CSV export. Exports hold clinical or audit data, so the file
// is always a download (never shown inline), never kept by a browser or proxy cache, and never
// sniffed as anything but text.

/** Characters other than these are replaced, so a name can never break out of the header. */
const UNSAFE_FILENAME = /[^A-Za-z0-9._-]/g

export function csvResponse(filename: string, csv: string): Response {
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename.replace(UNSAFE_FILENAME, '_')}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
