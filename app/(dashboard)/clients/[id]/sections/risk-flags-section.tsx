// Open risk flags, at the top of the overview. Rendered with the page, not under Suspense: safety
// information never arrives after the rest, and never pushes the page down when it does.
import { getInstrument } from '@/lib/assessments'
import { anchorLabel, instrumentLabel } from '@/lib/assessments/labels'
import { formatDateTime } from '@/lib/format'
import { RiskFlagCard } from '@/components/risk/risk-flag-card'
import { acknowledgeFlagAction, resolveFlagAction } from '../checkin-actions'
import { getClientOverviewOr404 } from '../get-client-or-404'
import type { SectionProps } from './section-props'

export async function RiskFlagsSection({ actor, clientId, timeZone }: SectionProps) {
  const openFlags = (await getClientOverviewOr404(actor, clientId)).riskFlags.filter((f) => f.status !== 'RESOLVED')
  if (openFlags.length === 0) return null
  return (
    <section aria-labelledby="flags-heading" className="flex flex-col gap-3">
      <h2 id="flags-heading" className="text-lg font-semibold text-red-900">
        Open risk {openFlags.length === 1 ? 'flag' : 'flags'}
      </h2>
      <ul className="flex flex-col gap-3">
        {openFlags.map((f) => (
          <RiskFlagCard
            key={f.id}
            flag={{
              id: f.id,
              status: f.status,
              title: `${instrumentLabel(f.instrumentId)} question ${f.itemNumber}: “${anchorLabel(f.instrumentId, f.itemValue)}”`,
              detail: getInstrument(f.instrumentId as 'phq9').items[f.itemNumber - 1]?.text ?? '',
              history: `Raised ${formatDateTime(f.raisedAt, timeZone)}${f.acknowledgedAt ? ` · acknowledged ${formatDateTime(f.acknowledgedAt, timeZone)}` : ' · not yet acknowledged'}`,
            }}
            acknowledge={acknowledgeFlagAction.bind(null, clientId, f.id)}
            resolve={resolveFlagAction.bind(null, clientId, f.id)}
          />
        ))}
      </ul>
    </section>
  )
}
