import { describe, expect, it } from 'vitest'
import {
  addDays,
  addMonthsClamped,
  checkInExpiry,
  daysBetween,
  lastOpenDay,
  latestOccurrence,
  nextOccurrence,
  startOfDayInTimeZone,
  toCalendarDate,
  toDateColumn,
  todayInTimeZone,
  type Schedule,
} from '../../../lib/scheduling/recurrence'

describe('calendar dates', () => {
  it('accepts strings and UTC-midnight Dates alike', () => {
    expect(toCalendarDate(new Date('2026-03-10T00:00:00Z'))).toBe('2026-03-10')
    expect(toDateColumn('2026-03-10').toISOString()).toBe('2026-03-10T00:00:00.000Z')
    expect(addDays(new Date('2026-02-27T00:00:00Z'), 2)).toBe('2026-03-01')
    expect(addDays('2028-02-27', 2)).toBe('2028-02-29')
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31')
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31)
  })

  it('rejects what is not a calendar date', () => {
    expect(() => toCalendarDate('2026-02-30')).toThrow(RangeError)
    expect(() => toCalendarDate('10/03/2026')).toThrow(RangeError)
    expect(() => toCalendarDate(new Date('nope'))).toThrow(RangeError)
  })

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'], // leap year
    ['2026-01-31', 2, '2026-03-31'],
    ['2026-01-31', 3, '2026-04-30'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-11-15', 3, '2027-02-15'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2028-02-29', 48, '2032-02-29'],
  ])('%s + %i months = %s', (from, months, expected) => {
    expect(addMonthsClamped(from, months)).toBe(expected)
  })
})

describe('latestOccurrence / nextOccurrence', () => {
  const weekly: Schedule = { recurrence: 'WEEKLY', startDate: '2026-03-02' }

  it('ONCE: the start date, on and after it; nothing before', () => {
    const once: Schedule = { recurrence: 'ONCE', startDate: '2026-03-10' }
    expect(latestOccurrence(once, '2026-03-09')).toBeNull()
    expect(latestOccurrence(once, '2026-03-10')).toBe('2026-03-10')
    expect(latestOccurrence(once, '2026-05-01')).toBe('2026-03-10')
    expect(nextOccurrence(once, '2026-03-09')).toBe('2026-03-10')
    expect(nextOccurrence(once, '2026-03-10')).toBeNull()
  })

  it('WEEKLY: the latest start + 7k on or before today', () => {
    expect(latestOccurrence(weekly, '2026-03-01')).toBeNull()
    expect(latestOccurrence(weekly, '2026-03-02')).toBe('2026-03-02')
    expect(latestOccurrence(weekly, '2026-03-08')).toBe('2026-03-02')
    expect(latestOccurrence(weekly, '2026-03-09')).toBe('2026-03-09')
    expect(latestOccurrence(weekly, '2026-03-25')).toBe('2026-03-23')
    expect(nextOccurrence(weekly, '2026-03-01')).toBe('2026-03-02')
    expect(nextOccurrence(weekly, '2026-03-02')).toBe('2026-03-09')
    expect(nextOccurrence(weekly, '2026-03-25')).toBe('2026-03-30')
  })

  it('FORTNIGHTLY: start + 14k', () => {
    const s: Schedule = { recurrence: 'FORTNIGHTLY', startDate: '2026-03-02' }
    expect(latestOccurrence(s, '2026-03-15')).toBe('2026-03-02')
    expect(latestOccurrence(s, '2026-03-16')).toBe('2026-03-16')
    expect(latestOccurrence(s, '2026-04-12')).toBe('2026-03-30')
    expect(nextOccurrence(s, '2026-03-16')).toBe('2026-03-30')
  })

  it('MONTHLY: same day of month, clamped to short months, back to the 31st afterwards', () => {
    const s: Schedule = { recurrence: 'MONTHLY', startDate: '2026-01-31' }
    expect(latestOccurrence(s, '2026-01-30')).toBeNull()
    expect(latestOccurrence(s, '2026-02-27')).toBe('2026-01-31')
    expect(latestOccurrence(s, '2026-02-28')).toBe('2026-02-28')
    expect(latestOccurrence(s, '2026-03-30')).toBe('2026-02-28')
    expect(latestOccurrence(s, '2026-03-31')).toBe('2026-03-31')
    expect(latestOccurrence(s, '2026-04-30')).toBe('2026-04-30')
    expect(nextOccurrence(s, '2026-01-31')).toBe('2026-02-28')
    expect(nextOccurrence(s, '2026-02-28')).toBe('2026-03-31')
  })

  it('MONTHLY in a leap year lands on 29 February', () => {
    const s: Schedule = { recurrence: 'MONTHLY', startDate: new Date('2028-01-30T00:00:00Z') }
    expect(latestOccurrence(s, '2028-02-29')).toBe('2028-02-29')
    expect(latestOccurrence(s, '2028-03-29')).toBe('2028-02-29')
    expect(latestOccurrence(s, '2028-03-30')).toBe('2028-03-30')
    const leapDay: Schedule = { recurrence: 'MONTHLY', startDate: '2028-02-29' }
    expect(latestOccurrence(leapDay, '2028-03-28')).toBe('2028-02-29')
    expect(latestOccurrence(leapDay, '2028-03-29')).toBe('2028-03-29')
    expect(latestOccurrence(leapDay, '2029-02-28')).toBe('2029-02-28')
  })

  it('respects the end date (inclusive) and never goes past it', () => {
    const s: Schedule = { ...weekly, endDate: '2026-03-16' }
    expect(latestOccurrence(s, '2026-03-16')).toBe('2026-03-16')
    expect(latestOccurrence(s, '2026-03-22')).toBe('2026-03-16') // the last one inside the range
    expect(latestOccurrence(s, '2026-04-30')).toBe('2026-03-16')
    expect(nextOccurrence(s, '2026-03-09')).toBe('2026-03-16')
    expect(nextOccurrence(s, '2026-03-16')).toBeNull()
    const endsBetween: Schedule = { ...weekly, endDate: '2026-03-12' }
    expect(latestOccurrence(endsBetween, '2026-03-20')).toBe('2026-03-09')
    expect(nextOccurrence(endsBetween, '2026-03-09')).toBeNull()
    const endsBeforeStart: Schedule = { recurrence: 'ONCE', startDate: '2026-03-10', endDate: '2026-03-09' }
    expect(latestOccurrence(endsBeforeStart, '2026-03-10')).toBeNull()
    expect(nextOccurrence(endsBeforeStart, '2026-03-01')).toBeNull()
  })

  it('monthly end date in a short month', () => {
    const s: Schedule = { recurrence: 'MONTHLY', startDate: '2026-01-31', endDate: '2026-02-27' }
    expect(latestOccurrence(s, '2026-03-31')).toBe('2026-01-31')
    expect(nextOccurrence(s, '2026-01-31')).toBeNull()
  })
})

