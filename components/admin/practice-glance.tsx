// 'Practice at a glance' on the admin's home: the practice's counts of what 'Needs attention' lists
// for a clinician. Numbers only, never a client; each links to the matching filtered caseload when
// the admin may see that list (`links`), else stays a plain number.
import Link from 'next/link'
import { cardStyles } from '@/components/ui/card-styles'
import { COMPLETED_WINDOW_DAYS, type PracticeGlance } from '@/lib/attention/types'

const plural = (n: number, one: string, many = `${one}s`) => (n === 1 ? one : many)

export function PracticeGlancePanel({ counts, links }: { counts: PracticeGlance; links: boolean }) {
  const tiles = [
    { key: 'risk', n: counts.risk, label: `${plural(counts.risk, 'client')} with open risk flags`, href: '/clients?scope=all&risk=1', risk: true },
    {
      key: 'deteriorated',
      n: counts.deteriorated,
      label: `${plural(counts.deteriorated, 'client')} with reliable deterioration`,
      href: '/clients?scope=all&deteriorated=1',
    },
    { key: 'overdue', n: counts.overdue, label: `${plural(counts.overdue, 'client')} with overdue check-ins`, href: '/clients?scope=all&overdue=1' },
    {
      key: 'completed',
      n: counts.completed,
      label: `${plural(counts.completed, 'check-in')} completed in the last ${COMPLETED_WINDOW_DAYS} days`,
      href: '/clients?scope=all&sort=lastCheckIn&dir=desc',
    },
  ]
  return (
    <section aria-labelledby="practice-glance" className={`${cardStyles} flex flex-col gap-3`}>
      <div>
        <h2 id="practice-glance" className="text-xl font-semibold">
          Practice at a glance
        </h2>
        <p className="text-sm text-stone-600">Active clients of the whole practice; counts only.</p>
      </div>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {tiles.map((t) => {
          const flagged = t.risk && t.n > 0
          const body = (
            <>
              <span className={`block text-3xl font-semibold ${flagged ? 'text-red-900' : 'text-stone-900'}`}>{t.n}</span>
              <span className="block text-stone-700">{t.label}</span>
            </>
          )
          const box = `block h-full rounded-lg border px-4 py-3 ${flagged ? 'border-2 border-red-700' : 'border-stone-200'}`
          return (
            <li key={t.key}>
              {links ? (
                <Link href={t.href} className={`${box} hover:bg-stone-50 focus-visible:outline-2`}>
                  {body}
                </Link>
              ) : (
                <div className={box}>{body}</div>
              )}
            </li>
          )
        })}
      </ul>
    </section>
  )
}
