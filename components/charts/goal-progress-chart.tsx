'use client'
import { timeXAxisProps, TooltipBox } from './chart-labels'
// Goal-progress ratings over time: one card per goal, in the client's words, 0-10 with higher
// better. Not a validated scale, and labelled as such: no bands, no cutoff, no change category.
import { CartesianGrid, LineChart, Line, Tooltip, XAxis, YAxis } from 'recharts'
import { goalProgress } from '@/lib/assessments'
import { SERIES_RANGE_LABELS, type SeriesRange } from '@/lib/assessments/series'
import { formatDate } from '@/lib/format'
import type { GoalStatus } from '@/lib/goals/types'
import { ScrollRegion } from '@/components/ui/scroll-region'
import { ChartCard } from './chart-card'
import { ChartFrame, type ChartSize } from './chart-frame'
import { timeChartLayout, timeDomain } from './chart-layout'
import { markBudget, shownWords, thinSeries } from './thin-series'

interface GoalRatingPoint {
  /** ISO 8601 instant (UTC). */
  date: string
  rating: number
  responseId: string
}

export interface GoalChartSeries {
  goalId: string
  /** The goal's current wording. */
  title: string
  status: GoalStatus
  /** Ratings within the shown range, oldest first. */
  points: GoalRatingPoint[]
  /** The most recent rating, even when it is older than the range. */
  latest: GoalRatingPoint | null
}

const STATUS_WORDS = { ACTIVE: '', PAUSED: ' (paused)', ACHIEVED: ' (achieved)' } as const
const Y_TICKS = [0, 2, 4, 6, 8, 10]

/** The cards for every goal that has been rated, laid out like the questionnaire cards. */
export function GoalProgressCards({
  goals,
  range,
  rangeFrom,
  now,
  timeZone,
}: {
  goals: GoalChartSeries[]
  range: SeriesRange
  rangeFrom: string | null
  now: string
  timeZone: string
}) {
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      {goals.map((g) => (
        <GoalProgressCard key={g.goalId} goal={g} range={range} rangeFrom={rangeFrom} now={now} timeZone={timeZone} />
      ))}
    </div>
  )
}

function GoalProgressCard({
  goal,
  range,
  rangeFrom,
  now,
  timeZone,
  size,
}: {
  goal: GoalChartSeries
  range: SeriesRange
  rangeFrom: string | null
  now: string
  timeZone: string
  size?: ChartSize
}) {
  const { latest } = goal
  return (
    <ChartCard
      title={`“${goal.title}”${STATUS_WORDS[goal.status]}`}
      colour={goalProgress.colour}
      summary={
        <>
          {latest ? (
            <p>
              Latest <span className="font-medium text-stone-900">{latest.rating} of 10</span> on {formatDate(latest.date, timeZone)}
            </p>
          ) : null}
          <p className="text-sm text-stone-600">{goalProgress.validationNote}</p>
        </>
      }
      chart={
        goal.points.length === 0 ? (
          <p className="text-stone-600">No ratings in {range === 'all' ? 'this period' : `the last ${SERIES_RANGE_LABELS[range]}`}.</p>
        ) : (
          <GoalProgressChart goal={goal} rangeFrom={rangeFrom} now={now} timeZone={timeZone} size={size} />
        )
      }
      table={<GoalProgressTable goal={goal} timeZone={timeZone} />}
    />
  )
}

interface Datum {
  t: number
  rating: number
  date: string
}

/** One goal's ratings as a line on a fixed 0-10 scale (higher is better). */
function GoalProgressChart({
  goal,
  rangeFrom,
  now,
  timeZone,
  size,
}: {
  goal: GoalChartSeries
  rangeFrom: string | null
  now: string
  timeZone: string
  size?: ChartSize
}) {
  const data: Datum[] = goal.points.map((p) => ({ t: Date.parse(p.date), rating: p.rating, date: p.date }))
  const domain = timeDomain(
    data.map((d) => d.t),
    { rangeFrom, now },
  )
  const last = goal.points.at(-1)
  const describe = (shown: number) =>
    `Progress on “${goal.title}” over time (0 to 10, higher is better), ${shownWords(goal.points.length, shown, { one: 'rating', many: 'ratings' })}` +
    (last ? `, latest ${last.rating} on ${formatDate(last.date, timeZone)}` : '') +
    '. Not a validated scale. The table view lists the same data.'
  const colour = goalProgress.colour
  return (
    <ChartFrame size={size}>
      {({ width, height }) => {
        const layout = timeChartLayout({ width, height, yAxisWidth: 34, gutter: 16, top: 12, domain, yDomain: [goalProgress.min, goalProgress.max] })
        // A long history draws at most what the plot's width can show, its highs and lows included.
        const shown = thinSeries({ times: data.map((d) => d.t), tracks: [data.map((d) => d.rating)], max: markBudget(layout.plot.width) })
        const drawn = shown.length < data.length ? shown.map((i) => data[i]!) : data
        return {
          description: describe(shown.length),
          chart: (
            <LineChart width={width} height={height} data={drawn} margin={layout.margin} accessibilityLayer={false}>
              <CartesianGrid vertical={false} stroke="#E7E5E4" strokeOpacity={0.6} />
              <XAxis {...timeXAxisProps(domain, layout, timeZone)} />
              <YAxis domain={[goalProgress.min, goalProgress.max]} ticks={Y_TICKS} width={34} tick={{ fontSize: 12, fill: '#57534E' }} allowDecimals={false} />
              <Tooltip
                isAnimationActive={false}
                cursor={{ stroke: '#A8A29E' }}
                content={({ active, payload }) => {
                  const d = active ? (payload?.[0]?.payload as Datum | undefined) : undefined
                  if (!d) return null
                  return (
                    <TooltipBox>
                      <p className="font-medium">{formatDate(d.date, timeZone)}</p>
                      <p>{d.rating} of 10</p>
                    </TooltipBox>
                  )
                }}
              />
              <Line
                dataKey="rating"
                stroke={colour}
                strokeWidth={2}
                isAnimationActive={false}
                dot={{ r: 4, fill: colour, stroke: '#fff', strokeWidth: 1 }}
                activeDot={{ r: 6, fill: colour, stroke: '#fff', strokeWidth: 2 }}
              />
            </LineChart>
          ),
        }
      }}
    </ChartFrame>
  )
}

/** The text alternative: Date | Rating, newest first. */
function GoalProgressTable({ goal, timeZone }: { goal: GoalChartSeries; timeZone: string }) {
  const rows = [...goal.points].reverse()
  if (rows.length === 0) return <p className="text-stone-600">No ratings in this period.</p>
  return (
    <ScrollRegion label={`Ratings of “${goal.title}” table`}>
      <table className="w-full text-left">
        <caption className="sr-only">Ratings of “{goal.title}” (0 to 10, higher is better), newest first</caption>
        <thead className="border-b border-stone-200 text-sm text-stone-700">
          <tr>
            <th scope="col" className="py-2 pr-3 font-semibold">
              Date
            </th>
            <th scope="col" className="py-2 pr-3 font-semibold">
              Rating
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.responseId} className="border-b border-stone-100 last:border-0">
              <td className="whitespace-nowrap py-2 pr-3">{formatDate(p.date, timeZone)}</td>
              <td className="py-2 pr-3 tabular-nums">{p.rating} of 10</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  )
}
