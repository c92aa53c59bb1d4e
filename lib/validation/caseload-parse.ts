// The caseload's search params parsed leniently (a hand-edited or stale URL falls back to defaults
// instead of failing). Server only: zod stays out of the caseload's client bundle.
import { z } from 'zod'
import { lenientPositiveInt } from './search-params'
import { uuidSchema } from './uuid'
import { INSTRUMENT_IDS } from '@/lib/assessments/registry'
import type { InstrumentId } from '@/lib/assessments/types'
import { CASELOAD_SORTS, CASELOAD_STATUSES, DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE, MAX_SEARCH_LENGTH, defaultDir, type CaseloadQuery } from './caseload'

const flag = z
  .enum(['1', 'true', 'on', 'yes'])
  .transform(() => true)
  .catch(false)

const schema = z.object({
  q: z
    .string()
    // Control characters never belong in a name search.
    .transform((s) =>
      s
        .replace(/[\u0000-\u001f\u007f]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, MAX_SEARCH_LENGTH)
        .trim(),
    )
    .catch(''),
  sort: z.enum(CASELOAD_SORTS).catch('name'),
  dir: z.enum(['asc', 'desc']).optional().catch(undefined),
  risk: flag,
  overdue: flag,
  deteriorated: flag,
  instrument: z
    .enum(INSTRUMENT_IDS as readonly [InstrumentId, ...InstrumentId[]])
    .nullable()
    .catch(null),
  clinician: uuidSchema()
    .transform((s) => s.toLowerCase())
    .nullable()
    .catch(null),
  status: z.enum(CASELOAD_STATUSES).catch('active'),
  page: lenientPositiveInt(1, MAX_PAGE),
  pageSize: lenientPositiveInt(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
  scope: z.enum(['own', 'all']).catch('own'),
})

type Params = URLSearchParams | Record<string, string | string[] | undefined>

/** Parses the caseload's search params; never throws. Repeated keys use their first value. */
export function parseCaseloadQuery(params: Params): CaseloadQuery {
  const get = (key: string): string | undefined => {
    if (params instanceof URLSearchParams) return params.get(key) ?? undefined
    const v = params[key]
    return Array.isArray(v) ? v[0] : v
  }
  const raw: Record<string, string | undefined> = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, get(k)]))
  // The "Sort by" menu sends its order with the key ("flags:asc"); an explicit `dir` still wins.
  const [sortKey, sortDir] = (raw.sort ?? '').split(':')
  if (sortDir !== undefined) raw.sort = sortKey
  raw.dir ??= sortDir
  const p = schema.parse(raw)
  return { ...p, dir: p.dir ?? defaultDir(p.sort) }
}
