// A section's placeholder while the server reads its data (a Suspense fallback): the card at the
// section's usual size, so nothing moves when the content arrives, with its title, and one
// loading label for screen readers (the grey blocks are hidden from them).
import { cardStyles } from './card-styles'

export function SectionSkeleton({ title, size, columns = 1 }: { title: string; size: string; columns?: 0 | 1 | 2 }) {
  return (
    <div role="status" className={`${cardStyles} ${size} flex flex-col overflow-hidden`}>
      <span className="sr-only">Loading {title.toLowerCase()}…</span>
      <p aria-hidden="true" className="mb-3 text-lg font-semibold">
        {title}
      </p>
      {columns > 0 ? (
        <div aria-hidden="true" className={`grid min-h-0 flex-1 gap-4 motion-safe:animate-pulse ${columns === 2 ? 'lg:grid-cols-2' : ''}`}>
          {Array.from({ length: columns === 2 ? 4 : 1 }, (_, i) => (
            <div key={i} className="rounded-lg bg-stone-100" />
          ))}
        </div>
      ) : null}
    </div>
  )
}
