'use client'
import { useEffect, useRef, useState } from 'react'

/**
 * A horizontally scrollable area (wide tables on a phone) that keyboard users can focus and scroll.
 * `relative` keeps what is positioned inside (sr-only text) inside the scroll box, so the page
 * itself never scrolls sideways. Once hydrated, a shaded edge shows on the side with more to see.
 */
export function ScrollRegion({ label, className = '', children }: { label: string; className?: string; children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null)
  const [more, setMore] = useState({ left: false, right: false })
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const update = () => {
      const left = el.scrollLeft > 1
      const right = el.scrollLeft + el.clientWidth < el.scrollWidth - 1
      setMore((m) => (m.left === left && m.right === right ? m : { left, right }))
    }
    update()
    const observer = new ResizeObserver(update)
    observer.observe(el)
    if (el.firstElementChild) observer.observe(el.firstElementChild)
    el.addEventListener('scroll', update, { passive: true })
    return () => {
      observer.disconnect()
      el.removeEventListener('scroll', update)
    }
  }, [])
  const edge = 'no-print pointer-events-none absolute inset-y-0 w-6 from-stone-900/15 to-transparent'
  return (
    <div className="relative min-w-0">
      <div ref={ref} role="region" aria-label={label} tabIndex={0} className={`relative overflow-x-auto ${className}`}>
        {children}
      </div>
      {more.left ? <div aria-hidden="true" className={`${edge} left-0 rounded-l-xl bg-gradient-to-r`} /> : null}
      {more.right ? <div aria-hidden="true" className={`${edge} right-0 rounded-r-xl bg-gradient-to-l`} /> : null}
    </div>
  )
}
