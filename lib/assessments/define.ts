import type { InstrumentDefinition, Item } from './types'

/** Recursively freeze a definition so no consumer can mutate shared instrument data. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const key of Object.keys(value)) {
      deepFreeze((value as Record<string, unknown>)[key])
    }
  }
  return value
}

interface ItemSpec {
  readonly text: string
  readonly reverse?: boolean
  readonly scoreKey?: string
  readonly risk?: boolean
  readonly loinc?: string
}

/** Number items 1..n in order. */
export function makeItems(specs: readonly ItemSpec[]): Item[] {
  return specs.map((spec, index) => ({
    number: index + 1,
    text: spec.text,
    reverse: spec.reverse ?? false,
    scoreKey: spec.scoreKey ?? 'total',
    risk: spec.risk ?? false,
    ...(spec.loinc === undefined ? {} : { loinc: spec.loinc }),
  }))
}

/** Parse "I'm afraid… (R)" lines into item specs for a subscale. */
export function rItems(scoreKey: string, lines: readonly string[]): ItemSpec[] {
  return lines.map((line) => {
    const reverse = line.endsWith(' (R)')
    return { text: reverse ? line.slice(0, -4) : line, reverse, scoreKey }
  })
}

/**
 * Check internal consistency once at module load (item numbering, score membership, bands),
 * then freeze. A malformed definition is a programming error, so it throws immediately.
 */
export function defineInstrument(def: InstrumentDefinition): InstrumentDefinition {
  const fail = (msg: string): never => {
    throw new Error(`Invalid instrument definition ${def.id}: ${msg}`)
  }
  def.items.forEach((item, i) => {
    if (item.number !== i + 1) fail(`item ${i + 1} is numbered ${item.number}`)
    if (item.text.trim() === '') fail(`item ${item.number} has no text`)
    const score = def.scores.find((s) => s.key === item.scoreKey)
    if (!score || !score.items.includes(item.number)) {
      fail(`item ${item.number} is not in score '${item.scoreKey}'`)
    }
  })
  for (const score of def.scores) {
    for (const n of score.items) {
      if (n < 1 || n > def.items.length) fail(`score ${score.key} lists item ${n}`)
    }
    const bands = score.bands ?? []
    bands.forEach((band, i) => {
      const next = bands[i + 1]
      if (next && next.min !== band.max + 1) fail(`band '${band.label}' and '${next.label}' leave a gap`)
    })
    if (bands.length > 0 && (bands[0]?.min !== score.min || bands[bands.length - 1]?.max !== score.max)) {
      fail(`bands of ${score.key} do not cover ${score.min}-${score.max}`)
    }
  }
  if (!/^#[0-9A-F]{6}$/.test(def.colour)) fail(`colour ${def.colour} is not #RRGGBB`)
  return deepFreeze(def)
}
