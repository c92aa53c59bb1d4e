import { requireRole } from '@/lib/auth/session'
import { auditRequestContext } from '@/lib/auth/request-ip'
import { csvResponse } from '@/lib/http/csv-response'
import { NotFoundError } from '@/lib/db/errors'
import { exportClientScores } from '@/lib/db/series'

export const dynamic = 'force-dynamic'

/**
 * CSV of the client's scores. Signed out → sign-in; another clinician's or practice's client → 404,
 * like a missing one. exportClientScores records the export (EXPORT_CSV) or the refusal
 * (AUTHZ_DENIED) in the audit trail before answering, so nothing is recorded twice here.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  const { id } = await params
  try {
    const { filename, csv } = await exportClientScores(user, id, auditRequestContext(request.headers))
    return csvResponse(filename, csv)
  } catch (e) {
    if (e instanceof NotFoundError) {
      return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
    }
    throw e
  }
}
