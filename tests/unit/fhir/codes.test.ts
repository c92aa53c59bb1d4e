// The codes in the export, checked against INSTRUMENTS.md itself (copied here by hand, so a typo in
// lib/assessments cannot agree with itself).
import { describe, expect, it } from 'vitest'
import { buildQuestionnaire } from '@/lib/fhir/questionnaire'
import { scoreCode } from '@/lib/fhir/observation'
import { getInstrument, listInstruments } from '@/lib/assessments/registry'

const INSTRUMENTS_MD = {
  phq9: {
    panel: '44249-1',
    items: ['44250-9', '44255-8', '44259-0', '44254-1', '44251-7', '44258-2', '44252-5', '44253-3', '44260-8'],
    total: '44261-6',
  },
  gad7: { panel: '69737-5', items: ['69725-0', '68509-9', '69733-4', '69734-2', '69735-9', '69689-8', '69736-7'], total: '70274-6' },
} as const
const ANSWERS = ['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9']

describe('LOINC codes equal INSTRUMENTS.md', () => {
  it.each(['phq9', 'gad7'] as const)('%s: panel, items, answers and total', (id) => {
    const def = getInstrument(id)
    const q = buildQuestionnaire(def)
    const expected = INSTRUMENTS_MD[id]
    expect(q.code).toEqual([{ system: 'http://loinc.org', code: expected.panel, display: def.name }])
    const items = q.item.filter((i) => i.type === 'choice')
    expect(items.map((i) => i.code?.[0]?.code)).toEqual(expected.items)
    for (const item of items)
      expect(item.answerOption?.map((o) => [o.valueCoding.system, o.valueCoding.code])).toEqual(ANSWERS.map((c) => ['http://loinc.org', c]))
    expect(scoreCode(def, def.scores[0]!).coding).toEqual([{ system: 'http://loinc.org', code: expected.total, display: def.scores[0]!.label }])
  })

  it('no other instrument claims a LOINC code (INSTRUMENTS.md gives none for CORE-10, ECR-R, ECR-RS)', () => {
    for (const def of listInstruments().filter((d) => d.id !== 'phq9' && d.id !== 'gad7')) {
      const q = buildQuestionnaire(def)
      expect(JSON.stringify(q)).not.toContain('loinc.org')
      for (const s of def.scores) expect(scoreCode(def, s).coding?.[0]?.system).toBe('https://securebase.app/fhir/CodeSystem/scores')
    }
  })
})

describe('questionnaires', () => {
  it.each(listInstruments().map((d) => [d.id, d] as const))('%s: verbatim items, version, canonical url', (id, def) => {
    const q = buildQuestionnaire(def)
    expect(q.url).toBe(`https://securebase.app/fhir/Questionnaire/${id}`)
    expect(q.version).toBe(def.instrumentVersion)
    expect(q.item[0]).toEqual({ linkId: 'stem', type: 'display', text: def.stem })
    expect(q.item.slice(1).map((i) => [i.linkId, i.text])).toEqual(def.items.map((i) => [String(i.number), i.text]))
    expect(q.copyright).toContain(def.licence.attribution)
  })
})
