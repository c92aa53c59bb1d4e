// How the FHIR exports (issue 13) are called, and what an allowed call must have answered.
import { expect } from 'vitest'
import { db } from '@/lib/db/client'
import { BASE, F, callFn, practiceOf, routeCtx, expectShows, type Spec } from './kit'
import type { Outcome } from './harness'

const asResponse = (o: Outcome) => {
  expect(o.kind).toBe('response')
  return o as Extract<Outcome, { kind: 'response' }>
}

export const FHIR_SPECS: Record<string, Spec> = {
  [`${F.clientFhir}#GET`]: {
    resource: 'response',
    op: 'export',
    call: (c) => callFn(c, new Request(`${BASE}/clients/${c.t.clientId}/fhir`), routeCtx({ id: c.t.clientId })),
    verify: async ({ t }, o) => {
      const r = asResponse(o)
      expect([r.status, r.contentType]).toEqual([200, 'application/fhir+json; charset=utf-8'])
      const bundle = JSON.parse(r.body) as { resourceType: string; entry: { resource: { resourceType: string; id: string } }[] }
      expect(bundle.resourceType).toBe('Bundle')
      expect(bundle.entry.filter((e) => e.resource.resourceType === 'Patient').map((e) => e.resource.id)).toEqual([t.clientId])
      expectShows(r.body, t.responseId)
    },
  },
  [`${F.practiceFhir}#GET`]: {
    resource: 'client',
    op: 'export',
    call: (c) => callFn(c, new Request(`${BASE}/admin/fhir/export`)),
    verify: async ({ actorId }, o) => {
      const r = asResponse(o)
      expect([r.status, r.contentType]).toEqual([200, 'application/fhir+ndjson'])
      const practiceId = await practiceOf(actorId!)
      const own = new Set((await db.client.findMany({ where: { practiceId }, select: { id: true } })).map((c) => c.id))
      const lines = r.body.trimEnd().split('\n')
      const patients = lines.map((l) => JSON.parse(l) as { resourceType: string; id: string }).filter((x) => x.resourceType === 'Patient')
      expect(patients.map((p) => p.id).sort()).toEqual([...own].sort())
      // Every reference to a patient names one of this practice's clients.
      for (const m of r.body.matchAll(/"Patient\/([0-9a-f-]{36})"/g)) expect(own.has(m[1]!)).toBe(true)
    },
  },
}
