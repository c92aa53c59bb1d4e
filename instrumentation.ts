// Next.js calls register() once per server process before serving requests.
export async function register() {
  // NEXT_RUNTIME is inlined by Next at build time (not configuration read at run time): the check
  // lets the bundler drop the Node-only boot code from the edge build.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    // The same configuration check as `npm start` and every script: a missing or malformed setting
    // stops the process with one line, instead of a server that answers every request with a 500.
    const { requireConfig } = await import('./lib/env')
    requireConfig()
    // The check-in page (a Pages Router page) reaches the database only through this registry.
    const { registerCheckInPageService } = await import('./lib/checkins/page-service')
    registerCheckInPageService()
    const { boot } = await import('./lib/boot')
    try {
      await boot()
    } catch (e) {
      // A server that cannot migrate or reach its database must not sit answering 500s: stop, so
      // `npm start`, a process manager or an orchestrator sees it and says why.
      const err = e as { name?: string; code?: string; message?: string }
      const why = [err?.name ?? 'Error', err?.code, err?.message?.split('\n')[0]?.slice(0, 200)].filter(Boolean).join(': ')
      console.error(`SecureBase could not start (database migration or connection failed): ${why}`)
      process.exit(1)
    }
  }
}
