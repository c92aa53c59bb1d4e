import { describe, expect, it } from 'vitest'
import { formatOpenUntil } from '@/lib/format'
import { checkInExpiry } from '@/lib/scheduling/recurrence'

describe('formatOpenUntil: when a check-in link stays open, as a client reads it', () => {
  it('names the day before when it closes at local midnight (London, winter)', () => {
    // 9 Dec 2026 00:00 in London is 00:00 UTC: the client has until the end of Tuesday 8 December.
    expect(formatOpenUntil(new Date('2026-12-09T00:00:00Z'), 'Europe/London')).toBe('the end of Tuesday 8 December')
  })

  it('uses the practice time zone, not UTC', () => {
    // 00:00 UTC is 19:00 the day before in New York (EST, UTC−5).
    expect(formatOpenUntil(new Date('2026-12-09T00:00:00Z'), 'America/New_York')).toBe('7 pm on Tuesday 8 December')
    // New York's midnight is 05:00 UTC.
    expect(formatOpenUntil(new Date('2026-12-09T05:00:00Z'), 'America/New_York')).toBe('the end of Tuesday 8 December')
    // Auckland (UTC+13 in December): 11:00 UTC on the 8th is midnight on the 9th there.
    expect(formatOpenUntil(new Date('2026-12-08T11:00:00Z'), 'Pacific/Auckland')).toBe('the end of Tuesday 8 December')
  })

  it('says the time and the day otherwise', () => {
    expect(formatOpenUntil(new Date('2026-12-08T15:00:00Z'), 'Europe/London')).toBe('3 pm on Tuesday 8 December')
    expect(formatOpenUntil(new Date('2026-12-08T15:30:00Z'), 'Europe/London')).toBe('3:30 pm on Tuesday 8 December')
    expect(formatOpenUntil(new Date('2026-12-08T09:05:00Z'), 'Europe/London')).toBe('9:05 am on Tuesday 8 December')
    expect(formatOpenUntil(new Date('2026-12-08T12:00:00Z'), 'Europe/London')).toBe('midday on Tuesday 8 December')
    expect(formatOpenUntil(new Date('2026-12-08T00:30:00Z'), 'Europe/London')).toBe('12:30 am on Tuesday 8 December')
  })

  it('finds local midnight across daylight-saving changes', () => {
    // London summer time (UTC+1): midnight on 1 Apr 2026 is 23:00 UTC on 31 Mar.
    expect(formatOpenUntil(new Date('2026-03-31T23:00:00Z'), 'Europe/London')).toBe('the end of Tuesday 31 March')
    expect(formatOpenUntil(new Date('2026-04-01T00:00:00Z'), 'Europe/London')).toBe('1 am on Wednesday 1 April')
    // Clocks go forward on Sunday 29 Mar 2026 at 01:00 UTC; midnight that night is still 00:00 UTC.
    expect(formatOpenUntil(new Date('2026-03-29T00:00:00Z'), 'Europe/London')).toBe('the end of Saturday 28 March')
    // …and the day after begins at 23:00 UTC.
    expect(formatOpenUntil(new Date('2026-03-29T23:00:00Z'), 'Europe/London')).toBe('the end of Sunday 29 March')
    // Clocks go back on Sunday 25 Oct 2026: the 26th begins at 00:00 UTC again.
    expect(formatOpenUntil(new Date('2026-10-26T00:00:00Z'), 'Europe/London')).toBe('the end of Sunday 25 October')
  })

  it('treats a day that starts at 01:00 (clocks jump at midnight) as starting then', () => {
    // Santiago moved its clocks forward at 00:00 on Sunday 8 Sep 2024 (00:00 → 01:00, UTC−4 → UTC−3):
    // that day's first instant is 01:00 local = 04:00 UTC.
    expect(formatOpenUntil(new Date('2024-09-08T04:00:00Z'), 'America/Santiago')).toBe('the end of Saturday 7 September')
  })

  it('matches how check-in expiry is computed (the end of the last open day)', () => {
    for (const timeZone of ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC']) {
      // Due Friday 4 Dec 2026, open 4 days: Friday to Monday.
      expect(formatOpenUntil(checkInExpiry('2026-12-04', 4, timeZone), timeZone)).toBe('the end of Monday 7 December')
    }
  })

  it('accepts an ISO string', () => {
    expect(formatOpenUntil('2026-12-09T00:00:00.000Z', 'UTC')).toBe('the end of Tuesday 8 December')
  })
})
