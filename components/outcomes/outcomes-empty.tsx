// What an empty outcomes view means and what to do about it: outcomes need a baseline and a later
// score, so a new practice (or a narrow filter) has nothing to count yet.
import Link from 'next/link'
import { buttonStyles } from '@/components/ui/button-styles'

export function OutcomesEmpty({ scope }: { scope: 'practice' | 'own' }) {
  return (
    <section aria-labelledby="outcomes-empty" className="rounded-xl border border-dashed border-stone-300 bg-white p-6 text-center">
      <h2 id="outcomes-empty" className="text-lg font-semibold">
        Nothing to count in this period
      </h2>
      <p className="mx-auto mt-1 max-w-prose text-stone-600">
        Outcomes count clients who have a baseline score and a later score within the period, and check-ins that were due in it. None match these filters
        {scope === 'own' ? ' on your caseload' : ''}. Try a longer period or fewer filters; if your clients have no check-ins yet, assign a questionnaire from a
        client’s page.
      </p>
      <div className="mt-4 flex flex-wrap justify-center gap-3">
        <Link href="/outcomes" className={buttonStyles.primary}>
          Show the last 12 months
        </Link>
        <Link href="/clients" className={buttonStyles.secondary}>
          Go to clients
        </Link>
      </div>
    </section>
  )
}
