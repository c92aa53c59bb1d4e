'use client'
// A horizontally scrollable area for a table wider than its box (the caseload on a tablet, the audit
// trail on a phone). Keyboard users can focus it and scroll with the arrow keys; when the content is
// wider than the box, a line of text says so and a shaded edge shows which side has more, so a cut
// column never looks like the end of the table. `relative` on the scroll box keeps what is positioned
// inside it (sr-only text) inside the box, so the page itself never scrolls sideways.
import { useEffect, useId, useRef, useState } from 'react'

type Edges = { left: boolean; right: boolean }

export function ScrollRegion({ label, className = '', children }: { label: string; className?: string; children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null)
  const hintId = useId()
  const [more, setMore] = useState<Edges>({ left: false, right: false })

  useEffect(() => {
    const el = ref.current
    if (!el) return
    const update = () => {
      const left = el.scrollLeft > 1
      const right = el.scrollLeft + el.clientWidth < el.scrollWidth - 1
      setMore((m) => (m.left === left && m.right === right ? m : { left, right }))
    }
    update()
    const ro = new ResizeObserver(update)
    ro.observe(el)
    if (el.firstElementChild) ro.observe(el.firstElementChild)
    el.addEventListener('scroll', update, { passive: true })
    return () => {
      ro.disconnect()
      el.removeEventListener('scroll', update)
    }
  }, [])

  const scrollable = more.left || more.right
  return (
    <div className="flex min-w-0 flex-col gap-1">
      {scrollable ? (
        <p id={hintId} className="no-print flex items-center gap-1 text-sm text-stone-600" data-scroll-hint>
          <span aria-hidden="true">↔</span> Scroll sideways to see every column{more.right ? '' : ' (you are at the end)'}.
        </p>
      ) : null}
      <div className="relative">
        <div
          ref={ref}
          role="region"
          aria-label={label}
          aria-describedby={scrollable ? hintId : undefined}
          tabIndex={0}
          className={`relative overflow-x-auto ${className}`}
        >
          {children}
        </div>
        {more.left ? (
          <div
            aria-hidden="true"
            className="no-print pointer-events-none absolute inset-y-0 left-0 w-6 rounded-l-xl bg-gradient-to-r from-stone-400/40 to-transparent"
          />
        ) : null}
        {more.right ? (
          <div
            aria-hidden="true"
            className="no-print pointer-events-none absolute inset-y-0 right-0 w-6 rounded-r-xl bg-gradient-to-l from-stone-400/40 to-transparent"
          />
        ) : null}
      </div>
    </div>
  )
}
