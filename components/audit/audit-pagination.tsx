// Previous / next for the audit log. Plain links: every page has its own URL.
import Link from 'next/link'
import { auditHref, type AuditFilters } from '@/lib/validation/audit'
import { linkButton } from './styles'

export function AuditPagination({ filters, total, page, pageSize }: { filters: AuditFilters; total: number; page: number; pageSize: number }) {
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const first = (page - 1) * pageSize + 1
  const last = Math.min(total, page * pageSize)
  const disabled = `${linkButton.secondary} pointer-events-none opacity-50`
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3">
      <p className="text-stone-700">
        {page <= pages && total > 0 ? (
          <>
            Page {page} of {pages}
            <span className="text-stone-600">
              {' '}
              · {first === last ? `event ${first}` : `events ${first}–${last}`} of {total}
            </span>
          </>
        ) : (
          `${total} ${total === 1 ? 'event' : 'events'}`
        )}
      </p>
      <div className="flex gap-3">
        {page > 1 ? (
          <Link href={auditHref(filters, { page: Math.min(page - 1, pages) })} className={linkButton.secondary} rel="prev">
            ← Newer
          </Link>
        ) : (
          <span aria-disabled="true" className={disabled}>
            ← Newer
          </span>
        )}
        {page < pages ? (
          <Link href={auditHref(filters, { page: page + 1 })} className={linkButton.secondary} rel="next">
            Older →
          </Link>
        ) : (
          <span aria-disabled="true" className={disabled}>
            Older →
          </span>
        )}
      </div>
    </nav>
  )
}
