import { requireRole } from '@/lib/auth/session'
import { clientIp } from '@/lib/auth/request-ip'
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
  const ip = clientIp(request.headers)
  try {
    const { filename, csv } = await exportClientScores(user, id, {
      ip: ip === 'unknown' ? null : ip,
      requestId: request.headers.get('x-request-id')?.slice(0, 100) ?? null,
    })
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${filename}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    })
  } catch (e) {
    if (e instanceof NotFoundError) {
      return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
    }
    throw e
  }
}
