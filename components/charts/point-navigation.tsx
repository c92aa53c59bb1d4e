'use client'
// One tab stop per chart: arrow keys move between its points (roving tabindex), Enter or Space
// opens the focused point's answers, and screen readers read each point's label.
//
// The state lives in this wrapper, not in the chart: the chart element is created by the parent
// and does not re-render when focus moves, so Recharts keeps every point's SVG element (and with
// it the keyboard focus). Points read the state through context.
import { createContext, useCallback, useContext, useMemo, useRef, useState } from 'react'
import { PointMark, type MarkShape, type PointKind } from './chart-marks'

interface PointButtonProps {
  role: 'button'
  tabIndex: number
  'aria-label': string
  'data-point': number
  onKeyDown: (e: React.KeyboardEvent) => void
  onClick: (e: React.MouseEvent) => void
  onFocus: () => void
  onBlur: () => void
  style: React.CSSProperties
}

interface PointNav {
  /** Props that make point `i` a keyboard- and screen-reader-operable button (none when points do not open). */
  pointProps: (i: number, label: string) => PointButtonProps | Record<string, never>
  /** Open point `i` from a mouse-only target (e.g. a second line's dot). Null when points do not open. */
  activate: ((i: number, el: Element) => void) | null
  focused: number | null
}

const NavContext = createContext<PointNav>({ pointProps: () => ({}), activate: null, focused: null })

export function usePointNav(): PointNav {
  return useContext(NavContext)
}

export function PointNavigation({
  count,
  onOpen,
  children,
}: {
  count: number
  onOpen: ((index: number, el: Element) => void) | null
  children: React.ReactNode
}) {
  const containerRef = useRef<HTMLDivElement>(null)
  const [active, setActive] = useState<number | null>(null)
  const [focused, setFocused] = useState<number | null>(null)
  // Start on the newest point: it is the one a clinician looks at first.
  const current = active === null || active >= count ? count - 1 : active

  const element = useCallback((i: number) => containerRef.current?.querySelector<SVGElement>(`[data-point="${i}"]`) ?? null, [])

  const value = useMemo<PointNav>(() => {
    if (!onOpen) return { pointProps: () => ({}), activate: null, focused: null }
    const move = (to: number) => {
      const i = Math.max(0, Math.min(count - 1, to))
      setActive(i)
      element(i)?.focus()
    }
    return {
      focused,
      activate: onOpen,
      pointProps: (i, label) => ({
        role: 'button',
        tabIndex: i === current ? 0 : -1,
        'aria-label': `${label}. Show answers`,
        'data-point': i,
        style: { cursor: 'pointer', outline: 'none' },
        onFocus: () => {
          setActive(i)
          setFocused(i)
        },
        onBlur: () => setFocused((f) => (f === i ? null : f)),
        onClick: (e) => onOpen(i, e.currentTarget),
        onKeyDown: (e) => {
          const keys: Record<string, number> = { ArrowRight: i + 1, ArrowUp: i + 1, ArrowLeft: i - 1, ArrowDown: i - 1, Home: 0, End: count - 1 }
          if (e.key in keys) {
            e.preventDefault()
            move(keys[e.key]!)
          } else if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault()
            onOpen(i, e.currentTarget)
          }
        },
      }),
    }
  }, [onOpen, count, current, focused, element])

  return (
    <div ref={containerRef}>
      <NavContext.Provider value={value}>{children}</NavContext.Provider>
    </div>
  )
}

/** What a line chart's datum carries for its dots (see renderPointDot). */
export interface DotDatum {
  i: number
  label: string
  colour: string
  risk: boolean
  /** Shape of the dot per line (dataKey). */
  kinds: Record<string, PointKind>
  /** The line whose dots take the keyboard stop; other lines' dots are mouse targets only. */
  primaryKey: string
  /** Shape of the dot per line (default circle). */
  shapes?: Record<string, MarkShape>
  /** Per line: drawn as a small plain dot (a crowded chart's ordinary point); still focusable. */
  small?: Record<string, boolean>
}

function PointDot({ cx, cy, payload, dataKey }: { cx?: number; cy?: number; payload?: DotDatum; dataKey: string }) {
  const nav = usePointNav()
  if (cx == null || cy == null || !payload) return null
  const primary = payload.primaryKey === dataKey
  const activate = nav.activate
  const interactive = primary
    ? nav.pointProps(payload.i, payload.label)
    : activate
      ? { 'aria-hidden': true, style: { cursor: 'pointer' }, onClick: (e: React.MouseEvent<SVGGElement>) => activate(payload.i, e.currentTarget) }
      : { 'aria-hidden': true }
  return (
    <g {...interactive} className="chart-point">
      {/* A larger transparent target makes a point easy to tap. */}
      <circle className="chart-point-target" cx={cx} cy={cy} r={payload.small?.[dataKey] ? 6 : 11} fill="transparent" />
      <PointMark
        kind={payload.kinds[dataKey] ?? 'not-compared'}
        cx={cx}
        cy={cy}
        colour={payload.colour}
        risk={primary && payload.risk}
        focused={primary && nav.focused === payload.i}
        r={primary ? 4.5 : 4}
        shape={payload.shapes?.[dataKey]}
        small={payload.small?.[dataKey] ?? false}
      />
    </g>
  )
}

/** Recharts calls `dot` as a plain function: a module-level one is stable across renders. */
export function renderPointDot(props: { cx?: number; cy?: number; index?: number; payload?: DotDatum; dataKey?: unknown }) {
  return <PointDot key={`dot-${props.index}`} cx={props.cx} cy={props.cy} payload={props.payload} dataKey={String(props.dataKey)} />
}
