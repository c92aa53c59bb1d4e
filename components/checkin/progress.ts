// Pure helpers of the check-in flow (no React), shared by the flow and its tests.
import { getInstrument, goalProgress, isInstrumentId } from '@/lib/assessments'
import { riskItems } from '@/lib/assessments/scoring'
import type { AnswerMap, CheckInItemView } from '@/lib/checkins/types'
import type { Part } from './types'

export function toParts(items: readonly CheckInItemView[]): Part[] {
  return items.flatMap((i): Part[] => {
    if (i.instrumentId === goalProgress.id) return i.goals && i.goals.length > 0 ? [{ ...i, kind: 'goals', goals: i.goals }] : []
    return isInstrumentId(i.instrumentId) ? [{ ...i, kind: 'instrument', def: getInstrument(i.instrumentId) }] : []
  })
}

/** How many answers a part asks for: its questions, or one rating per goal. */
export function questionCount(part: Part): number {
  return part.kind === 'goals' ? part.goals.length : part.def.items.length
}

/** About how long a part takes: the instrument's estimate; for goals about 20 seconds each, at least the usual 2 minutes. */
export function partMinutes(part: Part): number {
  return part.kind === 'goals' ? Math.max(goalProgress.minutesToComplete, Math.ceil(part.goals.length / 3)) : part.def.minutesToComplete
}

/** The saved draft where it fits each part (for goals: one answer per goal), otherwise empty answers. */
export function initialAnswers(parts: readonly Part[], draft: AnswerMap | null): AnswerMap {
  const out: AnswerMap = {}
  for (const p of parts) {
    const saved = draft?.[p.itemId]
    const n = questionCount(p)
    out[p.itemId] = saved && saved.length === n ? [...saved] : Array.from({ length: n }, () => null)
  }
  return out
}

/** 1-based numbers of the questions of one part still without an answer. */
export function unanswered(values: readonly (number | null)[] | undefined): number[] {
  return (values ?? []).flatMap((v, i) => (v === null ? [i + 1] : []))
}

function hasAnyAnswer(answers: AnswerMap): boolean {
  return Object.values(answers).some((vs) => vs.some((v) => v !== null))
}

/** Where to resume: the intro for a fresh start, else the first part with a question left. */
export function resumeStep(parts: readonly Part[], answers: AnswerMap): 'intro' | number {
  if (parts.length === 0 || !hasAnyAnswer(answers)) return 'intro'
  const gap = parts.findIndex((p) => unanswered(answers[p.itemId]).length > 0)
  return gap === -1 ? parts.length - 1 : gap
}

export function countAnswered(answers: AnswerMap): number {
  return Object.values(answers).reduce((n, vs) => n + vs.filter((v) => v !== null).length, 0)
}

/** True when any risk item of the given part has an answer above zero. */
export function isRiskPositive(part: Part, values: readonly (number | null)[] | undefined): boolean {
  // Goal ratings are not a symptom measure: they never raise a risk.
  if (part.kind === 'goals') return false
  return riskItems(part.def, values ?? []).length > 0
}
