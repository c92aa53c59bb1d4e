import type { Anchor, Item } from '@/lib/assessments'
import { questionId } from '@/lib/checkins/checkin-form'

/**
 * One question: a native radio group, so arrow keys and screen readers work as people expect.
 * Plain HTML (the page ships no framework): the error is always rendered and hidden until needed,
 * so public/checkin.js can show it at once; data-label names the question in the error summary.
 */
export function Question({
  itemId,
  item,
  anchors,
  value,
  invalid,
  risk = false,
}: {
  itemId: string
  item: Item
  anchors: readonly Anchor[]
  value: number | null
  invalid: boolean
  /** A risk item: an answer above zero shows the crisis panel next to it. */
  risk?: boolean
}) {
  const id = questionId(itemId, item.number)
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      data-question=""
      data-label={`Question ${item.number} needs an answer`}
      data-risk={risk ? '' : undefined}
      aria-invalid={invalid || undefined}
      aria-describedby={invalid ? `${id}-error` : undefined}
      className={`min-w-0 scroll-mt-4 rounded-lg border bg-white p-4 ${invalid ? 'border-l-8 border-red-700' : 'border-stone-300'}`}
    >
      <legend className="float-left mb-3 w-full">
        <span className="block text-sm font-medium text-stone-600">Question {item.number}</span>
        <span className="block text-lg font-medium text-stone-900">{item.text}</span>
      </legend>
      <p id={`${id}-error`} hidden={!invalid} className="clear-both mb-3 font-medium text-red-800">
        Please choose an answer.
      </p>
      <div className="clear-both flex flex-col gap-2">
        {anchors.map((a) => {
          const optionId = `${id}-${a.value}`
          return (
            <label
              key={a.value}
              htmlFor={optionId}
              className="flex min-h-12 cursor-pointer items-center gap-3 rounded-md border border-stone-300 px-3 py-2 text-base hover:bg-stone-50 has-[:checked]:border-accent-700 has-[:checked]:bg-accent-50 has-[:checked]:font-medium"
            >
              <input id={optionId} type="radio" name={id} value={a.value} defaultChecked={value === a.value} className="h-5 w-5 shrink-0 accent-accent-700" />
              <span>{a.label}</span>
            </label>
          )
        })}
      </div>
    </fieldset>
  )
}
