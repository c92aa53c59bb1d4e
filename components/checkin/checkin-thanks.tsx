import { CrisisPanel } from './crisis-panel'

export function CheckInThanks({ practiceName, crisis, crisisResources }: { practiceName: string; crisis: boolean; crisisResources: string }) {
  return (
    <section className="flex flex-col gap-4">
      <h1 tabIndex={-1} className="text-2xl font-semibold">
        Thank you — your answers have been sent
      </h1>
      <p className="text-lg text-stone-700">
        Your answers have gone to your clinician at {practiceName}. They may talk them through with you next time you meet.
      </p>
      {crisis ? <CrisisPanel crisisResources={crisisResources} id="crisis-after" /> : null}
      <p className="text-stone-700">You can close this page now.</p>
    </section>
  )
}
