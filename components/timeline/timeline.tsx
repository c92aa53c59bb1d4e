// The client's timeline: server-renderable (no hooks), plain data in. The goal filter is a GET
// form, so it lives in the URL (?goal=<id>), works without JavaScript and survives a reload.
// Entries are grouped by month, a page at a time: "Show earlier" is a link (?timeline=YYYY-MM, the
// oldest month it adds) that keeps the goal and the chart range.
import Link from 'next/link'
import { instrumentLabel } from '@/lib/assessments/labels'
import { formatCalendarDate, formatDate } from '@/lib/format'
import type { GoalStatus } from '@/lib/goals/types'
import type { ClientTimeline, TimelineEntry } from '@/lib/timeline/types'
import { groupByMonth, timelinePage, type TimelineView } from '@/lib/timeline/months'

const kindLabel = { note: 'Session note', checkin: 'Check-in', risk: 'Risk flag', goal: 'Goal' } as const
const formatLabel = { FREE: 'Free text', DAP: 'DAP', SOAP: 'SOAP' } as const
const statusWord: Record<GoalStatus, string> = { ACTIVE: 'active', PAUSED: 'paused', ACHIEVED: 'achieved' }
const link = 'text-accent-700 underline underline-offset-4'

/**
 * Shapes drawn next to the kind's name (never colour alone); hidden from screen readers, which read
 * the name and the status. A check-in that ended without answers has its own shape, not the tick.
 */
function KindIcon({ entry }: { entry: TimelineEntry }) {
  const common = { width: 20, height: 20, viewBox: '0 0 20 20', 'aria-hidden': true, focusable: false, className: 'shrink-0' } as const
  if (entry.kind === 'checkin' && entry.status === 'EXPIRED') {
    // A clock: the time for it passed.
    return (
      <svg {...common} fill="none" stroke="currentColor" strokeWidth={1.6} data-icon="checkin-expired">
        <circle cx="10" cy="10" r="7.5" strokeDasharray="2.5 2" />
        <path d="M10 5.5V10l3 2" />
      </svg>
    )
  }
  if (entry.kind === 'checkin' && entry.status === 'CANCELLED') {
    // A struck-through circle: called off.
    return (
      <svg {...common} fill="none" stroke="currentColor" strokeWidth={1.6} data-icon="checkin-cancelled">
        <circle cx="10" cy="10" r="7.5" strokeDasharray="2.5 2" />
        <path d="M6 14L14 6" />
      </svg>
    )
  }
  switch (entry.kind) {
    case 'note':
      return (
        <svg {...common} fill="none" stroke="currentColor" strokeWidth={1.6}>
          <rect x="4" y="2.5" width="12" height="15" rx="1.5" />
          <path d="M7 7h6M7 10h6M7 13h4" />
        </svg>
      )
    case 'checkin':
      return (
        <svg {...common} fill="none" stroke="currentColor" strokeWidth={1.6} data-icon="checkin-completed">
          <circle cx="10" cy="10" r="7.5" />
          <path d="M6.5 10.5l2.3 2.3 4.7-5" />
        </svg>
      )
    case 'risk':
      return (
        <svg {...common} fill="none" stroke="currentColor" strokeWidth={1.6}>
          <path d="M10 2.5l8 14.5H2z" />
          <path d="M10 8v4M10 14.5v.5" />
        </svg>
      )
    case 'goal':
      return (
        <svg {...common} fill="none" stroke="currentColor" strokeWidth={1.6}>
          <circle cx="10" cy="10" r="7.5" />
          <circle cx="10" cy="10" r="4" />
          <circle cx="10" cy="10" r="0.8" fill="currentColor" />
        </svg>
      )
  }
}

function When({ e, timeZone }: { e: TimelineEntry; timeZone: string }) {
  const text = e.dateOnly ? formatCalendarDate(e.at) : formatDate(e.at, timeZone)
  return (
    <time dateTime={e.dateOnly ? e.at.slice(0, 10) : e.at} className="text-sm text-stone-600">
      {text}
    </time>
  )
}

