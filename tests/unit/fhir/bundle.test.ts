import { beforeAll, describe, expect, it } from 'vitest'
import { buildClientBundle, clientResources, ndjsonLine, UnknownInstrumentVersionError } from '@/lib/fhir/record'
import type { Observation, Questionnaire, QuestionnaireResponse } from '@/lib/fhir/types'
import { bundleProblems, fhirSchema, schemaErrors, structuralProblems } from '../../fixtures/fhir-check'
import { CLIENT_ID, response, sampleRecord } from './sample-record'

const of = <T extends { resourceType: string }>(list: { resourceType: string }[], type: T['resourceType']) => list.filter((r) => r.resourceType === type) as T[]

// Compiling HL7's 3 MB schema takes seconds (more on a loaded machine): once, before the tests' own clocks start.
beforeAll(() => {
  schemaErrors({ resourceType: 'Patient' })
}, 60_000)

describe('the validator', () => {
  it("is HL7's R4 JSON schema", () => {
    const schema = fhirSchema()
    expect(schema.id).toBe('http://hl7.org/fhir/json-schema/4.0')
    expect(schema.$schema).toBe('http://json-schema.org/draft-06/schema#')
  })

  it('refuses what R4 refuses', () => {
    expect(schemaErrors({ resourceType: 'Observation', status: 'done', code: { text: 'x' } })).not.toEqual([])
    expect(schemaErrors({ resourceType: 'Goal', lifecycleStatus: 'active', subject: { reference: 'Patient/x' } })).not.toEqual([]) // no description
    expect(schemaErrors({ resourceType: 'Patient', id: 'x', birthDate: '1990-13-45' })).not.toEqual([])
    // Inside a Bundle too: an entry's resource is checked against its own type.
    const bundle = buildClientBundle(sampleRecord())
    const obs = bundle.entry.find((e) => e.resource.resourceType === 'Observation')!
    Object.assign(obs.resource, { valueQuantity: { value: '10' } })
    expect(schemaErrors(bundle)).not.toEqual([])
  })
})

describe('buildClientBundle', () => {
  const bundle = buildClientBundle(sampleRecord())
  const resources = bundle.entry.map((e) => e.resource)

  it('validates against the R4 schema, and every reference, score and answer holds together', () => {
    expect(bundleProblems(bundle)).toEqual([])
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection', timestamp: '2026-02-01T12:00:00.000Z' })
  })

  it('has one Patient, one Questionnaire per instrument version, a response per check-in and an Observation per score', () => {
    const count = (t: string) => resources.filter((r) => r.resourceType === t).length
    expect([count('Patient'), count('Questionnaire'), count('QuestionnaireResponse'), count('Observation'), count('Goal')]).toEqual([1, 6, 7, 10, 3])
    expect(resources[0]).toEqual({ resourceType: 'Patient', id: CLIENT_ID, name: [{ family: 'Person', given: ['Test'] }], birthDate: '1990-04-05' })
  })

  it("names its own entries by fullUrl in references; the NDJSON lines keep Patient/<id> (FHIR Bulk Data's form)", () => {
    const goal = resources.find((r) => r.resourceType === 'Goal') as { subject: { reference: string } }
    expect(goal.subject.reference).toBe(`urn:uuid:${CLIENT_ID}`)
    const line = clientResources(sampleRecord()).find((r) => r.resourceType === 'Goal') as unknown as { subject: { reference: string } }
    expect(line.subject.reference).toBe(`Patient/${CLIENT_ID}`)
  })

  it('gives the same ids every time (database ids or name-based UUIDs)', () => {
    const again = buildClientBundle({ ...sampleRecord(), now: new Date('2027-01-01T00:00:00Z') })
    expect(again.entry.map((e) => e.fullUrl)).toEqual(bundle.entry.map((e) => e.fullUrl))
  })

  it('keeps the stored scores: totals, pro-rated CORE-10, both attachment dimensions, bands as interpretation', () => {
    const obs = of<Observation>(resources, 'Observation')
    const by = (code: string) => obs.filter((o) => o.code.coding?.[0]?.code === code).map((o) => [o.valueQuantity?.value, o.interpretation?.[0]?.text ?? null])
    expect(by('44261-6')).toEqual([
      [10, 'moderate'],
      [3, 'minimal'],
    ])
    expect(by('70274-6')).toEqual([[18, 'severe']])
    expect(by('core10-total')).toEqual([[22.2, 'moderate-to-severe']])
    expect(by('ecr-r-anxiety')).toEqual([[4.78, null]])
    expect(by('ecr-r-avoidance')).toEqual([[2.33, null]])
    expect(by('ecr-rs-avoidance')).toEqual([[5.5, null]])
    expect(by('ecr-rs-anxiety')).toEqual([[5.67, null]])
  })

  it("rates each goal in the client's words, as an Observation focused on the Goal", () => {
    const obs = of<Observation>(resources, 'Observation').filter((o) => o.code.coding?.[0]?.code === 'goal-progress-rating')
    expect(obs.map((o) => [o.focus?.[0]?.reference, o.valueInteger])).toEqual([
      ['urn:uuid:a0000000-0000-4000-8000-000000000001', 4],
      ['urn:uuid:a0000000-0000-4000-8000-000000000002', 7],
    ])
    const qr = of<QuestionnaireResponse>(resources, 'QuestionnaireResponse').find((r) => r.questionnaire.includes('/goal-progress|'))!
    expect(qr.item[1]).toEqual({
      linkId: 'goal',
      item: [
        { linkId: 'goal.title', answer: [{ valueString: 'Stay steady' }] },
        { linkId: 'goal.rating', answer: [{ valueInteger: 7 }] },
      ],
    })
  })

  it('leaves an unanswered item out of the response rather than inventing an answer', () => {
    const core = of<QuestionnaireResponse>(resources, 'QuestionnaireResponse').find((r) => r.questionnaire.includes('/core10|'))!
    expect(core.item.map((i) => i.linkId)).toEqual(['1', '2', '3', '4', '6', '7', '8', '9', '10'])
    expect(core.item[1]!.answer?.[0]).toEqual({
      valueCoding: { system: 'https://securebase.app/fhir/CodeSystem/core10-answers', code: '1', display: 'Only occasionally' },
    })
  })

  it('maps goal status to lifecycle, and the start date is the day in the practice time zone', () => {
    const goals = resources.filter((r) => r.resourceType === 'Goal')
    expect(goals.map((g) => [g.resourceType === 'Goal' && g.lifecycleStatus, g.resourceType === 'Goal' && g.startDate])).toEqual([
      ['active', '2026-01-02'],
      ['on-hold', '2026-01-03'],
      ['completed', '2026-01-04'],
    ])
  })

  it('carries the licence with each questionnaire', () => {
    const qs = of<Questionnaire>(resources, 'Questionnaire')
    expect(qs.find((q) => q.name === 'CORE_10')!.copyright).toContain('CORE-10 © CORE System Trust')
    expect(qs.find((q) => q.name === 'PHQ_9')!.copyright).toContain('with an educational grant from Pfizer Inc.')
  })

  it('writes one resource per NDJSON line', () => {
    const text = clientResources(sampleRecord()).map(ndjsonLine).join('')
    const lines = text.trimEnd().split('\n')
    expect(lines).toHaveLength(resources.length)
    for (const line of lines) expect(schemaErrors(JSON.parse(line))).toEqual([])
  })
})

