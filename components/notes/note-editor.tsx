'use client'
import { useMemo, useState, useTransition } from 'react'
import { useRouter } from 'next/navigation'
import { templateFor, type NoteBody, type NoteFormat } from '@/lib/notes/templates'
import { signLabel } from '@/lib/notes/signs'
import type { ScoreSnapshot } from '@/lib/notes/snapshot'
import type { ActionState } from '@/lib/actions/result'
import { buttonStyles } from '@/components/ui/button'
import { NoteBodyFields } from './note-body-fields'
import { NoteGoalsFields, type GoalEntry } from './note-goals-fields'
import { NoteSignsFields } from './note-signs-fields'
import { SaveStatusLine } from './save-status'
import { ScoreSnapshotTable } from './score-snapshot'
import { SignButton } from './sign-button'
import { useNoteAutosave } from './use-note-autosave'
import type { GoalOption } from '@/lib/goals/types'
import type { EditorInitial, NotePayload, NoteScoresFn, SaveNoteFn, SignNoteFn } from './types'

const errorText = 'text-sm font-medium text-red-800'

/**
 * The session note editor. Nothing is created when it opens: the first autosave creates the
 * draft (with an id chosen by the page, so a retried first save cannot make a second note).
 */
export function NoteEditor({
  clientId,
  draftId,
  initial,
  goals,
  today,
  timeZone,
  save,
  scores,
  sign,
}: {
  clientId: string
  draftId: string
  initial: EditorInitial
  goals: GoalOption[]
  /** Latest allowed session date (YYYY-MM-DD, the practice's today). */
  today: string
  timeZone: string
  save: SaveNoteFn
  scores: NoteScoresFn
  sign: SignNoteFn
}) {
  const router = useRouter()
  const [sessionDate, setSessionDate] = useState(initial.payload.sessionDate)
  const [format, setFormat] = useState<NoteFormat>(initial.payload.format)
  const [body, setBody] = useState<NoteBody>(initial.payload.body)
  const [selected, setSelected] = useState<Record<string, GoalEntry>>(() =>
    Object.fromEntries(initial.payload.goals.map((g) => [g.goalId, { rating: g.rating, comment: g.comment }])),
  )
  const [signs, setSigns] = useState<string[]>(initial.payload.signs)
  const [snapshot, setSnapshot] = useState<ScoreSnapshot | null>(initial.snapshot)
  const [noteId, setNoteId] = useState(initial.noteId)
  const [scoresMessage, setScoresMessage] = useState('')
  const [scoresPending, startScores] = useTransition()

  // Goals shown: active ones, plus any already linked to this note whatever their status now.
  const goalOptions = useMemo(
    () => goals.filter((g) => g.status === 'ACTIVE' || initial.payload.goals.some((l) => l.goalId === g.id)),
    [goals, initial.payload.goals],
  )

  const payload = useMemo<NotePayload>(
    () => ({
      sessionDate,
      format,
      body,
      goals: goalOptions.flatMap((g) => {
        const s = selected[g.id]
        return s ? [{ goalId: g.id, rating: s.rating, comment: s.comment }] : []
      }),
      signs,
    }),
    [sessionDate, format, body, goalOptions, selected, signs],
  )

  const autosave = useNoteAutosave({
    payload,
    initialNoteId: initial.noteId,
    initialVersion: initial.version,
    draftId,
    save,
    onCreated: (id) => {
      setNoteId(id)
      // The address becomes the note's own, so a reload opens this draft rather than a new one.
      window.history.replaceState(null, '', `/clients/${clientId}/notes/${id}`)
    },
  })
  const errors = autosave.fieldErrors
  const stopped = autosave.status.kind === 'stopped'
  const locked = stopped || autosave.status.kind === 'done'

  const copyText = () => {
    const parts = templateFor(format).sections.map((s) => (format === 'FREE' ? body[s.key] : `${s.heading}\n${body[s.key] ?? ''}`))
    for (const g of payload.goals) {
      const title = goals.find((o) => o.id === g.goalId)?.title ?? 'Goal'
      parts.push(`${title}: ${g.rating === null ? 'not rated' : `${g.rating}/10`}${g.comment ? ` — ${g.comment}` : ''}`)
    }
    if (signs.length) parts.push(`Signs: ${signs.map(signLabel).join('; ')}`)
    return parts.join('\n\n')
  }

  const changeScores = (mode: 'insert' | 'remove') =>
    startScores(async () => {
      setScoresMessage('')
      const r = await autosave.run((id, version) => scores(id, version, mode), { createIfNew: true })
      if (!r) return
      autosave.acknowledge(r)
      if (r.status === 'saved') {
        setSnapshot(r.snapshot)
        setScoresMessage(mode === 'insert' ? 'Scores inserted into the note.' : 'Scores removed from the note.')
      }
    })

  const signNow = async (): Promise<ActionState> => {
    const r = await autosave.run((id, version) => sign(id, version))
    if (!r) return { status: 'error', message: 'The note was not signed because the latest changes could not be saved. See the message above.' }
    if (r.status === 'success') autosave.finish('Signed. Opening the signed note…')
    return r
  }

  return (
    <form
      noValidate
      className="flex flex-col gap-6"
      onSubmit={(e) => {
        e.preventDefault()
        void autosave.flush()
      }}
      onBlur={() => void autosave.flush()}
    >
      {initial.revision > 1 ? (
        <p className="rounded-md bg-accent-50 px-3 py-2 text-accent-800">
          You are amending a signed note. The signed version stays as it is; this amendment becomes version {initial.revision} when you sign it.
        </p>
      ) : null}
      <div className="sticky top-0 z-10 -mx-4 border-b border-stone-200 bg-stone-50/95 px-4 py-2 sm:static sm:mx-0 sm:border-0 sm:bg-transparent sm:p-0">
        <SaveStatusLine status={autosave.status} copyText={copyText} />
      </div>

      <fieldset disabled={locked} className="flex min-w-0 flex-col gap-6">
        <div className="flex flex-col gap-1 sm:max-w-xs">
          <label htmlFor="note-sessionDate" className="font-medium text-stone-800">
            Session date
          </label>
          <input
            id="note-sessionDate"
            type="date"
            value={sessionDate}
            max={today}
            required
            onChange={(e) => setSessionDate(e.currentTarget.value)}
            aria-invalid={errors.sessionDate ? true : undefined}
            aria-describedby={errors.sessionDate ? 'note-sessionDate-error' : undefined}
            className={`min-h-11 rounded-md border bg-white px-3 py-2 ${errors.sessionDate ? 'border-red-700' : 'border-stone-400'}`}
          />
          {errors.sessionDate ? (
            <p id="note-sessionDate-error" className={errorText}>
              {errors.sessionDate}
            </p>
          ) : null}
        </div>

        <NoteBodyFields
          format={format}
          body={body}
          errors={errors}
          onChange={(f, b) => {
            setFormat(f)
            setBody(b)
          }}
        />
        <NoteGoalsFields goals={goalOptions} selected={selected} errors={errors} onChange={setSelected} />
        <NoteSignsFields signs={signs} error={errors.signs} onChange={setSigns} />

        <section aria-labelledby="scores-in-note" className="flex flex-col gap-3 rounded-md border border-stone-200 bg-white p-3">
          <h2 id="scores-in-note" className="font-medium">
            Scores in this note
          </h2>
          {snapshot ? (
            <ScoreSnapshotTable snapshot={snapshot} timeZone={timeZone} headingLevel={3} />
          ) : (
            <p className="text-sm text-stone-600">
              Insert the client&rsquo;s scores since baseline (latest, baseline and change per questionnaire) as they are now. They stay in the note as data.
            </p>
          )}
          <div className="flex flex-wrap gap-2">
            <button type="button" className={buttonStyles.secondary} disabled={scoresPending} onClick={() => changeScores('insert')}>
              {scoresPending ? 'Working…' : snapshot ? 'Update scores' : 'Insert scores'}
            </button>
            {snapshot ? (
              <button type="button" className={buttonStyles.secondary} disabled={scoresPending} onClick={() => changeScores('remove')}>
                Remove scores
              </button>
            ) : null}
          </div>
          <p role="status" className="text-sm text-stone-700">
            {scoresMessage}
          </p>
        </section>
      </fieldset>

      {noteId && !stopped ? (
        <div className="flex flex-col gap-2 border-t border-stone-200 pt-4">
          <p className="text-sm text-stone-600">Sign when the note is final. Until then it is a draft that only you can see and edit.</p>
          <SignButton
            sign={signNow}
            onSigned={() => {
              router.replace(`/clients/${clientId}/notes/${noteId}`)
              router.refresh()
            }}
          />
        </div>
      ) : null}
    </form>
  )
}
