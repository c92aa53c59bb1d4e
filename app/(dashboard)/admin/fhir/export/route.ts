import { requireRole } from '@/lib/auth/session'
import { auditRequestContext } from '@/lib/auth/request-ip'
import { fhirNdjsonResponse } from '@/lib/http/fhir-response'
import { exportPracticeFhir } from '@/lib/db/fhir-practice'

export const dynamic = 'force-dynamic'

/** Every client's record in the practice as FHIR R4 NDJSON, streamed. Admins only; the export is itself recorded. */
export async function GET(request: Request) {
  const admin = await requireRole('ADMIN')
  const { filename, lines } = await exportPracticeFhir(admin, auditRequestContext(request.headers))
  return fhirNdjsonResponse(filename, lines)
}