describe('refusals', () => {
  it('refuses a response on an instrument version this build does not define', () => {
    const r = { ...response('phq9', [0, 0, 0, 0, 0, 0, 0, 0, 0], 3), instrumentVersion: 'phq9/2001@0' }
    expect(() => clientResources({ ...sampleRecord(), responses: [r] })).toThrow(UnknownInstrumentVersionError)
  })

  it('refuses a stored answer that is not one of the options', () => {
    const r = { ...response('gad7', [0, 0, 0, 0, 0, 0, 0], 3), answers: [0, 0, 0, 7, 0, 0, 0] }
    expect(() => clientResources({ ...sampleRecord(), responses: [r] })).toThrow(/item 4 has no answer option 7/)
  })
})

describe('the structural checks can fail', () => {
  it('finds a relative reference inside a Bundle (it resolves against no urn:uuid fullUrl)', () => {
    const bundle = buildClientBundle(sampleRecord())
    const entry = bundle.entry.map((e) =>
      e.resource.resourceType === 'Goal' ? { ...e, resource: { ...e.resource, subject: { reference: `Patient/${CLIENT_ID}` } } } : e,
    )
    expect(bundleProblems({ ...bundle, entry }).join('\n')).toContain(`reference Patient/${CLIENT_ID} is no entry's fullUrl`)
  })

  it('finds a dangling reference, a score without its response and an answer that was not offered', () => {
    const resources = clientResources(sampleRecord())
    const qr = of<QuestionnaireResponse>(resources, 'QuestionnaireResponse')[0]!
    const tampered = resources
      .filter((r) => r.resourceType !== 'Patient')
      .map((r) => (r.id === qr.id ? { ...qr, item: [{ ...qr.item[0]!, answer: [{ valueCoding: { system: 'http://loinc.org', code: 'LA0000-0' } }] }] } : r))
    const problems = structuralProblems(tampered).join('\n')
    expect(problems).toContain(`unresolved Patient/${CLIENT_ID}`)
    expect(problems).toContain('LA0000-0 not offered')
    const noResponse = resources.filter((r) => r.resourceType !== 'QuestionnaireResponse')
    expect(structuralProblems(noResponse).join('\n')).toContain('derivedFrom')
  })
})
