// Previous / next links for the caseload. Plain links: every page has its own URL.
import Link from 'next/link'
import { caseloadHref, type CaseloadQuery } from '@/lib/validation/caseload'
import { linkButton as buttonStyles } from './styles'

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize))
}

export function Pagination({ query, total }: { query: CaseloadQuery; total: number }) {
  const pages = pageCount(total, query.pageSize)
  const page = query.page
  const first = (page - 1) * query.pageSize + 1
  const last = Math.min(total, page * query.pageSize)
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3">
      <p className="text-stone-700">
        {page <= pages ? (
          <>
            Page {page} of {pages}
            <span className="text-stone-600">
              {' '}
              · {first === last ? `client ${first}` : `clients ${first}–${last}`} of {total}
            </span>
          </>
        ) : (
          `${total} ${total === 1 ? 'client' : 'clients'}`
        )}
      </p>
      {/* Only links that lead somewhere: no disabled look-alikes to skip past or squint at. */}
      <div className="flex gap-3">
        {page > 1 ? (
          <Link href={caseloadHref(query, { page: Math.min(page - 1, pages) })} className={buttonStyles.secondary} rel="prev">
            ← Previous
          </Link>
        ) : null}
        {page < pages ? (
          <Link href={caseloadHref(query, { page: page + 1 })} className={buttonStyles.secondary} rel="next">
            Next →
          </Link>
        ) : null}
      </div>
    </nav>
  )
}
