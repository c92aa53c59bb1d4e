// Next.js calls register() once per server process before serving requests.
export async function register() {
  // NEXT_RUNTIME is inlined by Next at build time (not configuration read at run time): the check
  // lets the bundler drop the Node-only boot code from the edge build.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { boot } = await import('./lib/boot')
    await boot()
  }
}
