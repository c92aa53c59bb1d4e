import { questionId } from '@/lib/checkins/checkin-form'

/**
 * The top of one part of the check-in: where the client is, the heading, and, once the client
 * tried to move on, the questions of this part still without an answer (links to each). Plain
 * HTML: the summary is always rendered, hidden while empty, so public/checkin.js can fill it at once.
 */
export function StepHeader({
  itemId,
  index,
  count,
  answered,
  total,
  title,
  missing,
  missingLabel = (n) => `Question ${n} needs an answer`,
}: {
  itemId: string
  index: number
  count: number
  answered: number
  total: number
  title: string
  /** Question numbers to mark as needing an answer (empty until the client tries to move on). */
  missing: number[]
  missingLabel?: (n: number) => string
}) {
  return (
    <>
      <div className="flex flex-col gap-2">
        {count > 1 ? (
          <p className="text-sm font-medium text-stone-600">
            Part {index + 1} of {count}
          </p>
        ) : null}
        <progress data-progress="" value={answered} max={total} aria-label="Questions answered" className="h-2 w-full accent-accent-700" />
        <p data-progress-text="" className="text-sm text-stone-600">
          {answered} of {total} questions answered
        </p>
      </div>
      <h1 tabIndex={-1} className="text-2xl font-semibold">
        {title}
      </h1>
      <div data-summary="" hidden={missing.length === 0} role="alert" tabIndex={-1} className="rounded-lg border-2 border-red-700 bg-white p-4">
        <h2 className="text-lg font-semibold text-red-800">
          <span data-one="" hidden={missing.length > 1}>
            One question still needs an answer
          </span>
          <span data-many="" hidden={missing.length <= 1}>
            Some questions still need an answer
          </span>
        </h2>
        <ul className="mt-2 flex flex-col gap-1">
          {missing.map((n) => (
            <li key={n}>
              <a href={`#${questionId(itemId, n)}`} className="font-medium text-red-800 underline underline-offset-4">
                {missingLabel(n)}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </>
  )
}
