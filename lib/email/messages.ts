// What clients receive by email. Pure. Deliberately says nothing about the person or their care:
// only the practice name, the link and when it closes (no client name, no instrument names, no
// clinical words), because email is read on shared screens and lock screens and is often forwarded.
import { lastOpenDay, toDateColumn } from '@/lib/scheduling/recurrence'
import { dateTimeFormat } from '@/lib/intl-format'

type CheckInEmailKind = 'new' | 'reminder'

export interface CheckInEmailInput {
  practiceName: string
  url: string
  expiresAt: Date
  timeZone: string
  kind: CheckInEmailKind
}

export interface EmailContent {
  subject: string
  text: string
}

// A practice name is typed by an admin: keep it to one plain line (no header injection).
const oneLine = (s: string) =>
  s
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim() || 'your practice'

function closingDay(expiresAt: Date, timeZone: string): string {
  // The last open day as a calendar date, formatted without shifting it to another zone.
  const day = toDateColumn(lastOpenDay(expiresAt, timeZone))
  return dateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(day)
}

export function checkInEmail(input: CheckInEmailInput): EmailContent {
  const practice = oneLine(input.practiceName)
  const closes = closingDay(input.expiresAt, input.timeZone)
  if (input.kind === 'reminder') {
    return {
      subject: `A reminder from ${practice}`,
      text: [
        'Hello,',
        '',
        `Just a gentle reminder: your check-in from ${practice} is still waiting for you, if you would like to do it.`,
        `It stays open until the end of ${closes}.`,
        '',
        input.url,
        '',
        'This link is just for you, so please do not forward this email.',
        'If you were not expecting it, you can ignore it or let the practice know.',
        '',
        'With warm wishes,',
        practice,
        '',
      ].join('\n'),
    }
  }
  return {
    subject: `A check-in from ${practice}`,
    text: [
      'Hello,',
      '',
      `${practice} has a short check-in ready for you. It only takes a few minutes.`,
      `You can open it with the link below until the end of ${closes}.`,
      '',
      input.url,
      '',
      'This link is just for you, so please do not forward this email.',
      'If you were not expecting it, you can ignore it or let the practice know.',
      '',
      'With warm wishes,',
      practice,
      '',
    ].join('\n'),
  }
}
