import { ecrRsInstructions } from '@/lib/assessments'
import { CrisisNote, CrisisPanel } from './crisis-panel'
import { isRiskPositive } from './progress'
import { Question } from './question'
import { StepHeader } from './step-header'
import type { InstrumentPart } from './types'

function instructionsFor(part: InstrumentPart): string {
  if (part.def.id === 'ecr-rs') return ecrRsInstructions(part.relationshipTarget ?? undefined)
  return part.def.instructions
}

/** One instrument of the check-in: its questions, with the errors and help that belong to them. */
export function InstrumentStep({
  part,
  index,
  count,
  values,
  missing,
  answered,
  total,
  crisisResources,
}: {
  part: InstrumentPart
  index: number
  count: number
  values: (number | null)[]
  /** Question numbers to mark as needing an answer (empty until the client tries to move on). */
  missing: number[]
  answered: number
  total: number
  crisisResources: string
}) {
  const { def } = part
  const risky = isRiskPositive(part, values)
  return (
    <section className="flex flex-col gap-5">
      <StepHeader itemId={part.itemId} index={index} count={count} answered={answered} total={total} title={def.clientTitle} missing={missing} />
      <div className="flex flex-col gap-2 text-stone-800">
        <p>{instructionsFor(part)}</p>
        <p className="text-lg font-medium">{def.stem}</p>
      </div>
      {def.items.map((item, i) => (
        <div key={item.number} className="flex flex-col gap-3">
          <Question itemId={part.itemId} item={item} anchors={def.anchors} value={values[i] ?? null} invalid={missing.includes(item.number)} risk={item.risk} />
          {/* Shown by public/checkin.js as soon as a risk question is answered above zero; without
              script, from the answers saved when the client moves on (and on the thank-you page).
              Without script nothing can react to the answer itself, so the help lines stand next
              to the risk question from the start (CLINICAL-FRAME: crisis resources at once). */}
          {item.risk ? <CrisisPanel crisisResources={crisisResources} id={`crisis-${part.itemId}-${item.number}`} hidden={!risky} /> : null}
          {item.risk && !risky ? (
            <noscript>
              <CrisisNote crisisResources={crisisResources} />
            </noscript>
          ) : null}
        </div>
      ))}
      <p className="text-xs text-stone-500">{def.licence.attribution}</p>
    </section>
  )
}
