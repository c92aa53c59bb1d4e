'use client'
import type { Anchor, Item } from '@/lib/assessments'

export const questionId = (itemId: string, n: number) => `q-${itemId}-${n}`

/** One question: a native radio group, so arrow keys and screen readers work as people expect. */
export function Question({
  itemId,
  item,
  anchors,
  value,
  invalid,
  onAnswer,
}: {
  itemId: string
  item: Item
  anchors: readonly Anchor[]
  value: number | null
  invalid: boolean
  onAnswer: (value: number) => void
}) {
  const id = questionId(itemId, item.number)
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? `${id}-error` : undefined}
      className={`min-w-0 scroll-mt-4 rounded-lg border bg-white p-4 ${invalid ? 'border-l-8 border-red-700' : 'border-stone-300'}`}
    >
      <legend className="float-left mb-3 w-full">
        <span className="block text-sm font-medium text-stone-600">Question {item.number}</span>
        <span className="block text-lg font-medium text-stone-900">{item.text}</span>
      </legend>
      {invalid ? (
        <p id={`${id}-error`} className="clear-both mb-3 font-medium text-red-800">
          Please choose an answer.
        </p>
      ) : null}
      <div className="clear-both flex flex-col gap-2">
        {anchors.map((a) => {
          const optionId = `${id}-${a.value}`
          return (
            <label
              key={a.value}
              htmlFor={optionId}
              className="flex min-h-12 cursor-pointer items-center gap-3 rounded-md border border-stone-300 px-3 py-2 text-base hover:bg-stone-50 has-[:checked]:border-accent-700 has-[:checked]:bg-accent-50 has-[:checked]:font-medium"
            >
              <input
                id={optionId}
                type="radio"
                name={id}
                value={a.value}
                checked={value === a.value}
                onChange={() => onAnswer(a.value)}
                className="h-5 w-5 shrink-0 accent-accent-700"
              />
              <span>{a.label}</span>
            </label>
          )
        })}
      </div>
    </fieldset>
  )
}
