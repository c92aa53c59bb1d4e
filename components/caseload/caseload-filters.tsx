// Search, filters and sort: a plain GET form (works before hydration and without JavaScript;
// next/form turns it into a client navigation once hydrated). Scope rides along hidden; applying
// starts again at page 1. The "Sort by" menu is how a phone (cards, no column headers) sorts.
import Form from 'next/form'
import Link from 'next/link'
import { listInstruments } from '@/lib/assessments/registry'
import { PAGE_SIZES, caseloadHref, clearedFilters, hasActiveFilters, MAX_SEARCH_LENGTH, type CaseloadQuery } from '@/lib/validation/caseload'
import { linkButton as buttonStyles } from './styles'
import { FilterSelect, filterControl as control, filterLabel as label } from '@/components/ui/filter-select'
import { sortOptions } from './caseload-view'

export function CaseloadFilters({
  query,
  clinicians,
}: {
  query: CaseloadQuery
  /** Offered only on a practice-wide view (admins). */
  clinicians: { id: string; name: string }[] | null
}) {
  return (
    <Form action="/clients" role="search" aria-label="Search and filter clients" className="rounded-xl border border-stone-200 bg-white p-4">
      {query.scope === 'all' ? <input type="hidden" name="scope" value="all" /> : null}

      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div className="flex flex-col gap-1 sm:col-span-2">
          <label htmlFor="caseload-q" className={label}>
            Search by name
          </label>
          <input id="caseload-q" type="search" name="q" defaultValue={query.q} maxLength={MAX_SEARCH_LENGTH} autoComplete="off" className={control} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="caseload-status" className={label}>
            Status
          </label>
          <select id="caseload-status" name="status" defaultValue={query.status} className={control}>
            <option value="active">Active</option>
            <option value="discharged">Discharged</option>
            <option value="all">Active and discharged</option>
          </select>
        </div>
        <FilterSelect
          id="caseload-instrument"
          name="instrument"
          label="Has answered"
          value={query.instrument}
          anyLabel="Any questionnaire"
          options={listInstruments().map((i) => ({ value: i.id, label: i.abbreviation }))}
        />
        {clinicians ? (
          <FilterSelect
            id="caseload-clinician"
            name="clinician"
            label="Clinician"
            value={query.clinician}
            anyLabel="All clinicians"
            options={clinicians.map((c) => ({ value: c.id, label: c.name }))}
          />
        ) : null}
        <fieldset className="flex flex-col gap-1 sm:col-span-2">
          <legend className={label}>Show only clients with</legend>
          <div className="flex flex-wrap gap-x-5">
            <Check name="risk" checked={query.risk} label="Open risk flags" />
            <Check name="overdue" checked={query.overdue} label="Overdue check-ins" />
            <Check name="deteriorated" checked={query.deteriorated} label="Reliable deterioration" />
          </div>
        </fieldset>
        <div className="flex flex-col gap-1">
          <label htmlFor="caseload-sort" className={label}>
            Sort by
          </label>
          <select
            id="caseload-sort"
            name="sort"
            defaultValue={sortOptions(query, clinicians !== null).find((o) => o.value.split(':')[0] === query.sort)?.value}
            className={control}
          >
            {sortOptions(query, clinicians !== null).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="caseload-page-size" className={label}>
            Rows per page
          </label>
          <select id="caseload-page-size" name="pageSize" defaultValue={String(query.pageSize)} className={control}>
            {[...new Set([...PAGE_SIZES, query.pageSize])]
              .sort((a, b) => a - b)
              .map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
          </select>
        </div>
      </div>

      <div className="mt-4 flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonStyles.primary}>
          Apply
        </button>
        {hasActiveFilters(query) ? (
          <Link href={caseloadHref(clearedFilters(query))} className={buttonStyles.secondary}>
            Clear filters
          </Link>
        ) : null}
      </div>
    </Form>
  )
}

function Check({ name, checked, label: text }: { name: string; checked: boolean; label: string }) {
  return (
    <label className="flex min-h-11 items-center gap-2 text-stone-800">
      <input type="checkbox" name={name} value="1" defaultChecked={checked} className="h-5 w-5 accent-accent-700" />
      {text}
    </label>
  )
}
