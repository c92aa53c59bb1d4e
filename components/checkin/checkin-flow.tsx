'use client'
import { useEffect, useMemo, useRef, useState } from 'react'
import { buttonStyles } from '@/components/ui/button'
import { useHydrated } from '@/components/ui/use-hydrated'
import { CheckInClosed } from './checkin-closed'
import { CheckInIntro } from './checkin-intro'
import { CheckInThanks } from './checkin-thanks'
import { GoalStep } from './goal-step'
import { InstrumentStep } from './instrument-step'
import { countAnswered, initialAnswers, isRiskPositive, newSubmissionKey, partMinutes, questionCount, resumeStep, toParts, unanswered } from './progress'
import type { AnswerMap, CheckInItemView } from '@/lib/checkins/types'
import type { SaveDraftFn, SubmitFn } from './types'
import { useDraftAutosave, type SaveState } from './use-draft-autosave'

type Step = 'intro' | number | 'done' | 'closed'

const saveText: Record<SaveState, string> = {
  idle: '',
  saving: 'Saving…',
  saved: 'Your answers so far are saved.',
  failed: "We couldn't save your latest answers. They are still on this page; please check your connection.",
}

export function CheckInFlow({
  token,
  practiceName,
  crisisResources,
  openUntil,
  items,
  initialDraft,
  saveDraft,
  submit,
}: {
  token: string
  practiceName: string
  crisisResources: string
  openUntil: string
  items: CheckInItemView[]
  initialDraft: AnswerMap | null
  saveDraft: SaveDraftFn
  submit: SubmitFn
}) {
  const parts = useMemo(() => toParts(items), [items])
  const [answers, setAnswers] = useState<AnswerMap>(() => initialAnswers(parts, initialDraft))
  const [step, setStep] = useState<Step>(() => resumeStep(parts, answers))
  // A reload lands straight on the first part with a question left, with a word of welcome.
  const [welcomeBack, setWelcomeBack] = useState(() => typeof step === 'number')
  // Parts where the client tried to move on with gaps: their unanswered questions are marked.
  const [attempted, setAttempted] = useState<Record<string, boolean>>({})
  // One key per page load: a double click or a retry sends the same key and stores one response.
  const [submissionKey] = useState(newSubmissionKey)
  const [pending, setPending] = useState(false)
  const sending = useRef(false)
  const [sendError, setSendError] = useState(false)
  const [crisisAfter, setCrisisAfter] = useState(false)
  const [focus, setFocus] = useState<{ to: 'heading' | 'summary'; n: number } | null>(null)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const summaryRef = useRef<HTMLDivElement>(null)
  const hydrated = useHydrated()

  const moveFocus = (to: 'heading' | 'summary') => setFocus((f) => ({ to, n: (f?.n ?? 0) + 1 }))
  const go = (next: Step) => {
    setStep(next)
    setWelcomeBack(false)
    moveFocus('heading')
  }

  const saveState = useDraftAutosave(token, answers, saveDraft, {
    enabled: typeof step === 'number' && !pending,
    onClosed: () => go('closed'),
  })

  useEffect(() => {
    if (!focus) return
    if (focus.to === 'heading') window.scrollTo(0, 0)
    ;(focus.to === 'summary' ? summaryRef.current : headingRef.current)?.focus()
  }, [focus])

  const total = parts.reduce((n, p) => n + questionCount(p), 0)
  const minutes = parts.reduce((n, p) => n + partMinutes(p), 0)

  if (step === 'closed') return <CheckInClosed practiceName={practiceName} headingRef={headingRef} />
  if (step === 'done') {
    return <CheckInThanks practiceName={practiceName} crisis={crisisAfter} crisisResources={crisisResources} headingRef={headingRef} />
  }
  if (parts.length === 0) {
    // Every part fell away (e.g. a goal check-in after the goals were paused): nothing to answer.
    return (
      <section className="flex flex-col gap-4">
        <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-semibold">
          Nothing to answer this time
        </h1>
        <p className="text-lg text-stone-700">
          There are no questions for you in this check-in. You can close this page; {practiceName} will be in touch about the next one.
        </p>
      </section>
    )
  }
  if (step === 'intro') {
    return (
      <CheckInIntro
        practiceName={practiceName}
        questions={total}
        minutes={minutes}
        openUntil={openUntil}
        disabled={!hydrated}
        onStart={() => {
          const at = resumeStep(parts, answers)
          go(at === 'intro' ? 0 : at)
        }}
        headingRef={headingRef}
      />
    )
  }

  const index = step
  const part = parts[index]!
  const isLast = index === parts.length - 1
  const values = answers[part.itemId] ?? []
  const gaps = unanswered(values)

  function answer(i: number, value: number) {
    setSendError(false)
    setAnswers((prev) => {
      const next = [...(prev[part.itemId] ?? [])]
      next[i] = value
      return { ...prev, [part.itemId]: next }
    })
  }

  /** Points out the gaps of a part instead of moving on. */
  function showGaps(at: number) {
    const id = parts[at]!.itemId
    setAttempted((a) => ({ ...a, [id]: true }))
    if (at !== index) setStep(at)
    moveFocus('summary')
  }

  function next() {
    if (gaps.length > 0) return showGaps(index)
    go(index + 1)
  }

  async function send() {
    if (sending.current) return
    const firstGap = parts.findIndex((p) => unanswered(answers[p.itemId]).length > 0)
    if (firstGap !== -1) return showGaps(firstGap)
    sending.current = true
    setPending(true)
    setSendError(false)
    try {
      const r = await submit(token, submissionKey, answers)
      if (r.status === 'submitted') {
        setCrisisAfter(r.crisis || parts.some((p) => isRiskPositive(p, answers[p.itemId])))
        go('done')
      } else if (r.status === 'incomplete') {
        const at = parts.findIndex((p) => (r.missing[p.itemId]?.length ?? 0) > 0)
        showGaps(at === -1 ? index : at)
      } else if (r.status === 'inactive' || r.status === 'not-found') {
        go('closed')
      } else {
        setSendError(true)
      }
    } catch {
      setSendError(true)
    } finally {
      sending.current = false
      setPending(false)
    }
  }

  return (
    <div className="flex flex-col gap-6">
      {welcomeBack ? (
        <p className="rounded-md bg-accent-50 px-3 py-2 text-accent-800">
          Welcome back. Your earlier answers have been kept, so you can carry on where you left off.
        </p>
      ) : null}
      {part.kind === 'goals' ? (
        <GoalStep
          part={part}
          index={index}
          count={parts.length}
          values={values}
          missing={attempted[part.itemId] ? gaps : []}
          answered={countAnswered(answers)}
          total={total}
          headingRef={headingRef}
          summaryRef={summaryRef}
          onAnswer={answer}
        />
      ) : (
        <InstrumentStep
          part={part}
          index={index}
          count={parts.length}
          values={values}
          missing={attempted[part.itemId] ? gaps : []}
          answered={countAnswered(answers)}
          total={total}
          crisisResources={crisisResources}
          headingRef={headingRef}
          summaryRef={summaryRef}
          onAnswer={answer}
        />
      )}
      {sendError ? (
        <p role="alert" className="rounded-md border-2 border-red-700 bg-white px-3 py-2 text-red-900">
          We couldn&apos;t send your answers just now. Nothing has been lost: please try again in a moment.
        </p>
      ) : null}
      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-between">
        <button type="button" onClick={() => go(index === 0 ? 'intro' : index - 1)} disabled={!hydrated || pending} className={buttonStyles.secondary}>
          Back
        </button>
        {isLast ? (
          <button
            type="button"
            onClick={() => void send()}
            disabled={!hydrated || pending}
            aria-disabled={!hydrated || pending}
            className={buttonStyles.primary}
          >
            {pending ? 'Sending…' : 'Send my answers'}
          </button>
        ) : (
          <button type="button" onClick={next} disabled={!hydrated} className={buttonStyles.primary}>
            Next
          </button>
        )}
      </div>
      <p role="status" aria-live="polite" className="min-h-6 text-sm text-stone-600">
        {saveText[saveState]}
      </p>
    </div>
  )
}
