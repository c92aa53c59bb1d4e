'use client'
import type { Ref } from 'react'
import { ecrRsInstructions } from '@/lib/assessments'
import { CrisisPanel } from './crisis-panel'
import { isRiskPositive } from './progress'
import { Question, questionId } from './question'
import type { Part } from './types'

function instructionsFor(part: Part): string {
  if (part.def.id === 'ecr-rs') return ecrRsInstructions(part.relationshipTarget ?? undefined)
  return part.def.instructions
}

/** One instrument of the check-in: its questions, with the errors and help that belong to them. */
export function InstrumentStep({
  part,
  index,
  count,
  values,
  missing,
  answered,
  total,
  crisisResources,
  headingRef,
  summaryRef,
  onAnswer,
}: {
  part: Part
  index: number
  count: number
  values: (number | null)[]
  /** Question numbers to mark as needing an answer (empty until the client tries to move on). */
  missing: number[]
  answered: number
  total: number
  crisisResources: string
  headingRef: Ref<HTMLHeadingElement>
  summaryRef: Ref<HTMLDivElement>
  onAnswer: (index: number, value: number) => void
}) {
  const { def } = part
  const risky = isRiskPositive(part, values)
  const focusQuestion = (n: number) => {
    const el = document.getElementById(questionId(part.itemId, n))
    el?.scrollIntoView({ block: 'start' })
    el?.focus({ preventScroll: true })
  }
  return (
    <section className="flex flex-col gap-5">
      <div className="flex flex-col gap-2">
        {count > 1 ? (
          <p className="text-sm font-medium text-stone-600">
            Part {index + 1} of {count}
          </p>
        ) : null}
        <progress value={answered} max={total} aria-label="Questions answered" className="h-2 w-full accent-accent-700" />
        <p className="text-sm text-stone-600">
          {answered} of {total} questions answered
        </p>
      </div>
      <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-semibold">
        {def.clientTitle}
      </h1>
      {missing.length > 0 ? (
        <div ref={summaryRef} role="alert" tabIndex={-1} className="rounded-lg border-2 border-red-700 bg-white p-4">
          <h2 className="text-lg font-semibold text-red-800">
            {missing.length === 1 ? 'One question still needs an answer' : 'Some questions still need an answer'}
          </h2>
          <ul className="mt-2 flex flex-col gap-1">
            {missing.map((n) => (
              <li key={n}>
                <a
                  href={`#${questionId(part.itemId, n)}`}
                  onClick={(e) => {
                    e.preventDefault()
                    focusQuestion(n)
                  }}
                  className="font-medium text-red-800 underline underline-offset-4"
                >
                  Question {n} needs an answer
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="flex flex-col gap-2 text-stone-800">
        <p>{instructionsFor(part)}</p>
        <p className="text-lg font-medium">{def.stem}</p>
      </div>
      {def.items.map((item, i) => (
        <div key={item.number} className="flex flex-col gap-3">
          <Question
            itemId={part.itemId}
            item={item}
            anchors={def.anchors}
            value={values[i] ?? null}
            invalid={missing.includes(item.number)}
            onAnswer={(v) => onAnswer(i, v)}
          />
          {item.risk && risky ? <CrisisPanel crisisResources={crisisResources} id={`crisis-${part.itemId}`} /> : null}
        </div>
      ))}
      <p className="text-xs text-stone-500">{def.licence.attribution}</p>
    </section>
  )
}
