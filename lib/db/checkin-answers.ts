// Strict checks and scoring of a client's check-in answers (drafts and submissions). Pure: no I/O.
// Anything that does not fit the check-in's own items exactly is rejected, never repaired.
import {
  getInstrument,
  isInstrumentId,
  scoreResponse,
  ScoringInputError,
  type InstrumentDefinition,
  type ScoreResult,
} from '@/lib/assessments'

/** Answers per check-in item id: raw values in item order, null for unanswered. */
export type AnswerMap = Record<string, (number | null)[]>

export interface AnswerItem {
  id: string
  instrumentId: string
}

export interface ScoredItem<I extends AnswerItem> {
  item: I
  def: InstrumentDefinition
  answers: number[]
  result: ScoreResult
  /** Positive answers on risk items (1-based item number and the value given). */
  risks: { itemNumber: number; itemValue: number }[]
}

export function instrumentOf(instrumentId: string): InstrumentDefinition {
  if (!isInstrumentId(instrumentId)) throw new ScoringInputError('Unknown instrument')
  return getInstrument(instrumentId)
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  const proto = Object.getPrototypeOf(v) as unknown
  return proto === Object.prototype || proto === null
}

/**
 * Checks a map of answers against the check-in's items: only known item ids, each an array of the
 * instrument's length whose entries are null or integers within the answer range. Items may be
 * absent (a draft, or a submission that is not finished). Returns null when anything is off.
 */
export function parseAnswerMap(items: readonly AnswerItem[], raw: unknown): AnswerMap | null {
  if (!isPlainObject(raw)) return null
  const byId = new Map(items.map((i) => [i.id, i]))
  const out: AnswerMap = {}
  for (const key of Object.keys(raw)) {
    const item = byId.get(key)
    if (!item) return null
    const values = raw[key]
    try {
      // scoreResponse validates length, type and range before scoring.
      scoreResponse(instrumentOf(item.instrumentId).id, values as (number | null)[])
    } catch (e) {
      if (e instanceof ScoringInputError) return null
      throw e
    }
    out[key] = [...(values as (number | null)[])]
  }
  return out
}

/** 1-based numbers of the unanswered items of every check-in item (only items with gaps). */
export function findMissing(items: readonly AnswerItem[], answers: AnswerMap): Record<string, number[]> {
  const missing: Record<string, number[]> = {}
  for (const item of items) {
    const def = instrumentOf(item.instrumentId)
    const given = answers[item.id]
    const gaps = def.items.filter((_, i) => given?.[i] === null || given?.[i] === undefined).map((it) => it.number)
    if (gaps.length > 0) missing[item.id] = gaps
  }
  return missing
}

/** Scores every item of a complete submission (call findMissing first). */
export function scoreItems<I extends AnswerItem>(items: readonly I[], answers: AnswerMap): ScoredItem<I>[] {
  return items.map((item) => {
    const def = instrumentOf(item.instrumentId)
    const values = answers[item.id]
    if (!values || values.some((v) => v === null)) throw new ScoringInputError('Incomplete answers')
    const complete = values as number[]
    const result = scoreResponse(def.id, complete)
    const risks = def.items
      .filter((it) => it.risk && (complete[it.number - 1] ?? 0) > 0)
      .map((it) => ({ itemNumber: it.number, itemValue: complete[it.number - 1]! }))
    return { item, def, answers: complete, result, risks }
  })
}
