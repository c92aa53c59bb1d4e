import type { Metadata } from 'next'
import Link from 'next/link'
import { currentPractice, requireRole } from '@/lib/auth/session'
import { listNeedsAttention } from '@/lib/db/attention'
import { formatCalendarDate } from '@/lib/format'
import { COMPLETED_WINDOW_DAYS } from '@/lib/attention/types'
import { AttentionSections } from '@/components/attention/attention-sections'
import { linkButton } from '@/components/caseload/styles'

export const metadata: Metadata = { title: 'Needs attention' }

// The clinician's home: who on their own caseload needs attention now, each one click from the
// client. One scoped read (lib/db/attention) for all four sections; risk flags are in it, so
// safety information never arrives after the rest.
export default async function AttentionPage() {
  const user = await requireRole('CLINICIAN')
  const practice = await currentPractice()
  const list = await listNeedsAttention(user, { timeZone: practice.timeZone })
  const allClear = list.risk.total + list.deteriorated.total + list.overdue.total + list.completed.total === 0
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Needs attention</h1>
          <p className="text-stone-600">
            {practice.name} · your caseload · {formatCalendarDate(`${list.today}T00:00:00Z`)}
          </p>
        </div>
        <Link href="/clients" className={linkButton.secondary}>
          All my clients
        </Link>
      </div>
      {allClear ? (
        <p role="status" className="rounded-md border border-accent-100 bg-accent-50 px-4 py-3 text-accent-800">
          All clear: no open risk flags, no reliable deterioration, no overdue check-ins and no new check-ins in the last {COMPLETED_WINDOW_DAYS} days.
        </p>
      ) : null}
      <AttentionSections list={list} timeZone={practice.timeZone} />
    </div>
  )
}
