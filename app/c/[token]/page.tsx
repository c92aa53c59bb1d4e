import type { Metadata } from 'next'
import { headers } from 'next/headers'
import { notFound } from 'next/navigation'
import { clientIp } from '@/lib/auth/request-ip'
import { DEFAULT_CRISIS_RESOURCES } from '@/lib/db/system/checkin-view'
import { LINK_BLOCK_MINUTES, openCheckInLinkFrom } from '@/lib/db/system/checkin-link-throttle'
import { formatOpenUntil } from '@/lib/format'
import { CheckInFlow } from '@/components/checkin/checkin-flow'
import { CheckInClosed } from '@/components/checkin/checkin-closed'
import { CheckInThrottled } from '@/components/checkin/checkin-throttled'
import { saveCheckInDraftAction, submitCheckInAction } from './actions'

export const dynamic = 'force-dynamic'

// Neutral: the title shows in history and tab lists, so it says nothing about the person or care.
export const metadata: Metadata = { title: 'Your check-in', referrer: 'no-referrer' }

export default async function CheckInPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  // Read only: opening (or a mail scanner prefetching) a valid link changes nothing. A failed
  // lookup counts towards this address's limit, and a blocked address is told so (below).
  const found = await openCheckInLinkFrom(clientIp(await headers()), token)
  if (found.status === 'not-found') notFound()
  // Sent as HTTP 200, not 429: a page can only choose 404/401/403 (notFound() and friends); a 429
  // would need this check again in proxy.ts, a database query in front of every request.
  if (found.status === 'throttled') {
    return (
      <main id="main" className="mx-auto w-full max-w-2xl px-4 py-6 sm:py-10">
        <CheckInThrottled minutes={LINK_BLOCK_MINUTES} crisisResources={DEFAULT_CRISIS_RESOURCES} />
      </main>
    )
  }
  const { checkIn } = found

  return (
    <main id="main" className="mx-auto w-full max-w-2xl px-4 py-6 sm:py-10">
      <p className="mb-6 border-b border-stone-200 pb-3 text-sm font-medium text-stone-600">{checkIn.practiceName}</p>
      {checkIn.state === 'inactive' ? (
        <CheckInClosed practiceName={checkIn.practiceName} />
      ) : (
        <CheckInFlow
          token={token}
          practiceName={checkIn.practiceName}
          crisisResources={checkIn.crisisResources}
          openUntil={formatOpenUntil(checkIn.expiresAt, checkIn.timeZone)}
          items={checkIn.items}
          initialDraft={checkIn.draft}
          saveDraft={saveCheckInDraftAction}
          submit={submitCheckInAction}
        />
      )}
    </main>
  )
}
