'use client'
// The caseload table. The database sorts and pages (manual sorting): a header click only puts the
// new sort in the URL, and the server renders the next page of rows.
import { useMemo, useTransition } from 'react'
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import {
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

function ScoreCell({ score }: { score: ScoreView | null }) {
  if (!score) return <Empty />
  return (
    <div className="border-l-4 pl-2" style={{ borderLeftColor: score.colour }}>
      <span className="font-semibold text-stone-900 tabular-nums">{score.value}</span>
      {score.band ? <span className="block text-sm text-stone-800">{score.band}</span> : null}
      <span className="block text-sm whitespace-nowrap text-stone-600">{score.date}</span>
    </div>
  )
}

function ClientName({ r }: { r: CaseloadViewRow }) {
  return (
    <div className="flex flex-col">
      <Link href={r.href} className="font-medium text-accent-800 underline-offset-4 hover:underline">
        {r.name}
      </Link>
      {r.preferredName ? <span className="text-sm text-stone-600">“{r.preferredName}”</span> : null}
      {r.discharged ? <span className="text-sm text-stone-600">Discharged</span> : null}
      {r.clinician ? <span className="text-sm text-stone-600">Clinician: {r.clinician}</span> : null}
    </div>
  )
}

/** Open risk flags (the one red on the page) and overdue check-ins; calm words when there is neither. */
function Attention({ r }: { r: CaseloadViewRow }) {
  if (r.flags === 0 && r.overdue === 0) return <span className="text-stone-600">Nothing open</span>
  return (
    <div className="flex flex-col items-start gap-1">
      {r.flags > 0 ? (
        <span className="inline-block rounded-full border border-red-700 bg-white px-2 py-0.5 text-sm font-semibold whitespace-nowrap text-red-900">
          {riskFlagLabel(r.flags)}
        </span>
      ) : null}
      {r.overdue > 0 ? (
        <span className="inline-block rounded-full border border-stone-500 bg-stone-100 px-2 py-0.5 text-sm font-semibold whitespace-nowrap text-stone-900">
          {r.overdue} overdue
        </span>
      ) : null}
    </div>
  )
}

function Change({ change }: { change: CaseloadViewRow['change'] }) {
  if (!change) return <Empty text="Not enough scores" />
  return (
    <div className="flex flex-col items-start gap-0.5">
      <ChangeBadge category={change.category} />
      <span className="text-sm text-stone-600">{change.detail}</span>
    </div>
  )
}

function CheckIns({ r }: { r: CaseloadViewRow }) {
  return (
    <dl className="flex flex-col gap-1 text-sm">
      <div>
        <dt className="inline text-stone-600">Last: </dt>
        <dd className="inline">
          {r.lastCheckIn ? (
            <>
              <span className="whitespace-nowrap text-stone-900">{r.lastCheckIn.date}</span>
              <span className="block text-stone-600">{r.lastCheckIn.hint}</span>
            </>
          ) : (
            <span className="text-stone-600">none yet</span>
          )}
        </dd>
      </div>
      <div>
        <dt className="inline text-stone-600">Next due: </dt>
        <dd className="inline">
          {r.nextDue ? (
            <>
              <span className="whitespace-nowrap text-stone-900">{r.nextDue.date}</span>
              <span className={`block ${r.nextDue.late ? 'font-semibold text-stone-900' : 'text-stone-600'}`}>{r.nextDue.hint}</span>
            </>
          ) : (
            <span className="text-stone-600">nothing scheduled</span>
          )}
        </dd>
      </div>
    </dl>
  )
}

/**
 * Below 768 px the caseload is a list of cards: the name, what needs attention, the scores and the
 * change, then the check-ins, with nothing cut off. Sorting is the "Sort by" menu above.
 */
function CaseloadCards({ rows, caption, showClinician }: { rows: CaseloadViewRow[]; caption: string; showClinician: boolean }) {
  return (
    <ul aria-label={caption} className="flex flex-col gap-3 md:hidden">
      {rows.map((r) => {
        const flagged = r.flags > 0
        const scores = (['phq9', 'gad7', 'core10'] as const).flatMap((id) => {
          const s = r.scores[id]
          return s ? [{ id, ...s }] : []
        })
        return (
          <li
            key={r.id}
            className={`flex flex-col gap-2 rounded-xl border border-stone-200 border-l-4 bg-white p-4 ${flagged ? 'border-l-red-700 bg-red-50' : 'border-l-stone-200'}`}
          >
            <ClientName r={showClinician ? r : { ...r, clinician: null }} />
            {r.flags > 0 || r.overdue > 0 ? <Attention r={r} /> : null}
            {scores.length > 0 ? (
              <dl className="flex flex-wrap gap-x-5 gap-y-2">
                {scores.map((s) => (
                  <div key={s.id} className="border-l-4 pl-2" style={{ borderLeftColor: s.colour }}>
                    <dt className="text-sm text-stone-600">{s.name}</dt>
                    <dd className="font-semibold text-stone-900">
                      {s.value}
                      {s.band ? <span className="font-normal text-stone-800"> · {s.band}</span> : null}
                    </dd>
                  </div>
                ))}
              </dl>
            ) : (
              <p className="text-sm text-stone-600">No scores yet</p>
            )}
            {r.change ? (
              <p className="flex flex-wrap items-center gap-2 text-sm">
                <span className="text-stone-600">Change since baseline:</span>
                <ChangeBadge category={r.change.category} />
                <span className="text-stone-600">{r.change.detail}</span>
              </p>
            ) : null}
            {r.quadrant ? (
              <p className="text-sm">
                <span className="text-stone-600">Attachment: </span>
                {r.quadrant.text} <span className="text-stone-600">({r.quadrant.detail})</span>
              </p>
            ) : null}
            <CheckIns r={r} />
          </li>
        )
      })}
    </ul>
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
    <div>
      <span className="text-stone-900">{main}</span>
      <span className={`block text-sm ${strong ? 'font-semibold text-stone-900' : 'text-stone-600'}`}>{sub}</span>
    </div>
  )
}

function Empty({ text = 'No score' }: { text?: string }) {
  return <span className="text-stone-600">{text}</span>
}
