// What to do next when the caseload shows no rows: add a client, loosen the filters, or go back
// to a page that exists.
import Link from 'next/link'
import { caseloadHref, clearedFilters, type CaseloadQuery } from '@/lib/validation/caseload'
import { linkButton } from './styles'
import { pageCount } from './pagination'

export function CaseloadEmpty({ query, total, filtered }: { query: CaseloadQuery; total: number; filtered: boolean }) {
  if (total > 0) {
    const last = pageCount(total, query.pageSize)
    return (
      <Panel title="There is nothing on this page">
        <p className="mt-1 text-stone-600">
          The list has {last} {last === 1 ? 'page' : 'pages'}.
        </p>
        <Link href={caseloadHref(query, { page: last })} className={`${linkButton.primary} mt-4`}>
          Go to page {last}
        </Link>
      </Panel>
    )
  }
  if (filtered) {
    return (
      <Panel title="No clients match">
        <p className="mt-1 text-stone-600">Try a different name or fewer filters.</p>
        <Link href={caseloadHref(clearedFilters(query))} className={`${linkButton.primary} mt-4`}>
          Clear filters
        </Link>
      </Panel>
    )
  }
  return (
    <Panel title="No active clients yet">
      <p className="mt-1 text-stone-600">Add your first client to start assigning check-ins and tracking progress.</p>
      <div className="mt-4 flex flex-wrap justify-center gap-3">
        <Link href="/clients/new" className={linkButton.primary}>
          Add a client
        </Link>
        <Link href={caseloadHref(query, { status: 'discharged', page: 1 })} className={linkButton.secondary}>
          Show discharged clients
        </Link>
      </div>
    </Panel>
  )
}

function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="rounded-xl border border-dashed border-stone-300 bg-white p-8 text-center">
      <h2 className="text-lg font-semibold">{title}</h2>
      {children}
    </div>
  )
}
