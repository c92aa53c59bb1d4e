// Mail to staff: invitations and password-reset links. With SMTP configured it goes out through
// nodemailer; nothing is stored (the body is a live credential). Without SMTP, or if sending
// fails, nothing is sent and the admin is shown the link once, to pass on themselves.
import 'server-only'
import nodemailer from 'nodemailer'
import { env } from '@/lib/env'
import { logger } from '@/lib/log'
import { dateTimeFormat } from '@/lib/intl-format'

export type StaffEmailKind = 'invite' | 'reset'

export interface StaffEmailInput {
  kind: StaffEmailKind
  practiceName: string
  name: string
  url: string
  expiresAt: Date
  timeZone?: string
}

export interface EmailContent {
  subject: string
  text: string
}

// Names are typed by people: one plain line each (no header injection, no layout tricks).
const oneLine = (s: string, fallback: string) =>
  s
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim() || fallback

function until(d: Date, timeZone = 'UTC'): string {
  return dateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(d)
}

export function staffEmail(input: StaffEmailInput): EmailContent {
  const practice = oneLine(input.practiceName, 'your practice')
  const name = oneLine(input.name, 'there')
  if (input.kind === 'invite') {
    return {
      subject: `Your SecureBase account at ${practice}`,
      text: [
        `Hello ${name},`,
        '',
        `${practice} has created a SecureBase account for you. To start, choose your password with the link below.`,
        `The link works once and until ${until(input.expiresAt, input.timeZone)}.`,
        '',
        input.url,
        '',
        'If you were not expecting this, you can ignore this email; the account stays unusable without a password.',
        '',
        practice,
        '',
      ].join('\n'),
    }
  }
  return {
    subject: `Set a new SecureBase password (${practice})`,
    text: [
      `Hello ${name},`,
      '',
      `An admin at ${practice} has asked for your SecureBase password to be reset. Choose a new one with the link below.`,
      `The link works once and until ${until(input.expiresAt, input.timeZone)}. Your current password keeps working until then.`,
      'Setting a new password signs you out everywhere.',
      '',
      input.url,
      '',
      'If you did not expect this, tell your practice admin.',
      '',
      practice,
      '',
    ].join('\n'),
  }
}

export type StaffDelivery = 'SENT' | 'NO_SMTP' | 'FAILED'

const SMTP_TIMEOUT_MS = 10_000

/** Sends a staff email if SMTP is configured. Never throws: the caller shows the link instead. */
export async function sendStaffEmail(to: string, content: EmailContent, ids: { userId: string; kind: StaffEmailKind }): Promise<StaffDelivery> {
  const url = env.SMTP_URL
  if (!url) return 'NO_SMTP'
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  })
  try {
    await transport.sendMail({ from: env.MAIL_FROM, to, subject: content.subject, text: content.text })
    logger.info('staff email sent', ids)
    return 'SENT'
  } catch (e) {
    const code = (e as { code?: unknown })?.code
    logger.warn('staff email failed', { ...ids, error: typeof code === 'string' && /^[A-Z_]{2,32}$/.test(code) ? code : 'ESEND' })
    return 'FAILED'
  } finally {
    transport.close()
  }
}
