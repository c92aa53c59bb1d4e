// The one way a route handler sends a FHIR export: always a download, never cached, never sniffed
// (like csvResponse), with the FHIR media types.
import { logger } from '@/lib/log'

const UNSAFE_FILENAME = /[^A-Za-z0-9._-]/g

function downloadHeaders(contentType: string, filename: string): HeadersInit {
  return {
    'Content-Type': contentType,
    'Content-Disposition': `attachment; filename="${filename.replace(UNSAFE_FILENAME, '_')}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  }
}

export function fhirJsonResponse(filename: string, resource: unknown): Response {
  return new Response(JSON.stringify(resource), { headers: downloadHeaders('application/fhir+json; charset=utf-8', filename) })
}

/** Streams NDJSON lines; the next page is read only when the reader asks for more. */
export function fhirNdjsonResponse(filename: string, lines: AsyncGenerator<string>): Response {
  const encoder = new TextEncoder()
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await lines.next()
        if (next.done) controller.close()
        else controller.enqueue(encoder.encode(next.value))
      } catch (e) {
        // The error class only: a message could quote a row, and rows are PHI. The reader sees a
        // broken download, never a complete-looking file.
        logger.error('fhir.bulk.failed', { error: e instanceof Error ? e.name : 'unknown' })
        controller.error(e)
      }
    },
    async cancel() {
      await lines.return(undefined)
    },
  })
  return new Response(body, { headers: downloadHeaders('application/fhir+ndjson', filename) })
}
