'use client'
// The caseload table. The database sorts and pages (manual sorting): a header click only puts the
// new sort in the URL, and the server renders the next page of rows.
import { useMemo, useTransition } from 'react'
import { useRouter } from 'next/navigation'
import { createColumnHelper, metaHelper, rowSortingFeature, tableFeatures, useTable, type SortingState, type Updater } from '@tanstack/react-table'
import { ScrollRegion } from '@/components/ui/scroll-region'
import { caseloadHref, defaultDir, type CaseloadQuery, type CaseloadSort } from '@/lib/validation/caseload'
import { getInstrument, isInstrumentId } from '@/lib/assessments/registry'
import type { CaseloadViewRow } from './caseload-view'
import { Attention, CaseloadCards, Change, CheckIns, ClientName, Empty, ScoreCell, TwoLine } from './cells'

const features = tableFeatures({
  rowSortingFeature,
  columnMeta: metaHelper<{ align?: 'end' }>(),
})
const helper = createColumnHelper<typeof features, CaseloadViewRow>()

// Sortable columns take their id from the URL's sort whitelist and their first direction from it.
const sortable = (id: CaseloadSort) => ({ id, enableSorting: true, sortDescFirst: defaultDir(id) === 'desc' })
const fixed = (id: string) => ({ id, enableSorting: false })

// What needs attention sits next to the name, so at 1280 px nothing a clinician must see is beyond
// the table's right edge: risk flags and overdue check-ins in one column, last and next check-in in
// another. Overdue, next due and clinician sort from the "Sort by" menu above the table.
const columns = helper.columns([
  helper.accessor((r) => r.name, {
    ...sortable('name'),
    header: 'Client',
    cell: ({ row: { original: r } }) => <ClientName r={r} />,
  }),
  helper.accessor((r) => r.flags, {
    ...sortable('flags'),
    header: 'Needs attention',
    cell: ({ row: { original: r } }) => <Attention r={r} />,
  }),
  helper.accessor((r) => r.scores.phq9, { ...sortable('phq9'), header: 'PHQ-9', cell: (c) => <ScoreCell score={c.getValue()} /> }),
  helper.accessor((r) => r.scores.gad7, { ...sortable('gad7'), header: 'GAD-7', cell: (c) => <ScoreCell score={c.getValue()} /> }),
  helper.accessor((r) => r.scores.core10, { ...sortable('core10'), header: 'CORE-10', cell: (c) => <ScoreCell score={c.getValue()} /> }),
  helper.accessor((r) => r.change, {
    ...sortable('change'),
    header: 'Change since baseline',
    cell: (c) => <Change change={c.getValue()} />,
  }),
  helper.accessor((r) => r.quadrant, {
    ...fixed('quadrant'),
    header: 'Attachment',
    cell: (c) => {
      const v = c.getValue()
      return v ? <TwoLine main={v.text} sub={v.detail} /> : <Empty />
    },
  }),
  helper.accessor((r) => r.lastCheckIn, {
    ...sortable('lastCheckIn'),
    header: 'Check-ins',
    cell: ({ row: { original: r } }) => <CheckIns r={r} />,
  }),
])

export function CaseloadTable({
  rows,
  query,
  showClinician,
  caption,
}: {
  rows: CaseloadViewRow[]
  query: CaseloadQuery
  showClinician: boolean
  caption: string
}) {
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const sorting = useMemo<SortingState>(() => [{ id: query.sort, desc: query.dir === 'desc' }], [query.sort, query.dir])

  const onSortingChange = (updater: Updater<SortingState>) => {
    const next = typeof updater === 'function' ? updater(sorting) : updater
    const s = next[0]
    if (!s) return
    // A new order starts again at page 1; search, filters, scope and page size stay.
    const href = caseloadHref(query, { sort: s.id as CaseloadSort, dir: s.desc ? 'desc' : 'asc', page: 1 })
    startTransition(() => router.push(href, { scroll: false }))
  }

  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (r) => r.id,
    state: { sorting },
    onSortingChange,
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
  })

  return (
    <>
      <div className="hidden md:block">
        <ScrollRegion label="Clients table" className="rounded-xl border border-stone-200 bg-white">
          <table aria-busy={pending || undefined} className={`w-full min-w-[52rem] text-left ${pending ? 'opacity-60' : ''}`}>
            <caption className="sr-only">{caption}</caption>
            <thead className="border-b border-stone-200 bg-stone-100 text-sm text-stone-700">
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => {
                    const col = header.column
                    const sorted = col.getIsSorted()
                    const align = col.columnDef.meta?.align === 'end' ? 'text-right' : ''
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        aria-sort={col.getCanSort() ? (sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none') : undefined}
                        className={`px-2 py-2 align-bottom font-semibold ${align}`}
                      >
                        {col.getCanSort() ? (
                          <button
                            type="button"
                            onClick={col.getToggleSortingHandler()}
                            className="inline-flex min-h-11 items-center gap-1 rounded text-left font-semibold hover:text-stone-900 hover:underline"
                          >
                            <ColumnSwatch id={col.id} />
                            <table.FlexRender header={header} />
                            <span aria-hidden="true" className={sorted ? 'text-stone-900' : 'text-stone-600'}>
                              {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                            </span>
                          </button>
                        ) : (
                          <span className="inline-flex min-h-11 items-center">
                            <table.FlexRender header={header} />
                          </span>
                        )}
                      </th>
                    )
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {table.getRowModel().rows.map((row) => {
                const flagged = row.original.flags > 0
                return (
                  <tr key={row.id} className={`border-b border-stone-100 align-top last:border-0 ${flagged ? 'bg-red-50' : 'hover:bg-stone-50'}`}>
                    {row.getAllCells().map((cell, i) => (
                      <td
                        key={cell.id}
                        className={`px-2 py-3 ${cell.column.columnDef.meta?.align === 'end' ? 'text-right' : ''} ${
                          i === 0 ? (flagged ? 'border-l-4 border-l-red-700' : 'border-l-4 border-l-transparent') : ''
                        }`}
                      >
                        <table.FlexRender cell={cell} />
                      </td>
                    ))}
                  </tr>
                )
              })}
            </tbody>
          </table>
        </ScrollRegion>
      </div>
      <CaseloadCards rows={rows} caption={caption} showClinician={showClinician} />
    </>
  )
}

/** The instrument's colour next to its header (decoration: the name says which instrument it is). */
function ColumnSwatch({ id }: { id: string }) {
  if (!isInstrumentId(id)) return null
  return <span aria-hidden="true" className="inline-block h-3 w-3 shrink-0 rounded-sm" style={{ backgroundColor: getInstrument(id).colour }} />
}
