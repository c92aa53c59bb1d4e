// A note, read-only. Everything is rendered as text (React escapes it); whitespace is preserved
// with CSS, never by turning text into HTML.
import { groupSigns } from '@/lib/notes/signs'
import { templateFor, type NoteBody, type NoteFormat } from '@/lib/notes/templates'
import type { ScoreSnapshot } from '@/lib/notes/snapshot'
import { ScoreSnapshotTable } from './score-snapshot'

export interface NoteViewData {
  format: NoteFormat
  body: NoteBody
  goals: { goalId: string; title: string; rating: number | null; comment: string }[]
  signs: string[]
  snapshot: ScoreSnapshot | null
}

export function NoteView({ note, timeZone = 'UTC' }: { note: NoteViewData; timeZone?: string }) {
  const sections = templateFor(note.format).sections
  const signs = groupSigns(note.signs)
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-4">
        {sections.map((s) => (
          <section key={s.key} aria-labelledby={`view-${s.key}`}>
            <h2 id={`view-${s.key}`} className={note.format === 'FREE' ? 'sr-only' : 'font-semibold text-stone-800'}>
              {s.heading}
            </h2>
            {note.body[s.key]?.trim() ? (
              <p className="whitespace-pre-wrap break-words text-stone-900">{note.body[s.key]}</p>
            ) : (
              <p className="text-stone-600">Nothing written.</p>
            )}
          </section>
        ))}
      </div>

      <section aria-labelledby="view-goals">
        <h2 id="view-goals" className="mb-2 font-semibold text-stone-800">
          Goals worked on
        </h2>
        {note.goals.length === 0 ? (
          <p className="text-stone-600">None recorded.</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {note.goals.map((g) => (
              <li key={g.goalId} className="rounded-md border border-stone-200 p-3">
                <p className="font-medium">{g.title}</p>
                <p className="text-stone-700">{g.rating === null ? 'Progress not rated' : `Progress ${g.rating} out of 10`}</p>
                {g.comment ? <p className="mt-1 whitespace-pre-wrap break-words text-stone-800">{g.comment}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="view-signs">
        <h2 id="view-signs" className="mb-2 font-semibold text-stone-800">
          Signs of movement toward security
        </h2>
        {signs.length === 0 ? (
          <p className="text-stone-600">None recorded.</p>
        ) : (
          <dl className="grid gap-2 sm:grid-cols-2">
            {signs.map((g) => (
              <div key={g.key}>
                <dt className="font-medium">{g.label}</dt>
                <dd>
                  <ul className="list-inside list-disc text-stone-800">
                    {g.signs.map((s) => (
                      <li key={s.key}>{s.label}</li>
                    ))}
                  </ul>
                </dd>
              </div>
            ))}
          </dl>
        )}
      </section>

      {note.snapshot ? <ScoreSnapshotTable snapshot={note.snapshot} timeZone={timeZone} headingLevel={2} /> : null}
    </div>
  )
}
