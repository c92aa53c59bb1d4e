import { buttonStyles } from '@/components/ui/button-styles'
import { GoalStep } from './goal-step'
import { InstrumentStep } from './instrument-step'
import { countAnswered, unanswered } from './progress'
import type { AnswerMap } from '@/lib/checkins/types'
import type { Part } from './types'

/**
 * One part of the check-in as a plain form. Every button posts the part's answers (which saves
 * them as the draft) and says where to go: the next part, the one before, or send. Works without
 * script; public/checkin.js adds instant checks and saving as the client answers.
 */
export function CheckInStepForm({
  parts,
  index,
  answers,
  showMissing,
  submissionKey,
  crisisResources,
  welcomeBack,
  sendError,
}: {
  parts: Part[]
  index: number
  answers: AnswerMap
  /** Mark this part's unanswered questions (the client tried to move on with gaps). */
  showMissing: boolean
  /** One key per page: a double click or a resend stores one response. */
  submissionKey: string
  crisisResources: string
  welcomeBack: boolean
  /** The last send or save failed: the answers are kept, the client is asked to try again. */
  sendError: boolean
}) {
  const part = parts[index]!
  const isLast = index === parts.length - 1
  const values = answers[part.itemId] ?? []
  const missing = showMissing ? unanswered(values) : []
  const total = parts.reduce((n, p) => n + (answers[p.itemId]?.length ?? 0), 0)
  const answered = countAnswered(answers)
  return (
    <form
      method="post"
      noValidate
      data-checkin-form=""
      data-item={part.itemId}
      data-answered-elsewhere={answered - (values.length - unanswered(values).length)}
      className="flex flex-col gap-6"
    >
      <input type="hidden" name="step" value={index} />
      <input type="hidden" name="key" value={submissionKey} />
      {welcomeBack ? (
        <p className="rounded-md bg-accent-50 px-3 py-2 text-accent-800">
          Welcome back. Your earlier answers have been kept, so you can carry on where you left off.
        </p>
      ) : null}
      {part.kind === 'goals' ? (
        <GoalStep part={part} index={index} count={parts.length} values={values} missing={missing} answered={answered} total={total} />
      ) : (
        <InstrumentStep
          part={part}
          index={index}
          count={parts.length}
          values={values}
          missing={missing}
          answered={answered}
          total={total}
          crisisResources={crisisResources}
        />
      )}
      {sendError ? (
        <p role="alert" className="rounded-md border-2 border-red-700 bg-white px-3 py-2 text-red-900">
          We couldn&apos;t send your answers just now. Nothing has been lost: please try again in a moment.
        </p>
      ) : null}
      {/* The forward button comes first, so Enter in the form moves on; CSS puts Back on the left. */}
      <div className="flex flex-col gap-3 sm:flex-row-reverse sm:justify-between">
        <button type="submit" name="intent" value={isLast ? 'send' : 'next'} className={buttonStyles.primary}>
          {isLast ? 'Send my answers' : 'Next'}
        </button>
        <button type="submit" name="intent" value="back" className={buttonStyles.secondary}>
          Back
        </button>
      </div>
      <p role="status" aria-live="polite" data-save-status="" className="min-h-6 text-sm text-stone-600" />
    </form>
  )
}
