import { describe, expect, it } from 'vitest'
import { dateTimeFormat } from '../../lib/intl-format'
import { formatDate, formatDateTime } from '../../lib/format'

describe('dateTimeFormat: one formatter per locale and option set', () => {
  it('reuses the formatter for the same options in any key order, and keeps time zones apart', () => {
    const a = dateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'Europe/London' })
    expect(dateTimeFormat('en-GB', { timeZone: 'Europe/London', month: 'short', day: 'numeric' })).toBe(a)
    expect(dateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'America/New_York' })).not.toBe(a)
    expect(dateTimeFormat('en-US', { day: 'numeric', month: 'short', timeZone: 'Europe/London' })).not.toBe(a)
  })

  it('formats as a fresh formatter would, per time zone (the page helpers on top of it)', () => {
    const late = new Date('2026-03-12T23:30:00Z')
    expect(formatDate(late, 'UTC')).toBe('12 Mar 2026')
    expect(formatDate(late, 'Australia/Sydney')).toBe('13 Mar 2026') // same cache, another zone
    expect(formatDate(late, 'UTC')).toBe('12 Mar 2026')
    expect(formatDateTime(late, 'Europe/Berlin')).toBe(
      new Intl.DateTimeFormat('en-GB', {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZone: 'Europe/Berlin',
      }).format(late),
    )
  })
})
