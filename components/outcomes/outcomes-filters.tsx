// The outcomes filter: a plain GET form (works before hydration and without JavaScript; next/form
// makes it a client navigation once hydrated). A date that could not be used is named next to its
// field, with what was shown instead.
import Form from 'next/form'
import Link from 'next/link'
import { getInstrument } from '@/lib/assessments/registry'
import { OUTCOME_INSTRUMENTS, type OutcomesQuery } from '@/lib/outcomes/types'
import { buttonStyles } from '@/components/ui/button-styles'
import { FilterSelect, filterControl as control, filterLabel as label } from '@/components/ui/filter-select'

export interface FieldError {
  field: keyof OutcomesQuery
  message: string
}

export function OutcomesFilters({
  query,
  clinicians,
  errors,
}: {
  query: OutcomesQuery
  /** Admins only: narrow the practice to one clinician's caseload. */
  clinicians: { id: string; name: string }[] | null
  errors: FieldError[]
}) {
  const errorOf = (field: keyof OutcomesQuery) => errors.find((e) => e.field === field)?.message
  const dateField = (field: 'from' | 'to' | 'episodeFrom' | 'episodeTo', text: string, value: string | null) => {
    const error = errorOf(field)
    const id = `outcomes-${field}`
    return (
      <div className="flex flex-col gap-1">
        <label htmlFor={id} className={label}>
          {text}
        </label>
        <input
          id={id}
          type="date"
          name={field}
          defaultValue={value ?? ''}
          min="2000-01-01"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className={control}
        />
        {error ? (
          <p id={`${id}-error`} className="text-sm text-red-800">
            {error}
          </p>
        ) : null}
      </div>
    )
  }
  return (
    <Form action="/outcomes" role="search" aria-label="Filter outcomes" className="rounded-xl border border-stone-200 bg-white p-4">
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {dateField('from', 'Period from', query.from)}
        {dateField('to', 'Period to', query.to)}
        <FilterSelect
          id="outcomes-instrument"
          name="instrument"
          label="Questionnaire"
          value={query.instrument}
          anyLabel="All questionnaires"
          options={OUTCOME_INSTRUMENTS.map((id) => ({ value: id, label: getInstrument(id).abbreviation }))}
        />
        {clinicians ? (
          <FilterSelect
            id="outcomes-clinician"
            name="clinician"
            label="Clinician"
            value={query.clinician}
            anyLabel="Whole practice"
            options={clinicians.map((c) => ({ value: c.id, label: c.name }))}
          />
        ) : null}
        {dateField('episodeFrom', 'Episode started on or after', query.episodeFrom)}
        {dateField('episodeTo', 'Episode started on or before', query.episodeTo)}
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonStyles.primary}>
          Apply
        </button>
        <Link href="/outcomes" className={buttonStyles.secondary}>
          Reset to the last 12 months
        </Link>
      </div>
    </Form>
  )
}
