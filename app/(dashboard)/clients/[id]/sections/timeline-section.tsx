// The timeline, filtered by goal (?goal=), a page of months at a time (?timeline=YYYY-MM or all), and
// keeping the chart range (?range=) in its links.
import { getClientTimeline } from '@/lib/db/timeline'
import { Timeline } from '@/components/timeline/timeline'
import { parseTimelineView } from '@/lib/timeline/months'
import type { SectionProps } from './section-props'

export async function TimelineSection({
  actor,
  clientId,
  goalId,
  range,
  view,
}: SectionProps & { goalId: string | null; range: string | null; view: string | null }) {
  const timeline = await getClientTimeline(actor, clientId, { goalId })
  return <Timeline clientId={clientId} timeline={timeline} view={parseTimelineView(view)} preserve={range ? { range } : {}} />
}
