// A client's mail as the clinician's outbox view reads it: scoped by the actor like every lib/db
// read. lib/email/send.ts writes these rows; the body of mail kept in the outbox is encrypted and
// bound to its row by outboxBodyAad.
import 'server-only'
import { db } from './client'
import { clientScope } from './scope'
import { NotFoundError } from './errors'
import { decryptField, type Aad } from '@/lib/crypto/field'
import type { Actor } from '@/lib/auth/actor'
import type { EmailStatus } from '@/lib/email/send'
import { logger } from '@/lib/log'
import { isUuid } from '@/lib/validation/uuid'

/** The additional data an outbox body is encrypted with: the row it belongs to. */
export const outboxBodyAad = (id: string, practiceId: string): Aad => ['OutboundEmail', id, 'body', practiceId]

export interface OutboxEmail {
  id: string
  checkInId: string | null
  kind: string
  toAddress: string
  subject: string
  status: EmailStatus
  error: string | null
  createdAt: Date
  sentAt: Date | null
  /** The message text, for mail kept in the outbox only (sent mail is not stored). */
  body: string | null
}

/** The stored columns toOutboxEmail needs. */
export type OutboxRow = Omit<OutboxEmail, 'body'> & { practiceId: string; bodyEnc: string | null }

/** A client's mail, newest first, for the clinician's outbox view. */
export async function listOutbox(actor: Actor, clientId: string): Promise<OutboxEmail[]> {
  if (!isUuid(clientId)) throw new NotFoundError('Client')
  const client = await db.client.findFirst({ where: { id: clientId, ...clientScope(actor) }, select: { id: true } })
  if (!client) throw new NotFoundError('Client')
  const rows = await db.outboundEmail.findMany({
    where: { clientId, client: clientScope(actor) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  })
  return rows.map(toOutboxEmail)
}

/** A stored row as the outbox view shows it: the body decrypted for mail still in the outbox. */
export function toOutboxEmail({ bodyEnc, practiceId, ...r }: OutboxRow): OutboxEmail {
  let body: string | null = null
  if (r.status === 'OUTBOX' && bodyEnc) {
    try {
      body = decryptField(bodyEnc, outboxBodyAad(r.id, practiceId))
    } catch {
      logger.warn('outbox body could not be decrypted', { emailId: r.id })
    }
  }
  return {
    id: r.id,
    checkInId: r.checkInId,
    kind: r.kind,
    toAddress: r.toAddress,
    subject: r.subject,
    status: r.status,
    error: r.error,
    createdAt: r.createdAt,
    sentAt: r.sentAt,
    body,
  }
}
