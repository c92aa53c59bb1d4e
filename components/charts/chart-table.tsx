'use client'
// The text alternative of a chart: the same points as a table, newest first.
import { getInstrument, type InstrumentId } from '@/lib/assessments'
import { quadrantLabel } from '@/lib/assessments/labels'
import type { SeriesPoint } from '@/lib/assessments/series'
import { formatDate } from '@/lib/format'
import { StackTable, STBody, STD, STH, STHead, STRow } from '@/components/ui/stack-table'
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
  const scoreHeader = (key: string) => (isAttachment ? (key === 'anxiety' ? 'Anxiety' : 'Avoidance') : 'Score')
  if (rows.length === 0) return <p className="text-stone-600">No answers in this period.</p>
  return (
    <StackTable caption={caption ?? `${def.abbreviation} scores, newest first`}>
      <STHead>
        <STH>Date</STH>
        {def.scores.map((s) => (
          <STH key={s.key}>{scoreHeader(s.key)}</STH>
        ))}
        <STH>{isAttachment ? 'Region' : 'Band'}</STH>
        <STH>Change vs baseline</STH>
        {hasRisk ? <STH>Risk</STH> : null}
        {open ? (
          <STH className="no-print">
            <span className="sr-only">Answers</span>
          </STH>
        ) : null}
      </STHead>
      <STBody>
        {rows.map((p) => (
          <STRow key={p.responseId}>
            <STD label="Date" className="whitespace-nowrap">
              {formatDate(p.date, timeZone)}
            </STD>
            {def.scores.map((s) => (
              <STD key={s.key} label={scoreHeader(s.key)} className="tabular-nums">
                {num(p.scores[s.key], isAttachment)}
              </STD>
            ))}
            <STD label={isAttachment ? 'Region' : 'Band'}>{isAttachment ? quadrantLabel(p.quadrant) || '–' : (p.band ?? '–')}</STD>
            <STD label="Change vs baseline">
              {isAttachment && p.inEpisode && !p.isBaseline
                ? def.scores.map((s) => `${s.key}: ${POINT_KIND_WORDS[pointKind(p, s.key)]}`).join(' · ')
                : POINT_KIND_WORDS[pointKind(p, def.scores[0]!.key)]}
            </STD>
            {hasRisk ? (
              <STD label="Risk">
                {p.risk ? (
                  <span className="inline-block rounded bg-red-50 px-2 py-0.5 text-sm font-medium text-red-900">risk item answered</span>
                ) : (
                  <span className="text-stone-600">none</span>
                )}
              </STD>
            ) : null}
            {open ? (
              <td role="cell" className="no-print py-1">
                <button
                  type="button"
                  className="min-h-11 rounded-md px-2 text-accent-700 underline underline-offset-4 hover:bg-accent-50"
                  onClick={(e) => open(p.responseId, e.currentTarget)}
                >
                  Answers<span className="sr-only"> from {formatDate(p.date, timeZone)}</span>
                </button>
              </td>
            ) : null}
          </STRow>
        ))}
      </STBody>
    </StackTable>
  )
}
