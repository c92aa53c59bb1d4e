/** The one kind answer for a link that is revoked, expired or already used. */
export function CheckInClosed({ practiceName }: { practiceName: string }) {
  return (
    <section className="flex flex-col gap-4">
      <h1 tabIndex={-1} className="text-2xl font-semibold">
        This check-in is no longer open
      </h1>
      <p className="text-lg text-stone-700">
        It may already have been sent, or the time for it has passed. Please contact your clinician at {practiceName} if you think this is a mistake.
      </p>
      <p className="text-stone-700">You can close this page.</p>
    </section>
  )
}
