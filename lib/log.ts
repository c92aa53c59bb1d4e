// Structured logs. Callers pass ids and codes only: never names, answers, notes, tokens or
// passwords (PHI and secrets stay out of logs).
import { env } from './env'

type Level = 'debug' | 'info' | 'warn' | 'error'
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 }

function threshold(): number {
  return order[env.LOG_LEVEL]
}

function write(level: Level, msg: string, fields?: Record<string, unknown>) {
  let min = order.info
  try {
    min = threshold()
  } catch {
    /* configuration not loadable: log at info */
  }
  if (order[level] < min) return
  const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields })
  try {
    if (level === 'error' || level === 'warn') process.stderr.write(line + '\n')
    else process.stdout.write(line + '\n')
  } catch {
    /* a full log disk must not take the app down */
  }
}

export const logger = {
  debug: (m: string, f?: Record<string, unknown>) => write('debug', m, f),
  info: (m: string, f?: Record<string, unknown>) => write('info', m, f),
  warn: (m: string, f?: Record<string, unknown>) => write('warn', m, f),
  error: (m: string, f?: Record<string, unknown>) => write('error', m, f),
}
