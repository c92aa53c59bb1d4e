import { buttonStyles } from '@/components/ui/button-styles'

export function CheckInIntro({
  practiceName,
  questions,
  minutes,
  openUntil,
  startHref,
}: {
  practiceName: string
  questions: number
  minutes: number
  /** Read after "until": "the end of Tuesday 8 December" (lib/format formatOpenUntil). */
  openUntil: string
  /** The first part (a plain link: starting changes nothing on the server). */
  startHref: string
}) {
  return (
    <section className="flex flex-col gap-5">
      <h1 tabIndex={-1} className="text-2xl font-semibold">
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
        <a href={startHref} className={`${buttonStyles.primary} w-full sm:w-auto`}>
          Start
        </a>
      </div>
    </section>
  )
}
