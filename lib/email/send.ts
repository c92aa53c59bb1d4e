// Outgoing mail to clients. With SMTP_URL set, mail goes out through nodemailer and only the fact
// is recorded (the body holds a live link, so it is not kept). Without SMTP, the message waits in
// the clinician's outbox with its body encrypted. A failed send never throws: the link stays valid
// and the clinician can copy it instead.
import crypto from 'node:crypto'
import nodemailer, { type Transporter } from 'nodemailer'
import { env } from '@/lib/env'
import { db } from '@/lib/db/client'
import { outboxBodyAad } from '@/lib/db/outbox'
import { encryptField } from '@/lib/crypto/field'
import { logger } from '@/lib/log'

export type EmailStatus = 'SENT' | 'OUTBOX' | 'FAILED'
/** OutboundEmail.kind values written by the check-in flow. */
type OutboundEmailKind = 'checkin' | 'checkin-reminder'

export interface OutgoingEmail {
  practiceId: string
  clientId: string
  checkInId: string | null
  kind: OutboundEmailKind
  to: string
  subject: string
  text: string
  now?: Date
}

export interface DeliveryResult {
  id: string
  status: EmailStatus
}

const SMTP_TIMEOUT_MS = 10_000

// Keyed by URL: a configuration change (or a test pointing at its own SMTP sink) gets a new one.
const transports = new Map<string, Transporter>()
function transportFor(url: string): Transporter {
  let t = transports.get(url)
  if (!t) {
    t = nodemailer.createTransport({
      url,
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
    })
    transports.set(url, t)
  }
  return t
}

/** Closes cached SMTP transports (tests, shutdown). */
export function closeMailTransports(): void {
  for (const t of transports.values()) t.close()
  transports.clear()
}

// A short, fixed-vocabulary reason for the clinician and the logs: never the server's reply text,
// which can echo addresses or content.
function errorCode(e: unknown): string {
  const err = e as { code?: unknown; responseCode?: unknown }
  const code = typeof err?.code === 'string' && /^[A-Z_]{2,32}$/.test(err.code) ? err.code : 'ESEND'
  return typeof err?.responseCode === 'number' ? `${code} ${err.responseCode}` : code
}

export async function deliverEmail(m: OutgoingEmail): Promise<DeliveryResult> {
  const now = m.now ?? new Date()
  const base = {
    practiceId: m.practiceId,
    clientId: m.clientId,
    checkInId: m.checkInId,
    kind: m.kind,
    toAddress: m.to,
    subject: m.subject,
    createdAt: now,
  }
  const smtpUrl = env.SMTP_URL
  if (!smtpUrl) {
    // The id is chosen first so the ciphertext can be bound to this row.
    const id = crypto.randomUUID()
    await db.outboundEmail.create({
      data: { ...base, id, status: 'OUTBOX', bodyEnc: encryptField(m.text, outboxBodyAad(id, m.practiceId)) },
      select: { id: true },
    })
    logger.info('email kept in outbox', { emailId: id, checkInId: m.checkInId, kind: m.kind })
    return { id, status: 'OUTBOX' }
  }
  try {
    await transportFor(smtpUrl).sendMail({ from: env.MAIL_FROM, to: m.to, subject: m.subject, text: m.text })
  } catch (e) {
    const error = errorCode(e)
    const row = await db.outboundEmail.create({ data: { ...base, status: 'FAILED', error }, select: { id: true } })
    logger.warn('email send failed', { emailId: row.id, checkInId: m.checkInId, kind: m.kind, error })
    return { id: row.id, status: 'FAILED' }
  }
  const row = await db.outboundEmail.create({ data: { ...base, status: 'SENT', sentAt: m.now ?? new Date() }, select: { id: true } })
  logger.info('email sent', { emailId: row.id, checkInId: m.checkInId, kind: m.kind })
  return { id: row.id, status: 'SENT' }
}
