// What the overview page hands every section: the client has already been found (or the page
// answered 404 before anything streamed); each section reads its own data, scoped by the actor.
import type { Actor } from '@/lib/auth/actor'
import { cardStyles } from '@/components/ui/card-styles'

export interface SectionProps {
  actor: Actor
  clientId: string
  /** The practice's time zone, for every date shown. */
  timeZone: string
}

export const card = cardStyles
