// The latest questionnaire scores as a table (goal-progress ratings have their own chart).
import { formatDate } from '@/lib/format'
import { ScoresTable } from '@/components/clients/scores-table'
import { getClientOverviewOr404 } from '../get-client-or-404'
import { card, type SectionProps } from './section-props'

export async function RecentScoresSection({ actor, clientId, timeZone }: SectionProps) {
  const { recentResponses: responses } = await getClientOverviewOr404(actor, clientId)
  return (
    <section aria-labelledby="scores-heading" className={card}>
      <h2 id="scores-heading" className="mb-3 text-lg font-semibold">
        Recent scores
      </h2>
      <ScoresTable
        rows={responses
          .filter((r) => r.instrumentId !== 'goal-progress')
          .map((r) => ({
            id: r.id,
            instrumentId: r.instrumentId,
            relationshipTarget: r.relationshipTarget,
            scores: r.scores,
            band: r.band,
            quadrant: r.quadrant,
            risk: r.flags.includes('risk'),
            submitted: formatDate(r.submittedAt, timeZone),
          }))}
      />
    </section>
  )
}
