// The outcomes CSV: the page's cells as numbers (no "(40%)" text), under the same small-cell rules
// (lib/outcomes/view.ts): "< 5" for 1-4 clients, "hidden" for a count that would give one away.
import { getInstrument } from '@/lib/assessments/registry'
import { csvLine } from '@/lib/assessments/csv'
import { SMALL_CELL_MIN, countCell, percent, type OutcomesResult } from './types'
import { hiddenCells } from './suppression'
import { countState, rateState, scopeLabelOf, type CountState } from './view'

const CSV_HEADER = [
  'period_from',
  'period_to',
  'episode_start_from',
  'episode_start_to',
  'instrument',
  'group',
  'clients_with_baseline_and_later_score',
  'reliably_improved',
  'recovered',
  'no_reliable_change',
  'reliably_deteriorated',
  'at_caseness_at_baseline',
  'recovery_rate_percent',
  'median_change',
  'median_anxiety_change',
  'median_avoidance_change',
  'secure_at_baseline',
  'secure_at_latest',
  'mean_checkins_answered_per_client',
  'checkins_sent',
  'checkins_answered',
  'completion_rate_percent',
] as const

const round = (v: number, d: number) => Number(v.toFixed(d))
const cell = (s: CountState, d = 0) => (s === null ? null : 'shown' in s ? round(s.shown, d) : s.hidden)
const csvOver = (base: number, v: number | null, d: number) => (base <= 0 || v === null ? null : base < SMALL_CELL_MIN ? countCell(base) : round(v, d))

export function outcomesCsv(result: OutcomesResult): string {
  const q = result.query
  const scope = scopeLabelOf(result)
  const hidden = hiddenCells(result.groups)
  const lines = [csvLine(CSV_HEADER)]
  for (const g of result.groups) {
    const n = g.clients
    const state = (k: Parameters<typeof countState>[1]) => countState(g, k, hidden)
    const checkIns = state('checkIns')
    const checkInsShown = checkIns !== null && 'shown' in checkIns
    const checkInCell = (v: number | null) => (g.sent === 0 ? null : checkInsShown ? v : cell(checkIns))
    lines.push(
      csvLine([
        q.from,
        q.to,
        q.episodeFrom,
        q.episodeTo,
        getInstrument(g.instrumentId).abbreviation,
        g.clinicianId ? (g.clinicianName ?? 'Unknown clinician') : scope,
        cell(state('clients')),
        cell(state('improved')),
        cell(state('recovered')),
        cell(state('noChange')),
        cell(state('deteriorated')),
        cell(state('caseness')),
        cell(rateState(state('recovered'), state('caseness'))),
        csvOver(n, g.medianChange, 2),
        csvOver(n, g.medianAnxietyChange, 2),
        csvOver(n, g.medianAvoidanceChange, 2),
        cell(state('secureAtBaseline')),
        cell(state('secureAtLatest')),
        checkInCell(g.meanAnswered === null ? null : round(g.meanAnswered, 1)),
        checkInCell(g.sent),
        checkInCell(g.completed),
        checkInCell(round(percent(g.completed, g.sent) ?? 0, 0)),
      ]),
    )
  }
  return lines.join('\r\n') + '\r\n'
}
