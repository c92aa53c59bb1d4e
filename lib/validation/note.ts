// Session note input, shared by the editor (messages) and the server actions (the gate).
import { z } from 'zod'
import { NOTE_FORMATS, validateBody, type NoteBody } from '@/lib/notes/templates'
import { isSignKey, sortSigns } from '@/lib/notes/signs'
import { isUuid } from './uuid'

export const MAX_GOAL_COMMENT = 500
const MAX_NOTE_GOALS = 50

/** Today in the latest time zone on Earth (UTC+14): a session held "today" anywhere is accepted. */
export function latestTodayIso(now = Date.now()): string {
  return new Date(now + 14 * 3_600_000).toISOString().slice(0, 10)
}

const sessionDate = z
  .string({ error: 'Enter the session date.' })
  .trim()
  .min(1, 'Enter the session date.')
  .transform((s, ctx) => {
    const d = new Date(`${s}T00:00:00Z`)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) {
      ctx.addIssue({ code: 'custom', message: 'Enter a real date, for example 2026-03-12.' })
      return z.NEVER
    }
    if (s > latestTodayIso()) {
      ctx.addIssue({ code: 'custom', message: 'The session date cannot be in the future.' })
      return z.NEVER
    }
    if (s < '2000-01-01') {
      ctx.addIssue({ code: 'custom', message: 'Check the year of the session date.' })
      return z.NEVER
    }
    return d
  })

const noteGoal = z
  .object({
    goalId: z.string().refine(isUuid, 'Choose goals from the list.'),
    rating: z
      .number({ error: 'Rate progress from 0 to 10, or leave it blank.' })
      .int('Rate progress with a whole number from 0 to 10.')
      .min(0, 'Rate progress from 0 to 10.')
      .max(10, 'Rate progress from 0 to 10.')
      .nullable()
      .default(null),
    comment: z
      .string()
      .max(MAX_GOAL_COMMENT, `Keep the comment to ${MAX_GOAL_COMMENT} characters or fewer.`)
      .default('')
      .transform((v) => v.trim()),
  })
  .strict()

const noteFields = {
  sessionDate,
  format: z.enum(NOTE_FORMATS, { error: 'Choose a note format.' }),
  body: z.unknown(),
  goals: z
    .array(noteGoal)
    .max(MAX_NOTE_GOALS, `A note can link at most ${MAX_NOTE_GOALS} goals.`)
    .default([])
    .superRefine((goals, ctx) => {
      const seen = new Set<string>()
      goals.forEach((g, i) => {
        if (seen.has(g.goalId.toLowerCase())) ctx.addIssue({ code: 'custom', path: [i, 'goalId'], message: 'Each goal once.' })
        seen.add(g.goalId.toLowerCase())
      })
    }),
  signs: z
    .array(z.string())
    .max(50)
    .default([])
    .refine((keys) => keys.every(isSignKey), 'Choose signs from the checklist.')
    .transform((keys) => sortSigns(keys)),
}

type Fields = z.output<z.ZodObject<typeof noteFields>>
export type NoteInput = Omit<Fields, 'body'> & { body: NoteBody }

function checkBody<T extends Fields>(v: T, ctx: z.RefinementCtx): Omit<T, 'body'> & { body: NoteBody } {
  const r = validateBody(v.format, v.body)
  if (!r.ok) {
    for (const [key, message] of Object.entries(r.errors)) ctx.addIssue({ code: 'custom', path: key === 'form' ? ['body'] : ['body', key], message })
    return z.NEVER
  }
  return { ...v, body: r.body }
}

export const noteInput = z.object(noteFields).strict().transform(checkBody)

export const noteSaveInput = z
  .object({ ...noteFields, expectedVersion: z.number({ error: 'Reload the note and try again.' }).int().min(1) })
  .strict()
  .transform(checkBody)

export type NoteSaveInput = z.output<typeof noteSaveInput>

export const expectedVersionInput = z.number().int().min(1)

/**
 * Field path → first message, for showing next to each field: "sessionDate", "body.plan",
 * "goals.<goalId>.comment" (the goal's id rather than its position), "signs".
 */
export function noteFieldErrors(error: z.ZodError, raw: unknown): Record<string, string> {
  const goals = typeof raw === 'object' && raw !== null && Array.isArray((raw as { goals?: unknown }).goals) ? (raw as { goals: unknown[] }).goals : []
  const out: Record<string, string> = {}
  for (const issue of error.issues) {
    const path = issue.path.map(String)
    if (path[0] === 'goals' && path.length >= 2) {
      const g = goals[Number(path[1])] as { goalId?: unknown } | undefined
      if (typeof g?.goalId === 'string') path[1] = g.goalId
    }
    const key = path.length ? path.join('.') : 'form'
    out[key] ??= issue.message
  }
  return out
}
