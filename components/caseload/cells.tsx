// The caseload's cells, shared by the table (768 px and up) and the cards (below): what needs
// attention, scores, change and check-ins, in words first and colour second.
import Link from 'next/link'
import type { ChangeCategory } from '@/lib/assessments/types'
import { riskFlagLabel, type CaseloadViewRow, type ScoreView } from './caseload-view'

export function ScoreCell({ score }: { score: ScoreView | null }) {
  if (!score) return <Empty />
  return (
    <div className="border-l-4 pl-2" style={{ borderLeftColor: score.colour }}>
      <span className="font-semibold text-stone-900 tabular-nums">{score.value}</span>
      {score.band ? <span className="block text-sm text-stone-800">{score.band}</span> : null}
      <span className="block text-sm whitespace-nowrap text-stone-600">{score.date}</span>
    </div>
  )
}

export function ClientName({ r }: { r: CaseloadViewRow }) {
  return (
    <div className="flex flex-col">
      <Link href={r.href} className="font-medium text-accent-800 underline-offset-4 hover:underline">
        {r.name}
      </Link>
      {r.preferredName ? <span className="text-sm text-stone-600">“{r.preferredName}”</span> : null}
      {r.discharged ? <span className="text-sm text-stone-600">Discharged</span> : null}
      {r.clinician ? <span className="text-sm text-stone-600">Clinician: {r.clinician}</span> : null}
    </div>
  )
}

/** Open risk flags (the one red on the page) and overdue check-ins; calm words when there is neither. */
export function Attention({ r }: { r: CaseloadViewRow }) {
  if (r.flags === 0 && r.overdue === 0) return <span className="text-stone-600">Nothing open</span>
  return (
    <div className="flex flex-col items-start gap-1">
      {r.flags > 0 ? (
        <span className="inline-block rounded-full border border-red-700 bg-white px-2 py-0.5 text-sm font-semibold whitespace-nowrap text-red-900">
          {riskFlagLabel(r.flags)}
        </span>
      ) : null}
      {r.overdue > 0 ? (
        <span className="inline-block rounded-full border border-stone-500 bg-stone-100 px-2 py-0.5 text-sm font-semibold whitespace-nowrap text-stone-900">
          {r.overdue} overdue
        </span>
      ) : null}
    </div>
  )
}

export function Change({ change }: { change: CaseloadViewRow['change'] }) {
  if (!change) return <Empty text="Not enough scores" />
  return (
    <div className="flex flex-col items-start gap-0.5">
      <ChangeBadge category={change.category} />
      <span className="text-sm text-stone-600">{change.detail}</span>
    </div>
  )
}

export function CheckIns({ r }: { r: CaseloadViewRow }) {
  return (
    <dl className="flex flex-col gap-1 text-sm">
      <div>
        <dt className="inline text-stone-600">Last: </dt>
        <dd className="inline">
          {r.lastCheckIn ? (
            <>
              <span className="whitespace-nowrap text-stone-900">{r.lastCheckIn.date}</span>
              <span className="block text-stone-600">{r.lastCheckIn.hint}</span>
            </>
          ) : (
            <span className="text-stone-600">none yet</span>
          )}
        </dd>
      </div>
      <div>
        <dt className="inline text-stone-600">Next due: </dt>
        <dd className="inline">
          {r.nextDue ? (
            <>
              <span className="whitespace-nowrap text-stone-900">{r.nextDue.date}</span>
              <span className={`block ${r.nextDue.late ? 'font-semibold text-stone-900' : 'text-stone-600'}`}>{r.nextDue.hint}</span>
            </>
          ) : (
            <span className="text-stone-600">nothing scheduled</span>
          )}
        </dd>
      </div>
    </dl>
  )
}

/**
 * Below 768 px the caseload is a list of cards: the name, what needs attention, the scores and the
 * change, then the check-ins, with nothing cut off. Sorting is the "Sort by" menu above.
 */
export function CaseloadCards({ rows, caption, showClinician }: { rows: CaseloadViewRow[]; caption: string; showClinician: boolean }) {
  return (
    <ul aria-label={caption} className="flex flex-col gap-3 md:hidden">
      {rows.map((r) => {
        const flagged = r.flags > 0
        const scores = (['phq9', 'gad7', 'core10'] as const).flatMap((id) => {
          const s = r.scores[id]
          return s ? [{ id, ...s }] : []
        })
        return (
          <li
            key={r.id}
            className={`flex flex-col gap-2 rounded-xl border border-stone-200 border-l-4 bg-white p-4 ${flagged ? 'border-l-red-700 bg-red-50' : 'border-l-stone-200'}`}
          >
            <ClientName r={showClinician ? r : { ...r, clinician: null }} />
            {r.flags > 0 || r.overdue > 0 ? <Attention r={r} /> : null}
            {scores.length > 0 ? (
              <dl className="flex flex-wrap gap-x-5 gap-y-2">
                {scores.map((s) => (
                  <div key={s.id} className="border-l-4 pl-2" style={{ borderLeftColor: s.colour }}>
                    <dt className="text-sm text-stone-600">{s.name}</dt>
                    <dd className="font-semibold text-stone-900">
                      {s.value}
                      {s.band ? <span className="font-normal text-stone-800"> · {s.band}</span> : null}
                    </dd>
                  </div>
                ))}
              </dl>
            ) : (
              <p className="text-sm text-stone-600">No scores yet</p>
            )}
            {r.change ? (
              <p className="flex flex-wrap items-center gap-2 text-sm">
                <span className="text-stone-600">Change since baseline:</span>
                <ChangeBadge category={r.change.category} />
                <span className="text-stone-600">{r.change.detail}</span>
              </p>
            ) : null}
            {r.quadrant ? (
              <p className="text-sm">
                <span className="text-stone-600">Attachment: </span>
                {r.quadrant.text} <span className="text-stone-600">({r.quadrant.detail})</span>
              </p>
            ) : null}
            <CheckIns r={r} />
          </li>
        )
      })}
    </ul>
  )
}

// Not red: red means risk. Words carry the meaning; the style only adds emphasis.
const CHANGE_STYLES: Record<ChangeCategory, string> = {
  recovered: 'bg-accent-50 text-accent-800',
  improved: 'bg-accent-50 text-accent-800',
  'no reliable change': 'bg-stone-100 text-stone-700',
  deteriorated: 'border border-amber-700 bg-amber-50 text-amber-900',
}

function ChangeBadge({ category }: { category: ChangeCategory }) {
  return <span className={`rounded-full px-2 py-0.5 text-sm font-semibold whitespace-nowrap ${CHANGE_STYLES[category]}`}>{category}</span>
}

export function TwoLine({ main, sub, strong = false }: { main: string; sub: string; strong?: boolean }) {
  return (
    <div>
      <span className="text-stone-900">{main}</span>
      <span className={`block text-sm ${strong ? 'font-semibold text-stone-900' : 'text-stone-600'}`}>{sub}</span>
    </div>
  )
}

export function Empty({ text = 'No score' }: { text?: string }) {
  return <span className="text-stone-600">{text}</span>
}
