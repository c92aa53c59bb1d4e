'use client'
// Two summaries of the scope-wide rows, drawn from values that already passed the small-cell rule:
// a suppressed value is null and simply not drawn (the table says "< 5"). The tables below are the
// full, accessible record; each chart carries a text description of what it draws.
import { Bar, BarChart, CartesianGrid, Legend, XAxis, YAxis } from 'recharts'
import type { ChangeChartDatum, SecureChartDatum } from '@/lib/outcomes/view'
import { ChartFrame } from '@/components/charts/chart-frame'

// Neutral and blue tones: red is kept for risk and errors (UX.md), never for a score. Each fill has
// at least 3:1 contrast with the white card (WCAG 1.4.11).
const CHANGE_BARS = [
  { key: 'improved', label: 'Reliably improved', fill: '#1D4ED8' },
  { key: 'recovered', label: 'Recovered', fill: '#0F766E' },
  { key: 'noChange', label: 'No reliable change', fill: '#78716C' },
  { key: 'deteriorated', label: 'Reliably deteriorated', fill: '#292524' },
] as const
const SECURE_BARS = [
  { key: 'baseline', label: 'At baseline', fill: '#78716C' },
  { key: 'latest', label: 'At latest', fill: '#1D4ED8' },
] as const

type Bars = readonly { key: string; label: string; fill: string }[]

function describe<T extends { instrument: string }>(data: T[], bars: Bars, what: string): string {
  const parts = data.map((d) => {
    const values = bars.map((b) => {
      const v = (d as unknown as Record<string, number | null>)[b.key]
      return `${b.label.toLowerCase()} ${v === null || v === undefined ? 'not shown (fewer than 5 clients)' : `${v}%`}`
    })
    return `${d.instrument}: ${values.join(', ')}`
  })
  return `${what}. ${parts.join('. ')}.`
}

function PercentBars<T extends { instrument: string }>({ data, bars, what }: { data: T[]; bars: Bars; what: string }) {
  return (
    <ChartFrame size={{ height: 280 }}>
      {({ width, height }) => ({
        description: describe(data, bars, what),
        chart: (
          <BarChart width={width} height={height} data={data} margin={{ top: 8, right: 8, bottom: 4, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#D6D3D1" />
            <XAxis dataKey="instrument" tick={{ fill: '#292524', fontSize: 14 }} />
            <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} unit="%" width={48} tick={{ fill: '#292524', fontSize: 13 }} />
            {/* Legend words in ink, not in each bar's colour (a pale colour as text fails contrast). */}
            {/* In the bars' own order (recharts sorts legend items by name by default). */}
            <Legend
              itemSorter={(item) => bars.findIndex((b) => b.key === item.dataKey)}
              wrapperStyle={{ fontSize: 14 }}
              formatter={(value: string) => <span style={{ color: '#292524' }}>{value}</span>}
            />
            {bars.map((b) => (
              <Bar key={b.key} dataKey={b.key} name={b.label} fill={b.fill} isAnimationActive={false} />
            ))}
          </BarChart>
        ),
      })}
    </ChartFrame>
  )
}

export function OutcomesCharts({ change, secure }: { change: ChangeChartDatum[]; secure: SecureChartDatum[] }) {
  if (change.length === 0 && secure.length === 0) {
    return (
      <p className="rounded-xl border border-stone-200 bg-white p-4 text-stone-700">
        No charts: every share here comes from fewer than 5 clients, so it is hidden. The tables below give the counts that can be shown.
      </p>
    )
  }
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      {change.length ? (
        <ChartPanel title="Change since baseline (share of clients)">
          <PercentBars data={change} bars={CHANGE_BARS} what="Bar chart of the share of clients in each change category, per symptom questionnaire" />
        </ChartPanel>
      ) : null}
      {secure.length ? (
        <ChartPanel title="In the secure region (share of clients)">
          <PercentBars
            data={secure}
            bars={SECURE_BARS}
            what="Bar chart of the share of clients whose attachment scores are in the secure region, at baseline and at their latest answer"
          />
        </ChartPanel>
      ) : null}
    </div>
  )
}

function ChartPanel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="min-w-0 rounded-xl border border-stone-200 bg-white p-4">
      <h3 className="mb-2 font-semibold">{title}</h3>
      {children}
      <p className="mt-2 text-sm text-stone-600">Totals only; a value from fewer than 5 clients is left out. The tables below give every number.</p>
    </section>
  )
}
