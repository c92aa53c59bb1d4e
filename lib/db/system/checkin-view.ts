// What the check-in link page shows. Pure read: opening the link (or a mail scanner prefetching
// it) changes nothing; LINK_OPEN is recorded with the first saved answer (checkin-draft), not here.
import 'server-only'
import { db } from '../client'
import { systemClock, type Clock } from '@/lib/clock'
import { decryptField } from '@/lib/crypto/field'
import { hashToken, isWellFormedToken } from '@/lib/crypto/tokens'
import { logger } from '@/lib/log'
import { fitGoalDrafts, parseAnswerMap } from '@/lib/assessments/checkin-answers'
import type { AnswerMap, CheckInItemView } from '@/lib/checkins/types'
import { draftAad, isOpen, itemsSelect, resolveItems, type RawItem, type ResolvedItem } from './checkin-token'

/** Shown when a risk item is answered above zero and the practice has not written its own text. */
export const DEFAULT_CRISIS_RESOURCES = [
  'If you are in danger right now or feel you might act on thoughts of harming yourself, call 999 or go to your nearest A&E.',
  'Samaritans: call 116 123, free, any time of day or night, to talk to someone who will listen.',
  'NHS 111: call 111 and choose option 2 for urgent mental health support.',
  'Shout: text SHOUT to 85258 for free, confidential support by text, any time.',
  'Your practice does not see your answers as you send them, so please reach out to one of these now rather than waiting to hear from them.',
].join('\n')

export type PublicCheckIn =
  | { state: 'inactive'; practiceName: string }
  | {
      state: 'open'
      practiceName: string
      timeZone: string
      crisisResources: string
      expiresAt: Date
      items: CheckInItemView[]
      draft: AnswerMap | null
    }

/** What the link page shows. Pure read: opening (or prefetching) the link changes nothing. */
export async function getCheckInForToken(token: string, clock: Clock = systemClock): Promise<PublicCheckIn | null> {
  if (!isWellFormedToken(token)) return null
  const link = await db.checkInLink.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      revokedAt: true,
      createdAt: true,
      checkIn: {
        select: {
          id: true,
          practiceId: true,
          clientId: true,
          status: true,
          expiresAt: true,
          draftEnc: true,
          practice: { select: { name: true, timeZone: true, crisisResources: true } },
          items: itemsSelect,
        },
      },
    },
  })
  if (!link) return null
  const { checkIn } = link
  const practiceName = checkIn.practice.name
  if (link.revokedAt || !isOpen(checkIn, clock())) return { state: 'inactive', practiceName }
  const resolved = await resolveItems(checkIn.items, checkIn.clientId, link.createdAt)
  const items: CheckInItemView[] = resolved.map((i) => ({
    itemId: i.id,
    instrumentId: i.instrumentId,
    relationshipTarget: i.relationshipTarget,
    ...(i.goals ? { goals: i.goals.map((g) => ({ goalId: g.goalId, title: g.title })) } : {}),
  }))
  return {
    state: 'open',
    practiceName,
    timeZone: checkIn.practice.timeZone,
    crisisResources: checkIn.practice.crisisResources?.trim() || DEFAULT_CRISIS_RESOURCES,
    expiresAt: checkIn.expiresAt,
    items,
    draft: readDraft(checkIn, resolved),
  }
}

function readDraft(c: { id: string; practiceId: string; draftEnc: string | null; items: RawItem[] }, resolved: readonly ResolvedItem[]) {
  if (!c.draftEnc) return null
  try {
    const raw: unknown = JSON.parse(decryptField(c.draftEnc, draftAad(c.id, c.practiceId)))
    return parseAnswerMap(resolved, fitGoalDrafts(raw, c.items, resolved))
  } catch (e) {
    // A draft that cannot be read is dropped (the client answers again), never shown half-decoded.
    logger.warn('checkin.draft.unreadable', { checkInId: c.id, error: e instanceof Error ? e.name : 'unknown' })
    return null
  }
}
