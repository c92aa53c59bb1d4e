// A small data table that reads on a phone: below 640 px each row becomes a block and each cell
// shows its column name above its value (CSS in app/globals.css, `.stack-table`), so no column is
// cut off and nothing scrolls sideways. The explicit roles keep the table's meaning for screen
// readers when the rows are laid out as blocks (a table given `display: block` loses it otherwise);
// the column name drawn above a cell is hidden from them, as they already hear the column header.
// Server-renderable (no hooks).

type Props<T extends keyof React.JSX.IntrinsicElements> = React.ComponentPropsWithoutRef<T>

export function StackTable({ caption, className = '', children, ...rest }: Props<'table'> & { caption: string }) {
  return (
    <table role="table" className={`stack-table w-full text-left ${className}`} {...rest}>
      <caption className="sr-only">{caption}</caption>
      {children}
    </table>
  )
}

export function STHead({ children, className = '' }: { children: React.ReactNode; className?: string }) {
  return (
    <thead role="rowgroup" className={`border-b border-stone-200 text-sm text-stone-700 ${className}`}>
      <tr role="row">{children}</tr>
    </thead>
  )
}

export function STBody({ children }: { children: React.ReactNode }) {
  return <tbody role="rowgroup">{children}</tbody>
}

export function STRow({ className = '', children }: { className?: string; children: React.ReactNode }) {
  return (
    <tr role="row" className={`border-b border-stone-100 align-top last:border-0 ${className}`}>
      {children}
    </tr>
  )
}

/** A column header. */
export function STH({ className = '', children, ...rest }: Props<'th'>) {
  return (
    <th role="columnheader" scope="col" className={`py-2 pr-3 font-semibold ${className}`} {...rest}>
      {children}
    </th>
  )
}

/** A cell; `label` is its column's name, shown above the value on a phone. */
export function STD({ label, className = '', children, ...rest }: Props<'td'> & { label: string }) {
  return (
    <td role="cell" data-label={label} className={`py-2 pr-3 ${className}`} {...rest}>
      {children}
    </td>
  )
}

/** The cell that names the row (first column), read as the row's header. */
export function STRowHeader({ label, className = '', children }: { label: string; className?: string; children: React.ReactNode }) {
  return (
    <th role="rowheader" scope="row" data-label={label} className={`py-2 pr-3 font-medium ${className}`}>
      {children}
    </th>
  )
}
