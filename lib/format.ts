// Dates are stored in UTC and shown in the practice's time zone, written out ("12 Mar 2026").
export function formatDate(d: Date | string, timeZone = 'UTC'): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(new Date(d))
}

export function formatDateTime(d: Date | string, timeZone = 'UTC'): string {
  return new Intl.DateTimeFormat('en-GB', {
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
