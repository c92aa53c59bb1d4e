import { instrumentLabel, quadrantLabel, scoreSummary } from '@/lib/assessments/labels'
import { ScrollRegion } from '@/components/ui/scroll-region'

export interface ScoreRow {
  id: string
  instrumentId: string
  relationshipTarget: string | null
  scores: Record<string, number>
  band: string | null
  quadrant: string | null
  risk: boolean
  submitted: string
}

export function ScoresTable({ rows }: { rows: ScoreRow[] }) {
  if (rows.length === 0) return <p className="text-stone-600">No answers yet. Scores appear here once the client completes a check-in.</p>
  return (
    <ScrollRegion label="Scores table">
      <table className="w-full min-w-[28rem] text-left">
        <caption className="sr-only">Most recent questionnaire scores, newest first</caption>
        <thead className="border-b border-stone-200 text-sm text-stone-700">
          <tr>
            <th scope="col" className="py-2 pr-4 font-semibold">Date</th>
            <th scope="col" className="py-2 pr-4 font-semibold">Questionnaire</th>
            <th scope="col" className="py-2 pr-4 font-semibold">Score</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-b border-stone-100 last:border-0">
              <td className="py-2 pr-4">{r.submitted}</td>
              <td className="py-2 pr-4">
                {instrumentLabel(r.instrumentId)}
                {r.relationshipTarget ? <span className="text-stone-600"> · {r.relationshipTarget}</span> : null}
              </td>
              <td className="py-2 pr-4">
                {scoreSummary(r.scores, r.band)}
                {r.quadrant ? <span className="text-stone-600"> · {quadrantLabel(r.quadrant)}</span> : null}
                {r.risk ? <span className="ml-2 rounded bg-red-50 px-2 py-0.5 text-sm font-medium text-red-900">risk item</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  )
}
