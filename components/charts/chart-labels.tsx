// Labels drawn outside a time chart's plot area, so they never sit on the data: the baseline's
// label in the top margin and named levels (bands, cutoff, line ends) in the right gutter.
import { spreadLabels, textWidth, tickLabel, type TimeChartLayout } from './chart-layout'
import { INK } from './chart-marks'

const LABEL_HEIGHT = 14

/** "baseline" above the plot, centred on the baseline's x, kept inside the chart's width. */
export function BaselineLabel({ layout, t, width, text = 'baseline' }: { layout: TimeChartLayout; t: number; width: number; text?: string }) {
  const x = layout.x(t)
  const w = textWidth(text)
  const cx = Math.min(Math.max(x, w / 2 + 2), width - w / 2 - 2)
  return (
    <g className="chart-baseline-label" aria-hidden="true">
      <line x1={x} x2={x} y1={layout.plot.top - 4} y2={layout.plot.top} stroke="#78716C" />
      <text x={cx} y={layout.plot.top - 7} textAnchor="middle" fontSize={11} fill={INK}>
        {text}
      </text>
    </g>
  )
}

export interface GutterItem {
  key: string
  text: string
  /** The value (y scale) the label belongs to. */
  value: number
  fill?: string
  fontWeight?: number
  /** Draw a short connector from this point (px) to the label: a line's end. */
  from?: { x: number; y: number }
}

/** Labels in the right gutter at their values' heights, spread apart so none overlap. */
export function GutterLabels({ layout, items }: { layout: TimeChartLayout; items: readonly GutterItem[] }) {
  const ys = spreadLabels(
    items.map((i) => ({ y: layout.y(i.value), height: LABEL_HEIGHT })),
    layout.plot.top - 6,
    layout.plot.bottom + 6,
  )
  const x = layout.plot.right + 8
  return (
    <g aria-hidden="true">
      {items.map((item, k) => {
        const y = ys[k]!
        return (
          <g key={item.key} className="chart-gutter-label">
            {item.from ? (
              <polyline
                points={`${item.from.x + 6},${item.from.y} ${layout.plot.right + 2},${item.from.y} ${x - 2},${y}`}
                fill="none"
                stroke="#A8A29E"
                strokeWidth={1}
              />
            ) : null}
            <text x={x} y={y} dy="0.35em" fontSize={11} fill={item.fill ?? '#57534E'} fontWeight={item.fontWeight}>
              {item.text}
            </text>
          </g>
        )
      })}
    </g>
  )
}

/** The time axis every line chart shares: ticks from the layout, labels in the practice's zone. */
export function timeXAxisProps(domain: [number, number], layout: Pick<TimeChartLayout, 'ticks' | 'unit'>, timeZone: string) {
  return {
    dataKey: 't',
    type: 'number' as const,
    scale: 'time' as const,
    domain,
    ticks: layout.ticks,
    interval: 0,
    tickFormatter: (t: number) => tickLabel(t, layout.unit, timeZone),
    tick: { fontSize: 12, fill: '#57534E' },
    allowDataOverflow: true,
  }
}

/** The box a chart's tooltip is drawn in. */
export function TooltipBox({ children }: { children: React.ReactNode }) {
  return <div className="max-w-64 rounded-md border border-stone-300 bg-white px-3 py-2 text-sm shadow">{children}</div>
}
