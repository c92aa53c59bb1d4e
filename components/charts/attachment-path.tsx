'use client'
import { TooltipBox } from './chart-labels'
// The client's path across the attachment plane: avoidance (x) × anxiety (y), 1-7, with the four
// regions named descriptively (never a diagnosis). Points are joined in time order, oldest faint,
// newest strong, so movement toward the secure corner, and setbacks, are plain to see.
import { ReferenceArea, ReferenceLine, Scatter, ScatterChart, Tooltip, usePlotArea, XAxis, YAxis } from 'recharts'
import { getInstrument } from '@/lib/assessments'
import { quadrantLabel } from '@/lib/assessments/labels'
import type { AttachmentPathPoint } from '@/lib/assessments/series'
import { formatDate } from '@/lib/format'
import { ScrollRegion } from '@/components/ui/scroll-region'
import { ChartFrame, type ChartSize } from './chart-frame'
import { placePointLabel, textWidth } from './chart-layout'
import { INK } from './chart-marks'
import { PointNavigation, usePointNav } from './point-navigation'
import { useResponseDetail } from './response-detail'
import { shownWords, thinSeries } from './thin-series'

interface Datum extends AttachmentPathPoint {
  i: number
  opacity: number
  newest: boolean
  label: string
}

const TICKS = [1, 2, 3, 4, 5, 6, 7]
/** A path of more points than this is a tangle: a long history draws its highs and lows per period. */
const PATH_MAX_MARKS = 60
const REGION_LABEL = { fill: '#57534E', fontSize: 12, fontStyle: 'italic' } as const

const pathGroupKey = (p: AttachmentPathPoint) => `${p.instrumentId}|${p.relationshipTarget ?? ''}`

function pathGroupLabel(p: AttachmentPathPoint): string {
  return `${getInstrument(p.instrumentId).abbreviation}${p.relationshipTarget ? ` about ${p.relationshipTarget}` : ''}`
}

function pathPointSummary(p: AttachmentPathPoint, timeZone: string): string {
  return `${formatDate(p.date, timeZone)}, ${pathGroupLabel(p)}: anxiety ${p.anxiety.toFixed(2)}, avoidance ${p.avoidance.toFixed(2)}${p.quadrant ? `, ${quadrantLabel(p.quadrant)}` : ''}`
}

function PathPoint({ cx, cy, payload }: { cx?: number; cy?: number; payload?: Datum }) {
  const nav = usePointNav()
  const area = usePlotArea()
  if (cx == null || cy == null || !payload) return null
  const colour = getInstrument(payload.instrumentId).colour
  const r = payload.newest ? 7 : 5
  const stroke = payload.newest ? INK : '#fff'
  return (
    <g {...nav.pointProps(payload.i, payload.label)}>
      <circle cx={cx} cy={cy} r={12} fill="transparent" />
      {nav.focused === payload.i ? <circle cx={cx} cy={cy} r={r + 7} fill="none" stroke="#124545" strokeWidth={2.5} /> : null}
      {payload.instrumentId === 'ecr-r' ? (
        <rect
          x={cx - r}
          y={cy - r}
          width={r * 2}
          height={r * 2}
          fill={colour}
          fillOpacity={payload.opacity}
          stroke={stroke}
          strokeWidth={payload.newest ? 2 : 1}
        />
      ) : (
        <circle cx={cx} cy={cy} r={r} fill={colour} fillOpacity={payload.opacity} stroke={stroke} strokeWidth={payload.newest ? 2 : 1} />
      )}
      {payload.newest || payload.i === 0 ? (
        <PathPointLabel cx={cx} cy={cy} r={r} text={payload.newest ? 'latest' : 'first'} strong={payload.newest} area={area} />
      ) : null}
    </g>
  )
}

/** "latest" / "first" beside the point, flipped to stay inside the plot near its edges. */
function PathPointLabel({
  cx,
  cy,
  r,
  text,
  strong,
  area,
}: {
  cx: number
  cy: number
  r: number
  text: string
  strong: boolean
  area: ReturnType<typeof usePlotArea>
}) {
  const bounds = area
    ? { left: area.x, right: area.x + area.width, top: area.y, bottom: area.y + area.height }
    : { left: cx - 200, right: cx + 200, top: cy - 200, bottom: cy + 200 }
  const at = placePointLabel({ x: cx, y: cy, r }, textWidth(text) + (strong ? 4 : 0), bounds)
  return (
    <text className="chart-point-label" x={at.x} y={at.y} textAnchor={at.anchor} fontSize={11} fill={INK} fontWeight={strong ? 600 : 400}>
      {text}
    </text>
  )
}

