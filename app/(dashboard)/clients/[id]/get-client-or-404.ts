// The one "find this client or show the not-found page" for the pages under /clients/[id].
// Kept out of lib/db so the data layer stays free of Next's navigation (scripts import it too).
import 'server-only'
import { cache } from 'react'
import { notFound } from 'next/navigation'
import type { Actor } from '@/lib/auth/actor'
import { getClient } from '@/lib/db/clients'
import { getClientOverview, type ClientOverview } from '@/lib/db/client-overview'
import type { ClientDetail } from '@/lib/clients/types'
import { NotFoundError } from '@/lib/db/errors'

/**
 * The client as the actor may see it; otherwise notFound(), for a missing client and for another
 * clinician's or practice's alike. Cached per request (keyed on the actor object, which
 * requireUser() also caches): the page and its sections share one read and one CLIENT_VIEW audit.
 */
export const getClientOr404 = cache(async (actor: Actor, clientId: string): Promise<ClientDetail> => {
  try {
    return await getClient(actor, clientId)
  } catch (e) {
    if (e instanceof NotFoundError) notFound()
    throw e
  }
})

/**
 * The overview page's data (the client and every list its sections show), read once per request
 * and shared by the page and its sections; notFound() exactly as getClientOr404.
 */
export const getClientOverviewOr404 = cache(async (actor: Actor, clientId: string): Promise<ClientOverview> => {
  try {
    return await getClientOverview(actor, clientId)
  } catch (e) {
    if (e instanceof NotFoundError) notFound()
    throw e
  }
})
