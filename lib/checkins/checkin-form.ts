// The check-in as a plain HTML form (pages/c/[token].tsx): which step a URL asks for, and the
// answers a posted step carries. Pure, so it is unit-tested without a server.
import { goalProgress } from '@/lib/assessments'
import { questionCount, unanswered } from '@/components/checkin/progress'
import type { Part } from '@/components/checkin/types'
import type { AnswerMap } from './types'

/** One radio group's form field name (and its fieldset's id): `q-<item id>-<question number>`. */
export const questionId = (itemId: string, n: number) => `q-${itemId}-${n}`

/** The values a question of this part accepts. */
function allowedValues(part: Part): ReadonlySet<number> {
  if (part.kind === 'goals') return new Set(Array.from({ length: goalProgress.max - goalProgress.min + 1 }, (_, i) => goalProgress.min + i))
  return new Set(part.def.anchors.map((a) => a.value))
}

/**
 * The answers with those a posted form carries laid over them. A field that is missing, unknown
 * or not one of the question's own values leaves the answer as it was (a radio cannot be
 * un-chosen, so a missing field never clears one).
 */
export function applyPostedAnswers(parts: readonly Part[], answers: AnswerMap, form: URLSearchParams): AnswerMap {
  const out: AnswerMap = {}
  for (const part of parts) {
    const allowed = allowedValues(part)
    const values = [...(answers[part.itemId] ?? [])]
    for (let i = 0; i < questionCount(part); i++) {
      const raw = form.get(questionId(part.itemId, i + 1))
      if (raw === null || !/^\d{1,3}$/.test(raw)) continue
      const v = Number(raw)
      if (allowed.has(v)) values[i] = v
    }
    out[part.itemId] = values
  }
  return out
}

/** The step a URL's `step` parameter names: 'intro' for "start", a part's index, or null (resume). */
export function requestedStep(raw: unknown, partCount: number): 'intro' | number | null {
  if (raw === 'start') return 'intro'
  if (typeof raw !== 'string' || !/^\d{1,2}$/.test(raw)) return null
  const n = Number(raw)
  return n < partCount ? n : null
}

/** The first part with a question left, or -1. */
export function firstGap(parts: readonly Part[], answers: AnswerMap): number {
  return parts.findIndex((p) => unanswered(answers[p.itemId]).length > 0)
}
