// What practice admins type: invitations, roles, caseload transfers, practice settings, and the
// password forms (invite/reset/own). Shared by the forms (messages) and the server actions.
// Strict objects: an unexpected field (e.g. "status" or "practiceId") is refused, never applied.
import { z } from 'zod'
import { uuidSchema } from './uuid'

export const ROLES = ['CLINICIAN', 'ADMIN'] as const
export type RoleCode = (typeof ROLES)[number]
export const roleLabel: Record<RoleCode, string> = { ADMIN: 'Admin', CLINICIAN: 'Clinician' }

export const SETTINGS_BOUNDS = {
  idleTimeoutMinutes: { min: 5, max: 30 },
  checkinExpiryDays: { min: 1, max: 14 },
  reminderHoursBeforeExpiry: { min: 0, max: 72 },
  crisisResources: { max: 2000 },
  name: { min: 2, max: 120 },
} as const

const uuid = uuidSchema('Choose from the list.')

const personName = z
  .string({ error: 'Enter their name.' })
  .trim()
  .min(SETTINGS_BOUNDS.name.min, `Enter at least ${SETTINGS_BOUNDS.name.min} characters.`)
  .max(SETTINGS_BOUNDS.name.max, `Use at most ${SETTINGS_BOUNDS.name.max} characters.`)
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'Use letters, spaces and ordinary punctuation.')

const rolesField = z
  .array(z.enum(ROLES, { error: 'Choose roles from the list.' }), { error: 'Choose at least one role.' })
  .min(1, 'Choose at least one role.')
  .max(ROLES.length)
  .transform((a) => [...new Set(a)].sort() as RoleCode[])

export const inviteInput = z
  .object({
    email: z
      .string({ error: 'Enter their email address.' })
      .trim()
      .toLowerCase()
      .min(1, 'Enter their email address.')
      .max(254, 'That email address is too long.')
      .refine((v) => z.email().safeParse(v).success, 'Enter an email address like name@example.com.'),
    name: personName,
    roles: rolesField,
  })
  .strict()
export type InviteInput = z.output<typeof inviteInput>

// The account's id is bound to the action and parsed there (lib/validation/id.ts).
export const rolesInput = z.object({ roles: rolesField }).strict()

export const transferInput = z
  .object({
    fromClinicianId: uuid,
    toClinicianId: uuid,
    scope: z.enum(['all', 'selected'], { error: 'Choose the whole caseload or selected clients.' }),
    clientIds: z.array(uuid).max(10_000).default([]),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.fromClinicianId === v.toClinicianId)
      ctx.addIssue({ code: 'custom', path: ['toClinicianId'], message: 'Choose a different clinician to receive the clients.' })
    if (v.scope === 'selected' && v.clientIds.length === 0)
      ctx.addIssue({ code: 'custom', path: ['clientIds'], message: 'Choose at least one client, or transfer the whole caseload.' })
  })
  .transform((v) => ({
    fromClinicianId: v.fromClinicianId,
    toClinicianId: v.toClinicianId,
    clientIds: v.scope === 'selected' ? [...new Set(v.clientIds)] : undefined,
  }))

/** IANA zones this runtime knows, plus UTC (which Intl lists only as its aliases' target). */
function isKnownTimeZone(tz: string): boolean {
  return tz === 'UTC' || Intl.supportedValuesOf('timeZone').includes(tz)
}

const intIn = (label: string, min: number, max: number, unit: string) =>
  z.coerce
    .number({ error: `Enter ${label} as a whole number.` })
    .int(`Enter ${label} as a whole number.`)
    .min(min, `Choose between ${min} and ${max} ${unit}.`)
    .max(max, `Choose between ${min} and ${max} ${unit}.`)

export const settingsInput = z
  .object({
    name: z
      .string({ error: 'Enter the practice name.' })
      .trim()
      .min(SETTINGS_BOUNDS.name.min, `Enter at least ${SETTINGS_BOUNDS.name.min} characters.`)
      .max(SETTINGS_BOUNDS.name.max, `Use at most ${SETTINGS_BOUNDS.name.max} characters.`)
      // It appears in email subjects: one plain line.
      .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'Use one line of ordinary text.'),
    timeZone: z.string({ error: 'Choose a time zone.' }).trim().refine(isKnownTimeZone, 'Choose a time zone from the list, for example Europe/London.'),
    idleTimeoutMinutes: intIn('the idle timeout', SETTINGS_BOUNDS.idleTimeoutMinutes.min, SETTINGS_BOUNDS.idleTimeoutMinutes.max, 'minutes'),
    checkinExpiryDays: intIn('how long links stay open', SETTINGS_BOUNDS.checkinExpiryDays.min, SETTINGS_BOUNDS.checkinExpiryDays.max, 'days'),
    remindersEnabled: z.boolean(),
    reminderHoursBeforeExpiry: intIn(
      'the reminder time',
      SETTINGS_BOUNDS.reminderHoursBeforeExpiry.min,
      SETTINGS_BOUNDS.reminderHoursBeforeExpiry.max,
      'hours',
    ),
    crisisResources: z
      .string()
      .trim()
      .max(SETTINGS_BOUNDS.crisisResources.max, `Keep it to ${SETTINGS_BOUNDS.crisisResources.max} characters or fewer.`)
      .transform((v) => (v === '' ? null : v.replace(/\r\n?/g, '\n')))
      .nullable(),
    mfaRequired: z.boolean(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.remindersEnabled && v.reminderHoursBeforeExpiry >= v.checkinExpiryDays * 24)
      ctx.addIssue({
        code: 'custom',
        path: ['reminderHoursBeforeExpiry'],
        message: 'The reminder must come before the link closes: use fewer hours than the link stays open.',
      })
  })
export type SettingsInput = z.output<typeof settingsInput>

/** Reads the settings form: unchecked checkboxes are absent, so they become false here. */
export function settingsFormData(form: FormData): Record<string, unknown> {
  const s = (k: string) => (form.has(k) ? String(form.get(k)) : undefined)
  return {
    name: s('name'),
    timeZone: s('timeZone'),
    idleTimeoutMinutes: s('idleTimeoutMinutes'),
    checkinExpiryDays: s('checkinExpiryDays'),
    remindersEnabled: form.get('remindersEnabled') === 'on',
    reminderHoursBeforeExpiry: s('reminderHoursBeforeExpiry'),
    crisisResources: s('crisisResources') ?? '',
    mfaRequired: form.get('mfaRequired') === 'on',
  }
}

// Passwords are checked against the policy (length, common list, personal words) on the server,
// where the list lives; these schemas only shape the forms.
const passwordField = z.string({ error: 'Enter a password.' }).min(1, 'Enter a password.').max(1024, 'That password is too long.')

export const setPasswordInput = z
  .object({ password: passwordField, confirm: z.string().default('') })
  .strict()
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The two passwords do not match.' })

export const changePasswordInput = z
  .object({
    current: z.string({ error: 'Enter your current password.' }).min(1, 'Enter your current password.').max(1024),
    password: passwordField,
    confirm: z.string().default(''),
  })
  .strict()
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The two passwords do not match.' })
