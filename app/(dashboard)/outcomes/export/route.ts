import { currentPractice, requireRole } from '@/lib/auth/session'
import { csvResponse } from '@/lib/http/csv-response'
import { auditOutcomes, computeOutcomes } from '@/lib/db/outcomes'
import { todayInTimeZone } from '@/lib/scheduling/recurrence'
import { parseOutcomesQuery } from '@/lib/validation/outcomes'
import { outcomesCsv } from '@/lib/outcomes/csv'

export const dynamic = 'force-dynamic'

/** The outcomes page's aggregates (same filters, same scope, same small-cell rule) as CSV; recorded as an export. */
export async function GET(request: Request) {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  const practice = await currentPractice()
  const { query } = parseOutcomesQuery(new URL(request.url).searchParams, todayInTimeZone(new Date(), practice.timeZone))
  const result = await computeOutcomes(user, query, { timeZone: practice.timeZone })
  await auditOutcomes(user, 'OUTCOMES_EXPORT', result)
  return csvResponse(`outcomes-${query.from}-to-${query.to}.csv`, outcomesCsv(result))
}
