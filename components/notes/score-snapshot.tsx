// A note's score snapshot as a table: instrument, baseline, latest with its band, and the change
// in words. Renders stored data only (no hooks), so it works in the editor and the read-only view.
import { changeCategoryText, formatScore, type ScoreSnapshot } from '@/lib/notes/snapshot'
import { formatDate, formatDateTime } from '@/lib/format'
import { StackTable, STBody, STD, STH, STHead, STRow, STRowHeader } from '@/components/ui/stack-table'

export function ScoreSnapshotTable({ snapshot, timeZone = 'UTC', headingLevel = 3 }: { snapshot: ScoreSnapshot; timeZone?: string; headingLevel?: 2 | 3 | 4 }) {
  const H = `h${headingLevel}` as 'h2' | 'h3' | 'h4'
  const caption = `Scores since baseline, as of ${formatDateTime(snapshot.takenAt, timeZone)}`
  return (
    <div className="flex flex-col gap-2">
      <H className="font-semibold">Scores since baseline</H>
      <p className="text-sm text-stone-600">
        Taken {formatDateTime(snapshot.takenAt, timeZone)} · episode of care since {formatDate(`${snapshot.episodeStart}T00:00:00Z`, 'UTC')}. Baseline is the
        first complete score in the episode.
      </p>
      {snapshot.instruments.length === 0 ? (
        <p className="text-stone-700">No complete questionnaire scores in this episode of care yet.</p>
      ) : (
        <StackTable caption={caption} className="border-collapse">
          <STHead className="border-stone-300">
            <STH className="font-medium">Questionnaire</STH>
            <STH className="font-medium">Baseline</STH>
            <STH className="font-medium">Latest</STH>
            <STH className="font-medium">Change</STH>
          </STHead>
          <STBody>
            {snapshot.instruments.map((e) => (
              <STRow key={`${e.instrumentId}-${e.relationshipTarget ?? ''}-${e.scoreKey}`}>
                <STRowHeader label="Questionnaire">
                  {e.label}
                  {e.relationshipTarget ? <span className="block text-sm font-normal text-stone-600">about {e.relationshipTarget}</span> : null}
                </STRowHeader>
                <STD label="Baseline">
                  {formatScore(e, e.baseline.value)}
                  <span className="block text-sm text-stone-600">{formatDate(e.baseline.date, timeZone)}</span>
                </STD>
                <STD label="Latest">
                  {formatScore(e, e.latest.value)}
                  {e.latest.band ? ` (${e.latest.band})` : ''}
                  <span className="block text-sm text-stone-600">
                    {formatDate(e.latest.date, timeZone)} · {e.count} {e.count === 1 ? 'score' : 'scores'}
                  </span>
                </STD>
                <STD label="Change">{changeCategoryText(e.category)}</STD>
              </STRow>
            ))}
          </STBody>
        </StackTable>
      )}
    </div>
  )
}
