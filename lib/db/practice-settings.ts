// The practice settings an admin controls. Bounds are enforced by lib/validation/admin.ts and the
// input type; the audit row names the fields that changed, never their values.
import 'server-only'
import { db } from './client'
import type { Actor } from '@/lib/auth/actor'
import { actorFields, recordAudit } from '@/lib/audit/record'
import type { SettingsInput } from '@/lib/validation/admin'
import { settingsInput } from '@/lib/validation/admin'
import { systemClock, type Clock } from '@/lib/clock'
import { NotFoundError } from './errors'
import { assertAdmin } from './scope'
import { TX_OPTIONS } from './tx'

const settingsSelect = {
  name: true,
  timeZone: true,
  idleTimeoutMinutes: true,
  checkinExpiryDays: true,
  remindersEnabled: true,
  reminderHoursBeforeExpiry: true,
  crisisResources: true,
  mfaRequired: true,
} as const

export type PracticeSettings = SettingsInput

export async function getPracticeSettings(admin: Actor): Promise<PracticeSettings> {
  await assertAdmin(admin, 'Practice')
  const p = await db.practice.findUnique({ where: { id: admin.practiceId }, select: settingsSelect })
  if (!p) throw new NotFoundError('Practice')
  return p
}

/** Saves the settings; returns the names of the fields that changed (none: nothing written). */
export async function updatePracticeSettings(admin: Actor, input: SettingsInput, clock: Clock = systemClock): Promise<string[]> {
  await assertAdmin(admin, 'Practice')
  // Validated again here: the bounds hold whoever calls this, not only the form.
  const data = settingsInput.parse(input)
  const now = clock()
  return db.$transaction(async (tx) => {
    const before = await tx.practice.findUnique({ where: { id: admin.practiceId }, select: settingsSelect })
    if (!before) throw new NotFoundError('Practice')
    const changed = (Object.keys(settingsSelect) as (keyof typeof settingsSelect)[]).filter((k) => before[k] !== data[k])
    if (changed.length === 0) return []
    await tx.practice.update({ where: { id: admin.practiceId }, data })
    await recordAudit(
      { ...actorFields(admin), action: 'SETTINGS_UPDATE', targetType: 'Practice', targetId: admin.practiceId, details: { changed }, occurredAt: now },
      tx,
    )
    return changed
  }, TX_OPTIONS)
}
