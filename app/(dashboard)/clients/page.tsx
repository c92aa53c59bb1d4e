import type { Metadata } from 'next'
import Link from 'next/link'
import { currentPractice, requireRole } from '@/lib/auth/session'
import { isAdmin } from '@/lib/auth/actor'
import { listCaseload } from '@/lib/db/caseload'
import { canWidenCaseload } from '@/lib/db/scope'
import { listPracticeClinicians } from '@/lib/db/users'
import { caseloadHref, hasActiveFilters } from '@/lib/validation/caseload'
import { parseCaseloadQuery } from '@/lib/validation/caseload-parse'
import { CaseloadFilters } from '@/components/caseload/caseload-filters'
import { CaseloadTable } from '@/components/caseload/caseload-table'
import { CaseloadEmpty } from '@/components/caseload/caseload-empty'
import { Pagination, pageCount } from '@/components/caseload/pagination'
import { sortDescription, toCaseloadView } from '@/components/caseload/caseload-view'
import { linkButton } from '@/components/caseload/styles'

export const metadata: Metadata = { title: 'Clients' }

type SearchParams = Promise<Record<string, string | string[] | undefined>>

// The caseload: search, filters, sort and page all live in the URL and are applied by the
// database (lib/db/caseload), so a large practice stays fast and every view can be bookmarked.
export default async function ClientsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  const query = parseCaseloadQuery(await searchParams)
  const practice = await currentPractice()
  const [result, allClinicians] = await Promise.all([
    listCaseload(user, query, { timeZone: practice.timeZone }),
    isAdmin(user) ? listPracticeClinicians(user) : Promise.resolve(null),
  ])
  const practiceWide = result.scope === 'practice'
  const clinicians = practiceWide ? allClinicians : null
  const filtered = hasActiveFilters(query)
  const rows = result.rows.map((r) => toCaseloadView(r, { timeZone: practice.timeZone, today: result.today }))
  const pages = pageCount(result.total, query.pageSize)

  return (
    <div className="flex flex-col gap-6">
      <Header
        title={practiceWide ? 'All clients' : 'My caseload'}
        summary={`${practice.name} · ${countLabel(result.total, filtered)}`}
        toggle={canWidenCaseload(user) ? (practiceWide ? 'mine' : 'all') : null}
      />

      {result.total > 0 || filtered ? <CaseloadFilters key={caseloadHref(query)} query={query} clinicians={clinicians} /> : null}

      {rows.length === 0 ? (
        <CaseloadEmpty query={query} total={result.total} filtered={filtered} />
      ) : (
        <section aria-labelledby="caseload-results" className="flex flex-col gap-3">
          <h2 id="caseload-results" className="sr-only">
            Clients
          </h2>
          <p className="flex items-center gap-2 text-sm text-stone-700">
            <span aria-hidden="true" className="inline-block h-4 w-1 rounded bg-red-700" />A red edge and a badge mark clients with open risk flags.
          </p>
          <CaseloadTable
            rows={rows}
            query={query}
            showClinician={practiceWide}
            caption={`${practiceWide ? 'All clients of the practice' : 'Clients on your caseload'}, ${sortDescription(query)}. Page ${query.page} of ${pages}.`}
          />
          <Pagination query={query} total={result.total} />
        </section>
      )}
    </div>
  )
}

function countLabel(total: number, filtered: boolean): string {
  const noun = total === 1 ? 'client' : 'clients'
  if (filtered) return `${total} matching ${noun}`
  return `${total} active ${noun}`
}

function Header({ title, summary, toggle }: { title: string; summary: string; toggle: 'all' | 'mine' | null }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold">{title}</h1>
        <p className="text-stone-600">{summary}</p>
      </div>
      <div className="flex flex-wrap gap-3">
        {toggle ? (
          // An admin who also sees clients starts on their own caseload and can widen to the practice.
          <Link href={toggle === 'all' ? '/clients?scope=all' : '/clients'} className={linkButton.secondary}>
            {toggle === 'all' ? 'Show all practice clients' : 'Show my caseload'}
          </Link>
        ) : null}
        <Link href="/clients/new" className={linkButton.primary}>
          Add client
        </Link>
      </div>
    </div>
  )
}
