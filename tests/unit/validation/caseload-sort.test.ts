// The caseload's "Sort by" menu: one select carries the column and, when it is not the column's
// usual order, the order too ("flags:asc"); applying filters keeps the current sort.
import { describe, expect, it } from 'vitest'
import { caseloadHref } from '@/lib/validation/caseload'
import { parseCaseloadQuery } from '@/lib/validation/caseload-parse'
import { sortOptions } from '@/components/caseload/caseload-view'

describe('caseload sort menu', () => {
  it('reads a column with its order from one value, and a bare column in its usual order', () => {
    expect(parseCaseloadQuery({ sort: 'flags:asc' })).toMatchObject({ sort: 'flags', dir: 'asc' })
    expect(parseCaseloadQuery({ sort: 'flags' })).toMatchObject({ sort: 'flags', dir: 'desc' })
    expect(parseCaseloadQuery({ sort: 'name:desc' })).toMatchObject({ sort: 'name', dir: 'desc' })
    // An explicit dir (a header click's link) wins over the menu's; junk falls back to defaults.
    expect(parseCaseloadQuery({ sort: 'flags:asc', dir: 'desc' })).toMatchObject({ sort: 'flags', dir: 'desc' })
    expect(parseCaseloadQuery({ sort: 'bogus:asc' })).toMatchObject({ sort: 'name', dir: 'asc' })
    expect(parseCaseloadQuery({ sort: 'phq9:sideways' })).toMatchObject({ sort: 'phq9', dir: 'desc' })
  })

  it('offers every column most-attention-first, the current one in its current order', () => {
    const q = parseCaseloadQuery({ sort: 'phq9', dir: 'asc' })
    const options = sortOptions(q, false)
    expect(options.map((o) => o.value)).toEqual(['name', 'flags', 'overdue', 'change', 'phq9:asc', 'gad7', 'core10', 'lastCheckIn'])
    expect(options.find((o) => o.value === 'phq9:asc')?.label).toBe('Latest PHQ-9, lowest first')
    expect(options.find((o) => o.value === 'flags')?.label).toBe('Open risk flags, most first')
    expect(sortOptions(q, true).map((o) => o.value)).toContain('clinician')
    // Choosing the current option gives back the same view.
    expect(caseloadHref(parseCaseloadQuery({ sort: 'phq9:asc' }))).toBe(caseloadHref(q))
  })
})
