// Reproducible randomness for seeds, benchmarks and tests: the same seed gives the same data on
// every run and machine. Never for anything secret or unguessable (use node:crypto for that).

import { must } from '@/lib/must'

/** Small seeded PRNG (mulberry32): numbers in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** An integer in [min, max] (both inclusive). */
export function randInt(rand: () => number, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1))
}

/** One of the items, uniformly. */
export function pick<T>(rand: () => number, items: readonly T[]): T {
  return must(items[Math.floor(rand() * items.length)], 'an item to pick (the list is empty)')
}

/** A key chosen by weight, e.g. { improving: 45, flat: 25 }. */
export function pickWeighted<K extends string>(rand: () => number, weights: Record<K, number>): K {
  const entries = Object.entries(weights) as [K, number][]
  const total = entries.reduce((s, [, w]) => s + w, 0)
  let r = rand() * total
  for (const [k, w] of entries) {
    r -= w
    if (r < 0) return k
  }
  return must(entries.at(-1), 'a weight to pick (the weights are empty)')[0]
}
