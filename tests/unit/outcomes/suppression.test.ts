import { describe, expect, it } from 'vitest'
import { hiddenCells } from '../../../lib/outcomes/suppression'
import { outcomesCells } from '../../../lib/outcomes/view'
import type { OutcomesGroup } from '../../../lib/outcomes/types'

const group = (over: Partial<OutcomesGroup>): OutcomesGroup => ({
  instrumentId: 'phq9',
  clinicianId: null,
  clinicianName: null,
  clients: 0,
  improved: 0,
  noChange: 0,
  deteriorated: 0,
  recovered: 0,
  caseness: 0,
  medianChange: null,
  medianAnxietyChange: null,
  medianAvoidanceChange: null,
  secureAtBaseline: null,
  secureAtLatest: null,
  sent: 0,
  completed: 0,
  sentClients: 0,
  meanAnswered: null,
  ...over,
})

describe('complementary suppression', () => {
  it('hides a partner of a lone hidden change category, so it cannot be worked out from the total (6 - 5 - 0)', () => {
    const g = group({ clients: 6, improved: 5, noChange: 1, deteriorated: 0 })
    expect(outcomesCells(g, 'x', hiddenCells([g]))).toMatchObject({ clients: '6', improved: '5 (83%)', noChange: '< 5', deteriorated: 'hidden' })
    // Two hidden categories already protect each other: nothing more is hidden.
    const two = group({ clients: 7, improved: 4, noChange: 3, deteriorated: 0 })
    expect(hiddenCells([two]).get(two)?.size).toBe(0)
  })

  it('hides a second clinician row when one alone would follow from the practice row', () => {
    const total = group({ clients: 30, improved: 12, noChange: 12, deteriorated: 6, caseness: 20, recovered: 8 })
    const a = group({ clinicianId: 'a', clients: 10, improved: 2, noChange: 5, deteriorated: 3, caseness: 6, recovered: 2 })
    const b = group({ clinicianId: 'b', clients: 8, improved: 5, noChange: 0, deteriorated: 3, caseness: 6, recovered: 6 })
    const c = group({ clinicianId: 'c', clients: 12, improved: 5, noChange: 7, deteriorated: 0, caseness: 8, recovered: 0 })
    const hidden = hiddenCells([total, a, b, c])
    // Row b: its deteriorated 3 is the lone hidden category, so its no-change 0 goes with it. Columns: a's
    // improved 2 is hidden, so b's (the first of the two smallest, 5) goes too; with b's no-change hidden,
    // a's 5 goes; a's recovered 2 takes c's 0 along.
    expect(outcomesCells(b, 'x', hidden)).toMatchObject({ improved: 'hidden', noChange: 'hidden', deteriorated: '< 5', recovered: '6', recoveryRate: '100%' })
    expect(outcomesCells(a, 'x', hidden)).toMatchObject({ improved: '< 5', noChange: 'hidden', deteriorated: '< 5', recovered: '< 5' })
    expect(outcomesCells(c, 'x', hidden)).toMatchObject({ improved: '5 (42%)', noChange: '7 (58%)', deteriorated: '0', recovered: 'hidden' })
    expect(outcomesCells(total, 'x', hidden)).toMatchObject({ improved: '12 (40%)', recovered: '8', recoveryRate: '40%' })
  })
})
