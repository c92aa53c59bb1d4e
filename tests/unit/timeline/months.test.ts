import { itemAt } from '../../fixtures/item-at'
import { describe, expect, it } from 'vitest'
import { groupByMonth, monthKey, parseTimelineView, timelinePage, type TimelineMonth } from '@/lib/timeline/months'
import type { TimelineEntry } from '@/lib/timeline/types'

const checkIn = (id: string, at: string, dateOnly = false): TimelineEntry => ({
  kind: 'checkin',
  id,
  at,
  dateOnly,
  status: 'COMPLETED',
  dueDate: at.slice(0, 10),
  instruments: ['phq-9'],
  goalRatings: {},
})

/** `perMonth[i]` entries in the i-th month back from Dec 2026 (newest first). */
function months(perMonth: number[]): TimelineMonth[] {
  const entries: TimelineEntry[] = []
  perMonth.forEach((n, i) => {
    const month = 12 - i
    for (let k = 0; k < n; k++)
      entries.push(checkIn(`${month}-${k}`, `2026-${String(month).padStart(2, '0')}-${String(28 - (k % 27)).padStart(2, '0')}T12:00:00.000Z`))
  })
  return groupByMonth(entries, 'Europe/London')
}

describe('timeline months', () => {
  it('groups by month in the practice time zone, newest first, keeping the order within a month', () => {
    const entries = [
      checkIn('a', '2026-12-01T00:30:00.000Z'), // 1 Dec in London
      checkIn('b', '2026-11-30T23:30:00.000Z'), // still 30 Nov in London…
      checkIn('c', '2026-11-02', true), // a calendar date is its own month
    ]
    const london = groupByMonth(entries, 'Europe/London')
    expect(london.map((m) => [m.key, m.label, m.entries.map((e) => e.id)])).toEqual([
      ['2026-12', 'December 2026', ['a']],
      ['2026-11', 'November 2026', ['b', 'c']],
    ])
    // …but 1 Dec in Auckland.
    expect(monthKey(itemAt(entries, 1), 'Pacific/Auckland')).toBe('2026-12')
    expect(monthKey(itemAt(entries, 2), 'Pacific/Auckland')).toBe('2026-11')
    // In New York, 00:30 UTC on 1 Dec is still 30 Nov.
    expect(groupByMonth(entries, 'America/New_York').map((m) => m.key)).toEqual(['2026-11'])
  })

  it('reads ?timeline=: all, a month, or the first page for anything else', () => {
    expect(parseTimelineView('all')).toEqual({ all: true })
    expect(parseTimelineView('2026-03')).toEqual({ from: '2026-03' })
    for (const v of [null, undefined, '', '2026-13', '2026-3', 'ALL', '2026-03-01', "2026-03'"]) expect(parseTimelineView(v)).toBeNull()
  })

  it('shows whole months until the first page has 20 entries, and offers the next page', () => {
    const ms = months([5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5])
    const first = timelinePage(ms, null)
    expect(first.shown.map((m) => m.key)).toEqual(['2026-12', '2026-11', '2026-10', '2026-09'])
    expect([first.shownEntries, first.totalEntries]).toEqual([20, 55])
    expect([first.earlier, first.earlierStart]).toEqual(['2026-05', '2026-08'])
    const second = timelinePage(ms, { from: first.earlier! })
    expect(second.shown).toHaveLength(8)
    expect([second.earlier, second.earlierStart]).toEqual(['2026-02', '2026-04'])
    const last = timelinePage(ms, { from: second.earlier! })
    expect(last.shown).toHaveLength(11)
    expect(last.earlier).toBeNull()
    expect(timelinePage(ms, { all: true }).shownEntries).toBe(55)
  })

  it('shows at least one whole month, even a long one, and never less than the first page', () => {
    expect(timelinePage(months([30, 2]), null).shown.map((m) => m.entries.length)).toEqual([30])
    // A cursor newer than the first page's oldest month still shows the first page.
    expect(timelinePage(months([5, 5, 5, 5, 5, 5]), { from: '2026-12' }).shown).toHaveLength(4)
    // A cursor older than everything shows everything.
    expect(timelinePage(months([5, 5, 5, 5, 5, 5]), { from: '2001-01' }).earlier).toBeNull()
  })

  it('has nothing earlier for a short timeline, or an empty one', () => {
    expect(timelinePage(months([3, 4]), null)).toMatchObject({ shownEntries: 7, totalEntries: 7, earlier: null, earlierStart: null })
    expect(timelinePage([], null)).toEqual({ shown: [], shownEntries: 0, totalEntries: 0, earlier: null, earlierStart: null })
  })
})
