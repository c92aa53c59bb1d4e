'use client'
import { useState } from 'react'
import { NOTE_FORMATS, NOTE_TEMPLATES, convertBody, isBodyEmpty, templateFor, type NoteBody, type NoteFormat } from '@/lib/notes/templates'
import { MAX_SECTION_CHARS } from '@/lib/notes/templates'
import { buttonStyles } from '@/components/ui/button'

const errorText = 'text-sm font-medium text-red-800'

/** Format choice (asks before reshaping written text) and the template's headed text areas. */
export function NoteBodyFields({
  format,
  body,
  errors,
  disabled,
  onChange,
}: {
  format: NoteFormat
  body: NoteBody
  errors: Record<string, string>
  disabled?: boolean
  onChange: (format: NoteFormat, body: NoteBody) => void
}) {
  const [asking, setAsking] = useState<NoteFormat | null>(null)
  const choose = (next: NoteFormat) => {
    if (next === format) return
    if (isBodyEmpty(body)) onChange(next, convertBody(body, format, next))
    else setAsking(next)
  }
  const first = asking ? (templateFor(asking).sections[0]?.heading ?? '') : ''
  return (
    <>
      <fieldset className="flex min-w-0 flex-col gap-2" disabled={disabled}>
        <legend className="mb-1 font-medium">Format</legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {NOTE_FORMATS.map((f) => (
            <label key={f} className="flex min-h-11 items-start gap-3 rounded-md border border-stone-200 bg-white p-3">
              <input type="radio" name="format" value={f} checked={format === f} onChange={() => choose(f)} className="mt-1 h-5 w-5" />
              <span>
                <span className="font-medium">{NOTE_TEMPLATES[f].label}</span>
                <span className="block text-sm text-stone-600">{NOTE_TEMPLATES[f].description}</span>
              </span>
            </label>
          ))}
        </div>
        {asking ? (
          <div
            role="group"
            aria-label={`Confirm: switch to ${NOTE_TEMPLATES[asking].label}`}
            className="flex flex-col gap-2 rounded-md border border-stone-300 bg-stone-50 p-3"
          >
            <p>
              Switch this note to {NOTE_TEMPLATES[asking].label}? Your text is kept: sections with the same name carry over, and the others are moved into
              &ldquo;{first}&rdquo; under their old headings.
            </p>
            <div className="flex flex-wrap gap-2">
              <button
                type="button"
                className={buttonStyles.primary}
                onClick={() => {
                  onChange(asking, convertBody(body, format, asking))
                  setAsking(null)
                }}
              >
                Switch to {NOTE_TEMPLATES[asking].label}
              </button>
              <button type="button" className={buttonStyles.secondary} onClick={() => setAsking(null)}>
                Keep {NOTE_TEMPLATES[format].label}
              </button>
            </div>
          </div>
        ) : null}
        {errors.format ? <p className={errorText}>{errors.format}</p> : null}
      </fieldset>

      {errors.body ? (
        <p role="alert" className={errorText}>
          {errors.body}
        </p>
      ) : null}
      {templateFor(format).sections.map((s) => {
        const id = `note-${s.key}`
        const error = errors[`body.${s.key}`]
        const value = body[s.key] ?? ''
        return (
          <div key={`${format}-${s.key}`} className="flex flex-col gap-1">
            <label htmlFor={id} className="font-medium text-stone-800">
              {s.heading}
            </label>
            <p id={`${id}-hint`} className="text-sm text-stone-600">
              {s.hint}
            </p>
            <textarea
              id={id}
              value={value}
              disabled={disabled}
              rows={format === 'FREE' ? 14 : 6}
              maxLength={MAX_SECTION_CHARS}
              aria-invalid={error ? true : undefined}
              aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
              onChange={(e) => onChange(format, { ...body, [s.key]: e.currentTarget.value })}
              className={`w-full resize-y rounded-md border bg-white px-3 py-2 text-base leading-relaxed text-stone-900 ${error ? 'border-red-700' : 'border-stone-400'}`}
            />
            {value.length > MAX_SECTION_CHARS * 0.9 ? (
              <p className="text-sm text-stone-600">
                {value.length.toLocaleString('en-GB')} of {MAX_SECTION_CHARS.toLocaleString('en-GB')} characters
              </p>
            ) : null}
            {error ? (
              <p id={`${id}-error`} className={errorText}>
                {error}
              </p>
            ) : null}
          </div>
        )
      })}
    </>
  )
}
