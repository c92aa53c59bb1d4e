import { requireRole } from '@/lib/auth/session'
import { auditRequestContext } from '@/lib/auth/request-ip'
import { fhirJsonResponse } from '@/lib/http/fhir-response'
import { NotFoundError } from '@/lib/db/errors'
import { exportClientFhir } from '@/lib/db/fhir-client'

export const dynamic = 'force-dynamic'

/**
 * The client's record as a FHIR R4 Bundle (JSON). Same rules as the CSV export next to it: signed
 * out → sign-in; another clinician's or practice's client → 404 like a missing one. exportClientFhir
 * records the export (EXPORT_FHIR) or the refusal (AUTHZ_DENIED) before answering.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  const { id } = await params
  try {
    const { filename, bundle } = await exportClientFhir(user, id, auditRequestContext(request.headers))
    return fhirJsonResponse(filename, bundle)
  } catch (e) {
    if (e instanceof NotFoundError) {
      return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
    }
    throw e
  }
}
