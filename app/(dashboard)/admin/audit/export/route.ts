import { requireRole } from '@/lib/auth/session'
import { clientIp } from '@/lib/auth/request-ip'
import { auditCsv } from '@/lib/audit/query'
import { parseAuditFilters } from '@/lib/validation/audit'

export const dynamic = 'force-dynamic'

/** The practice's audit trail (filtered like the page, every page of it) as CSV. Admins only; the export is itself recorded. */
export async function GET(request: Request) {
  const admin = await requireRole('ADMIN')
  const filters = parseAuditFilters(new URL(request.url).searchParams)
  const ip = clientIp(request.headers)
  const { filename, csv } = await auditCsv(admin, filters, {
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
}
