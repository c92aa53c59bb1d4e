// The timeline grouped by month and shown a page at a time. Pure: the overview reads ?timeline= and
// hands it here with the entries (newest first); links carry the next month cursor, so "Show
// earlier" works without JavaScript.
import type { TimelineEntry } from './types'
import { dateTimeFormat } from '@/lib/intl-format'

/** A first page holds whole months, newest first, until it has at least this many entries. */
const TIMELINE_PAGE_ENTRIES = 20

export interface TimelineMonth {
  /** 'YYYY-MM' in the practice's time zone; also the heading's anchor (#timeline-YYYY-MM). */
  key: string
  /** "November 2026" */
  label: string
  entries: TimelineEntry[]
}

/** What ?timeline= asks for: the first page (null), everything, or every month back to `from`. */
export type TimelineView = { all: true } | { from: string } | null

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

export function parseTimelineView(v: string | null | undefined): TimelineView {
  if (v === 'all') return { all: true }
  if (v && MONTH.test(v)) return { from: v }
  return null
}

/** The month an entry belongs to: a calendar date's own month, an instant's month in the time zone. */
export function monthKey(e: TimelineEntry, timeZone: string): string {
  if (e.dateOnly) return e.at.slice(0, 7)
  const parts = dateTimeFormat('en-GB', { year: 'numeric', month: '2-digit', timeZone }).formatToParts(new Date(e.at))
  return `${parts.find((p) => p.type === 'year')?.value}-${parts.find((p) => p.type === 'month')?.value}`
}

function monthLabel(key: string): string {
  const [y = NaN, m = NaN] = key.split('-').map(Number)
  return dateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)))
}

/** Entries (newest first) in month groups, newest month first; order within a month is kept. */
export function groupByMonth(entries: TimelineEntry[], timeZone: string): TimelineMonth[] {
  const months: TimelineMonth[] = []
  const byKey = new Map<string, TimelineMonth>()
  for (const e of entries) {
    const key = monthKey(e, timeZone)
    let month = byKey.get(key)
    if (!month) {
      month = { key, label: monthLabel(key), entries: [] }
      byKey.set(key, month)
      months.push(month)
    }
    month.entries.push(e)
  }
  return months.sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0))
}

/** How many whole months, from `start`, make a page of at least `size` entries (at least one month). */
function pageLength(months: TimelineMonth[], start: number, size: number): number {
  let n = 0
  let count = 0
  for (const month of months.slice(start)) {
    if (n > 0 && count >= size) break
    count += month.entries.length
    n++
  }
  return n
}

export interface TimelinePage {
  shown: TimelineMonth[]
  shownEntries: number
  totalEntries: number
  /** The cursor of the next page ('YYYY-MM', its oldest month), or null when everything is shown. */
  earlier: string | null
  /** The newest month the next page adds: where "Show earlier" lands. */
  earlierStart: string | null
}

/**
 * The months to show for a view: the first page (whole months until TIMELINE_PAGE_ENTRIES), or
 * every month back to `from` (never less than the first page), or everything.
 */
export function timelinePage(months: TimelineMonth[], view: TimelineView, size = TIMELINE_PAGE_ENTRIES): TimelinePage {
  const first = pageLength(months, 0, size)
  let count = first
  if (view && 'all' in view) count = months.length
  else if (view) count = Math.max(first, months.filter((m) => m.key >= view.from).length)
  const shown = months.slice(0, count)
  const next = count < months.length ? pageLength(months, count, size) : 0
  return {
    shown,
    shownEntries: shown.reduce((n, m) => n + m.entries.length, 0),
    totalEntries: months.reduce((n, m) => n + m.entries.length, 0),
    earlier: next > 0 ? (months[count + next - 1]?.key ?? null) : null,
    earlierStart: next > 0 ? (months[count]?.key ?? null) : null,
  }
}
