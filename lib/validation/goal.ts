// Goals as typed in the add and edit forms. Shared by the forms (messages) and the actions.
import { z } from 'zod'
import { isGoalTemplateKey } from '@/lib/goals/library'
import { GOAL_STATUSES, type GoalStatus } from '@/lib/goals/types'

export const goalStatusLabel: Readonly<Record<GoalStatus, string>> = {
  ACTIVE: 'Active',
  PAUSED: 'Paused',
  ACHIEVED: 'Achieved',
}

const title = z
  .string({ error: "Write the goal in the client's words." })
  .trim()
  .min(3, "Write the goal in the client's words (at least 3 characters).")
  .max(200, 'Keep the goal to 200 characters or fewer.')

const status = z.enum(GOAL_STATUSES, { error: 'Choose active, paused or achieved.' })

export const goalCreateInput = z
  .object({
    // Empty means "written from scratch".
    templateKey: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || isGoalTemplateKey(v), 'Choose a goal from the library, or write your own.'),
    title,
    status: status.optional().default('ACTIVE'),
  })
  .strict()

export const goalUpdateInput = z
  .object({
    title: title.optional(),
    status: status.optional(),
  })
  .strict()

/** Reads a goal form: only the known fields, as strings (absent fields stay absent). */
export function goalFormData(form: FormData, fields: readonly ('templateKey' | 'title' | 'status')[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of fields) {
    const v = form.get(f)
    if (typeof v === 'string') out[f] = v
  }
  return out
}
