import type { Metadata } from 'next'
import { currentPractice, requireRole } from '@/lib/auth/session'
import { isAdmin } from '@/lib/auth/actor'
import { viewOutcomes } from '@/lib/db/outcomes'
import { listPracticeClinicians } from '@/lib/db/users'
import { todayInTimeZone } from '@/lib/scheduling/recurrence'
import { outcomesSearch, parseOutcomesQuery } from '@/lib/validation/outcomes'
import { chartData, scopeLabelOf } from '@/lib/outcomes/view'
import { formatDate } from '@/lib/format'
import { OutcomesFilters } from '@/components/outcomes/outcomes-filters'
import { OutcomesTables } from '@/components/outcomes/outcomes-tables'
import { OutcomesCharts } from '@/components/outcomes/outcomes-charts'
import { OutcomesHelp } from '@/components/outcomes/outcomes-help'
import { OutcomesEmpty } from '@/components/outcomes/outcomes-empty'
import { buttonStyles } from '@/components/ui/button-styles'

export const metadata: Metadata = { title: 'Outcomes' }

type SearchParams = Promise<Record<string, string | string[] | undefined>>

// Practice outcomes: aggregates only, never a client's name. An admin sees the practice (or one
// clinician's caseload), a clinician their own caseload; lib/db/outcomes puts that in the query.
export default async function OutcomesPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireRole('CLINICIAN', 'ADMIN')
  const practice = await currentPractice()
  const { query: asked, errors } = parseOutcomesQuery(await searchParams, todayInTimeZone(new Date(), practice.timeZone))
  const [result, clinicians] = await Promise.all([
    viewOutcomes(user, asked, { timeZone: practice.timeZone }),
    isAdmin(user) ? listPracticeClinicians(user) : Promise.resolve(null),
  ])
  const { query } = result
  const scopeLabel = scopeLabelOf(result)
  const overall = result.groups.filter((g) => g.clinicianId === null)
  const empty = overall.every((g) => g.clients === 0 && g.sent === 0)
  const period = `${formatDate(`${query.from}T12:00:00Z`, 'UTC')} to ${formatDate(`${query.to}T12:00:00Z`, 'UTC')}`

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Outcomes</h1>
          <p className="text-stone-600">
            {practice.name} · {scopeLabel} · {period}
          </p>
        </div>
        {empty ? null : (
          <a href={`/outcomes/export?${outcomesSearch(query)}`} className={buttonStyles.secondary} download>
            Download CSV
          </a>
        )}
      </div>
      <OutcomesFilters query={query} clinicians={clinicians} errors={errors} />
      {empty ? (
        <OutcomesEmpty scope={result.scope} />
      ) : (
        <section aria-labelledby="outcomes-results" className="flex flex-col gap-4">
          <h2 id="outcomes-results" className="text-xl font-semibold">
            Results
          </h2>
          <OutcomesCharts {...chartData(result)} />
          <OutcomesTables groups={result.groups} scopeLabel={scopeLabel} />
        </section>
      )}
      <OutcomesHelp />
    </div>
  )
}
