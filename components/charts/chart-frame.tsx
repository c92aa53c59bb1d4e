'use client'
// The box every chart sits in: a figure with a text description for screen readers, and the chart
// drawn at the real width of its container (measured with a ResizeObserver), so the chart can fit
// its ticks, marks and labels to the space it has. Before the first measurement (server render,
// no JavaScript) it is drawn at a phone-safe fallback width. The chart says what it shows at that
// width (a long history draws fewer points on a narrow chart), so its description comes with it. A chart given a `printWidth` switches
// to that fixed width while the page prints.
import { useEffect, useLayoutEffect, useRef, useState } from 'react'

export interface ChartSize {
  /** Fixed width in px; measured from the container when absent. */
  width?: number
  height?: number
  /** Width in px while printing (the report): the same on every printer, and sharp. */
  printWidth?: number
}

/** Drawn at this width until the container is measured (fits a 375 px phone's card). */
const FALLBACK_WIDTH = 280

// useLayoutEffect on the client (measure before paint: no visible jump), useEffect on the server.
const useIsoLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect

/** The content-box width of `ref`'s element, kept up to date; null until measured. */
function useElementWidth(ref: React.RefObject<HTMLElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null)
  useIsoLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    const measure = (w: number) => setWidth((old) => (old === Math.floor(w) ? old : Math.floor(w)))
    measure(el.getBoundingClientRect().width)
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver((entries) => {
      const entry = entries[0]
      if (entry) measure(entry.contentRect.width)
    })
    observer.observe(el)
    return () => observer.disconnect()
  }, [ref])
  return width
}

/** True while the page is being printed (print preview, Ctrl+P, or print media emulation). */
function usePrinting(): boolean {
  const [printing, setPrinting] = useState(false)
  useEffect(() => {
    const query = window.matchMedia('print')
    const update = () => setPrinting(query.matches)
    const before = () => setPrinting(true)
    const after = () => setPrinting(query.matches)
    update()
    query.addEventListener('change', update)
    window.addEventListener('beforeprint', before)
    window.addEventListener('afterprint', after)
    return () => {
      query.removeEventListener('change', update)
      window.removeEventListener('beforeprint', before)
      window.removeEventListener('afterprint', after)
    }
  }, [])
  return printing
}

/** A chart drawn for the width at hand, and its text description (which may say how much it shows at that width). */
export interface ChartDrawing {
  chart: React.ReactElement
  description: string
}

export function ChartFrame({ size, children }: { size?: ChartSize; children: (dims: { width: number; height: number }) => ChartDrawing }) {
  const height = size?.height ?? 260
  const ref = useRef<HTMLDivElement>(null)
  const measured = useElementWidth(ref)
  const printing = usePrinting()
  const width = size?.width ?? (printing && size?.printWidth ? size.printWidth : (measured ?? FALLBACK_WIDTH))
  const drawing = children({ width, height })
  return (
    <figure className="m-0 min-w-0">
      <figcaption className="sr-only">{drawing.description}</figcaption>
      {/* The measured box is always the container's width; the chart never makes it wider. */}
      <div ref={ref} className="w-full min-w-0 overflow-hidden print:overflow-visible" style={{ height }}>
        {drawing.chart}
      </div>
    </figure>
  )
}
