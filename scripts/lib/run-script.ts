// How every script ends: an exit code from main(), or one line for what went wrong (no stack: a
// stack or a driver message could carry data; the name, code and first line of the message do not).
function oneLineError(e: unknown): string {
  const err = e as { name?: string; code?: string; message?: string }
  const first = err?.message?.split('\n')[0]?.slice(0, 200)
  return `${err?.name ?? 'Error'}${err?.code ? ` (${err.code})` : ''}${first ? `: ${first}` : ''}`
}

/**
 * Runs main and sets the exit code once it has settled (after the database is closed: closing the
 * embedded database resets process.exitCode). `refusal` picks the errors that are a clear "no"
 * (printed as their message alone) rather than a failure.
 */
export function runScript(name: string, main: () => Promise<number>, refusal: (e: unknown) => boolean = () => false): void {
  main().then(
    (code) => {
      process.exitCode = code
    },
    (e: unknown) => {
      console.error(refusal(e) ? `${name}: ${(e as Error).message}` : `${name} failed: ${oneLineError(e)}`)
      process.exitCode = 1
    },
  )
}
