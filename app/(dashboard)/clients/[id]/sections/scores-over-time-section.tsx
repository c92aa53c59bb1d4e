// "Scores over time": the charts for the chosen range (?range=), with goal-progress ratings.
import { forCharts, type SeriesRange } from '@/lib/assessments/series'
import { packChartSeries } from '@/lib/assessments/series-wire'
import { getClientSeries } from '@/lib/db/series'
import { ClientCharts } from '@/components/charts/client-charts'
import { GoalProgressCards } from '@/components/charts/goal-progress-chart'
import { loadResponseDetailAction, startNewEpisodeAction } from '../series-actions'
import { getClientOverviewOr404 } from '../get-client-or-404'
import type { SectionProps } from './section-props'

export async function ScoresOverTimeSection({ actor, clientId, timeZone, range }: SectionProps & { range: SeriesRange }) {
  const { client, goalProgress: goalSeries } = await getClientOverviewOr404(actor, clientId)
  const series = await getClientSeries(actor, clientId, range, new Date(), { episodeStart: client.episodeStart, timeZone })
  // Goal ratings in the chosen range; a goal that is no longer active and has none there is left out.
  const goalCharts = goalSeries
    .map((g) => ({ ...g, points: g.points.filter((p) => !series.rangeFrom || p.date >= series.rangeFrom), latest: g.points.at(-1) ?? null }))
    .filter((g) => g.points.length > 0 || g.status === 'ACTIVE')
  return (
    <ClientCharts
      clientId={clientId}
      series={packChartSeries(forCharts(series))}
      loadDetail={loadResponseDetailAction.bind(null, clientId)}
      startNewEpisode={startNewEpisodeAction.bind(null, clientId)}
      goalProgress={
        goalCharts.length > 0 ? (
          <GoalProgressCards goals={goalCharts} range={series.range} rangeFrom={series.rangeFrom} now={series.now} timeZone={series.timeZone} />
        ) : undefined
      }
    />
  )
}
