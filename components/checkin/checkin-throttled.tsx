import { CrisisLines } from './crisis-lines'

/**
 * What a blocked address sees instead of any check-in (lib/db/system/checkin-link-throttle.ts). No
 * practice is named: nothing was looked up. Help lines stay on the page, because a client who came
 * to say how they are doing may need them tonight, whatever happened to the link.
 */
export function CheckInThrottled({ minutes, crisisResources }: { minutes: number; crisisResources: string }) {
  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="throttled-title" className="flex flex-col gap-4">
        <h1 id="throttled-title" className="text-2xl font-semibold">
          Too many attempts
        </h1>
        <p className="text-lg text-stone-700">Too many attempts from this device. For your security, links can&apos;t be opened for a while.</p>
        <p className="text-lg text-stone-700">
          Please try again in {minutes} minutes, or ask your therapist for a new link. Any answers you already sent are safe.
        </p>
      </section>
      <section aria-labelledby="throttled-help" className="rounded-lg border border-stone-300 bg-white p-4 text-stone-900">
        <h2 id="throttled-help" className="text-lg font-semibold">
          If you need support now
        </h2>
        <CrisisLines text={crisisResources} />
      </section>
    </div>
  )
}
