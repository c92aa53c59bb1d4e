// Outcomes as people read them: every number passes through the small-cell rules here, once, so the
// table, the charts and the CSV can never disagree on what is shown. Pure (no I/O).
// A count of 1-4 clients reads "< 5" (and so does a rate or median over fewer than 5 clients); a
// count hidden only so that another cannot be worked out by subtraction reads "hidden".
import { getInstrument } from '@/lib/assessments/registry'
import { SMALL_CELL_MIN, formatChange, formatMean, formatPercent, overCell, percent, type OutcomesGroup, type OutcomesResult } from './types'
import { countOf, hiddenCells, isSmall, type CountKey, type HiddenCells } from './suppression'

const HIDDEN = 'hidden'

export interface OutcomesCells {
  instrument: string
  clinician: string
  clients: string
  improved: string
  recovered: string
  noChange: string
  deteriorated: string
  recoveryRate: string
  medianChange: string
  anxietyChange: string
  avoidanceChange: string
  secureBaseline: string
  secureLatest: string
  meanAnswered: string
  completion: string
}

/** What may be shown of one count: the number, or why not. */
export type CountState = { shown: number } | { hidden: typeof HIDDEN | '< 5' } | null

export function countState(g: OutcomesGroup, key: CountKey, hidden: HiddenCells): CountState {
  const n = countOf(g, key)
  if (n === null) return null
  if (isSmall(n)) return { hidden: '< 5' }
  if (hidden.get(g)?.has(key)) return { hidden: HIDDEN }
  return { shown: n }
}

const text = (s: CountState) => (s === null ? '—' : 'shown' in s ? String(s.shown) : s.hidden)

/** A rate num/den: only when both counts are shown (a rate over a shown base gives a hidden count away). */
export function rateState(num: CountState, den: CountState): CountState {
  if (num === null || den === null || ('shown' in den && den.shown === 0)) return null
  if ('hidden' in den) return den
  if ('hidden' in num) return num
  return { shown: percent(num.shown, den.shown) ?? 0 }
}

function withShare(g: OutcomesGroup, key: CountKey, hidden: HiddenCells): string {
  const s = countState(g, key, hidden)
  const base = countState(g, 'clients', hidden)
  if (s === null || !('shown' in s) || s.shown === 0 || base === null || !('shown' in base)) return text(s)
  return `${s.shown} (${formatPercent(percent(s.shown, base.shown) ?? 0)})`
}

function completionCell(g: OutcomesGroup, hidden: HiddenCells): string {
  if (g.sent === 0) return '—'
  const s = countState(g, 'checkIns', hidden)
  if (s === null || !('shown' in s)) return text(s)
  return `${formatPercent(percent(g.completed, g.sent) ?? 0)} (${g.completed} of ${g.sent})`
}

export function outcomesCells(g: OutcomesGroup, scopeLabel: string, hidden: HiddenCells = new Map()): OutcomesCells {
  const n = g.clients
  const rate = rateState(countState(g, 'recovered', hidden), countState(g, 'caseness', hidden))
  const checkIns = countState(g, 'checkIns', hidden)
  return {
    instrument: getInstrument(g.instrumentId).abbreviation,
    clinician: g.clinicianId ? (g.clinicianName ?? 'Unknown clinician') : scopeLabel,
    clients: text(countState(g, 'clients', hidden)),
    improved: withShare(g, 'improved', hidden),
    recovered: text(countState(g, 'recovered', hidden)),
    noChange: withShare(g, 'noChange', hidden),
    deteriorated: withShare(g, 'deteriorated', hidden),
    recoveryRate: rate !== null && 'shown' in rate ? formatPercent(rate.shown) : text(rate),
    // A median reveals no count, so only the primary rule applies to it.
    medianChange: overCell(n, g.medianChange, formatChange),
    anxietyChange: overCell(n, g.medianAnxietyChange, formatChange),
    avoidanceChange: overCell(n, g.medianAvoidanceChange, formatChange),
    secureBaseline: withShare(g, 'secureAtBaseline', hidden),
    secureLatest: withShare(g, 'secureAtLatest', hidden),
    meanAnswered: checkIns !== null && 'hidden' in checkIns ? checkIns.hidden : overCell(g.sentClients, g.meanAnswered, formatMean),
    completion: completionCell(g, hidden),
  }
}

export function scopeLabelOf(result: Pick<OutcomesResult, 'scope' | 'query'>): string {
  if (result.scope === 'own') return 'Your caseload'
  return result.query.clinician ? 'Selected clinician' : 'Whole practice'
}

// ---- Charts: scope-wide groups only; a value not shown as a number is left out (null), never drawn.

export interface ChangeChartDatum {
  instrument: string
  improved: number | null
  recovered: number | null
  noChange: number | null
  deteriorated: number | null
}

export interface SecureChartDatum {
  instrument: string
  baseline: number | null
  latest: number | null
}

export function chartData(result: OutcomesResult): { change: ChangeChartDatum[]; secure: SecureChartDatum[] } {
  const hidden = hiddenCells(result.groups)
  const overall = result.groups.filter((g) => g.clinicianId === null && g.clients >= SMALL_CELL_MIN)
  const name = (g: OutcomesGroup) => getInstrument(g.instrumentId).abbreviation
  const share = (g: OutcomesGroup, key: CountKey) => {
    const s = rateState(countState(g, key, hidden), countState(g, 'clients', hidden))
    return s !== null && 'shown' in s ? Math.round(s.shown) : null
  }
  // A questionnaire whose every share is hidden has nothing to draw: it is left out of the chart.
  const drawable = <T extends { instrument: string }>(d: T) => Object.entries(d).some(([k, v]) => k !== 'instrument' && v !== null)
  return {
    change: overall
      .filter((g) => g.improved !== null)
      .map((g) => ({
        instrument: name(g),
        improved: share(g, 'improved'),
        recovered: share(g, 'recovered'),
        noChange: share(g, 'noChange'),
        deteriorated: share(g, 'deteriorated'),
      }))
      .filter(drawable),
    secure: overall
      .filter((g) => g.secureAtBaseline !== null)
      .map((g) => ({ instrument: name(g), baseline: share(g, 'secureAtBaseline'), latest: share(g, 'secureAtLatest') }))
      .filter(drawable),
  }
}
