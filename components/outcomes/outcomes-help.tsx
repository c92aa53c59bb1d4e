// How every number on the outcomes page is defined, in words, next to the numbers (UX.md: numbers
// carry their meaning). The rules themselves live in lib/assessments and lib/db/outcomes-sql.ts.
import { getInstrument } from '@/lib/assessments/registry'
import { SYMPTOM_INSTRUMENTS, SMALL_CELL_MIN } from '@/lib/outcomes/types'

function thresholds(): string {
  return SYMPTOM_INSTRUMENTS.map((id) => {
    const def = getInstrument(id)
    const rule = def.scores.find((s) => s.key === 'total')?.change
    return rule?.kind === 'point-threshold' ? `${def.abbreviation} ${rule.threshold} points, cutoff ${rule.clinicalCutoff}` : def.abbreviation
  }).join('; ')
}

export function OutcomesHelp() {
  return (
    <details className="rounded-xl border border-stone-200 bg-white p-4">
      <summary className="min-h-11 cursor-pointer py-2 font-semibold">How these numbers are worked out</summary>
      <ul className="mt-2 flex list-disc flex-col gap-2 pl-5 text-stone-800">
        <li>
          <strong>Small numbers are hidden.</strong> A count of 1 to 4 clients is shown as “&lt; {SMALL_CELL_MIN}”, and so is any rate, median or average worked
          out over fewer than {SMALL_CELL_MIN} clients, here and in the CSV, so that no one can be recognised. The charts leave such values out. A number that
          would let someone work a hidden one out by subtraction (from the total, or from the other clinicians’ rows) reads “hidden”, and so does a rate whose
          count is hidden.
        </li>
        <li>
          <strong>Baseline</strong>: a client’s first complete score on a questionnaire on or after the start of their current episode of care (as on their
          overview). <strong>Later score</strong>: their latest complete score within the period, after the baseline. Only clients with both are counted; active
          and discharged clients alike.
        </li>
        <li>
          <strong>Reliable change</strong> (Jacobson &amp; Truax): a fall or rise of at least the questionnaire’s threshold ({thresholds()}).
          <strong> Recovered</strong>: reliably improved and moved from at or above the cutoff to below it; recovered clients are also counted as improved. The
          recovery rate is out of the clients who were at or above the cutoff at baseline.
        </li>
        <li>
          <strong>Median change</strong>: later score minus baseline; a negative number means fewer symptoms, or lower attachment anxiety or avoidance.
        </li>
        <li>
          <strong>Secure region</strong> (ECR-R, ECR-RS): both anxiety and avoidance at or below the midpoint of 4. It describes where a score lies, never a
          diagnosis. For ECR-RS the later score must be about the same relationship as the baseline.
        </li>
        <li>
          <strong>Check-ins</strong>: questionnaires sent in check-ins that closed within the period, answered (sent back in it) or run out unanswered (their
          link expired in it). Open ones are still running and cancelled ones were withdrawn, so neither counts. “Answered per client” is the average over the
          clients they were sent to.
        </li>
      </ul>
    </details>
  )
}
