// A note's score snapshot as a table: instrument, baseline, latest with its band, and the change
// in words. Renders stored data only (no hooks), so it works in the editor and the read-only view.
import { changeCategoryText, formatScore, type ScoreSnapshot } from '@/lib/notes/snapshot'
import { formatDate, formatDateTime } from '@/lib/format'
import { ScrollRegion } from '@/components/ui/scroll-region'

export function ScoreSnapshotTable({ snapshot, timeZone = 'UTC', headingLevel = 3 }: { snapshot: ScoreSnapshot; timeZone?: string; headingLevel?: 2 | 3 | 4 }) {
  const H = `h${headingLevel}` as 'h2' | 'h3' | 'h4'
  const caption = `Scores since baseline, as of ${formatDateTime(snapshot.takenAt, timeZone)}`
  return (
    <div className="flex flex-col gap-2">
      <H className="font-semibold">Scores since baseline</H>
      <p className="text-sm text-stone-600">
        Taken {formatDateTime(snapshot.takenAt, timeZone)} · episode of care since {formatDate(`${snapshot.episodeStart}T00:00:00Z`, 'UTC')}. Baseline is
        the first complete score in the episode.
      </p>
      {snapshot.instruments.length === 0 ? (
        <p className="text-stone-700">No complete questionnaire scores in this episode of care yet.</p>
      ) : (
        <ScrollRegion label="Scores since baseline">
          <table className="w-full min-w-[32rem] border-collapse text-left">
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr className="border-b border-stone-300 text-sm text-stone-700">
                <th scope="col" className="py-2 pr-3 font-medium">
                  Questionnaire
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Baseline
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Latest
                </th>
                <th scope="col" className="py-2 font-medium">
                  Change
                </th>
              </tr>
            </thead>
            <tbody>
              {snapshot.instruments.map((e) => (
                <tr key={`${e.instrumentId}-${e.relationshipTarget ?? ''}-${e.scoreKey}`} className="border-b border-stone-100 align-top">
                  <th scope="row" className="py-2 pr-3 font-medium">
                    {e.label}
                    {e.relationshipTarget ? <span className="block text-sm font-normal text-stone-600">about {e.relationshipTarget}</span> : null}
                  </th>
                  <td className="py-2 pr-3">
                    {formatScore(e, e.baseline.value)}
                    <span className="block text-sm text-stone-600">{formatDate(e.baseline.date, timeZone)}</span>
                  </td>
                  <td className="py-2 pr-3">
                    {formatScore(e, e.latest.value)}
                    {e.latest.band ? ` (${e.latest.band})` : ''}
                    <span className="block text-sm text-stone-600">
                      {formatDate(e.latest.date, timeZone)} · {e.count} {e.count === 1 ? 'score' : 'scores'}
                    </span>
                  </td>
                  <td className="py-2">{changeCategoryText(e.category)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </div>
  )
}
