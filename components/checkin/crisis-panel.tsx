import { CrisisLines } from './crisis-lines'

/** Help to reach at once, shown as soon as a risk question is answered above zero. */
export function CrisisPanel({ crisisResources, id, hidden = false }: { crisisResources: string; id: string; hidden?: boolean }) {
  return (
    <section
      role="alert"
      data-crisis=""
      hidden={hidden}
      aria-labelledby={`${id}-title`}
      className="rounded-lg border-2 border-accent-700 bg-accent-50 p-4 text-stone-900"
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold text-accent-800">
        Support is here for you right now
      </h2>
      <p className="mt-2">
        Thank you for answering honestly. If things feel hard to bear, you don&apos;t have to wait for your next session. You can talk to someone today:
      </p>
      <CrisisLines text={crisisResources} />
    </section>
  )
}

/**
 * The same help lines, always in view next to a risk question when the page runs without script
 * (inside <noscript>): nothing can show the panel the moment the answer is chosen there.
 */
export function CrisisNote({ crisisResources }: { crisisResources: string }) {
  return (
    <div role="note" data-crisis-note="" className="rounded-lg border border-accent-700 bg-accent-50 p-4 text-stone-900">
      <p>If thoughts like this are with you, you don&apos;t have to wait for your next session. You can talk to someone today:</p>
      <CrisisLines text={crisisResources} />
    </div>
  )
}
