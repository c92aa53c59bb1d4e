// The check-in token path's shared ground. There is no Actor here: the link's token is the only
// credential, so every function of the path starts from HMAC(token) and reaches exactly one
// check-in through its link. The page (checkin-view), drafts (checkin-draft) and submission
// (checkin-submit) build on this; app/c reaches them through checkin-link-throttle.
// A goal-progress item asks about the client's goals as they stood when the link was issued
// (goalItemsForCheckIn with asOf = link.createdAt), so a link always shows and stores the same
// goals; an item with no goals then has nothing to ask and is left out (no Response for it).
import 'server-only'
import { db } from '../client'
import type { Prisma } from '../generated/client'
import type { Aad } from '@/lib/crypto/field'
import { hashToken, isWellFormedToken } from '@/lib/crypto/tokens'
import { isGoalProgressItem } from '@/lib/assessments/checkin-answers'
import type { GoalItem } from '@/lib/goals/types'
import { goalItemsForCheckIn } from './checkin-goals'

export const draftAad = (checkInId: string, practiceId: string): Aad => ['CheckIn', checkInId, 'draft', practiceId]

export const itemsSelect = {
  orderBy: { position: 'asc' },
  select: { id: true, instrumentId: true, relationshipTarget: true },
} satisfies Prisma.CheckIn$itemsArgs

export const linkSelect = {
  id: true,
  revokedAt: true,
  createdAt: true,
  checkIn: {
    select: {
      id: true,
      practiceId: true,
      clientId: true,
      status: true,
      expiresAt: true,
      submissionKey: true,
      items: itemsSelect,
    },
  },
} satisfies Prisma.CheckInLinkSelect

export function findLink(token: string) {
  if (!isWellFormedToken(token)) return null
  return db.checkInLink.findUnique({ where: { tokenHash: hashToken(token) }, select: linkSelect })
}

export const isOpen = (c: { status: string; expiresAt: Date }, now: Date) => c.status === 'OPEN' && c.expiresAt > now

export type Tx = Prisma.TransactionClient
export type RawItem = { id: string; instrumentId: string; relationshipTarget: string | null }
export type ResolvedItem = RawItem & { goals?: GoalItem[] }

/**
 * The items as this link asks them: a goal-progress item gets the goals that were active when the
 * link was created (in that wording); without any it is dropped. Inside a transaction pass its
 * client, so the goals read are those of the same snapshot as the rest of the submission.
 */
export async function resolveItems(items: readonly RawItem[], clientId: string, linkCreatedAt: Date, client?: Tx): Promise<ResolvedItem[]> {
  if (!items.some(isGoalProgressItem)) return [...items]
  const goals = await goalItemsForCheckIn(clientId, { asOf: linkCreatedAt, client })
  return items.flatMap((i) => (isGoalProgressItem(i) ? (goals.length > 0 ? [{ ...i, goals }] : []) : [i]))
}
