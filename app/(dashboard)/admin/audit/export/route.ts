import { requireRole } from '@/lib/auth/session'
import { auditRequestContext } from '@/lib/auth/request-ip'
import { csvResponse } from '@/lib/http/csv-response'
import { auditCsv } from '@/lib/db/audit-trail'
import { parseAuditFilters } from '@/lib/validation/audit'

export const dynamic = 'force-dynamic'

/** The practice's audit trail (filtered like the page, every page of it) as CSV. Admins only; the export is itself recorded. */
export async function GET(request: Request) {
  const admin = await requireRole('ADMIN')
  const filters = parseAuditFilters(new URL(request.url).searchParams)
  const { filename, csv } = await auditCsv(admin, filters, auditRequestContext(request.headers))
  return csvResponse(filename, csv)
}
