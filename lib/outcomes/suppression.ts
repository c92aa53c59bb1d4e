// Complementary suppression: a count of 1-4 clients is shown as "< 5" (primary), but a hidden count
// must not be recoverable by subtraction from the numbers shown around it (secondary). Two sums are
// visible on the page: improved + no change + deteriorated = clients within a row, and the
// clinicians' rows add up to the scope-wide row in each column. Where exactly one part of such a
// sum is unknown, the smallest other part is hidden too ("hidden"), until nothing can be worked out.
// Pure (no I/O).
import { SMALL_CELL_MIN, type OutcomesGroup } from './types'

/** The cells that count clients (checkIns: the check-in columns, whose base is sentClients). */
export type CountKey = 'clients' | 'improved' | 'noChange' | 'deteriorated' | 'recovered' | 'caseness' | 'secureAtBaseline' | 'secureAtLatest' | 'checkIns'
const COUNT_KEYS: readonly CountKey[] = [
  'clients',
  'improved',
  'noChange',
  'deteriorated',
  'recovered',
  'caseness',
  'secureAtBaseline',
  'secureAtLatest',
  'checkIns',
]
const PARTITION: readonly CountKey[] = ['improved', 'noChange', 'deteriorated']

export const isSmall = (n: number | null) => n !== null && n > 0 && n < SMALL_CELL_MIN

export const countOf = (g: OutcomesGroup, key: CountKey): number | null => (key === 'checkIns' ? g.sentClients : g[key])

export type HiddenCells = Map<OutcomesGroup, Set<CountKey>>

/** Secondarily hidden cells per group (primary ones, 1-4, are found by isSmall and not listed). */
export function hiddenCells(groups: readonly OutcomesGroup[]): HiddenCells {
  const hidden: HiddenCells = new Map(groups.map((g) => [g, new Set<CountKey>()]))
  const unknown = (g: OutcomesGroup, k: CountKey) => isSmall(countOf(g, k)) || (hidden.get(g)?.has(k) ?? false)
  /** Hides the smallest known part among `parts` (one group and key each); false when none is left. */
  const hideSmallest = (parts: [OutcomesGroup, CountKey][]) => {
    const known = parts.filter(([g, k]) => countOf(g, k) !== null && !unknown(g, k))
    known.sort((a, b) => (countOf(...a) ?? 0) - (countOf(...b) ?? 0))
    const [first] = known
    if (first) hidden.get(first[0])?.add(first[1])
    return first !== undefined
  }
  // Each pass can expose a new lone unknown elsewhere, so repeat until a pass hides nothing.
  for (let changed = true, passes = 0; changed && passes < 20; passes++) {
    changed = false
    for (const g of groups) {
      if (g.improved === null || unknown(g, 'clients')) continue
      const parts = PARTITION.map((k): [OutcomesGroup, CountKey] => [g, k])
      if (parts.filter(([, k]) => unknown(g, k)).length === 1) changed = hideSmallest(parts) || changed
    }
    for (const total of groups.filter((g) => g.clinicianId === null)) {
      const rows = groups.filter((g) => g.clinicianId !== null && g.instrumentId === total.instrumentId)
      for (const k of COUNT_KEYS) {
        if (countOf(total, k) === null || unknown(total, k)) continue
        const parts = rows.map((g): [OutcomesGroup, CountKey] => [g, k])
        if (parts.filter(([g]) => unknown(g, k)).length === 1) changed = hideSmallest(parts) || changed
      }
    }
  }
  return hidden
}
