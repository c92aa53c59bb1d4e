// Turns caseload rows into display strings on the server, so the browser renders exactly the text
// the server did (dates in the practice's time zone, relative hints from the practice's today).
import { getInstrument } from '@/lib/assessments/registry'
import type { ChangeCategory } from '@/lib/assessments/types'
import { quadrantLabel } from '@/lib/assessments/labels'
import { formatCalendarDate, formatDate } from '@/lib/format'
import { daysBetween, todayInTimeZone } from '@/lib/scheduling/recurrence'
import { defaultDir, SCORE_INSTRUMENTS, type CaseloadQuery, type CaseloadRow, type ScoreInstrumentId } from '@/lib/validation/caseload'

export interface ScoreView {
  colour: string
  /** The questionnaire's short name, "PHQ-9". */
  name: string
  /** "12" */
  value: string
  band: string | null
  date: string
}

export interface CaseloadViewRow {
  id: string
  href: string
  /** "Lastname, Firstname": the link text people (and tests) look for. */
  name: string
  preferredName: string | null
  discharged: boolean
  clinician: string | null
  scores: Record<ScoreInstrumentId, ScoreView | null>
  change: { category: ChangeCategory; detail: string } | null
  quadrant: { text: string; detail: string } | null
  lastCheckIn: { date: string; hint: string } | null
  nextDue: { date: string; hint: string; late: boolean } | null
  overdue: number
  flags: number
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** "today", "yesterday", "5 days ago", "3 weeks ago", "4 months ago". */
export function agoHint(days: number): string {
  if (days <= 0) return 'today'
  if (days === 1) return 'yesterday'
  if (days < 14) return `${days} days ago`
  if (days < 60) return `${plural(Math.floor(days / 7), 'week')} ago`
  return `${plural(Math.floor(days / 30), 'month')} ago`
}

/** "3 days overdue", "due today", "tomorrow", "in 6 days". */
export function dueHint(days: number): string {
  if (days < 0) return `${plural(-days, 'day')} overdue`
  if (days === 0) return 'due today'
  if (days === 1) return 'tomorrow'
  return `in ${days} days`
}

const fmtScore = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1))

export function toCaseloadView(r: CaseloadRow, ctx: { timeZone: string; today: string }): CaseloadViewRow {
  const { timeZone, today } = ctx
  const scores = {} as CaseloadViewRow['scores']
  for (const id of SCORE_INSTRUMENTS) {
    const s = r.scores[id]
    const def = getInstrument(id)
    scores[id] = s
      ? {
          colour: def.colour,
          name: def.abbreviation,
          value: fmtScore(s.score),
          band: s.band,
          date: formatDate(s.date, timeZone),
        }
      : null
  }
  const change = r.change
    ? {
        category: r.change.category,
        detail: `${getInstrument(r.change.instrumentId).abbreviation} ${fmtScore(r.change.baseline)} → ${fmtScore(r.change.latest)}`,
      }
    : null
  const quadrant = r.quadrant
    ? { text: quadrantLabel(r.quadrant.quadrant), detail: `${getInstrument(r.quadrant.instrumentId).abbreviation} · ${formatDate(r.quadrant.date, timeZone)}` }
    : null
  const lastCheckIn = r.lastCheckIn
    ? { date: formatDate(r.lastCheckIn, timeZone), hint: agoHint(daysBetween(todayInTimeZone(r.lastCheckIn, timeZone), today)) }
    : null
  const dueIn = r.nextDue ? daysBetween(today, r.nextDue) : 0
  const nextDue = r.nextDue ? { date: formatCalendarDate(`${r.nextDue}T00:00:00Z`), hint: dueHint(dueIn), late: dueIn < 0 } : null
  return {
    id: r.id,
    href: `/clients/${r.id}`,
    name: `${r.lastName}, ${r.firstName}`,
    preferredName: r.preferredName,
    discharged: r.status === 'DISCHARGED',
    clinician: r.clinician?.name ?? null,
    scores,
    change,
    quadrant,
    lastCheckIn,
    nextDue,
    overdue: r.overdue,
    flags: r.openFlags,
  }
}

export function riskFlagLabel(n: number): string {
  return `${n} open risk ${n === 1 ? 'flag' : 'flags'}`
}

const SORT_NAMES: Record<CaseloadQuery['sort'], [string, string, string]> = {
  // column, ascending, descending
  name: ['name', 'A to Z', 'Z to A'],
  clinician: ['clinician', 'A to Z', 'Z to A'],
  phq9: ['latest PHQ-9', 'lowest first', 'highest first'],
  gad7: ['latest GAD-7', 'lowest first', 'highest first'],
  core10: ['latest CORE-10', 'lowest first', 'highest first'],
  change: ['change since baseline', 'most improved first', 'most deteriorated first'],
  lastCheckIn: ['last check-in', 'oldest first', 'newest first'],
  overdue: ['overdue check-ins', 'fewest first', 'most first'],
  flags: ['open risk flags', 'fewest first', 'most first'],
}

/** "sorted by latest PHQ-9, highest first" (for the table caption). */
export function sortDescription(q: Pick<CaseloadQuery, 'sort' | 'dir'>): string {
  const [column, asc, desc] = SORT_NAMES[q.sort]
  return `sorted by ${column}, ${q.dir === 'asc' ? asc : desc}`
}

/** The "Sort by" menu, most-attention-first: each column in its usual order. */
const SORT_MENU: readonly CaseloadQuery['sort'][] = ['name', 'flags', 'overdue', 'change', 'phq9', 'gad7', 'core10', 'lastCheckIn', 'clinician']

/**
 * Options of the "Sort by" menu as `sort` values ("flags" or "flags:asc" for the other order). The
 * current sort is offered in its current order, so applying filters keeps it.
 */
export function sortOptions(q: Pick<CaseloadQuery, 'sort' | 'dir'>, withClinician: boolean): { value: string; label: string }[] {
  return SORT_MENU.filter((s) => withClinician || s !== 'clinician').map((s) => {
    const dir = s === q.sort ? q.dir : defaultDir(s)
    const [column, asc, desc] = SORT_NAMES[s]
    return { value: dir === defaultDir(s) ? s : `${s}:${dir}`, label: `${column.charAt(0).toUpperCase()}${column.slice(1)}, ${dir === 'asc' ? asc : desc}` }
  })
}
