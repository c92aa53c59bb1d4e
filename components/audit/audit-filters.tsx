// Filters for the audit log: a plain GET form (works without JavaScript; next/form makes it a
// client navigation once hydrated). Applying filters starts again at page 1.
import Form from 'next/form'
import Link from 'next/link'
import { AUDIT_PAGE_SIZES, auditHref, DEFAULT_AUDIT_FILTERS, hasAuditFilters, type AuditFilters } from '@/lib/validation/audit'
import { auditActionLabel } from '@/lib/audit/actions'
import { linkButton } from './styles'
import { FilterSelect, filterControl as control, filterLabel as controlLabel } from '@/components/ui/filter-select'

export function AuditFiltersForm({
  filters,
  users,
  actions,
}: {
  filters: AuditFilters
  users: { id: string; name: string }[]
  /** The actions present in the practice's trail. */
  actions: string[]
}) {
  // In words, alphabetically, with the code after the words (what an admin may search for).
  const actionChoices = (filters.action && !actions.includes(filters.action) ? [...actions, filters.action] : actions)
    .map((code) => ({ code, label: auditActionLabel(code) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en'))
  const userChoices = filters.userId && !users.some((u) => u.id === filters.userId) ? [...users, { id: filters.userId, name: filters.userId }] : users
  return (
    <Form action="/admin/audit" role="search" aria-label="Filter the audit log" className="rounded-xl border border-stone-200 bg-white p-4">
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <FilterSelect
          id="audit-user"
          name="userId"
          label="User"
          value={filters.userId}
          anyLabel="Everyone"
          options={userChoices.map((u) => ({ value: u.id, label: u.name }))}
        />
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-client" className={controlLabel}>
            Client ID
          </label>
          <input
            id="audit-client"
            name="clientId"
            defaultValue={filters.clientId ?? ''}
            inputMode="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={36}
            pattern="[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
            aria-describedby="audit-client-hint"
            className={`${control} font-mono text-sm`}
          />
          <p id="audit-client-hint" className="text-sm text-stone-600">
            The ID from the client&apos;s page address.
          </p>
        </div>
        <FilterSelect
          id="audit-action"
          name="action"
          label="Action"
          value={filters.action}
          anyLabel="All actions"
          options={actionChoices.map((a) => ({ value: a.code, label: a.label === a.code ? a.code : `${a.label} (${a.code})` }))}
        />
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-from" className={controlLabel}>
            From (date)
          </label>
          <input id="audit-from" type="date" name="from" defaultValue={filters.from ?? ''} className={control} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-to" className={controlLabel}>
            To (date, included)
          </label>
          <input id="audit-to" type="date" name="to" defaultValue={filters.to ?? ''} className={control} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-page-size" className={controlLabel}>
            Rows per page
          </label>
          <select id="audit-page-size" name="pageSize" defaultValue={String(filters.pageSize)} className={control}>
            {[...new Set([...AUDIT_PAGE_SIZES, filters.pageSize])]
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
        <button type="submit" className={linkButton.primary}>
          Apply
        </button>
        {hasAuditFilters(filters) ? (
          <Link href={auditHref({ ...DEFAULT_AUDIT_FILTERS, pageSize: filters.pageSize })} className={linkButton.secondary}>
            Clear filters
          </Link>
        ) : null}
      </div>
    </Form>
  )
}
