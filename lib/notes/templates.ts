import { must } from '@/lib/must'
// Session note formats (pure; shared by the editor, the view, validation and the server).
// A template only gives the headings and hints: the body is stored as one object of sections,
// { text } for free text, { data, assessment, plan } for DAP, SOAP's four sections.

export const NOTE_FORMATS = ['FREE', 'DAP', 'SOAP'] as const
export type NoteFormat = (typeof NOTE_FORMATS)[number]

interface TemplateSection {
  key: string
  heading: string
  hint: string
}

export interface NoteTemplate {
  format: NoteFormat
  label: string
  description: string
  sections: readonly TemplateSection[]
}

/** Sections of a note body, keyed by the template's section keys. */
export type NoteBody = Record<string, string>

export const MAX_SECTION_CHARS = 20_000

export const NOTE_TEMPLATES: Readonly<Record<NoteFormat, NoteTemplate>> = {
  FREE: {
    format: 'FREE',
    label: 'Free text',
    description: 'One section, written however you like.',
    sections: [{ key: 'text', heading: 'Note', hint: 'What happened in the session and what comes next.' }],
  },
  DAP: {
    format: 'DAP',
    label: 'DAP',
    description: 'Data, Assessment, Plan.',
    sections: [
      { key: 'data', heading: 'Data', hint: 'What the client said and did, and what you observed in the session.' },
      { key: 'assessment', heading: 'Assessment', hint: 'Your understanding: patterns, progress toward goals, any risk.' },
      { key: 'plan', heading: 'Plan', hint: 'Next steps, practice between sessions, focus for next time.' },
    ],
  },
  SOAP: {
    format: 'SOAP',
    label: 'SOAP',
    description: 'Subjective, Objective, Assessment, Plan.',
    sections: [
      { key: 'subjective', heading: 'Subjective', hint: "The client's own account: what they reported, in their words where useful." },
      { key: 'objective', heading: 'Objective', hint: 'What you observed: presentation, affect, scores.' },
      { key: 'assessment', heading: 'Assessment', hint: 'Your understanding: patterns, progress toward goals, any risk.' },
      { key: 'plan', heading: 'Plan', hint: 'Next steps, practice between sessions, focus for next time.' },
    ],
  },
}

function isNoteFormat(value: unknown): value is NoteFormat {
  return typeof value === 'string' && (NOTE_FORMATS as readonly string[]).includes(value)
}

export function templateFor(format: NoteFormat): NoteTemplate {
  return NOTE_TEMPLATES[format]
}

export function emptyBody(format: NoteFormat): NoteBody {
  return Object.fromEntries(templateFor(format).sections.map((s) => [s.key, '']))
}

export function isBodyEmpty(body: NoteBody): boolean {
  return Object.values(body).every((v) => v.trim() === '')
}

export type BodyValidation = { ok: true; body: NoteBody } | { ok: false; errors: Record<string, string> }

/**
 * Checks a body against its format: an object whose keys are the template's sections (a missing
 * section is empty), each a string of at most MAX_SECTION_CHARS. Unknown keys are refused rather
 * than dropped, so text is never silently lost. Errors are keyed by section.
 */
export function validateBody(format: NoteFormat, body: unknown): BodyValidation {
  if (!isNoteFormat(format)) return { ok: false, errors: { form: 'Choose a note format.' } }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: { form: 'The note could not be read. Copy your text and reload the page.' } }
  }
  const sections = templateFor(format).sections
  const known = new Set(sections.map((s) => s.key))
  const errors: Record<string, string> = {}
  for (const key of Object.keys(body)) {
    if (!known.has(key)) errors.form = `The ${templateFor(format).label} format has no “${key}” section.`
  }
  const out: NoteBody = {}
  const record = body as Record<string, unknown>
  for (const s of sections) {
    const value = record[s.key] ?? ''
    if (typeof value !== 'string') {
      errors[s.key] = `${s.heading} must be text.`
      continue
    }
    if (value.length > MAX_SECTION_CHARS) {
      errors[s.key] = `${s.heading} is ${value.length.toLocaleString('en-GB')} characters; the limit is ${MAX_SECTION_CHARS.toLocaleString('en-GB')}.`
      continue
    }
    out[s.key] = value
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, body: out }
}

/**
 * Moves a body to another format without losing text: sections with the same key carry over; the
 * others are appended, under their old heading, to the new format's first section.
 */
export function convertBody(body: NoteBody, from: NoteFormat, to: NoteFormat): NoteBody {
  if (from === to) return { ...emptyBody(to), ...body }
  const target = templateFor(to).sections
  const out = emptyBody(to)
  const leftovers: string[] = []
  for (const s of templateFor(from).sections) {
    const text = body[s.key] ?? ''
    if (text.trim() === '') continue
    if (s.key in out) out[s.key] = text
    else leftovers.push(from === 'FREE' ? text : `${s.heading}\n${text}`)
  }
  if (leftovers.length > 0) {
    const first = must(target[0], 'a template has at least one section').key
    out[first] = [out[first] ?? '', ...leftovers].filter((t) => t.trim() !== '').join('\n\n')
  }
  return out
}
