// The overview's Suspense fallbacks. Heights are the sections' measured sizes for a client with a
// year of history (demo practice, phone / tablet / laptop / wide), so a typical page does not jump.
import { SectionSkeleton } from '@/components/ui/section-skeleton'

export const skeletons = {
  charts: <SectionSkeleton title="Scores over time" columns={2} size="h-[3050px] sm:h-[2400px] lg:h-[2000px] xl:h-[1830px]" />,
  checkIns: <SectionSkeleton title="Check-ins" size="h-[380px] sm:h-[324px] lg:h-[272px]" />,
  scores: <SectionSkeleton title="Recent scores" size="h-[2276px] sm:h-[2076px] lg:h-[1356px]" />,
  notes: <SectionSkeleton title="Session notes" size="h-[162px] sm:h-[154px] lg:h-[130px]" />,
  goals: <SectionSkeleton title="Goals" size="h-[1715px] sm:h-[1150px] lg:h-[980px]" />,
  assign: <SectionSkeleton title="Assign questionnaires" size="h-[1592px] sm:h-[1080px] lg:h-[1010px]" />,
  timeline: <SectionSkeleton title="Timeline" size="h-[2140px] sm:h-[2000px]" />,
  // Last on the page: the outbox (often empty) arrives above Details and moves nothing below it.
  details: <SectionSkeleton title="Details" columns={0} size="h-[62px] sm:h-[78px]" />,
}
