import { instrumentLabel, quadrantLabel, scoreSummary } from '@/lib/assessments/labels'
import { StackTable, STBody, STD, STH, STHead, STRow } from '@/components/ui/stack-table'

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
    <StackTable caption="Most recent questionnaire scores, newest first">
      <STHead>
        <STH>Date</STH>
        <STH>Questionnaire</STH>
        <STH>Score</STH>
      </STHead>
      <STBody>
        {rows.map((r) => (
          <STRow key={r.id}>
            <STD label="Date">{r.submitted}</STD>
            <STD label="Questionnaire">
              {instrumentLabel(r.instrumentId)}
              {r.relationshipTarget ? <span className="text-stone-600"> · {r.relationshipTarget}</span> : null}
            </STD>
            <STD label="Score">
              {scoreSummary(r.scores, r.band)}
              {r.quadrant ? <span className="text-stone-600"> · {quadrantLabel(r.quadrant)}</span> : null}
              {r.risk ? <span className="ml-2 inline-block rounded bg-red-50 px-2 py-0.5 text-sm font-medium text-red-900">risk item</span> : null}
            </STD>
          </STRow>
        ))}
      </STBody>
    </StackTable>
  )
}
