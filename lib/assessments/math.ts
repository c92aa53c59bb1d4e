/**
 * Round half away from zero to `decimals` places without binary floating-point surprises
 * (e.g. 1.005 → 1.01, 22.222… → 22.2). The scaled value is first snapped to 12 significant
 * digits so representation error such as 100.49999999999999 does not decide the rounding.
 */
export function roundTo(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value
  const factor = 10 ** decimals
  const scaled = Number((Math.abs(value) * factor).toPrecision(12))
  const rounded = (Math.sign(value) * Math.round(scaled + Number.EPSILON)) / factor
  return rounded === 0 ? 0 : rounded // never -0
}

export function round2(value: number): number {
  return roundTo(value, 2)
}

/** Fix a tiny difference of two decimals (e.g. 22.2 - 16.2 = 6.000000000000002). */
export function cleanDifference(value: number): number {
  return roundTo(value, 9)
}
