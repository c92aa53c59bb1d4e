import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getCheckInForToken } from '@/lib/db/checkin-public'
import { formatDateTime } from '@/lib/format'
import { CheckInFlow } from '@/components/checkin/checkin-flow'
import { CheckInClosed } from '@/components/checkin/checkin-closed'
import { saveCheckInDraftAction, submitCheckInAction } from './actions'

export const dynamic = 'force-dynamic'

// Neutral: the title shows in history and tab lists, so it says nothing about the person or care.
export const metadata: Metadata = { title: 'Your check-in', referrer: 'no-referrer' }

export default async function CheckInPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  // Read only: opening (or a mail scanner prefetching) the link changes nothing.
  const checkIn = await getCheckInForToken(token)
  if (!checkIn) notFound()

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
          openUntil={formatDateTime(checkIn.expiresAt, checkIn.timeZone)}
          items={checkIn.items}
          initialDraft={checkIn.draft}
          saveDraft={saveCheckInDraftAction}
          submit={submitCheckInAction}
        />
      )}
    </main>
  )
}
