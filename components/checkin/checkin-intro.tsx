import type { Ref } from 'react'
import { buttonStyles } from '@/components/ui/button-styles'

export function CheckInIntro({
  practiceName,
  questions,
  minutes,
  openUntil,
  disabled,
  onStart,
  headingRef,
}: {
  practiceName: string
  questions: number
  minutes: number
  /** Read after "until": "the end of Tuesday 8 December" (lib/format formatOpenUntil). */
  openUntil: string
  disabled: boolean
  onStart: () => void
  headingRef?: Ref<HTMLHeadingElement>
}) {
  return (
    <section className="flex flex-col gap-5">
      <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-semibold">
        Your check-in from {practiceName}
      </h1>
      <p className="text-lg text-stone-700">
        {practiceName} would like to hear how things have been for you. It helps you and your clinician see how things are going over time.
      </p>
      <ul className="flex list-disc flex-col gap-2 pl-5 text-stone-800">
        <li>
          {questions} {questions === 1 ? 'question' : 'questions'}, about {minutes} {minutes === 1 ? 'minute' : 'minutes'}.
        </li>
        <li>There are no right or wrong answers.</li>
        <li>Your answers go only to your clinician at {practiceName}.</li>
        <li>Your answers are kept as you go, so you can stop and come back to this link until {openUntil}.</li>
      </ul>
      <div>
        <button type="button" onClick={onStart} disabled={disabled} className={`${buttonStyles.primary} w-full sm:w-auto`}>
          Start
        </button>
      </div>
    </section>
  )
}
