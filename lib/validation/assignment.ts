// Assigning questionnaires: what the clinician picks on the client's page.
import { z } from 'zod'

// 'goal-progress' is this product's own per-goal rating (not a validated scale); it asks about the
// client's active goals, so assigning it needs at least one (checked by the action).
const ASSIGNABLE_INSTRUMENTS = ['phq9', 'gad7', 'core10', 'ecr-r', 'ecr-rs', 'goal-progress'] as const

export const RECURRENCES = ['ONCE', 'WEEKLY', 'FORTNIGHTLY', 'MONTHLY'] as const
export const recurrenceLabel: Record<(typeof RECURRENCES)[number], string> = {
  ONCE: 'Once',
  WEEKLY: 'Every week',
  FORTNIGHTLY: 'Every 2 weeks',
  MONTHLY: 'Every month',
}

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date like 2026-03-12.')
  .refine((s) => !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime()) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'Enter a real date.')

export const assignmentInput = z
  .object({
    instruments: z
      .array(z.enum(ASSIGNABLE_INSTRUMENTS, { error: 'Choose questionnaires from the list.' }))
      .min(1, 'Choose at least one questionnaire.')
      .max(ASSIGNABLE_INSTRUMENTS.length)
      .refine((a) => new Set(a).size === a.length, 'Each questionnaire once.'),
    recurrence: z.enum(RECURRENCES, { error: 'Choose how often.' }),
    startDate: isoDate,
    endDate: z
      .union([isoDate, z.literal('')])
      .optional()
      .transform((v) => (v ? v : null)),
    relationshipTarget: z
      .string()
      .trim()
      .max(80, 'Keep the relationship to 80 characters or fewer.')
      .optional()
      .transform((v) => (v ? v : null)),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.endDate && v.endDate < v.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The end date must be on or after the start date.' })
    if (v.recurrence === 'ONCE' && v.endDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'A one-off check-in has no end date.' })
    if (v.instruments.includes('ecr-rs') && !v.relationshipTarget)
      ctx.addIssue({ code: 'custom', path: ['relationshipTarget'], message: 'Say which relationship the relationship questionnaire is about.' })
  })

export type AssignmentInput = z.output<typeof assignmentInput>

/** Changing the schedule of an existing assignment (the questionnaire itself stays). */
export const scheduleInput = z
  .object({
    recurrence: z.enum(RECURRENCES, { error: 'Choose how often.' }),
    startDate: isoDate,
    endDate: z
      .union([isoDate, z.literal('')])
      .optional()
      .transform((v) => (v ? v : null)),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.endDate && v.endDate < v.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The end date must be on or after the start date.' })
    if (v.recurrence === 'ONCE' && v.endDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'A one-off check-in has no end date.' })
  })

/** Reads the assignment form (checkboxes arrive as repeated "instruments" fields). */
export function assignmentFormData(form: FormData) {
  return {
    instruments: form.getAll('instruments').map(String),
    recurrence: String(form.get('recurrence') ?? ''),
    startDate: String(form.get('startDate') ?? ''),
    endDate: String(form.get('endDate') ?? ''),
    relationshipTarget: form.get('instruments') && form.getAll('instruments').includes('ecr-rs') ? String(form.get('relationshipTarget') ?? '') : undefined,
  }
}

export const riskResolutionInput = z.object({
  note: z.string().trim().min(3, 'Write a short note about what was done.').max(2000, 'Keep the note under 2000 characters.'),
})