describe('time zones', () => {
  it('todayInTimeZone is the local calendar date', () => {
    const now = new Date('2026-03-10T03:30:00Z')
    expect(todayInTimeZone(now, 'UTC')).toBe('2026-03-10')
    expect(todayInTimeZone(now, 'America/New_York')).toBe('2026-03-09')
    expect(todayInTimeZone(now, 'Europe/London')).toBe('2026-03-10')
    expect(todayInTimeZone(new Date('2026-03-09T11:30:00Z'), 'Pacific/Auckland')).toBe('2026-03-10')
    // 23:30 UTC on 30 June is 00:30 BST on 1 July.
    expect(todayInTimeZone(new Date('2026-06-30T23:30:00Z'), 'Europe/London')).toBe('2026-07-01')
  })

  it('a check-in due 10 March with 4 days closes at the end of 13 March local time', () => {
    expect(checkInExpiry('2026-03-10', 4, 'UTC').toISOString()).toBe('2026-03-14T00:00:00.000Z')
    expect(checkInExpiry('2026-03-10', 4, 'Europe/London').toISOString()).toBe('2026-03-14T00:00:00.000Z')
    expect(checkInExpiry('2026-03-10', 4, 'America/New_York').toISOString()).toBe('2026-03-14T04:00:00.000Z')
    expect(checkInExpiry('2026-03-10', 1, 'UTC').toISOString()).toBe('2026-03-11T00:00:00.000Z')
    expect(lastOpenDay(checkInExpiry('2026-03-10', 4, 'America/New_York'), 'America/New_York')).toBe('2026-03-13')
  })

  it('Europe/London around the clocks going forward (29 Mar 2026) and back (25 Oct 2026)', () => {
    const tz = 'Europe/London'
    expect(checkInExpiry('2026-03-25', 4, tz).toISOString()).toBe('2026-03-29T00:00:00.000Z') // GMT midnight
    expect(checkInExpiry('2026-03-26', 4, tz).toISOString()).toBe('2026-03-29T23:00:00.000Z') // BST midnight
    expect(checkInExpiry('2026-10-21', 4, tz).toISOString()).toBe('2026-10-24T23:00:00.000Z') // BST midnight
    expect(checkInExpiry('2026-10-22', 4, tz).toISOString()).toBe('2026-10-26T00:00:00.000Z') // GMT midnight
    expect(todayInTimeZone(new Date('2026-03-29T23:30:00Z'), tz)).toBe('2026-03-30')
    expect(todayInTimeZone(new Date('2026-10-25T23:30:00Z'), tz)).toBe('2026-10-25')
  })

  it('America/New_York around the clocks going forward (8 Mar 2026) and back (1 Nov 2026)', () => {
    const tz = 'America/New_York'
    expect(checkInExpiry('2026-03-04', 4, tz).toISOString()).toBe('2026-03-08T05:00:00.000Z') // EST
    expect(checkInExpiry('2026-03-05', 4, tz).toISOString()).toBe('2026-03-09T04:00:00.000Z') // EDT
    expect(checkInExpiry('2026-10-28', 4, tz).toISOString()).toBe('2026-11-01T04:00:00.000Z') // EDT
    expect(checkInExpiry('2026-10-29', 4, tz).toISOString()).toBe('2026-11-02T05:00:00.000Z') // EST
    expect(startOfDayInTimeZone('2026-03-08', tz).toISOString()).toBe('2026-03-08T05:00:00.000Z')
    expect(startOfDayInTimeZone('2026-11-01', tz).toISOString()).toBe('2026-11-01T04:00:00.000Z')
  })

  it.each(['Europe/London', 'America/New_York', 'America/Santiago', 'America/Havana', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham'])(
    'in %s every day of 2026 starts at an instant on that day, just after the previous day',
    (tz) => {
      for (let day = '2026-01-01'; day < '2027-01-01'; day = addDays(day, 1)) {
        const start = startOfDayInTimeZone(day, tz)
        expect(todayInTimeZone(start, tz)).toBe(day)
        expect(todayInTimeZone(new Date(start.getTime() - 1000), tz)).toBe(addDays(day, -1))
      }
    },
  )
})
