// Turns the 'Needs attention' list into the words shown (server side, like caseload-view): dates in
// the practice's time zone, written out, with relative hints from the practice's today.
import { getInstrument } from '@/lib/assessments/registry'
import { instrumentLabel } from '@/lib/assessments/labels'
import { formatCalendarDate, formatDate, formatDateTime } from '@/lib/format'
import { daysBetween, todayInTimeZone } from '@/lib/scheduling/recurrence'
import type { AttentionClient, AttentionFlag, CompletedItem, DeteriorationItem, OverdueItem } from '@/lib/attention/types'
import { agoHint } from '@/components/caseload/caseload-view'

export type Ctx = { timeZone: string; today: string }

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`
const fmtScore = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1))

/** "Hart, Amelia" (the caseload's link text) and the preferred name, if any. */
export function clientName(c: AttentionClient): { name: string; preferred: string | null } {
  return { name: `${c.lastName}, ${c.firstName}`, preferred: c.preferredName }
}

/** "PHQ-9 question 9, raised 3 Dec 2026, 14:05 (3 days ago) · acknowledged" */
export function flagText(f: AttentionFlag, ctx: Ctx): string {
  const days = daysBetween(todayInTimeZone(f.raisedAt, ctx.timeZone), ctx.today)
  const state = f.acknowledged ? 'acknowledged' : 'not yet acknowledged'
  return `${instrumentLabel(f.instrumentId)} question ${f.itemNumber}, raised ${formatDateTime(f.raisedAt, ctx.timeZone)} (${agoHint(days)}) · ${state}`
}

/** "PHQ-9 8 → 16, deteriorated" and its spoken form. */
export function changeText(d: DeteriorationItem): { shown: string; spoken: string; rule: string } {
  const abbr = getInstrument(d.instrumentId).abbreviation
  const rule = getInstrument(d.instrumentId).scores.find((s) => s.key === 'total')?.change
  const threshold = rule?.kind === 'point-threshold' ? rule.threshold : null
  return {
    shown: `${abbr} ${fmtScore(d.baseline)} → ${fmtScore(d.latest)}, deteriorated`,
    spoken: `${abbr} from ${fmtScore(d.baseline)} at baseline to ${fmtScore(d.latest)}, deteriorated`,
    rule: threshold === null ? 'since baseline' : `since baseline (reliable change: ${threshold} points or more)`,
  }
}

/** "2 overdue · was due 1 Dec 2026, 5 days ago" */
export function overdueText(o: OverdueItem, ctx: Ctx): string {
  const days = daysBetween(o.firstDue, ctx.today)
  return `${o.count} overdue · was due ${formatCalendarDate(`${o.firstDue}T00:00:00Z`)}, ${agoHint(days)}`
}

/** "2 check-ins completed, latest 4 Dec 2026 (2 days ago) · you last opened the record 1 Dec 2026" */
export function completedText(c: CompletedItem, ctx: Ctx): string {
  const days = daysBetween(todayInTimeZone(c.lastCompletedAt, ctx.timeZone), ctx.today)
  const done = `${plural(c.count, 'check-in')} completed${c.count > 1 ? ', latest' : ''} ${formatDate(c.lastCompletedAt, ctx.timeZone)} (${agoHint(days)})`
  const looked = c.lastViewedAt ? `you last opened the record ${formatDate(c.lastViewedAt, ctx.timeZone)}` : 'you have not opened the record yet'
  return `${done} · ${looked}`
}
