import { lastOpenDay, startOfDayInTimeZone, todayInTimeZone } from '@/lib/scheduling/recurrence'
import { dateTimeFormat } from '@/lib/intl-format'

// Dates are stored in UTC and shown in the practice's time zone, written out ("12 Mar 2026").
export function formatDate(d: Date | string, timeZone = 'UTC'): string {
  return dateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(new Date(d))
}

export function formatDateTime(d: Date | string, timeZone = 'UTC'): string {
  return dateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(d))
}

/** Calendar dates (date of birth, episode start) are stored as UTC midnight: show them as such. */
export function formatCalendarDate(d: Date | string): string {
  return formatDate(d, 'UTC')
}

export function isoDay(d: Date | string): string {
  return new Date(d).toISOString().slice(0, 10)
}

const longDay = (calendarDate: string) => {
  const [y = NaN, m = NaN, d = NaN] = calendarDate.split('-').map(Number)
  const at = new Date(Date.UTC(y, m - 1, d))
  const weekday = dateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' }).format(at)
  const month = dateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(at)
  return `${weekday} ${d} ${month}`
}

/** "3 pm", "3:30 pm", "midday", "12:15 am": a clock time as people say it. */
function spokenTime(hour: number, minute: number): string {
  if (hour === 12 && minute === 0) return 'midday'
  const h = hour % 12 === 0 ? 12 : hour % 12
  return `${h}${minute ? `:${String(minute).padStart(2, '0')}` : ''} ${hour < 12 ? 'am' : 'pm'}`
}

/**
 * When something stays open, written for a client: "the end of Tuesday 8 December" when it closes
 * at the start of a day in the practice's time zone (a check-in's expiry: "until 9 Dec, 00:00"
 * reads as ambiguous), otherwise "3 pm on Tuesday 8 December". Used after "until".
 */
export function formatOpenUntil(closesAt: Date | string, timeZone: string): string {
  const at = new Date(closesAt)
  const day = todayInTimeZone(at, timeZone)
  // The first instant of its local day (00:00, or 01:00 where the clocks jump at midnight): the
  // last moment to answer is the end of the day before.
  if (startOfDayInTimeZone(day, timeZone).getTime() === at.getTime()) return `the end of ${longDay(lastOpenDay(at, timeZone))}`
  const parts = dateTimeFormat('en-GB', { hour: 'numeric', minute: 'numeric', hourCycle: 'h23', timeZone }).formatToParts(at)
  const hour = Number(parts.find((p) => p.type === 'hour')?.value)
  const minute = Number(parts.find((p) => p.type === 'minute')?.value)
  return `${spokenTime(hour, minute)} on ${longDay(day)}`
}