/** Recharts calls `shape` as a plain function: a module-level one is stable across renders. */
const renderPathPoint = (props: unknown) => {
  const { cx, cy, payload } = props as { cx?: number; cy?: number; payload?: Datum }
  return <PathPoint cx={cx} cy={cy} payload={payload} />
}

export function AttachmentPath({ points, timeZone, size }: { points: readonly AttachmentPathPoint[]; timeZone: string; size?: ChartSize }) {
  const open = useResponseDetail()
  const n = points.length
  // The first and the latest answer of each questionnaire (and relationship) always stay.
  const ends = new Set<number>()
  const seen = new Map<string, number>()
  points.forEach((p, i) => {
    if (!seen.has(pathGroupKey(p))) ends.add(i)
    seen.set(pathGroupKey(p), i)
  })
  for (const i of seen.values()) ends.add(i)
  const shown = thinSeries({
    times: points.map((p) => Date.parse(p.date)),
    tracks: [points.map((p) => p.anxiety), points.map((p) => p.avoidance)],
    max: PATH_MAX_MARKS,
    must: (i) => ends.has(i),
  })
  // Faint to strong by time, over the whole history.
  const data: Datum[] = shown.map((i, j) => ({
    ...points[i]!,
    i: j,
    opacity: n === 1 ? 1 : 0.25 + (0.75 * i) / (n - 1),
    newest: i === n - 1,
    label: pathPointSummary(points[i]!, timeZone),
  }))
  const segments: { key: string; from: Datum; to: Datum }[] = []
  const lastInGroup = new Map<string, Datum>()
  for (const d of data) {
    const prev = lastInGroup.get(pathGroupKey(d))
    if (prev) segments.push({ key: `${prev.responseId}-${d.responseId}`, from: prev, to: d })
    lastInGroup.set(pathGroupKey(d), d)
  }
  const newest = data.at(-1)
  const description =
    `Attachment path: avoidance on the horizontal axis and anxiety on the vertical axis, 1 to 7, midpoint 4. ` +
    `Lower left is the secure region, upper left anxious, lower right avoidant, upper right fearful-avoidant. ` +
    `${shownWords(n, shown.length)}; the points are joined in time order` +
    (newest ? `; the newest, ${pathPointSummary(newest, timeZone)}` : '') +
    (open ? '. Use the arrow keys to move between points and Enter to open the answers.' : '.') +
    ' The table view lists the same data.'

  return (
    <ChartFrame size={{ height: 320, ...size }}>
      {({ width, height }) => ({
        description,
        chart: (
          <PointNavigation count={data.length} onOpen={open ? (j, el) => open(data[j]!.responseId, el) : null}>
            <ScatterChart width={width} height={height} margin={{ top: 12, right: 16, bottom: 18, left: 4 }} accessibilityLayer={false}>
              <ReferenceArea
                x1={1}
                x2={4}
                y1={1}
                y2={4}
                fill="#D6D3D1"
                fillOpacity={0.3}
                stroke="none"
                label={{ value: 'secure', position: 'insideBottomLeft', ...REGION_LABEL }}
              />
              <ReferenceArea
                x1={1}
                x2={4}
                y1={4}
                y2={7}
                fillOpacity={0}
                stroke="none"
                label={{ value: 'anxious', position: 'insideTopLeft', ...REGION_LABEL }}
              />
              <ReferenceArea
                x1={4}
                x2={7}
                y1={1}
                y2={4}
                fillOpacity={0}
                stroke="none"
                label={{ value: 'avoidant', position: 'insideBottomRight', ...REGION_LABEL }}
              />
              <ReferenceArea
                x1={4}
                x2={7}
                y1={4}
                y2={7}
                fillOpacity={0}
                stroke="none"
                label={{ value: 'fearful-avoidant', position: 'insideTopRight', ...REGION_LABEL }}
              />
              <XAxis
                type="number"
                dataKey="avoidance"
                domain={[1, 7]}
                ticks={TICKS}
                tick={{ fontSize: 12, fill: '#57534E' }}
                label={{ value: 'avoidance →', position: 'insideBottom', offset: -12, fill: INK, fontSize: 12 }}
              />
              <YAxis
                type="number"
                dataKey="anxiety"
                domain={[1, 7]}
                ticks={TICKS}
                width={44}
                tick={{ fontSize: 12, fill: '#57534E' }}
                label={{ value: 'anxiety →', angle: -90, position: 'insideLeft', offset: 10, fill: INK, fontSize: 12, style: { textAnchor: 'middle' } }}
              />
              <ReferenceLine x={4} stroke="#A8A29E" />
              <ReferenceLine y={4} stroke="#A8A29E" />
              {segments.map((s) => (
                <ReferenceLine
                  key={s.key}
                  segment={[
                    { x: s.from.avoidance, y: s.from.anxiety },
                    { x: s.to.avoidance, y: s.to.anxiety },
                  ]}
                  stroke={getInstrument(s.to.instrumentId).colour}
                  strokeOpacity={s.to.opacity}
                  strokeWidth={2}
                />
              ))}
              <Tooltip
                isAnimationActive={false}
                cursor={false}
                content={({ active, payload }) => {
                  const d = active ? (payload?.[0]?.payload as Datum | undefined) : undefined
                  if (!d) return null
                  return (
                    <TooltipBox>
                      <p className="font-medium">{formatDate(d.date, timeZone)}</p>
                      <p>{pathGroupLabel(d)}</p>
                      <p>
                        anxiety {d.anxiety.toFixed(2)} · avoidance {d.avoidance.toFixed(2)}
                      </p>
                      {d.quadrant ? <p className="text-stone-700">{quadrantLabel(d.quadrant)}</p> : null}
                    </TooltipBox>
                  )
                }}
              />
              <Scatter data={data} shape={renderPathPoint} isAnimationActive={false} />
            </ScatterChart>
          </PointNavigation>
        ),
      })}
    </ChartFrame>
  )
}

