// The outcomes filter: a plain GET form (works before hydration and without JavaScript; next/form
// makes it a client navigation once hydrated). A date that could not be used is named next to its
// field, with what was shown instead.
import Form from 'next/form'
import Link from 'next/link'
import { getInstrument } from '@/lib/assessments/registry'
import { OUTCOME_INSTRUMENTS, type OutcomesQuery } from '@/lib/outcomes/types'
import { linkButton } from '@/components/caseload/styles'

const control = 'min-h-11 w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base text-stone-900'
const label = 'font-medium text-stone-800'

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
        <div className="flex flex-col gap-1">
          <label htmlFor="outcomes-instrument" className={label}>
            Questionnaire
          </label>
          <select id="outcomes-instrument" name="instrument" defaultValue={query.instrument ?? ''} className={control}>
            <option value="">All questionnaires</option>
            {OUTCOME_INSTRUMENTS.map((id) => (
              <option key={id} value={id}>
                {getInstrument(id).abbreviation}
              </option>
            ))}
          </select>
        </div>
        {clinicians ? (
          <div className="flex flex-col gap-1">
            <label htmlFor="outcomes-clinician" className={label}>
              Clinician
            </label>
            <select id="outcomes-clinician" name="clinician" defaultValue={query.clinician ?? ''} className={control}>
              <option value="">Whole practice</option>
              {clinicians.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {dateField('episodeFrom', 'Episode started on or after', query.episodeFrom)}
        {dateField('episodeTo', 'Episode started on or before', query.episodeTo)}
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <button type="submit" className={linkButton.primary}>
          Apply
        </button>
        <Link href="/outcomes" className={linkButton.secondary}>
          Reset to the last 12 months
        </Link>
      </div>
    </Form>
  )
}
