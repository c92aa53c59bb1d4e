// Shared pieces of the score charts: how a point looks for its change category (shape first,
// so colour is never the only cue), the legend in words, and time-axis ticks.
import type { ChangeCategory } from '@/lib/assessments'
import type { SeriesPoint } from '@/lib/assessments/series'

export type PointKind = ChangeCategory | 'baseline' | 'before-episode' | 'not-compared'

export const POINT_KIND_WORDS: Readonly<Record<PointKind, string>> = {
  baseline: 'baseline',
  recovered: 'recovered',
  improved: 'improved',
  'no reliable change': 'no reliable change',
  deteriorated: 'deteriorated',
  'before-episode': 'before this episode of care',
  'not-compared': 'not compared',
}

/** Risk is the only red on a chart. */
const RISK_RED = '#B91C1C'
export const INK = '#44403C'

export function pointKind(p: SeriesPoint, scoreKey: string): PointKind {
  if (p.isBaseline) return 'baseline'
  if (!p.inEpisode) return 'before-episode'
  return p.categories[scoreKey] ?? 'not-compared'
}

/** "improved since baseline" / "baseline" / "before this episode of care". */
export function changeWords(p: SeriesPoint, scoreKey: string): string {
  const kind = pointKind(p, scoreKey)
  if (kind === 'baseline' || kind === 'before-episode' || kind === 'not-compared') return POINT_KIND_WORDS[kind]
  return `${kind} since baseline`
}

/** Two lines on one chart (attachment anxiety and avoidance) differ in point shape too. */
export type MarkShape = 'circle' | 'square'

/**
 * One point as SVG. Baseline: open diamond. Recovered: filled circle in a ring. Improved: filled
 * circle. No reliable change: open circle. Deteriorated: filled triangle. Before the episode:
 * small grey circle. With shape 'square', the circles are squares. A risk answer adds a red ring;
 * keyboard focus adds a dark ring. `small`: a plain small dot (dense charts, ordinary points).
 */
export function PointMark({
  kind,
  cx,
  cy,
  colour,
  risk = false,
  focused = false,
  r = 4.5,
  opacity = 1,
  shape: form = 'circle',
  small = false,
}: {
  kind: PointKind
  cx: number
  cy: number
  colour: string
  risk?: boolean
  focused?: boolean
  r?: number
  opacity?: number
  shape?: MarkShape
  small?: boolean
}) {
  const round = (rad: number, props: { fill: string; stroke?: string; strokeWidth?: number }) =>
    form === 'square' ? <rect x={cx - rad} y={cy - rad} width={rad * 2} height={rad * 2} {...props} /> : <circle cx={cx} cy={cy} r={rad} {...props} />
  let shape: React.ReactNode
  if (small) {
    shape = kind === 'before-episode' ? round(2, { fill: '#A8A29E' }) : round(form === 'square' ? 1.8 : 2.2, { fill: colour })
    return (
      <g opacity={opacity}>
        {focused ? <circle cx={cx} cy={cy} r={9} fill="none" stroke="#124545" strokeWidth={2.5} /> : null}
        {shape}
      </g>
    )
  }
  switch (kind) {
    case 'baseline':
      shape = <path d={`M${cx},${cy - r - 2} L${cx + r + 2},${cy} L${cx},${cy + r + 2} L${cx - r - 2},${cy} Z`} fill="#fff" stroke={INK} strokeWidth={2} />
      break
    case 'recovered':
      shape = (
        <>
          {round(r + 2.5, { fill: '#fff', stroke: colour, strokeWidth: 1.5 })}
          {round(r - 0.5, { fill: colour })}
        </>
      )
      break
    case 'improved':
      shape = round(r, { fill: colour, stroke: '#fff', strokeWidth: 1 })
      break
    case 'deteriorated':
      shape = <path d={`M${cx},${cy - r - 1.5} L${cx + r + 1},${cy + r} L${cx - r - 1},${cy + r} Z`} fill={colour} stroke={INK} strokeWidth={1} />
      break
    case 'before-episode':
      shape = round(r - 1, { fill: '#fff', stroke: '#A8A29E', strokeWidth: 1.5 })
      break
    default:
      shape = round(r, { fill: '#fff', stroke: colour, strokeWidth: 2 })
  }
  return (
    <g opacity={opacity}>
      {risk ? <circle cx={cx} cy={cy} r={r + 5} fill="none" stroke={RISK_RED} strokeWidth={2} /> : null}
      {focused ? <circle cx={cx} cy={cy} r={r + 8} fill="none" stroke="#124545" strokeWidth={2.5} /> : null}
      {shape}
    </g>
  )
}

const LEGEND_KINDS: readonly PointKind[] = ['baseline', 'recovered', 'improved', 'no reliable change', 'deteriorated', 'before-episode']

/** The legend in words, with the same marks as the chart. */
export function CategoryLegend({
  colour,
  kinds = LEGEND_KINDS,
  extra,
  showRisk = true,
}: {
  colour: string
  kinds?: readonly PointKind[]
  extra?: React.ReactNode
  showRisk?: boolean
}) {
  return (
    <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-stone-700" aria-label="Legend">
      {kinds.map((k) => (
        <li key={k} className="flex items-center gap-1.5">
          <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
            <PointMark kind={k} cx={9} cy={9} colour={colour} r={4} />
          </svg>
          {POINT_KIND_WORDS[k]}
        </li>
      ))}
      {showRisk ? (
        <li className="flex items-center gap-1.5">
          <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
            <circle cx={9} cy={9} r={7} fill="none" stroke={RISK_RED} strokeWidth={2} />
          </svg>
          risk item answered
        </li>
      ) : null}
      {extra}
    </ul>
  )
}
