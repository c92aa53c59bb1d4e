'use client'
// The box every chart sits in: a figure with a text description for screen readers, a responsive
// width on screen (at least 240 px high, fine at 375 px) or a fixed width for print.
import { ResponsiveContainer } from 'recharts'

export interface ChartSize {
  /** Fixed width in px (the printed report); responsive when absent. */
  width?: number
  height?: number
}

export function ChartFrame({
  description,
  size,
  children,
}: {
  description: string
  size?: ChartSize
  children: (dims: { width?: number; height: number }) => React.ReactElement
}) {
  const height = size?.height ?? 260
  return (
    <figure className="m-0">
      <figcaption className="sr-only">{description}</figcaption>
      <div className="w-full" style={size?.width ? { width: size.width } : { minHeight: height }}>
        {size?.width ? (
          children({ width: size.width, height })
        ) : (
          <ResponsiveContainer width="100%" height={height} minWidth={0} initialDimension={{ width: 280, height }}>
            {children({ height })}
          </ResponsiveContainer>
        )}
      </div>
    </figure>
  )
}
