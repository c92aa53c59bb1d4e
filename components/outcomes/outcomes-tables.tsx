// The outcomes as tables, one per questionnaire: the accessible source of truth the charts only
// summarise. First row: the whole scope; then one row per clinician (practice view). Every number
// arrives already through the small-cell rule (lib/outcomes/view.ts). Stacks into blocks on a phone.
import { getInstrument } from '@/lib/assessments/registry'
import { isSymptomInstrument, type OutcomesGroup } from '@/lib/outcomes/types'
import { outcomesCells, type OutcomesCells } from '@/lib/outcomes/view'
import { hiddenCells, type HiddenCells } from '@/lib/outcomes/suppression'
import { STBody, STD, STH, STHead, STRow, STRowHeader, StackTable } from '@/components/ui/stack-table'
import { ScrollRegion } from '@/components/ui/scroll-region'
import type { InstrumentId } from '@/lib/assessments/types'

type Column = { key: keyof OutcomesCells; label: string }

const SYMPTOM_COLUMNS: Column[] = [
  { key: 'clients', label: 'Clients with a baseline and a later score' },
  { key: 'improved', label: 'Reliably improved' },
  { key: 'recovered', label: 'Of whom recovered' },
  { key: 'recoveryRate', label: 'Recovery rate (of those at caseness)' },
  { key: 'noChange', label: 'No reliable change' },
  { key: 'deteriorated', label: 'Reliably deteriorated' },
  { key: 'medianChange', label: 'Median change' },
  { key: 'meanAnswered', label: 'Check-ins answered per client' },
  { key: 'completion', label: 'Check-ins answered of those sent' },
]

const ATTACHMENT_COLUMNS: Column[] = [
  { key: 'clients', label: 'Clients with a baseline and a later score' },
  { key: 'anxietyChange', label: 'Median change, anxiety' },
  { key: 'avoidanceChange', label: 'Median change, avoidance' },
  { key: 'secureBaseline', label: 'Secure region at baseline' },
  { key: 'secureLatest', label: 'Secure region at latest' },
  { key: 'meanAnswered', label: 'Check-ins answered per client' },
  { key: 'completion', label: 'Check-ins answered of those sent' },
]

export function OutcomesTables({ groups, scopeLabel }: { groups: OutcomesGroup[]; scopeLabel: string }) {
  const instruments = [...new Set(groups.map((g) => g.instrumentId))]
  // Computed over every row at once: a hidden cell's partner may sit in another clinician's row.
  const hidden = hiddenCells(groups)
  return (
    <div className="flex flex-col gap-6">
      {instruments.map((id) => (
        <InstrumentTable key={id} instrumentId={id} groups={groups.filter((g) => g.instrumentId === id)} scopeLabel={scopeLabel} hidden={hidden} />
      ))}
    </div>
  )
}

function InstrumentTable({
  instrumentId,
  groups,
  scopeLabel,
  hidden,
}: {
  instrumentId: InstrumentId
  groups: OutcomesGroup[]
  scopeLabel: string
  hidden: HiddenCells
}) {
  const def = getInstrument(instrumentId)
  const columns = isSymptomInstrument(instrumentId) ? SYMPTOM_COLUMNS : ATTACHMENT_COLUMNS
  const headingId = `outcomes-${instrumentId}`
  return (
    <section aria-labelledby={headingId} className="rounded-xl border border-stone-200 bg-white p-4">
      <h3 id={headingId} className="text-lg font-semibold">
        <span aria-hidden="true" className="mr-2 inline-block size-3 rounded-full" style={{ background: def.colour }} />
        <span className="whitespace-nowrap">{def.abbreviation}</span> <span className="font-normal text-stone-600">· {def.name}</span>
      </h3>
      <ScrollRegion label={`${def.abbreviation} outcomes table`}>
        <StackTable caption={`${def.abbreviation} outcomes: ${scopeLabel.toLowerCase()} first, then per clinician`} className="mt-2 text-sm">
          <STHead>
            <STH>Group</STH>
            {columns.map((c) => (
              <STH key={c.key}>{c.label}</STH>
            ))}
          </STHead>
          <STBody>
            {groups.map((g) => {
              const cells = outcomesCells(g, scopeLabel, hidden)
              return (
                <STRow key={g.clinicianId ?? 'all'} className={g.clinicianId ? '' : 'bg-stone-50 font-medium'}>
                  <STRowHeader label="Group">{cells.clinician}</STRowHeader>
                  {columns.map((c) => (
                    <STD key={c.key} label={c.label} className="tabular-nums">
                      {cells[c.key]}
                    </STD>
                  ))}
                </STRow>
              )
            })}
          </STBody>
        </StackTable>
      </ScrollRegion>
    </section>
  )
}
