'use client'
import { SIGN_GROUPS } from '@/lib/notes/signs'

/** Observed signs of movement toward security, one fieldset per group (CLINICAL-FRAME.md). */
export function NoteSignsFields({
  signs,
  error,
  disabled,
  onChange,
}: {
  signs: string[]
  error?: string
  disabled?: boolean
  onChange: (next: string[]) => void
}) {
  const toggle = (key: string, on: boolean) => onChange(on ? [...signs.filter((s) => s !== key), key] : signs.filter((s) => s !== key))
  return (
    <fieldset className="flex min-w-0 flex-col gap-3" disabled={disabled} aria-describedby="signs-hint">
      <legend className="mb-1 font-medium">Signs of movement toward security</legend>
      <p id="signs-hint" className="text-sm text-stone-600">
        Optional: what you observed in this session.
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        {SIGN_GROUPS.map((g) => (
          <fieldset key={g.key} className="min-w-0 rounded-md border border-stone-200 bg-white p-3">
            <legend className="px-1 font-medium text-stone-800">{g.label}</legend>
            {g.signs.map((s) => (
              <label key={s.key} className="flex min-h-11 items-center gap-3">
                <input type="checkbox" checked={signs.includes(s.key)} onChange={(e) => toggle(s.key, e.currentTarget.checked)} className="h-5 w-5" />
                {s.label}
              </label>
            ))}
          </fieldset>
        ))}
      </div>
      {error ? <p className="text-sm font-medium text-red-800">{error}</p> : null}
    </fieldset>
  )
}
