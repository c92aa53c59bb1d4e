// Mail through a real SMTP conversation: a local smtp-server sink on a random port stands in for
// the practice's mail server. Also: a mail server that is down records FAILED and breaks nothing.
import net, { type AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../lib/db/client'
import { issueCheckInLink } from '../../lib/db/checkin-links'
import { generateDueCheckIns } from '../../lib/db/system/due-checkins'
import { schedulerTick } from '../../lib/db/system/scheduler'
import { hashToken } from '../../lib/crypto/tokens'
import { closeMailTransports } from '../../lib/email/send'
import { resetEnvForTests } from '../../lib/env'
import { actorFor, createClientRow, createPractice, createUser } from '../fixtures/factory'
import { itemAt } from '../fixtures/item-at'

interface Received {
  from: string
  to: string[]
  raw: string
}

const NOW = new Date('2026-03-10T09:00:00Z')
const received: Received[] = []
let sink: SMTPServer
let sinkPort = 0

function decodeQuotedPrintable(s: string): string {
  return s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}

/** Headers and the decoded text body of a single-part message. */
function parse(raw: string): { headers: string; body: string } {
  const split = raw.indexOf('\r\n\r\n')
  const headers = raw.slice(0, split)
  const body = raw.slice(split + 4)
  return { headers, body: /content-transfer-encoding:\s*quoted-printable/i.test(headers) ? decodeQuotedPrintable(body) : body }
}

async function closedPort(): Promise<number> {
  const s = net.createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  const { port } = s.address() as AddressInfo
  await new Promise<void>((r) => s.close(() => r()))
  return port
}

beforeAll(async () => {
  sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        })
        callback()
      })
    },
  })
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r))
  sinkPort = (sink.server.address() as AddressInfo).port
  resetEnvForTests({ SMTP_URL: `smtp://127.0.0.1:${sinkPort}`, APP_BASE_URL: 'https://securebase.test' })
})

afterAll(async () => {
  closeMailTransports()
  resetEnvForTests({ SMTP_URL: undefined })
  await new Promise<void>((r) => sink.close(() => r()))
})

async function setup() {
  const practice = await createPractice({ name: 'Harbour Lane Therapy' })
  const clinician = await createUser(practice.id, ['CLINICIAN'])
  const client = await createClientRow(practice.id, clinician.id, { lastName: 'Quarrington' })
  const email = `client-${client.id.slice(0, 8)}@example.test`
  await db.client.update({ where: { id: client.id }, data: { email, firstName: 'Marigold' } })
  await db.assignment.create({
    data: {
      practiceId: practice.id,
      clientId: client.id,
      instrumentId: 'phq9',
      recurrence: 'WEEKLY',
      startDate: new Date('2026-03-10T00:00:00Z'),
      createdById: clinician.id,
    },
  })
  return { practice, clinician, client, email, scope: { practiceId: practice.id } }
}

describe('email through SMTP', () => {
  it('sends the link to the client: practice name, link, no surname; only the fact is recorded', async () => {
    const s = await setup()
    const { created } = await generateDueCheckIns({ now: NOW, ...s.scope })
    received.length = 0
    const res = await issueCheckInLink(actorFor(s.clinician), itemAt(created, 0), { send: true, now: NOW })
    expect(res.email).toEqual({ status: 'SENT' })

    expect(received).toHaveLength(1)
    const m = itemAt(received, 0)
    expect(m.to).toEqual([s.email])
    const { headers, body } = parse(m.raw)
    expect(headers).toMatch(/^Subject: A check-in from Harbour Lane Therapy$/m)
    expect(body).toContain(res.url)
    expect(body).toContain('Harbour Lane Therapy')
    const words = `${headers}\n${body}`.replace(res.url, '')
    for (const secret of ['Quarrington', 'Marigold', 'PHQ', 'phq9']) expect(words).not.toContain(secret)

    const rows = await db.outboundEmail.findMany({ where: { clientId: s.client.id } })
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ status: 'SENT', bodyEnc: null, error: null, toAddress: s.email, kind: 'checkin', checkInId: created[0] })
    expect(itemAt(rows, 0).sentAt).toBeInstanceOf(Date)
    expect(JSON.stringify(rows)).not.toContain(res.url.slice(-43))
  })

  it('the scheduler tick emails a new check-in by itself', async () => {
    const s = await setup()
    received.length = 0
    expect(await schedulerTick(NOW, s.scope)).toMatchObject({ created: 1, emailed: 1 })
    expect(received.map((m) => m.to)).toEqual([[s.email]])
    expect(parse(itemAt(received, 0).raw).body).toMatch(/https:\/\/securebase\.test\/c\/[A-Za-z0-9_-]{43}/)
  })

  it('with the mail server down: a FAILED row with a short code, no throw, and the link still works', async () => {
    const s = await setup()
    const { created } = await generateDueCheckIns({ now: NOW, ...s.scope })
    resetEnvForTests({ SMTP_URL: `smtp://127.0.0.1:${await closedPort()}` })
    try {
      const res = await issueCheckInLink(actorFor(s.clinician), itemAt(created, 0), { send: true, now: NOW })
      expect(res.email).toEqual({ status: 'FAILED' })
      const token = res.url.slice(-43)
      const row = itemAt(await db.outboundEmail.findMany({ where: { clientId: s.client.id } }), 0)
      expect(row).toMatchObject({ status: 'FAILED', bodyEnc: null, sentAt: null })
      expect(row.error).toMatch(/^[A-Z_]+( \d+)?$/)
      expect(JSON.stringify(row)).not.toContain(token)
      // The link was stored before the send: it is live and opens the (still open) check-in.
      const link = await db.checkInLink.findUniqueOrThrow({ where: { tokenHash: hashToken(token) }, include: { checkIn: true } })
      expect(link.revokedAt).toBeNull()
      expect(link.checkIn.status).toBe('OPEN')
    } finally {
      resetEnvForTests({ SMTP_URL: `smtp://127.0.0.1:${sinkPort}` })
    }
  })
})
