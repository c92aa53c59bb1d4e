// Display helpers shared by pages and components (pure).
import { getInstrument, isInstrumentId } from './registry'

export function instrumentLabel(id: string): string {
  return isInstrumentId(id) ? getInstrument(id).abbreviation : id === 'goal-progress' ? 'Goal progress' : id
}

export function anchorLabel(instrumentId: string, value: number): string {
  if (!isInstrumentId(instrumentId)) return String(value)
  return getInstrument(instrumentId).anchors.find((a) => a.value === value)?.label ?? String(value)
}

const quadrantNames: Record<string, string> = {
  secure: 'secure region',
  anxious: 'anxious region',
  avoidant: 'avoidant region',
  fearful: 'fearful-avoidant region',
}
export function quadrantLabel(q: string | null | undefined): string {
  return q ? (quadrantNames[q] ?? q) : ''
}

/** "12 (moderate)" or "anxiety 4.78 · avoidance 2.33". */
export function scoreSummary(scores: Record<string, number>, band?: string | null): string {
  if ('total' in scores) return `${scores.total}${band ? ` (${band})` : ''}`
  return Object.entries(scores)
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(' · ')
}
