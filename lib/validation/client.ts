// Client details as typed in the add/edit forms. Shared by the forms (messages) and the actions.
import { z } from 'zod'
import { isUuid } from './uuid'

const isoDate = /^\d{4}-\d{2}-\d{2}$/

function parseIsoDate(s: string): Date | null {
  if (!isoDate.test(s)) return null
  const d = new Date(`${s}T00:00:00Z`)
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s ? null : d
}

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional()

const name = (label: string) =>
  z
    .string({ error: `Enter the client's ${label}.` })
    .trim()
    .min(1, `Enter the client's ${label}.`)
    .max(100, `${label} must be at most 100 characters.`)

export const clientInput = z
  .object({
    firstName: name('first name'),
    lastName: name('last name'),
    preferredName: optionalText(100, 'Preferred name'),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .transform((v) => (v === '' ? null : v))
      .nullable()
      .optional()
      .refine((v) => v == null || z.email().safeParse(v).success, 'Enter an email address like name@example.com.'),
    phone: z
      .string()
      .trim()
      .transform((v) => (v === '' ? null : v))
      .nullable()
      .optional()
      .refine((v) => v == null || /^\+?[0-9 ()-]{6,20}$/.test(v), 'Enter a phone number using digits, spaces, + ( ) or -.'),
    dateOfBirth: z
      .string({ error: 'Enter the date of birth.' })
      .trim()
      .min(1, 'Enter the date of birth.')
      .transform((v, ctx) => {
        const d = parseIsoDate(v)
        if (!d) {
          ctx.addIssue({ code: 'custom', message: 'Enter a real date, for example 1990-04-23.' })
          return z.NEVER
        }
        const age = (Date.now() - d.getTime()) / (365.25 * 86_400_000)
        if (age < 0) {
          ctx.addIssue({ code: 'custom', message: 'Date of birth must be in the past.' })
          return z.NEVER
        }
        if (age > 120) {
          ctx.addIssue({ code: 'custom', message: 'Check the year: that is more than 120 years ago.' })
          return z.NEVER
        }
        return d
      }),
    episodeStart: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        if (!v) return null
        const d = parseIsoDate(v)
        if (!d) {
          ctx.addIssue({ code: 'custom', message: 'Enter a real date, for example 2026-01-15.' })
          return z.NEVER
        }
        if (d.getTime() > Date.now() + 86_400_000) {
          ctx.addIssue({ code: 'custom', message: 'The episode of care cannot start in the future.' })
          return z.NEVER
        }
        return d
      }),
    status: z.enum(['ACTIVE', 'DISCHARGED'], { error: 'Choose active or discharged.' }).optional(),
    primaryClinicianId: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine((v) => v === undefined || isUuid(v), 'Choose a clinician from the list.'),
  })
  .strict()

export type ClientInput = z.output<typeof clientInput>
