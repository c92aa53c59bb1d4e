// The four sections of 'Needs attention' (server components: plain text and links, no state).
// Open risk flags come first and are marked in red with words (a heading, a 'Risk' badge), never
// colour alone. Every client name is one link to the client's overview.
import Link from 'next/link'
import { cardStyles } from '@/components/ui/card-styles'
import { COMPLETED_WINDOW_DAYS, type AttentionClient, type AttentionList, type AttentionSection } from '@/lib/attention/types'
import { changeText, clientName, completedText, flagText, overdueText, type Ctx } from './attention-view'

const MAX_FLAGS_SHOWN = 3

export function AttentionSections({ list, timeZone }: { list: AttentionList; timeZone: string }) {
  const ctx: Ctx = { timeZone, today: list.today }
  return (
    <div className="grid items-start gap-6 lg:grid-cols-2">
      <Section
        id="attention-risk"
        title="Open risk flags"
        risk
        section={list.risk}
        description="Positive answers on a risk question that are not yet resolved. Open the client to acknowledge or resolve them."
        empty="No open risk flags."
        more="/clients?risk=1"
        render={(item) => (
          <ul className="flex flex-col gap-1">
            {item.flags.slice(0, MAX_FLAGS_SHOWN).map((f, i) => (
              <li key={i}>{flagText(f, ctx)}</li>
            ))}
            {item.flags.length > MAX_FLAGS_SHOWN ? <li>and {item.flags.length - MAX_FLAGS_SHOWN} more open flags</li> : null}
          </ul>
        )}
      />
      <Section
        id="attention-deteriorated"
        title="Reliable deterioration since baseline"
        section={list.deteriorated}
        description="The latest score is worse than the first score of the episode by at least the instrument's reliable-change threshold."
        empty="No client has deteriorated reliably since baseline."
        more="/clients?deteriorated=1"
        render={(item) => {
          const t = changeText(item)
          return (
            <p>
              <span aria-hidden="true">{t.shown}</span>
              <span className="sr-only">{t.spoken}</span> <span className="text-stone-600">{t.rule}</span>
            </p>
          )
        }}
      />
      <Section
        id="attention-overdue"
        title="Overdue check-ins"
        section={list.overdue}
        description="Check-ins still open after their due date, or closed unanswered in the last 30 days."
        empty="No overdue check-ins."
        more="/clients?overdue=1"
        render={(item) => <p>{overdueText(item, ctx)}</p>}
      />
      <Section
        id="attention-completed"
        title="Completed since you last looked"
        section={list.completed}
        description={`Check-ins completed since you last opened the client's record, from the last ${COMPLETED_WINDOW_DAYS} days.`}
        empty={`No new check-ins in the last ${COMPLETED_WINDOW_DAYS} days since you last looked.`}
        more="/clients?sort=lastCheckIn&dir=desc"
        render={(item) => <p>{completedText(item, ctx)}</p>}
      />
    </div>
  )
}

function Section<T extends AttentionClient>({
  id,
  title,
  risk = false,
  section,
  description,
  empty,
  more,
  render,
}: {
  id: string
  title: string
  risk?: boolean
  section: AttentionSection<T>
  description: string
  empty: string
  more: string
  render: (item: T) => React.ReactNode
}) {
  const flagged = risk && section.total > 0
  const hidden = section.total - section.items.length
  return (
    <section aria-labelledby={id} className={`${cardStyles} flex flex-col gap-3 ${risk ? 'lg:col-span-2' : ''} ${flagged ? 'border-2 border-red-700' : ''}`}>
      <div>
        <h2 id={id} className={`flex flex-wrap items-baseline gap-x-2 text-lg font-semibold ${flagged ? 'text-red-900' : ''}`}>
          {title}
          <span className={`rounded-full px-2 text-base ${flagged ? 'border border-red-700 bg-white' : 'bg-stone-100 text-stone-800'}`}>
            {section.total}
            <span className="sr-only"> {section.total === 1 ? 'client' : 'clients'}</span>
          </span>
        </h2>
        <p className="text-sm text-stone-600">{description}</p>
      </div>
      {section.items.length === 0 ? (
        <p className="text-stone-700">{empty}</p>
      ) : (
        <ul className="flex flex-col divide-y divide-stone-100">
          {section.items.map((item) => {
            const { name, preferred } = clientName(item)
            return (
              <li key={item.id} className="flex flex-col gap-1 py-3 first:pt-0 last:pb-0">
                <div className="flex flex-wrap items-center gap-x-2">
                  <Link href={`/clients/${item.id}`} className="font-medium text-accent-800 underline underline-offset-4 hover:text-accent-700">
                    {name}
                  </Link>
                  {preferred ? <span className="text-stone-600">({preferred})</span> : null}
                  {risk ? <span className="rounded-full border border-red-700 bg-white px-2 py-0.5 text-sm font-semibold text-red-900">Risk</span> : null}
                </div>
                <div className="text-stone-800 [overflow-wrap:anywhere]">{render(item)}</div>
              </li>
            )
          })}
        </ul>
      )}
      {hidden > 0 ? (
        <p>
          <Link href={more} className="font-medium text-accent-800 underline underline-offset-4">
            and {hidden} more in the caseload
          </Link>
        </p>
      ) : null}
    </section>
  )
}
