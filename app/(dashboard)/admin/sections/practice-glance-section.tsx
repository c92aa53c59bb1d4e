// The admin home's 'Practice at a glance' panel: reads the practice's counts itself, under Suspense
// so the accounts table never waits for it.
import { Suspense } from 'react'
import type { Actor } from '@/lib/auth/actor'
import { isAdmin } from '@/lib/auth/actor'
import { getPracticeGlance } from '@/lib/db/attention'
import { PracticeGlancePanel } from '@/components/admin/practice-glance'
import { SectionSkeleton } from '@/components/ui/section-skeleton'

export function PracticeGlanceSection({ actor, timeZone }: { actor: Actor; timeZone: string }) {
  return (
    <Suspense fallback={<SectionSkeleton title="Practice at a glance" size="min-h-48" />}>
      <Glance actor={actor} timeZone={timeZone} />
    </Suspense>
  )
}

async function Glance({ actor, timeZone }: { actor: Actor; timeZone: string }) {
  const counts = await getPracticeGlance(actor, { timeZone })
  // An admin sees the practice's caseload (/clients, widened with scope=all): the counts link to it.
  return <PracticeGlancePanel counts={counts} links={isAdmin(actor)} />
}