function Summary({ e, clientId, filterGoalId }: { e: TimelineEntry; clientId: string; filterGoalId: string | null }) {
  switch (e.kind) {
    case 'note':
      return (
        <>
          <p>
            {formatLabel[e.format]} note · {e.status === 'SIGNED' ? 'Signed' : 'Draft'}
            {e.revisions > 1 ? ` · ${e.revisions} versions` : ''}
          </p>
          {e.goals.length > 0 ? <p className="text-sm text-stone-600">Goals: {e.goals.map((g) => `“${g.title}”`).join(', ')}</p> : null}
          <p>
            <Link href={`/clients/${clientId}/notes/${e.noteId}`} className={link}>
              Open note<span className="sr-only"> from {formatCalendarDate(e.at)}</span>
            </Link>
          </p>
        </>
      )
    case 'checkin': {
      const what = e.instruments.map(instrumentLabel).join(' + ')
      const rating = filterGoalId ? e.goalRatings[filterGoalId] : undefined
      return (
        <>
          <p>
            {e.status === 'COMPLETED' ? 'Completed' : e.status === 'EXPIRED' ? 'Expired without an answer' : 'Cancelled'} · {what}
          </p>
          {e.status !== 'COMPLETED' ? <p className="text-sm text-stone-600">Was due {formatCalendarDate(e.dueDate)}</p> : null}
          {rating !== undefined ? <p className="text-sm text-stone-700">Progress on this goal: {rating} out of 10</p> : null}
        </>
      )
    }
    case 'risk':
      return (
        <p className={e.event === 'raised' ? 'font-medium text-red-900' : undefined}>
          {e.event === 'raised' ? 'Raised' : 'Resolved'} · {instrumentLabel(e.instrumentId)} question {e.itemNumber}
        </p>
      )
    case 'goal': {
      const what =
        e.change === 'created'
          ? `Added as ${statusWord[e.status]}`
          : e.change === 'reworded'
            ? 'Reworded'
            : e.change === 'status'
              ? `Marked ${statusWord[e.status]}`
              : `Reworded and marked ${statusWord[e.status]}`
      return (
        <>
          <p>
            {what}: “{e.title}”
          </p>
          {e.previousTitle ? <p className="text-sm text-stone-600">Was: “{e.previousTitle}”</p> : null}
        </>
      )
    }
  }
}

function Entry({ e, clientId, timeZone, goalId }: { e: TimelineEntry; clientId: string; timeZone: string; goalId: string | null }) {
  return (
    <li className="flex gap-3 border-b border-stone-100 py-3 last:border-0">
      <span className={`mt-0.5 ${e.kind === 'risk' ? 'text-red-800' : 'text-stone-700'}`}>
        <KindIcon entry={e} />
      </span>
      <div className="min-w-0 break-words">
        <p className="flex flex-wrap gap-x-2">
          <span className="font-medium text-stone-900">{kindLabel[e.kind]}</span>
          <When e={e} timeZone={timeZone} />
        </p>
        <Summary e={e} clientId={clientId} filterGoalId={goalId} />
      </div>
    </li>
  )
}

