// Outcomes as people read them: every number passes through the small-cell rule here, once, so the
// table, the charts and the CSV can never disagree on what is shown. Pure (no I/O).
import { getInstrument } from '@/lib/assessments/registry'
import { csvLine } from '@/lib/assessments/csv'
import { SMALL_CELL_MIN, countCell, formatChange, formatMean, formatPercent, overCell, percent, type OutcomesGroup, type OutcomesResult } from './types'

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

type Category = 'improved' | 'noChange' | 'deteriorated'
const CATEGORIES: readonly Category[] = ['improved', 'noChange', 'deteriorated']
const isSmall = (n: number | null) => n !== null && n > 0 && n < SMALL_CELL_MIN

/**
 * The change categories a row must hide. Improved, no change and deteriorated add up to the shown
 * client count, so one hidden category alone could be worked out by subtraction: the smallest other
 * one is hidden with it ("< 5" then also stands for a 0 or a larger count).
 */
function hiddenCategories(g: OutcomesGroup): Set<Category> {
  const hidden = new Set(CATEGORIES.filter((k) => isSmall(g[k])))
  if (hidden.size === 1 && g.clients >= SMALL_CELL_MIN) {
    const [partner] = CATEGORIES.filter((k) => !hidden.has(k)).sort((a, b) => (g[a] ?? 0) - (g[b] ?? 0))
    if (partner) hidden.add(partner)
  }
  return hidden
}

/** "12 (40%)": a count with its share of the group's clients; the share only when both are shown. */
function countWithShare(n: number | null, base: number, hidden = false): string {
  if (hidden) return countCell(1)
  const shown = countCell(n)
  if (n === null || n < SMALL_CELL_MIN || base < SMALL_CELL_MIN) return shown
  return `${shown} (${formatPercent(percent(n, base) ?? 0)})`
}

/** Recovered of those at caseness; hidden when either count is 1-4 (a rate over a shown base would give a hidden count away). */
function recoveryRate(g: OutcomesGroup): number | null | 'hidden' {
  if (g.caseness === null || g.recovered === null || g.caseness === 0) return null
  return isSmall(g.recovered) || g.caseness < SMALL_CELL_MIN ? 'hidden' : percent(g.recovered, g.caseness)
}

function completionCell(g: OutcomesGroup): string {
  if (g.sent === 0) return '—'
  if (g.sentClients < SMALL_CELL_MIN) return countCell(g.sentClients)
  return `${formatPercent(percent(g.completed, g.sent) ?? 0)} (${g.completed} of ${g.sent})`
}

export function outcomesCells(g: OutcomesGroup, scopeLabel: string): OutcomesCells {
  const n = g.clients
  const hidden = hiddenCategories(g)
  const rate = recoveryRate(g)
  return {
    instrument: getInstrument(g.instrumentId).abbreviation,
    clinician: g.clinicianId ? (g.clinicianName ?? 'Unknown clinician') : scopeLabel,
    clients: countCell(n),
    improved: countWithShare(g.improved, n, hidden.has('improved')),
    recovered: countCell(g.recovered),
    noChange: countWithShare(g.noChange, n, hidden.has('noChange')),
    deteriorated: countWithShare(g.deteriorated, n, hidden.has('deteriorated')),
    recoveryRate: rate === null ? '—' : rate === 'hidden' ? countCell(1) : formatPercent(rate),
    medianChange: overCell(n, g.medianChange, formatChange),
    anxietyChange: overCell(n, g.medianAnxietyChange, formatChange),
    avoidanceChange: overCell(n, g.medianAvoidanceChange, formatChange),
    secureBaseline: countWithShare(g.secureAtBaseline, n),
    secureLatest: countWithShare(g.secureAtLatest, n),
    meanAnswered: overCell(g.sentClients, g.meanAnswered, formatMean),
    completion: completionCell(g),
  }
}

