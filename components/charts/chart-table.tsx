'use client'
// The text alternative of a chart: the same points as a table, newest first.
import { getInstrument, type InstrumentId } from '@/lib/assessments'
import { quadrantLabel } from '@/lib/assessments/labels'
import type { SeriesPoint } from '@/lib/assessments/series'
import { formatDate } from '@/lib/format'
import { ScrollRegion } from '@/components/ui/scroll-region'
import { POINT_KIND_WORDS, pointKind } from './chart-marks'
import { useResponseDetail } from './response-detail'

const num = (v: number | undefined, twoDecimals: boolean) => (v === undefined ? '–' : twoDecimals ? v.toFixed(2) : String(v))

export function ChartTable({
  instrumentId,
  points,
  timeZone,
  caption,
}: {
  instrumentId: InstrumentId
  points: readonly SeriesPoint[]
  timeZone: string
  caption?: string
}) {
  const open = useResponseDetail()
  const def = getInstrument(instrumentId)
  const hasRisk = def.items.some((i) => i.risk)
  const isAttachment = def.quadrant !== undefined
  const rows = [...points].reverse()
  if (rows.length === 0) return <p className="text-stone-600">No answers in this period.</p>
  return (
    <ScrollRegion label={`${def.abbreviation} table`}>
      <table className="w-full min-w-[28rem] text-left">
        <caption className="sr-only">{caption ?? `${def.abbreviation} scores, newest first`}</caption>
        <thead className="border-b border-stone-200 text-sm text-stone-700">
          <tr>
            <th scope="col" className="py-2 pr-3 font-semibold">Date</th>
            {def.scores.map((s) => (
              <th key={s.key} scope="col" className="py-2 pr-3 font-semibold">
                {isAttachment ? (s.key === 'anxiety' ? 'Anxiety' : 'Avoidance') : 'Score'}
              </th>
            ))}
            <th scope="col" className="py-2 pr-3 font-semibold">{isAttachment ? 'Region' : 'Band'}</th>
            <th scope="col" className="py-2 pr-3 font-semibold">Change vs baseline</th>
            {hasRisk ? <th scope="col" className="py-2 pr-3 font-semibold">Risk</th> : null}
            {open ? <th scope="col" className="no-print py-2 font-semibold"><span className="sr-only">Answers</span></th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.responseId} className="border-b border-stone-100 last:border-0">
              <td className="whitespace-nowrap py-2 pr-3">{formatDate(p.date, timeZone)}</td>
              {def.scores.map((s) => (
                <td key={s.key} className="py-2 pr-3 tabular-nums">{num(p.scores[s.key], isAttachment)}</td>
              ))}
              <td className="py-2 pr-3">{isAttachment ? quadrantLabel(p.quadrant) || '–' : (p.band ?? '–')}</td>
              <td className="py-2 pr-3">
                {isAttachment && p.inEpisode && !p.isBaseline
                  ? def.scores.map((s) => `${s.key}: ${POINT_KIND_WORDS[pointKind(p, s.key)]}`).join(' · ')
                  : POINT_KIND_WORDS[pointKind(p, def.scores[0]!.key)]}
              </td>
              {hasRisk ? (
                <td className="py-2 pr-3">
                  {p.risk ? <span className="rounded bg-red-50 px-2 py-0.5 text-sm font-medium text-red-900">risk item answered</span> : <span className="text-stone-600">none</span>}
                </td>
              ) : null}
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
