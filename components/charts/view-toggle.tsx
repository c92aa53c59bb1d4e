'use client'
// Chart or table: two real toggle buttons (aria-pressed), so the table alternative is one key away.
export type ChartView = 'chart' | 'table'

export function ViewToggle({ view, onChange, label }: { view: ChartView; onChange: (v: ChartView) => void; label: string }) {
  const item = (v: ChartView, text: string) => (
    <button
      type="button"
      aria-pressed={view === v}
      onClick={() => onChange(v)}
      className={`min-h-11 px-3 text-sm font-medium first:rounded-l-md last:rounded-r-md ${
        view === v ? 'bg-accent-700 text-white' : 'bg-white text-stone-800 hover:bg-stone-100'
      }`}
    >
      {text}
    </button>
  )
  return (
    <div role="group" aria-label={`${label}: show as`} className="no-print inline-flex shrink-0 overflow-hidden rounded-md border border-stone-300">
      {item('chart', 'Chart')}
      {item('table', 'Table')}
    </div>
  )
}