export function AttachmentPathLegend({ points }: { points: readonly AttachmentPathPoint[] }) {
  const groups = [...new Map(points.map((p) => [pathGroupKey(p), p])).values()]
  return (
    <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-stone-700" aria-label="Legend">
      {groups.map((g) => (
        <li key={pathGroupKey(g)} className="flex items-center gap-1.5">
          <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
            {g.instrumentId === 'ecr-r' ? (
              <rect x={2} y={2} width={10} height={10} fill={getInstrument(g.instrumentId).colour} />
            ) : (
              <circle cx={7} cy={7} r={5} fill={getInstrument(g.instrumentId).colour} />
            )}
          </svg>
          {pathGroupLabel(g)}
        </li>
      ))}
      <li>faint to strong: oldest to newest</li>
      <li>regions describe where a point lies today, not a diagnosis</li>
    </ul>
  )
}

export function AttachmentPathTable({ points, timeZone }: { points: readonly AttachmentPathPoint[]; timeZone: string }) {
  const open = useResponseDetail()
  if (points.length === 0) return <p className="text-stone-600">No attachment answers in this period.</p>
  return (
    <ScrollRegion label="Attachment path table">
      <table className="w-full min-w-[30rem] text-left">
        <caption className="sr-only">Attachment path, newest first</caption>
        <thead className="border-b border-stone-200 text-sm text-stone-700">
          <tr>
            <th scope="col" className="py-2 pr-3 font-semibold">
              Date
            </th>
            <th scope="col" className="py-2 pr-3 font-semibold">
              Questionnaire
            </th>
            <th scope="col" className="py-2 pr-3 font-semibold">
              Anxiety
            </th>
            <th scope="col" className="py-2 pr-3 font-semibold">
              Avoidance
            </th>
            <th scope="col" className="py-2 pr-3 font-semibold">
              Region
            </th>
            {open ? (
              <th scope="col" className="no-print py-2">
                <span className="sr-only">Answers</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {[...points].reverse().map((p) => (
            <tr key={p.responseId} className="border-b border-stone-100 last:border-0">
              <td className="whitespace-nowrap py-2 pr-3">{formatDate(p.date, timeZone)}</td>
              <td className="py-2 pr-3">{pathGroupLabel(p)}</td>
              <td className="py-2 pr-3 tabular-nums">{p.anxiety.toFixed(2)}</td>
              <td className="py-2 pr-3 tabular-nums">{p.avoidance.toFixed(2)}</td>
              <td className="py-2 pr-3">{quadrantLabel(p.quadrant) || '–'}</td>
              {open ? (
                <td className="no-print py-1">
                  <button
                    type="button"
                    className="min-h-11 rounded-md px-2 text-accent-700 underline underline-offset-4 hover:bg-accent-50"
                    onClick={(e) => open(p.responseId, e.currentTarget)}
                  >
                    Answers<span className="sr-only"> from {formatDate(p.date, timeZone)}</span>
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  )
}
