import type { Metadata } from 'next'
import Link from 'next/link'
import { headers } from 'next/headers'
import { requireRole } from '@/lib/auth/session'
import { auditRequestContext } from '@/lib/auth/request-ip'
import { listAuditEvents, listAuditFilterOptions } from '@/lib/db/audit-trail'
import { auditExportHref, auditHref, DEFAULT_AUDIT_FILTERS, hasAuditFilters, parseAuditFilters } from '@/lib/validation/audit'
import { AuditFiltersForm } from '@/components/audit/audit-filters'
import { AuditTable } from '@/components/audit/audit-table'
import { AuditPagination } from '@/components/audit/audit-pagination'
import { linkButton } from '@/components/audit/styles'
import { AdminNav } from '@/components/admin/admin-nav'

export const metadata: Metadata = { title: 'Audit log' }
export const dynamic = 'force-dynamic'

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireRole('ADMIN')
  const filters = parseAuditFilters(await searchParams)
  const ctx = auditRequestContext(await headers())
  // Viewing the trail is itself recorded (AUDIT_VIEW, inside listAuditEvents).
  const options = await listAuditFilterOptions(admin)
  const result = await listAuditEvents(admin, filters, ctx)
  const filtered = hasAuditFilters(filters)

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-3">
        <h1 className="text-2xl font-semibold">Practice admin</h1>
        <AdminNav />
      </div>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 className="text-xl font-semibold">Audit log</h2>
          <p className="text-stone-600">
            Every view, change, export, sign-in and refusal in the practice, newest first. The log cannot be edited; it holds ids, never client details.
          </p>
        </div>
        <a href={auditExportHref(filters)} className={linkButton.secondary} download>
          Download CSV{filtered ? ' (filtered)' : ''}
        </a>
      </div>

      <AuditFiltersForm filters={filters} users={options.users} actions={options.actions} />

      {result.rows.length === 0 ? (
        <div role="status" className="rounded-xl border border-dashed border-stone-300 bg-white p-6 text-center">
          {filtered ? (
            <>
              <p className="font-medium">No events match these filters.</p>
              <p className="mt-2">
                <Link href={auditHref({ ...DEFAULT_AUDIT_FILTERS, pageSize: filters.pageSize })} className="text-accent-700 underline underline-offset-4">
                  Clear filters
                </Link>
              </p>
            </>
          ) : result.total > 0 ? (
            <p className="font-medium">
              There is no page {result.page}.{' '}
              <Link href={auditHref(filters, { page: 1 })} className="text-accent-700 underline underline-offset-4">
                Go to the newest events
              </Link>
            </p>
          ) : (
            <p className="font-medium">No events have been recorded yet.</p>
          )}
        </div>
      ) : (
        <AuditTable rows={result.rows} timeZone={result.timeZone} />
      )}
      <AuditPagination filters={filters} total={result.total} page={result.page} pageSize={result.pageSize} />
    </div>
  )
}