export function Timeline({
  clientId,
  timeline,
  view = null,
  preserve = {},
}: {
  clientId: string
  timeline: ClientTimeline
  /** Which months to show (?timeline=): the first page when null. */
  view?: TimelineView
  /** Other query parameters of the page to keep when the filter changes (e.g. a chart range). */
  preserve?: Record<string, string>
}) {
  const { entries, goals, goal, timeZone } = timeline
  const base = `/clients/${clientId}`
  const kept = Object.entries(preserve).filter(([k]) => k !== 'goal' && k !== 'timeline')
  const query = new URLSearchParams(kept).toString()
  const everything = `${base}${query ? `?${query}` : ''}#timeline`
  const page = timelinePage(groupByMonth(entries, timeZone), view)
  /** This page's address with another set of months, keeping the goal filter and the other parameters. */
  const withView = (timelineParam: string | null, anchor: string) => {
    const q = new URLSearchParams(kept)
    if (goal) q.set('goal', goal.id)
    if (timelineParam) q.set('timeline', timelineParam)
    const qs = q.toString()
    return `${base}${qs ? `?${qs}` : ''}#${anchor}`
  }
  return (
    <section id="timeline" aria-labelledby="timeline-heading" className="rounded-xl border border-stone-200 bg-white p-4 sm:p-6">
      <h2 id="timeline-heading" className="mb-3 text-lg font-semibold">
        Timeline
      </h2>
      {goals.length > 0 ? (
        <form method="get" action={`${base}#timeline`} className="mb-4 flex flex-wrap items-end gap-2">
          {kept.map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <div className="flex min-w-0 flex-col gap-1">
            <label htmlFor="timeline-goal" className="font-medium text-stone-800">
              Show
            </label>
            <select
              id="timeline-goal"
              name="goal"
              defaultValue={goal?.id ?? ''}
              className="min-h-11 w-full max-w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base sm:w-96"
            >
              <option value="">Everything</option>
              {goals.map((g) => (
                <option key={g.id} value={g.id}>
                  Goal: {g.title}
                  {g.status === 'ACTIVE' ? '' : ` (${statusWord[g.status]})`}
                </option>
              ))}
            </select>
          </div>
          <button
            type="submit"
            className="inline-flex min-h-11 items-center justify-center rounded-md border border-stone-300 bg-white px-4 py-2 font-medium text-stone-900 hover:bg-stone-100"
          >
            Show
          </button>
        </form>
      ) : null}
      {goal ? (
        <p role="status" className="mb-4 text-stone-700">
          Showing what relates to “{goal.title}”: notes linked to it, goal-progress check-ins and changes to the goal.{' '}
          <Link href={everything} className={link}>
            Show everything
          </Link>
        </p>
      ) : null}
      {timeline.unknownGoal ? (
        <p role="status" className="mb-4 text-stone-700">
          That goal is not on this client&apos;s record, so everything is shown.
        </p>
      ) : null}
      {!timeline.includesNotes ? (
        <p className="mb-4 text-sm text-stone-600">Session notes are not listed here: only the client&apos;s clinician reads them.</p>
      ) : null}
      {entries.length === 0 ? (
        <p className="text-stone-600">
          {goal
            ? 'Nothing relates to this goal yet. Link it in a session note or assign the goal-progress check-in.'
            : 'Nothing here yet. Session notes, check-ins, risk flags and goal changes appear here as they happen.'}
        </p>
      ) : (
        <>
          {page.shown.map((m) => (
            <div key={m.key}>
              <h3 id={`timeline-${m.key}`} className="scroll-mt-4 border-b border-stone-200 pt-3 pb-1 font-semibold text-stone-800">
                {m.label}
              </h3>
              <ol className="mb-2 flex flex-col">
                {m.entries.map((e) => (
                  <Entry key={e.id} e={e} clientId={clientId} timeZone={timeZone} goalId={goal?.id ?? null} />
                ))}
              </ol>
            </div>
          ))}
          <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2">
            {page.earlier ? (
              <p className="text-sm text-stone-600">
                Showing {page.shownEntries} of {timeline.truncated ? 'the latest ' : ''}
                {page.totalEntries} entries, back to {page.shown.at(-1)?.label}.
              </p>
            ) : timeline.truncated ? (
              <p className="text-sm text-stone-600">Showing the latest {entries.length} entries.</p>
            ) : null}
            {page.earlier ? (
              <Link
                href={withView(page.earlier, `timeline-${page.earlierStart}`)}
                className="inline-flex min-h-11 items-center justify-center rounded-md border border-stone-300 bg-white px-4 py-2 font-medium text-stone-900 hover:bg-stone-100"
              >
                Show earlier
              </Link>
            ) : null}
            {view ? (
              <Link href={withView(null, 'timeline')} className={`${link} inline-flex min-h-11 items-center`}>
                Show only the latest
              </Link>
            ) : null}
          </div>
        </>
      )}
    </section>
  )
}
