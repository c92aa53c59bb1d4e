// The scheduler: creates the check-ins that come due, emails their links, sends one reminder and
// expires old check-ins. Every step is idempotent by a database guarantee, not by timing: the
// unique (assignmentId, occurrenceDate) on CheckInItem, a per-client advisory lock while bundling,
// a per-check-in lock for the first link, and a conditional claim on reminderSentAt. Running a tick
// twice, or from several app instances at once, creates and sends nothing twice.
// System code: no actor, every practice (or one, for tests and tools); never imported by app code.
import 'server-only'
import { db } from '../client'
import { sendFirstCheckInLink, sendReminderLink } from './checkin-link-issue'
import { generateDueCheckIns, practiceFilter, type TickScope } from './due-checkins'
import { checkpointTick } from '@/lib/audit/checkpoint'
import { logger } from '@/lib/log'

/** OPEN check-ins whose time is up become EXPIRED (their links stop working with them). */
export async function expireCheckIns(now: Date = new Date(), scope: TickScope = {}): Promise<number> {
  const r = await db.checkIn.updateMany({
    where: { status: 'OPEN', expiresAt: { lte: now }, ...practiceFilter(scope) },
    data: { status: 'EXPIRED' },
  })
  return r.count
}

/**
 * Emails the first link of every open check-in that has never had one and whose client has an
 * email address: the normal way a client receives a check-in. Also picks up check-ins created
 * outside a tick (e.g. when a clinician assigns something due today) and retries after a crash.
 */
async function sendNewCheckInLinks(now: Date = new Date(), scope: TickScope = {}): Promise<number> {
  const pending = await db.checkIn.findMany({
    where: {
      status: 'OPEN',
      expiresAt: { gt: now },
      links: { none: {} },
      client: { status: 'ACTIVE', email: { not: null } },
      ...practiceFilter(scope),
    },
    orderBy: { createdAt: 'asc' },
    select: { id: true },
  })
  let sent = 0
  for (const { id } of pending) {
    try {
      if (await sendFirstCheckInLink(id, now)) sent++
    } catch (e) {
      logger.error('check-in link email failed', { checkInId: id, error: (e as Error)?.name })
    }
  }
  return sent
}

/**
 * One reminder per unanswered check-in, when it is within the practice's reminder window of
 * closing. The reminder carries a new link (earlier links stay valid). A check-in that began
 * inside the window gets none: its first email has only just gone out.
 */
export async function sendReminders(now: Date = new Date(), scope: TickScope = {}): Promise<number> {
  const candidates = await db.checkIn.findMany({
    where: {
      status: 'OPEN',
      expiresAt: { gt: now },
      reminderSentAt: null,
      practice: { remindersEnabled: true, reminderHoursBeforeExpiry: { gt: 0 } },
      client: { status: 'ACTIVE', email: { not: null } },
      ...practiceFilter(scope),
    },
    orderBy: { expiresAt: 'asc' },
    select: { id: true, expiresAt: true, createdAt: true, practice: { select: { reminderHoursBeforeExpiry: true } } },
  })
  let sent = 0
  for (const c of candidates) {
    const remindAt = c.expiresAt.getTime() - c.practice.reminderHoursBeforeExpiry * 3_600_000
    if (now.getTime() < remindAt || remindAt <= c.createdAt.getTime()) continue
    // The claim: only the instance whose conditional update wins sends the reminder.
    const claim = await db.checkIn.updateMany({
      where: { id: c.id, status: 'OPEN', reminderSentAt: null },
      data: { reminderSentAt: now },
    })
    if (claim.count !== 1) continue
    try {
      await sendReminderLink(c.id, now)
      sent++
    } catch (e) {
      logger.error('reminder failed', { checkInId: c.id, error: (e as Error)?.name })
    }
  }
  return sent
}

export interface TickResult {
  expired: number
  created: number
  emailed: number
  reminders: number
}

/** One scheduler run: expire, create what is due, email new check-ins, remind. */
export async function schedulerTick(now: Date = new Date(), scope: TickScope = {}): Promise<TickResult> {
  const expired = await expireCheckIns(now, scope)
  const { created } = await generateDueCheckIns({ now, ...scope })
  const emailed = await sendNewCheckInLinks(now, scope)
  const reminders = await sendReminders(now, scope)
  await checkpointTick(scope) // logs its own failure: an audit checkpoint must not stop check-ins
  return { expired, created: created.length, emailed, reminders }
}
