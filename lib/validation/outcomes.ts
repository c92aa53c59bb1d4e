// The outcomes page's search params. Lenient like the caseload's (a hand-edited URL never breaks
// the page), but a date the person typed and we could not use is said out loud: the page shows
// the message and the default that was used instead.
import { isInstrumentId } from '@/lib/assessments/registry'
import { addDays } from '@/lib/scheduling/recurrence'
import { OUTCOME_INSTRUMENTS, type OutcomesQuery } from '@/lib/outcomes/types'
import { isUuid } from './uuid'

type Params = URLSearchParams | Record<string, string | string[] | undefined>

export interface ParsedOutcomesQuery {
  query: OutcomesQuery
  /** One sentence per field that could not be used, in field order. */
  errors: { field: keyof OutcomesQuery; message: string }[]
}

const DATE = /^\d{4}-\d{2}-\d{2}$/
/** Oldest date accepted: nothing in this product is older, and it keeps the SQL's dates sane. */
const MIN_DATE = '2000-01-01'

/** A real calendar date 'YYYY-MM-DD' (not 2026-02-30), or null. */
function calendarDate(value: string): string | null {
  if (!DATE.test(value)) return null
  const d = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value && value >= MIN_DATE ? value : null
}

/** The default period: the last 12 months up to today (the practice's today). */
function defaultOutcomesQuery(today: string): OutcomesQuery {
  // Same day a year ago (29 Feb falls back to 365 days), so the period is exactly 12 months.
  const yearAgo = calendarDate(`${Number(today.slice(0, 4)) - 1}${today.slice(4)}`) ?? addDays(today, -365)
  return { from: addDays(yearAgo, 1), to: today, instrument: null, clinician: null, episodeFrom: null, episodeTo: null }
}

export function parseOutcomesQuery(params: Params, today: string): ParsedOutcomesQuery {
  const get = (key: string): string => {
    const v = params instanceof URLSearchParams ? params.get(key) : params[key]
    return (Array.isArray(v) ? v[0] : v)?.trim() ?? ''
  }
  const defaults = defaultOutcomesQuery(today)
  const errors: ParsedOutcomesQuery['errors'] = []
  const dateField = (field: 'from' | 'to' | 'episodeFrom' | 'episodeTo', label: string): string | null => {
    const raw = get(field)
    if (!raw) return null
    const d = calendarDate(raw)
    if (!d) errors.push({ field, message: `${label} is not a date we can use (write it as YYYY-MM-DD, from 2000 onwards).` })
    return d
  }
  let from = dateField('from', 'The period start') ?? defaults.from
  let to = dateField('to', 'The period end') ?? defaults.to
  if (from > to) {
    errors.push({ field: 'from', message: 'The period starts after it ends, so the last 12 months are shown instead.' })
    from = defaults.from
    to = defaults.to
  }
  let episodeFrom = dateField('episodeFrom', 'The earliest episode start')
  let episodeTo = dateField('episodeTo', 'The latest episode start')
  if (episodeFrom && episodeTo && episodeFrom > episodeTo) {
    errors.push({ field: 'episodeFrom', message: 'The episode start range begins after it ends, so it is not applied.' })
    episodeFrom = null
    episodeTo = null
  }
  const instrument = get('instrument')
  const clinician = get('clinician').toLowerCase()
  return {
    query: {
      from,
      to,
      instrument: isInstrumentId(instrument) && OUTCOME_INSTRUMENTS.includes(instrument) ? instrument : null,
      clinician: isUuid(clinician) ? clinician : null,
      episodeFrom,
      episodeTo,
    },
    errors,
  }
}

/** The query as search params (defaults left out), for links and the CSV download. */
export function outcomesSearch(query: OutcomesQuery): string {
  const p = new URLSearchParams()
  p.set('from', query.from)
  p.set('to', query.to)
  if (query.instrument) p.set('instrument', query.instrument)
  if (query.clinician) p.set('clinician', query.clinician)
  if (query.episodeFrom) p.set('episodeFrom', query.episodeFrom)
  if (query.episodeTo) p.set('episodeTo', query.episodeTo)
  return p.toString()
}
