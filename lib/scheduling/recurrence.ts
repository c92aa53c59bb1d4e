import { must } from '@/lib/must'
// Calendar dates for scheduling. Pure (no I/O), shared by the scheduler, pages and unit tests.
// A calendar date is a 'YYYY-MM-DD' string; Prisma's @db.Date columns arrive as UTC-midnight Dates,
// and both are accepted everywhere. Time zones use Intl only, so the app needs no tz database.

export type CalendarDate = string
export type DateInput = CalendarDate | Date
export type RecurrenceKind = 'ONCE' | 'WEEKLY' | 'FORTNIGHTLY' | 'MONTHLY'

export interface Schedule {
  recurrence: RecurrenceKind
  startDate: DateInput
  endDate?: DateInput | null
}

const DAY_MS = 86_400_000
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

function parts(d: DateInput): [number, number, number] {
  if (d instanceof Date) {
    if (Number.isNaN(d.getTime())) throw new RangeError('Invalid date')
    return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]
  }
  const m = ISO_DATE.exec(d)
  if (!m) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${d}`)
  const [y, mo, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (mo < 1 || mo > 12 || day < 1 || day > daysInMonth(y, mo)) throw new RangeError(`Not a calendar date: ${d}`)
  return [y, mo, day]
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0')
const fromParts = (y: number, m: number, d: number): CalendarDate => `${pad(y, 4)}-${pad(m)}-${pad(d)}`
const epochDay = (d: DateInput) => {
  const [y, m, day] = parts(d)
  return Date.UTC(y, m - 1, day) / DAY_MS
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** 'YYYY-MM-DD' for a calendar date given either way. */
export function toCalendarDate(d: DateInput): CalendarDate {
  return fromParts(...parts(d))
}

/** The UTC-midnight Date Prisma stores in a @db.Date column. */
export function toDateColumn(d: DateInput): Date {
  const [y, m, day] = parts(d)
  return new Date(Date.UTC(y, m - 1, day))
}

export function addDays(d: DateInput, days: number): CalendarDate {
  return toCalendarDate(new Date((epochDay(d) + days) * DAY_MS))
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: DateInput, b: DateInput): number {
  return epochDay(b) - epochDay(a)
}

export function compareDates(a: DateInput, b: DateInput): number {
  return Math.sign(epochDay(a) - epochDay(b))
}

/** Same day of month, clamped to the month's last day (Jan 31 + 1 month → Feb 28/29). */
export function addMonthsClamped(d: DateInput, months: number): CalendarDate {
  const [y, m, day] = parts(d)
  const index = y * 12 + (m - 1) + months
  const ty = Math.floor(index / 12)
  const tm = index - ty * 12 + 1
  return fromParts(ty, tm, Math.min(day, daysInMonth(ty, tm)))
}

const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** Wall-clock time in the zone, expressed as if it were UTC (ms). */
function wallClockMs(instant: Date, timeZone: string): number {
  const p: Record<string, number> = {}
  for (const { type, value } of formatter(timeZone).formatToParts(instant)) {
    if (type !== 'literal' && type !== 'era') p[type] = Number(value)
  }
  const part = (type: string) => must(p[type], `the ${type} of a formatted date`)
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'))
}

/** The calendar date it is at `now` in the time zone (e.g. the practice's "today"). */
export function todayInTimeZone(now: Date, timeZone: string): CalendarDate {
  return toCalendarDate(new Date(wallClockMs(now, timeZone)))
}

/**
 * The first instant of a calendar date in the time zone. Tries the UTC offsets in force a day
 * either side and keeps the earliest candidate that really falls on that date, so it is right on
 * DST days, including zones whose clocks jump at midnight (the day then starts at 01:00).
 */
export function startOfDayInTimeZone(d: DateInput, timeZone: string): Date {
  const wall = epochDay(d) * DAY_MS
  const target = toCalendarDate(d)
  const offsets = new Set([wall - DAY_MS, wall, wall + DAY_MS].map((t) => wallClockMs(new Date(t), timeZone) - t))
  const candidates = [...offsets]
    .map((o) => new Date(wall - o))
    .filter((c) => todayInTimeZone(c, timeZone) === target)
    .sort((a, b) => a.getTime() - b.getTime())
  const [earliest] = candidates
  if (earliest) return earliest
  // Unreachable for real zones (a whole day cannot be skipped within ±1 day of offsets seen).
  return new Date(wall - (wallClockMs(new Date(wall), timeZone) - wall))
}

/**
 * When a check-in closes: the end of its last day, i.e. the start of the day after
 * dueDate + (expiryDays − 1) in the practice's time zone. Due 10 Mar with 4 days → the first
 * instant of 14 Mar local time. The check-in is open while now < this instant.
 */
export function checkInExpiry(dueDate: DateInput, expiryDays: number, timeZone: string): Date {
  const days = Math.max(1, Math.floor(expiryDays))
  return startOfDayInTimeZone(addDays(dueDate, days), timeZone)
}

/** The last calendar day a check-in can be answered (for "open until the end of …"). */
export function lastOpenDay(expiresAt: Date, timeZone: string): CalendarDate {
  return todayInTimeZone(new Date(expiresAt.getTime() - 1), timeZone)
}

/** The k-th occurrence (k ≥ 0) of a schedule, ignoring its end date. */
function occurrence(s: Schedule, k: number): CalendarDate {
  switch (s.recurrence) {
    case 'ONCE':
      return toCalendarDate(s.startDate)
    case 'WEEKLY':
      return addDays(s.startDate, 7 * k)
    case 'FORTNIGHTLY':
      return addDays(s.startDate, 14 * k)
    case 'MONTHLY':
      // Always from the start date (not the previous occurrence), so Jan 31 → Feb 28 → Mar 31.
      return addMonthsClamped(s.startDate, k)
  }
}

/** Index of the last occurrence on or before `day` (may be −1 when `day` is before the start). */
function lastIndexOnOrBefore(s: Schedule, day: DateInput): number {
  const diff = daysBetween(s.startDate, day)
  if (diff < 0) return -1
  switch (s.recurrence) {
    case 'ONCE':
      return 0
    case 'WEEKLY':
      return Math.floor(diff / 7)
    case 'FORTNIGHTLY':
      return Math.floor(diff / 14)
    case 'MONTHLY': {
      const [sy, sm] = parts(s.startDate)
      const [dy, dm] = parts(day)
      const k = (dy - sy) * 12 + (dm - sm)
      return compareDates(occurrence(s, k), day) > 0 ? k - 1 : k
    }
  }
}

const withinEnd = (s: Schedule, date: CalendarDate) => !s.endDate || compareDates(date, s.endDate) <= 0

/**
 * The most recent occurrence on or before `today` that lies within [startDate, endDate], or null
 * when there is none (today is before the start, or the end date comes before the first one).
 * After the end date this is still the last occurrence inside it; the scheduler's expiry check
 * decides whether that one is too old to send.
 */
export function latestOccurrence(s: Schedule, today: DateInput): CalendarDate | null {
  const bound = s.endDate && compareDates(s.endDate, today) < 0 ? s.endDate : today
  const k = lastIndexOnOrBefore(s, bound)
  if (k < 0) return null
  const date = occurrence(s, k)
  return withinEnd(s, date) ? date : null
}

/** The first occurrence strictly after `today` within the end date (for "next due"), or null. */
export function nextOccurrence(s: Schedule, today: DateInput): CalendarDate | null {
  const k = lastIndexOnOrBefore(s, today) + 1
  if (s.recurrence === 'ONCE' && k > 0) return null
  const date = occurrence(s, k)
  return withinEnd(s, date) ? date : null
}
