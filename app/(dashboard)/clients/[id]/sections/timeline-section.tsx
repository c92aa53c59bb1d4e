// The timeline, filtered by goal (?goal=), a page of months at a time (?timeline=YYYY-MM or all), and
// keeping the chart range (?range=) in its links.
import { getClientTimeline } from '@/lib/db/timeline'
import { Timeline } from '@/components/timeline/timeline'
import { parseTimelineView } from '@/lib/timeline/months'
import { getClientOverviewOr404 } from '../get-client-or-404'
import type { SectionProps } from './section-props'

export async function TimelineSection({
  actor,
  clientId,
  timeZone,
  goalId,
  range,
  view,
}: SectionProps & { goalId: string | null; range: string | null; view: string | null }) {
  const { client, goals } = await getClientOverviewOr404(actor, clientId)
  const known = {
    id: client.id,
    primaryClinicianId: client.primaryClinician.id,
    timeZone,
    goals: goals.map((g) => ({ id: g.id, title: g.title, status: g.status })),
  }
  const timeline = await getClientTimeline(actor, clientId, { goalId, known })
  return <Timeline clientId={clientId} timeline={timeline} view={parseTimelineView(view)} preserve={range ? { range } : {}} />
}
