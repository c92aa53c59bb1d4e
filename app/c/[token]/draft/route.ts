// Saves the answers of one part of a check-in as the client answers (public/checkin.js). JSON in,
// JSON out; the link token in the path is the only credential. Without script the page saves the
// same draft when a step is posted (pages/c/[token].tsx).
import { clientIp } from '@/lib/auth/request-ip'
import { openCheckInLinkFrom } from '@/lib/db/system/checkin-link-throttle'
import { isSameOriginPost } from '@/lib/http/same-origin'
import { answerMap, saveCheckInDraftFor, tokenOf } from '@/lib/checkins/public-checkin'
import { initialAnswers, toParts } from '@/components/checkin/progress'

export const dynamic = 'force-dynamic'

const reply = (status: string, code = 200) => Response.json({ status }, { status: code, headers: { 'Cache-Control': 'no-store' } })

export async function POST(req: Request, { params }: { params: Promise<{ token: string }> }) {
  const h = req.headers
  // No CSRF protection comes from Next for route handlers (SECURITY.md §6.2): same origin, JSON only.
  if (!isSameOriginPost(h)) return reply('refused', 403)
  if (!(h.get('content-type') ?? '').toLowerCase().startsWith('application/json')) return reply('invalid', 415)
  let body: unknown
  try {
    body = await req.json()
  } catch {
    return reply('invalid', 400)
  }
  const partial = answerMap.safeParse((body as { answers?: unknown } | null)?.answers)
  if (!partial.success) return reply('invalid', 400)
  const address = clientIp(h)
  const token = tokenOf((await params).token)
  // The stored draft, with this part's answers laid over it (lib/db checks them against the
  // check-in's own items when saving).
  const found = await openCheckInLinkFrom(address, token)
  if (found.status === 'throttled') return reply('error')
  if (found.status === 'not-found') return reply('not-found')
  if (found.checkIn.state === 'inactive') return reply('inactive')
  const merged = { ...initialAnswers(toParts(found.checkIn.items), found.checkIn.draft), ...partial.data }
  const r = await saveCheckInDraftFor(address, token, merged)
  return reply(r.status)
}
