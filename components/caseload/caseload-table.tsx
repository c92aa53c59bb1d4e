'use client'
// The caseload table. The database sorts and pages (manual sorting): a header click only puts the
// new sort in the URL, and the server renders the next page of rows.
import { useMemo, useTransition } from 'react'
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import {
  columnVisibilityFeature,
  createColumnHelper,
  metaHelper,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type SortingState,
  type Updater,
} from '@tanstack/react-table'
import { ScrollRegion } from '@/components/ui/scroll-region'
import { caseloadHref, defaultDir, type CaseloadQuery, type CaseloadSort } from '@/lib/validation/caseload'
import type { ChangeCategory } from '@/lib/assessments/types'
import { getInstrument, isInstrumentId } from '@/lib/assessments/registry'
import { riskFlagLabel, type CaseloadViewRow, type ScoreView } from './caseload-view'

const features = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
  columnMeta: metaHelper<{ align?: 'end' }>(),
})
const helper = createColumnHelper<typeof features, CaseloadViewRow>()

// Sortable columns take their id from the URL's sort whitelist and their first direction from it.
const sortable = (id: CaseloadSort) => ({ id, enableSorting: true, sortDescFirst: defaultDir(id) === 'desc' })
const fixed = (id: string) => ({ id, enableSorting: false })

const columns = helper.columns([
  helper.accessor((r) => r.name, {
    ...sortable('name'),
    header: 'Client',
    cell: ({ row: { original: r } }) => (
      <div className="flex flex-col">
        <Link href={r.href} className="font-medium text-accent-800 underline-offset-4 hover:underline">
          {r.name}
        </Link>
        {r.preferredName ? <span className="text-sm text-stone-600">“{r.preferredName}”</span> : null}
        {r.discharged ? <span className="text-sm text-stone-600">Discharged</span> : null}
      </div>
    ),
  }),
  helper.accessor((r) => r.clinician, { ...sortable('clinician'), header: 'Clinician', cell: (c) => c.getValue() ?? '—' }),
  helper.accessor((r) => r.scores.phq9, { ...sortable('phq9'), header: 'PHQ-9', cell: (c) => <ScoreCell score={c.getValue()} /> }),
  helper.accessor((r) => r.scores.gad7, { ...sortable('gad7'), header: 'GAD-7', cell: (c) => <ScoreCell score={c.getValue()} /> }),
  helper.accessor((r) => r.scores.core10, { ...sortable('core10'), header: 'CORE-10', cell: (c) => <ScoreCell score={c.getValue()} /> }),
  helper.accessor((r) => r.change, {
    ...sortable('change'),
    header: 'Change since baseline',
    cell: (c) => {
      const v = c.getValue()
      return v ? (
        <div className="flex flex-col items-start gap-0.5">
          <ChangeBadge category={v.category} />
          <span className="text-sm text-stone-600">{v.detail}</span>
        </div>
      ) : (
        <Empty text="Not enough scores" />
      )
    },
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
    header: 'Last check-in',
    cell: (c) => {
      const v = c.getValue()
      return v ? <TwoLine main={v.date} sub={v.hint} /> : <Empty text="None yet" />
    },
  }),
  helper.accessor((r) => r.nextDue, {
    ...fixed('nextDue'),
    header: 'Next due',
    cell: (c) => {
      const v = c.getValue()
      if (!v) return <Empty text="Nothing scheduled" />
      return <TwoLine main={v.date} sub={v.hint} strong={v.late} />
    },
  }),
  helper.accessor((r) => r.overdue, {
    ...sortable('overdue'),
    header: 'Overdue check-ins',
    meta: { align: 'end' },
    cell: (c) => (c.getValue() > 0 ? <span className="font-semibold">{c.getValue()} overdue</span> : <span className="text-stone-600">0</span>),
  }),
  helper.accessor((r) => r.flags, {
    ...sortable('flags'),
    header: 'Risk flags',
    cell: (c) =>
      c.getValue() > 0 ? (
        <span className="inline-block rounded-full border border-red-700 bg-white px-2 py-0.5 text-sm font-semibold whitespace-nowrap text-red-900">
          {riskFlagLabel(c.getValue())}
        </span>
      ) : (
        <span className="text-stone-600">None</span>
      ),
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
  const columnVisibility = useMemo(() => ({ clinician: showClinician }), [showClinician])

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
    state: { sorting, columnVisibility },
    onSortingChange,
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
  })

  return (
    <ScrollRegion label="Clients table" className="rounded-xl border border-stone-200 bg-white">
      <table aria-busy={pending || undefined} className={`w-full min-w-[64rem] text-left ${pending ? 'opacity-60' : ''}`}>
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
                    className={`px-3 py-2 align-bottom font-semibold ${align}`}
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
                {row.getVisibleCells().map((cell, i) => (
                  <td
                    key={cell.id}
                    className={`px-3 py-3 ${cell.column.columnDef.meta?.align === 'end' ? 'text-right' : ''} ${
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
  )
}

/** The instrument's colour next to its header (decoration: the name says which instrument it is). */
function ColumnSwatch({ id }: { id: string }) {
  if (!isInstrumentId(id)) return null
  return <span aria-hidden="true" className="inline-block h-3 w-3 shrink-0 rounded-sm" style={{ backgroundColor: getInstrument(id).colour }} />
}

function ScoreCell({ score }: { score: ScoreView | null }) {
  if (!score) return <Empty />
  return (
    <div className="border-l-4 pl-2" style={{ borderLeftColor: score.colour }}>
      <span className="font-medium whitespace-nowrap text-stone-900">{score.text}</span>
      <span className="block text-sm whitespace-nowrap text-stone-600">{score.date}</span>
    </div>
  )
}

// Not red: red means risk. Words carry the meaning; the style only adds emphasis.
const CHANGE_STYLES: Record<ChangeCategory, string> = {
  recovered: 'bg-accent-50 text-accent-800',
  improved: 'bg-accent-50 text-accent-800',
  'no reliable change': 'bg-stone-100 text-stone-700',
  deteriorated: 'border border-amber-700 bg-amber-50 text-amber-900',
}

function ChangeBadge({ category }: { category: ChangeCategory }) {
  return <span className={`rounded-full px-2 py-0.5 text-sm font-semibold whitespace-nowrap ${CHANGE_STYLES[category]}`}>{category}</span>
}

function TwoLine({ main, sub, strong = false }: { main: string; sub: string; strong?: boolean }) {
  return (
    <div className="whitespace-nowrap">
      <span className="text-stone-900">{main}</span>
      <span className={`block text-sm ${strong ? 'font-semibold text-stone-900' : 'text-stone-600'}`}>{sub}</span>
    </div>
  )
}

function Empty({ text = 'No score' }: { text?: string }) {
  return <span className="text-stone-600">{text}</span>
}
