'use client'

export interface SuggestionView {
  key: string
  title: string
  progress: string
  /** Keeping up a strength rather than building one (secure region). */
  maintenance: boolean
}

/**
 * Starting goals suggested from the client's latest attachment score. "Add" only opens the add
 * form with the template's wording for the clinician to rewrite; it never saves anything.
 */
export function GoalSuggestions({
  regionLabel,
  basedOn,
  templates,
  onAdd,
}: {
  /** Descriptive region name, e.g. "anxious region" (never a diagnosis). */
  regionLabel: string
  /** e.g. "the ECR-RS on 12 Mar 2026". */
  basedOn: string
  templates: SuggestionView[]
  onAdd: (templateKey: string) => void
}) {
  return (
    <section aria-labelledby="goal-suggestions-heading" className="rounded-lg border border-dashed border-stone-300 bg-stone-50 p-4">
      <h3 id="goal-suggestions-heading" className="font-semibold">
        Suggested starting goals for the {regionLabel} (from {basedOn})
      </h3>
      <p className="mb-3 text-sm text-stone-600">
        A suggestion from the latest attachment scores, not a plan: the region describes where the scores sit today. Add the ones that fit, reworded with the
        client.
      </p>
      {templates.length === 0 ? (
        <p className="text-stone-700">Every goal suggested for this region is already on the client&apos;s list.</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {templates.map((t) => (
            <li
              key={t.key}
              className="flex flex-col gap-2 border-b border-stone-200 pb-3 last:border-0 last:pb-0 sm:flex-row sm:items-start sm:justify-between"
            >
              <div className="min-w-0">
                <p id={`suggestion-${t.key}`} className="font-medium">
                  {t.title}
                  {t.maintenance ? <span className="ml-2 rounded bg-stone-200 px-2 py-0.5 text-sm font-normal text-stone-800">maintenance</span> : null}
                </p>
                <p className="text-sm text-stone-600">Progress looks like: {t.progress}</p>
              </div>
              <button
                type="button"
                onClick={() => onAdd(t.key)}
                aria-describedby={`suggestion-${t.key}`}
                className="inline-flex min-h-11 shrink-0 items-center justify-center self-start rounded-md border border-stone-300 bg-white px-4 py-2 font-medium text-stone-900 hover:bg-stone-100"
              >
                Add
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
