// The targets a cell names, resolved against the world. "fresh" targets are made per cell, so an
// allowed change never touches a record another cell relies on.
import crypto from 'node:crypto'
import { createUser } from '../../fixtures/factory'
import { createBundle, createInvited, issueStaffToken, type Bundle, type World } from './world'
import type { Target, TargetName } from './kit'

const bundle = (b: Bundle): Target => ({ ...b })

/** C1's client with another client's child records: every bound or posted child id is foreign. */
function mix(own: Bundle, other: Bundle): Target {
  const { practiceId, ownerId, clientId } = own
  return { ...bundle(other), practiceId, ownerId, clientId }
}

async function freshAccount(w: World, status: 'ACTIVE' | 'INVITED' | 'DEACTIVATED'): Promise<Target> {
  if (status === 'INVITED') return { userId: await createInvited(w.p1) }
  return { userId: (await createUser(w.p1, ['CLINICIAN'], { status })).id }
}

export async function resolveTarget(name: TargetName, w: World, actorId: string | null): Promise<Target> {
  switch (name) {
    case 'none':
      return {}
    case 'self':
      return actorId ? { userId: actorId } : {}
    case 'C1':
    case 'C2':
    case 'C3':
      return bundle(w[name])
    case 'fresh':
      return bundle(await createBundle(w.p1, w.users.clinA))
    case 'mix:C1/C3':
      return mix(w.C1, w.C3)
    case 'mix:C1/C2':
      return mix(w.C1, w.C2)
    case 'revoked:C1':
      return { token: w.C1.revokedToken, openItemId: w.C1.openItemId, openCheckInId: w.C1.openCheckInId }
    case 'wrongToken':
      return { token: crypto.randomBytes(32).toString('base64url'), openItemId: w.C1.openItemId }
    case 'tokenMix:C1/C3':
      return { token: w.C1.token, openItemId: w.C3.openItemId, openCheckInId: w.C1.openCheckInId }
    case 'acct:clinA':
    case 'acct:clinB':
    case 'acct:invitedP1':
    case 'acct:deactivatedP1':
      return { userId: w.users[name.slice(5) as 'clinA' | 'clinB' | 'invitedP1' | 'deactivatedP1'] }
    case 'acct:fresh':
      return freshAccount(w, 'ACTIVE')
    case 'acct:freshInvited':
      return freshAccount(w, 'INVITED')
    case 'acct:freshDeactivated':
      return freshAccount(w, 'DEACTIVATED')
    case 'xfer:C1':
      return { ownerId: w.users.clinA, toId: w.users.clinB, clientId: w.C1.clientId }
    case 'xfer:fresh': {
      const b = await createBundle(w.p1, w.users.clinA)
      return { ownerId: w.users.clinA, toId: w.users.clinB, clientId: b.clientId }
    }
    case 'xfer:C3toClinA':
      return { ownerId: w.users.clinP2, toId: w.users.clinA, clientId: w.C3.clientId }
    case 'xfer:C1toClinP2':
      return { ownerId: w.users.clinA, toId: w.users.clinP2, clientId: w.C1.clientId }
    case 'link:freshInvite': {
      const userId = await createInvited(w.p1)
      return { userId, token: await issueStaffToken(userId, w.p1, 'INVITE', w.users.adminP1) }
    }
    case 'link:freshReset': {
      const userId = (await createUser(w.p1, ['CLINICIAN'])).id
      return { userId, token: await issueStaffToken(userId, w.p1, 'PASSWORD_RESET', w.users.adminP1) }
    }
    case 'link:resetUsedAsInvite': {
      // A live reset link of an active account, posted to the invite form.
      const userId = (await createUser(w.p1, ['CLINICIAN'])).id
      return { userId, token: await issueStaffToken(userId, w.p1, 'PASSWORD_RESET', w.users.adminP1) }
    }
    case 'link:inviteUsedAsReset':
      return { userId: w.users.invitedP1, token: w.inviteTokenP1 }
    case 'P1':
      return { practiceId: w.p1 }
  }
}
