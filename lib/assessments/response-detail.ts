// The item-level view of one response (a chart point opens it). Pure: shared by lib/db, the
// server action that returns it and the dialog that shows it.
import { getInstrument } from './registry'
import type { InstrumentId } from './types'
import type { DataResult } from '@/lib/actions/result'

/** Every response is answered by the client through their check-in link; nobody answers for them. */
export const ANSWERED_BY_CLIENT = 'the client (check-in link)'

export interface ResponseDetailItem {
  number: number
  /** Verbatim item text. */
  text: string
  /** Raw answer as given (before reverse keying); null when unanswered. */
  value: number | null
  /** The answer option's wording, or "Not answered". */
  label: string
  /** A risk item (PHQ-9 item 9, CORE-10 item 6), highlighted whatever the answer. */
  risk: boolean
}

export interface ResponseDetail {
  responseId: string
  instrumentId: InstrumentId
  abbreviation: string
  name: string
  instrumentVersion: string
  scoringVersion: string
  relationshipTarget: string | null
  /** ISO 8601 instant. */
  submittedAt: string
  timeZone: string
  answeredBy: string
  complete: boolean
  scores: Record<string, number>
  band: string | null
  quadrant: string | null
  /** A risk item was answered above zero. */
  risk: boolean
  items: ResponseDetailItem[]
}

export type ResponseDetailResult = DataResult<{ detail: ResponseDetail }>

/** Each item with its verbatim text and the stored raw answer in words. */
export function describeAnswers(instrumentId: InstrumentId, answers: unknown): ResponseDetailItem[] {
  const def = getInstrument(instrumentId)
  const list = Array.isArray(answers) ? (answers as unknown[]) : []
  return def.items.map((item, i) => {
    const raw = list[i]
    const value = typeof raw === 'number' && Number.isFinite(raw) ? raw : null
    const label = value === null ? 'Not answered' : (def.anchors.find((a) => a.value === value)?.label ?? String(value))
    return { number: item.number, text: item.text, value, label, risk: item.risk }
  })
}
