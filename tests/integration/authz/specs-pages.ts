// How each page (a server component) is rendered for an actor: the same scope as the actions,
// checked on what the page would show.
import { expect } from 'vitest'
import { db } from '@/lib/db/client'
import { NOTE_SENTINEL, type ActorName } from './world'
import type { Outcome } from './harness'
import { BASE, F, callFn, checkInPageCtx, expectHides, expectShows, foreignIds, page, practiceOf, rendered, type Spec } from './kit'

export const PAGE_SPECS: Record<string, Spec> = {
  // ---- pages (server components read through the same scope)
  [`${F.pClients}#default`]: {
    resource: 'client',
    op: 'view',
    call: (c) => callFn(c, page()),
    verify: async ({ w, actor }, o) => {
      const text = rendered(o)
      const sees = { clinA: [w.C1.clientId], clinB: [w.C2.clientId], adminP1: [w.C1.clientId, w.C2.clientId], adminP2: [w.C3.clientId] }[
        actor as Exclude<ActorName, 'anon'>
      ]
      expectShows(text, ...sees)
      expectHides(text, ...[w.C1.clientId, w.C2.clientId, w.C3.clientId].filter((id) => !sees.includes(id)))
    },
  },
  // A clinician asking for the practice-wide list narrowed to a colleague still gets their own.
  [`${F.pClients}#default:scope-all-colleague`]: {
    resource: 'client',
    op: 'view',
    call: (c) => callFn(c, page({}, { scope: 'all', clinician: c.w.users.clinA, status: 'all' })),
    verify: async ({ w }, o) => expectHides(rendered(o), w.C1.clientId, w.C3.clientId),
  },
  [`${F.pClient}#default`]: {
    resource: 'client',
    op: 'view',
    call: (c) => callFn(c, page({ id: c.t.clientId })),
    verify: async ({ t, actor }, o) => {
      const text = rendered(o)
      expectShows(text, t.clientId, t.flagId, t.goalId, t.openCheckInId)
      // Notes: the list for the client's clinician; an admin sees none of them (R12).
      if (actor === 'adminP1') expectHides(text, t.signedNoteId, t.draftNoteId, NOTE_SENTINEL)
      else expectShows(text, t.signedNoteId)
      expectHides(text, NOTE_SENTINEL, t.token, t.revokedToken)
    },
  },
  // The same page, read for what it shows of each child record.
  [`${F.pClient}#default:check-ins`]: {
    resource: 'check-in',
    op: 'view',
    call: (c) => callFn(c, page({ id: c.t.clientId })),
    verify: async ({ t }, o) => {
      const text = rendered(o)
      expectShows(text, t.openCheckInId, t.completedCheckInId)
      expectHides(text, t.token, t.revokedToken)
    },
  },
  [`${F.pClient}#default:goals`]: {
    resource: 'goal',
    op: 'view',
    call: (c) => callFn(c, page({ id: c.t.clientId })),
    verify: async ({ t }, o) => expectShows(rendered(o), t.goalId),
  },
  [`${F.pClient}#default:flags`]: {
    resource: 'flag',
    op: 'view',
    call: (c) => callFn(c, page({ id: c.t.clientId })),
    verify: async ({ t }, o) => expectShows(rendered(o), t.flagId),
  },
  [`${F.pReport}#default`]: {
    resource: 'response',
    op: 'view',
    call: (c) => callFn(c, page({ id: c.t.clientId })),
    verify: async ({ t }, o) => expectHides(rendered(o), NOTE_SENTINEL, t.token),
  },
  [`${F.pNote}#default`]: {
    resource: 'note',
    op: 'view',
    call: (c) => callFn(c, page({ id: c.t.clientId, noteId: c.t.signedNoteId })),
    verify: async (_ctx, o) => expectShows(rendered(o), NOTE_SENTINEL),
  },
  [`${F.pNewNote}#default`]: {
    resource: 'note',
    op: 'create',
    call: (c) => callFn(c, page({ id: c.t.clientId })),
    verify: async ({ t }, o) => expectShows(rendered(o), t.goalId),
  },
  [`${F.pNewClient}#default`]: {
    resource: 'client',
    op: 'create',
    call: (c) => callFn(c, page()),
    verify: async ({ w, actor }, o) => expectHides(rendered(o), ...foreignIds(w, actor)),
  },
  // 'Needs attention': the clinician's own caseload only (C1 and C2 each have an open risk flag and
  // a check-in completed today); an admin without a caseload gets not found.
  [`${F.pAttention}#default`]: {
    resource: 'client',
    op: 'view',
    call: (c) => callFn(c, page()),
    verify: async ({ w, actor }, o) => {
      const text = rendered(o)
      const own = actor === 'clinA' ? w.C1.clientId : w.C2.clientId
      expectShows(text, own)
      expectHides(text, ...[w.C1.clientId, w.C2.clientId, w.C3.clientId].filter((id) => id !== own), NOTE_SENTINEL)
    },
  },
  // Outcomes: aggregates only. No client id reaches anyone; a clinician's view is their own caseload
  // (no colleague's id), and nothing of the other practice reaches an admin.
  [`${F.pOutcomes}#default`]: {
    resource: 'response',
    op: 'view',
    call: (c) => callFn(c, page()),
    verify: async ({ w, actor }, o) => expectHides(rendered(o), ...outcomesHidden(w, actor)),
  },
  // A clinician asking for a colleague's caseload still gets their own.
  [`${F.pOutcomes}#default:colleague`]: {
    resource: 'response',
    op: 'view',
    call: (c) => callFn(c, page({}, { clinician: c.w.users.clinA })),
    verify: async ({ w, actor }, o) => {
      const text = rendered(o)
      expectShows(text, 'Your caseload')
      expectHides(text, ...outcomesHidden(w, actor))
    },
  },
  [`${F.outcomesExport}#GET`]: {
    resource: 'response',
    op: 'export',
    call: (c) => callFn(c, new Request(`${BASE}/outcomes/export?instrument=phq9`)),
    verify: async ({ w, actor }, o) => {
      expect(o.kind).toBe('response')
      const r = o as Extract<Outcome, { kind: 'response' }>
      expect(r.status).toBe(200)
      expect(r.body.split('\r\n')[0]).toContain('clients_with_baseline_and_later_score')
      expectHides(r.body, ...outcomesHidden(w, actor))
    },
  },
  [`${F.pAdmin}#default`]: {
    resource: 'account',
    op: 'view',
    call: (c) => callFn(c, page()),
    verify: async ({ w, actor }, o) => {
      const text = rendered(o)
      expectShows(text, actor === 'adminP1' ? w.users.clinB : w.users.clinP2)
      expectHides(text, ...foreignIds(w, actor))
    },
  },
  [`${F.pAudit}#default`]: {
    resource: 'audit',
    op: 'view',
    call: (c) => callFn(c, page()),
    verify: async ({ w, actor }, o) =>
      expectHides(rendered(o), ...(actor === 'adminP2' ? [w.users.adminP1, w.users.clinA, w.users.clinB] : [w.users.adminP2, w.users.clinP2])),
  },
  [`${F.pInvite}#default`]: {
    resource: 'account',
    op: 'create',
    call: (c) => callFn(c, page()),
    verify: async (_ctx, o) => void rendered(o),
  },
  [`${F.pSettings}#default`]: {
    resource: 'settings',
    op: 'view',
    call: (c) => callFn(c, page()),
    verify: async ({ actorId }, o) => {
      const text = rendered(o)
      const other = (await db.practice.findMany({ where: { id: { not: await practiceOf(actorId!) } }, select: { name: true } })).map((p) => p.name)
      expectHides(text, ...other.filter((n) => n.startsWith('Authz') || n.startsWith('Renamed')))
    },
  },
  [`${F.pTransfer}#default`]: {
    resource: 'client',
    op: 'update',
    call: (c) => callFn(c, page({}, { from: c.t.ownerId })),
    verify: async ({ w, actor, t }, o) => {
      const text = rendered(o)
      if (actor === 'adminP1') expectShows(text, t.clientId)
      // The requested clinician id is echoed into the form; nothing of theirs comes with it.
      expectHides(text, ...foreignIds(w, actor).filter((id) => id !== t.ownerId))
    },
  },
  [`${F.pAccount}#default`]: {
    resource: 'account',
    op: 'view',
    call: (c) => callFn(c, page()),
    verify: async ({ actorId }, o) => {
      const { email } = await db.user.findUniqueOrThrow({ where: { id: actorId! }, select: { email: true } })
      expectShows(rendered(o), email)
    },
  },
  [`${F.pMfa}#default`]: {
    resource: 'account',
    op: 'view',
    call: (c) => callFn(c, page()),
    verify: async (_ctx, o) => void rendered(o),
  },
  [`${F.pHome}#default`]: {
    resource: 'system',
    op: 'view',
    call: (c) => callFn(c),
    verify: async ({ actor }, o) => expect(o).toEqual({ kind: 'redirect', location: actor.startsWith('admin') ? '/admin' : '/attention' }),
  },
  [`${F.pLogin}#default`]: {
    resource: 'session',
    op: 'view',
    call: (c) => callFn(c, page()),
    verify: async ({ actorId }, o) => (actorId ? expect(o).toEqual({ kind: 'redirect', location: '/' }) : void rendered(o)),
  },
  [`${F.pCheckIn}#getServerSideProps`]: {
    resource: 'check-in',
    op: 'view',
    call: (c) => callFn(c, checkInPageCtx(c.t.token)),
    verify: async ({ t }, o) => {
      const text = rendered(o)
      expectShows(text, t.openItemId)
      expectHides(text, t.clientId, t.responseId, NOTE_SENTINEL)
    },
  },
  [`${F.pAcceptInvite}#default`]: {
    resource: 'account',
    op: 'view',
    call: (c) => callFn(c, { params: Promise.resolve({ token: c.t.token }) }),
    verify: async ({ t }, o) => expectShows(rendered(o), t.token),
  },
  [`${F.pReset}#default`]: {
    resource: 'account',
    op: 'view',
    call: (c) => callFn(c, { params: Promise.resolve({ token: c.t.token }) }),
    verify: async ({ t }, o) => expectShows(rendered(o), t.token),
  },
}

/** What an outcomes view must never contain for this actor: any client id, and staff outside their scope. */
function outcomesHidden(w: Parameters<typeof foreignIds>[0], actor: ActorName): string[] {
  const clients = [w.C1.clientId, w.C2.clientId, w.C3.clientId]
  const colleagues = actor === 'clinA' ? [w.users.clinB] : actor === 'clinB' ? [w.users.clinA] : []
  return [...clients, ...colleagues, ...foreignIds(w, actor).filter((id) => !clients.includes(id))]
}
