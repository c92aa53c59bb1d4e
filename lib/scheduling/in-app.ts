// Runs the scheduler tick inside the server process (the embedded database has no cron). Runs never
// overlap: a tick that is still going when the next minute comes simply lets that minute pass. The
// timer is unref'd so it never keeps a process alive on its own.
import { schedulerTick, type TickResult } from '@/lib/db/system/scheduler'
import { logger } from '@/lib/log'

export interface InAppSchedulerOptions {
  intervalMs?: number
  /** Injected in tests; defaults to the real tick. */
  tick?: () => Promise<TickResult>
}

/** Starts the loop (first tick at once) and returns a stop function that waits for a running tick. */
export function startInAppScheduler({ intervalMs = 60_000, tick = () => schedulerTick() }: InAppSchedulerOptions = {}): () => Promise<void> {
  let running: Promise<void> | null = null
  let stopped = false

  const run = () => {
    if (running || stopped) return
    running = (async () => {
      const started = Date.now()
      try {
        const r = await tick()
        const busy = r.created || r.emailed || r.reminders || r.expired
        logger[busy ? 'info' : 'debug']('scheduler tick', { ...r, ms: Date.now() - started })
      } catch (e) {
        // Ids and codes only: an error message could carry data.
        const err = e as { name?: string; code?: string }
        logger.error('scheduler tick failed', { error: err?.name ?? 'Error', code: err?.code })
      } finally {
        running = null
      }
    })()
  }

  const timer = setInterval(run, intervalMs)
  timer.unref()
  run()

  return async () => {
    stopped = true
    clearInterval(timer)
    await running
  }
}
