// A local SMTP server standing in for the practice's mail server. It requires the credentials the
// env file's SMTP_URL carries (so the test proves the app authenticates with them) and keeps every
// message it accepts.
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

export interface Mail {
  from: string
  to: string[]
  subject: string
  body: string
  receivedAt: number
}

function decodeQuotedPrintable(s: string): string {
  return s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}

function parse(raw: string): { subject: string; body: string } {
  const split = raw.indexOf('\r\n\r\n')
  const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ')
  const body = raw.slice(split + 4)
  const subject = /^Subject: (.*)$/im.exec(headers)?.[1]?.trim() ?? ''
  return { subject, body: /content-transfer-encoding:\s*quoted-printable/i.test(headers) ? decodeQuotedPrintable(body) : body }
}

export class SmtpSink {
  readonly mails: Mail[] = []
  readonly authFailures: string[] = []
  private server: SMTPServer
  port = 0

  constructor(
    readonly user: string,
    readonly password: string,
  ) {
    this.server = new SMTPServer({
      authOptional: false,
      allowInsecureAuth: true, // a local sink without TLS; the README's SMTP_URL carries USER:PASSWORD
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth: (auth, _session, callback) => {
        if (auth.username === this.user && auth.password === this.password) return callback(null, { user: auth.username })
        this.authFailures.push(String(auth.username))
        return callback(new Error('Invalid username or password'))
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => {
          this.mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            ...parse(Buffer.concat(chunks).toString('utf8')),
            receivedAt: Date.now(),
          })
          callback()
        })
      },
    })
  }

  async listen(): Promise<number> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r))
    this.port = (this.server.server.address() as AddressInfo).port
    return this.port
  }

  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()))
  }

  /** New check-in emails ("A check-in from <practice>"), not reminders. */
  newCheckInMails(): Mail[] {
    return this.mails.filter((m) => /^A check-in from /.test(m.subject))
  }

  /** Waits up to `timeoutMs` for at least one new check-in email. */
  async waitForCheckInMail(timeoutMs: number): Promise<Mail | undefined> {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      const m = this.newCheckInMails()[0]
      if (m) return m
      await new Promise((r) => setTimeout(r, 250))
    }
    return this.newCheckInMails()[0]
  }
}

/** The check-in link in a mail body: APP_BASE_URL/c/<43-character token>. */
export function checkInLink(mail: Mail): string {
  const m = /(https?:\/\/[^\s/]+)\/c\/([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/.exec(mail.body)
  if (!m) throw new Error(`no check-in link in the email "${mail.subject}" to ${mail.to.join(', ')}`)
  return m[0]
}
