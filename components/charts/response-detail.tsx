'use client'
// The item-level answers behind a chart point, in a modal dialog. Focus moves into the dialog and
// back to the point that opened it; risk items say so in words, not only in colour.
import { createContext, useCallback, useContext, useRef, useState } from 'react'
import type { ResponseDetail, ResponseDetailResult } from '@/lib/assessments/response-detail'
import { quadrantLabel, scoreSummary } from '@/lib/assessments/labels'
import { isRiskAnswer } from '@/lib/assessments/scoring'
import { formatDateTime } from '@/lib/format'
import { buttonStyles } from '@/components/ui/button'

type OpenDetail = (responseId: string, opener: Element | null) => void
const DetailContext = createContext<OpenDetail | null>(null)

/** Null outside a provider (e.g. the printed report): points are then not interactive. */
export function useResponseDetail(): OpenDetail | null {
  return useContext(DetailContext)
}

type State = { status: 'idle' } | { status: 'loading' } | ResponseDetailResult

export function ResponseDetailProvider({ load, children }: { load: (responseId: string) => Promise<ResponseDetailResult>; children: React.ReactNode }) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  const openerRef = useRef<Element | null>(null)
  const requestRef = useRef(0)
  const [state, setState] = useState<State>({ status: 'idle' })

  const open = useCallback<OpenDetail>(
    (responseId, opener) => {
      openerRef.current = opener
      const request = ++requestRef.current
      setState({ status: 'loading' })
      if (!dialogRef.current?.open) dialogRef.current?.showModal()
      // Fire and forget: a failed load becomes the error state (the catch), and an answer that
      // arrives after another open or a close is dropped (the request counter).
      void load(responseId)
        .catch((): ResponseDetailResult => ({ status: 'error', message: 'The answers could not be loaded. Please try again.' }))
        .then((result) => {
          if (request === requestRef.current) setState(result)
        })
    },
    [load],
  )

  const onClose = () => {
    requestRef.current++
    setState({ status: 'idle' })
    const opener = openerRef.current
    if (opener && 'focus' in opener) (opener as HTMLElement).focus()
  }

  return (
    <DetailContext.Provider value={open}>
      {children}
      <dialog
        ref={dialogRef}
        onClose={onClose}
        aria-labelledby="response-detail-heading"
        className="m-auto max-h-[90vh] w-[calc(100%-1rem)] max-w-2xl overflow-y-auto rounded-xl border border-stone-300 bg-white p-0 text-stone-900 shadow-xl backdrop:bg-stone-900/40"
      >
        <div className="sticky top-0 flex items-start justify-between gap-3 border-b border-stone-200 bg-white p-4">
          <h2 id="response-detail-heading" className="text-lg font-semibold">
            {state.status === 'success' ? `${state.detail.abbreviation} answers` : 'Answers'}
          </h2>
          <button type="button" className={buttonStyles.secondary} onClick={() => dialogRef.current?.close()}>
            Close
          </button>
        </div>
        <div className="p-4" aria-live="polite">
          {state.status === 'loading' ? <p className="text-stone-600">Loading the answers…</p> : null}
          {state.status === 'error' ? (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-900">
              {state.message}
            </p>
          ) : null}
          {state.status === 'success' ? <DetailBody detail={state.detail} /> : null}
        </div>
      </dialog>
    </DetailContext.Provider>
  )
}

function DetailBody({ detail }: { detail: ResponseDetail }) {
  return (
    <div className="flex flex-col gap-3">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="text-stone-600">Questionnaire</dt>
        <dd>
          {detail.name}
          {detail.relationshipTarget ? ` · about ${detail.relationshipTarget}` : ''}
        </dd>
        <dt className="text-stone-600">Answered by</dt>
        <dd>{detail.answeredBy}</dd>
        <dt className="text-stone-600">When</dt>
        <dd>{formatDateTime(detail.submittedAt, detail.timeZone)}</dd>
        <dt className="text-stone-600">Score</dt>
        <dd>
          {Object.keys(detail.scores).length ? scoreSummary(detail.scores, detail.band) : 'not scored (incomplete)'}
          {detail.quadrant ? ` · ${quadrantLabel(detail.quadrant)}` : ''}
        </dd>
        <dt className="text-stone-600">Versions</dt>
        <dd className="text-sm text-stone-700">
          {detail.instrumentVersion} · {detail.scoringVersion}
        </dd>
      </dl>
      {detail.risk ? (
        <p className="rounded-md border-2 border-red-700 bg-red-50 px-3 py-2 font-medium text-red-900">
          A risk item was answered above “Not at all”: see the highlighted question below.
        </p>
      ) : null}
      <ol className="flex flex-col divide-y divide-stone-100">
        {detail.items.map((item) => {
          const flagged = isRiskAnswer(item, item.value)
          return (
            <li
              key={item.number}
              className={`flex flex-col gap-1 py-2 sm:flex-row sm:items-baseline sm:justify-between sm:gap-4 ${
                item.risk ? `border-l-4 pl-3 ${flagged ? 'border-red-700 bg-red-50' : 'border-stone-400'}` : ''
              }`}
            >
              <span>
                <span className="font-medium">{item.number}.</span> {item.text}
                {item.risk ? (
                  <span className={`ml-2 rounded px-2 py-0.5 text-sm font-medium ${flagged ? 'bg-red-700 text-white' : 'bg-stone-200 text-stone-800'}`}>
                    risk item
                  </span>
                ) : null}
              </span>
              <span className={`shrink-0 ${flagged ? 'font-semibold text-red-900' : 'text-stone-800'}`}>
                {item.label}
                {item.value !== null ? <span className="text-stone-600"> ({item.value})</span> : null}
              </span>
            </li>
          )
        })}
      </ol>
    </div>
  )
}