export function scopeLabelOf(result: Pick<OutcomesResult, 'scope' | 'query'>): string {
  if (result.scope === 'own') return 'Your caseload'
  return result.query.clinician ? 'Selected clinician' : 'Whole practice'
}

// ---- CSV: the same cells as numbers (no "(40%)" text), suppressed ones as "< 5".

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
/** A count for the CSV: the number, "< 5", or empty when it does not apply. */
const csvCount = (n: number | null) => (n === null ? null : n > 0 && n < SMALL_CELL_MIN ? countCell(n) : n)
const csvOver = (base: number, v: number | null, d: number) => (base <= 0 || v === null ? null : base < SMALL_CELL_MIN ? countCell(base) : round(v, d))

export function outcomesCsv(result: OutcomesResult): string {
  const q = result.query
  const scope = scopeLabelOf(result)
  const lines = [csvLine(CSV_HEADER)]
  for (const g of result.groups) {
    const n = g.clients
    const hidden = hiddenCategories(g)
    const rate = recoveryRate(g)
    const category = (k: Category) => (hidden.has(k) ? countCell(1) : csvCount(g[k]))
    const sentSmall = g.sentClients > 0 && g.sentClients < SMALL_CELL_MIN
    lines.push(
      csvLine([
        q.from,
        q.to,
        q.episodeFrom,
        q.episodeTo,
        getInstrument(g.instrumentId).abbreviation,
        g.clinicianId ? (g.clinicianName ?? 'Unknown clinician') : scope,
        csvCount(n),
        category('improved'),
        csvCount(g.recovered),
        category('noChange'),
        category('deteriorated'),
        csvCount(g.caseness),
        rate === null ? null : rate === 'hidden' ? countCell(1) : round(rate, 0),
        csvOver(n, g.medianChange, 2),
        csvOver(n, g.medianAnxietyChange, 2),
        csvOver(n, g.medianAvoidanceChange, 2),
        csvCount(g.secureAtBaseline),
        csvCount(g.secureAtLatest),
        csvOver(g.sentClients, g.meanAnswered, 1),
        sentSmall ? countCell(g.sentClients) : g.sent,
        sentSmall ? countCell(g.sentClients) : g.completed,
        g.sent === 0 ? null : sentSmall ? countCell(g.sentClients) : round(percent(g.completed, g.sent) ?? 0, 0),
      ]),
    )
  }
  return lines.join('\r\n') + '\r\n'
}

// ---- Charts: scope-wide groups only; a suppressed value is left out (null), never drawn.

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

const share = (n: number | null, base: number, hidden = false) =>
  hidden || n === null || base < SMALL_CELL_MIN || isSmall(n) ? null : round(percent(n, base) ?? 0, 0)

export function chartData(result: OutcomesResult): { change: ChangeChartDatum[]; secure: SecureChartDatum[] } {
  const overall = result.groups.filter((g) => g.clinicianId === null && g.clients >= SMALL_CELL_MIN)
  const name = (g: OutcomesGroup) => getInstrument(g.instrumentId).abbreviation
  // A questionnaire whose every share is hidden has nothing to draw: it is left out of the chart.
  const drawable = <T extends { instrument: string }>(d: T) => Object.entries(d).some(([k, v]) => k !== 'instrument' && v !== null)
  return {
    change: overall
      .filter((g) => g.improved !== null)
      .map((g) => {
        const hidden = hiddenCategories(g)
        return {
          instrument: name(g),
          improved: share(g.improved, g.clients, hidden.has('improved')),
          recovered: share(g.recovered, g.clients),
          noChange: share(g.noChange, g.clients, hidden.has('noChange')),
          deteriorated: share(g.deteriorated, g.clients, hidden.has('deteriorated')),
        }
      })
      .filter(drawable),
    secure: overall
      .filter((g) => g.secureAtBaseline !== null)
      .map((g) => ({ instrument: name(g), baseline: share(g.secureAtBaseline, g.clients), latest: share(g.secureAtLatest, g.clients) }))
      .filter(drawable),
  }
}
