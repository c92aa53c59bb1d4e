// The timeline, filtered by goal (?goal=) and keeping the chart range (?range=) in its links.
import { getClientTimeline } from '@/lib/db/timeline'
import { Timeline } from '@/components/timeline/timeline'
import type { SectionProps } from './section-props'

export async function TimelineSection({ actor, clientId, goalId, range }: SectionProps & { goalId: string | null; range: string | null }) {
  const timeline = await getClientTimeline(actor, clientId, { goalId })
  return <Timeline clientId={clientId} timeline={timeline} preserve={range ? { range } : {}} />
}
