import { describe, expect, it } from 'vitest'
import { parseOutcomesQuery } from '../../../lib/validation/outcomes'

describe('the outcomes filter', () => {
  it('parses the filter leniently and says what it could not use', () => {
    const today = '2026-12-06'
    expect(parseOutcomesQuery({}, today)).toEqual({
      query: { from: '2025-12-07', to: today, instrument: null, clinician: null, episodeFrom: null, episodeTo: null },
      errors: [],
    })
    const bad = parseOutcomesQuery({ from: '2026-02-30', to: 'soon', instrument: 'nope', clinician: 'x' }, today)
    expect(bad.query).toMatchObject({ from: '2025-12-07', to: today, instrument: null, clinician: null })
    expect(bad.errors.map((e) => e.field)).toEqual(['from', 'to'])
    const swapped = parseOutcomesQuery({ from: '2026-06-01', to: '2026-01-01', episodeFrom: '2026-02-01', episodeTo: '2026-01-01' }, today)
    expect(swapped.query).toMatchObject({ from: '2025-12-07', to: today, episodeFrom: null, episodeTo: null })
    expect(swapped.errors.map((e) => e.message)).toEqual([expect.stringMatching(/starts after it ends/), expect.stringMatching(/begins after it ends/)])
  })
})
