// Output of the smoke test: steps at the margin, details indented, every duration in seconds.
export const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`

export const say = (line: string) => console.log(`    ${line}`)

/** Runs `fn` and prints `label (duration)` when it succeeds. */
export async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t = Date.now()
  const r = await fn()
  say(`${label} (${secs(Date.now() - t)})`)
  return r
}
