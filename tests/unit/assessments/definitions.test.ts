import { describe, expect, it } from 'vitest'
import {
  INSTRUMENT_IDS,
  core10,
  ecrR,
  ecrRs,
  ecrRsInstructions,
  gad7,
  getInstrument,
  goalProgress,
  isInstrumentId,
  listInstruments,
  phq9,
} from '../../../lib/assessments'

describe('registry', () => {
  it('lists the five instruments in display order', () => {
    expect(listInstruments().map((d) => d.id)).toStrictEqual(['phq9', 'gad7', 'core10', 'ecr-r', 'ecr-rs'])
    expect(INSTRUMENT_IDS).toStrictEqual(['phq9', 'gad7', 'core10', 'ecr-r', 'ecr-rs'])
  })

  it.each([
    ['phq9', phq9],
    ['gad7', gad7],
    ['core10', core10],
    ['ecr-r', ecrR],
    ['ecr-rs', ecrRs],
  ] as const)('getInstrument(%s) returns the exported definition', (id, def) => {
    expect(getInstrument(id)).toBe(def)
    expect(isInstrumentId(id)).toBe(true)
  })

  it('isInstrumentId rejects other values', () => {
    expect(isInstrumentId('goal-progress')).toBe(false)
    expect(isInstrumentId(7)).toBe(false)
  })

  it('definitions are deeply frozen', () => {
    expect(Object.isFrozen(phq9)).toBe(true)
    expect(Object.isFrozen(phq9.items[8])).toBe(true)
    expect(Object.isFrozen(core10.scores[0]?.bands)).toBe(true)
    expect(Object.isFrozen(goalProgress)).toBe(true)
  })
})

describe('item counts and verbatim text', () => {
  it.each([
    [phq9, 9],
    [gad7, 7],
    [core10, 10],
    [ecrR, 36],
    [ecrRs, 9],
  ] as const)('$abbreviation has %i items numbered 1..n', (def, count) => {
    expect(def.items).toHaveLength(count)
    expect(def.items.map((i) => i.number)).toStrictEqual(Array.from({ length: count }, (_, i) => i + 1))
  })

  it.each([
    [
      phq9,
      8,
      'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
    ],
    [phq9, 6, 'Feeling bad about yourself — or that you are a failure or have let yourself or your family down'],
    [phq9, 9, 'Thoughts that you would be better off dead or of hurting yourself in some way'],
    [gad7, 7, 'Feeling afraid as if something awful might happen'],
    [core10, 2, 'I have felt I have someone to turn to for support when needed'],
    [core10, 6, 'I made plans to end my life'],
    [ecrR, 1, "I'm afraid that I will lose my partner's love."],
    [ecrR, 12, "I find that my partner(s) don't want to get as close as I would like."],
    [ecrR, 36, 'My partner really understands me and my needs.'],
    [ecrRs, 9, "I worry that this person won't care about me as much as I care about him or her."],
  ] as const)('$abbreviation item %i is verbatim', (def, n, text) => {
    expect(def.items[n - 1]?.text).toBe(text)
  })

  it('PHQ-9 item 8 uses a real em dash (U+2014) and a question mark', () => {
    expect(phq9.items[7]?.text).toContain('noticed? Or the opposite \u2014 being')
  })

  it('no item text keeps a "(R)" marker or stray whitespace', () => {
    for (const def of listInstruments()) {
      for (const item of def.items) {
        expect(item.text).not.toContain('(R)')
        expect(item.text).toBe(item.text.trim())
      }
    }
  })

  it('stems are verbatim', () => {
    expect(phq9.stem).toBe('Over the last 2 weeks, how often have you been bothered by any of the following problems?')
    expect(gad7.stem).toBe('Over the last 2 weeks, how often have you been bothered by the following problems?')
    expect(core10.stem).toBe('Over the last week...')
  })
})

describe('anchors', () => {
  it('PHQ-9 and GAD-7 share 0-3 anchors with LOINC answer codes ("Not at all", not "Not at all sure")', () => {
    const expected = [
      { value: 0, label: 'Not at all', loinc: 'LA6568-5' },
      { value: 1, label: 'Several days', loinc: 'LA6569-3' },
      { value: 2, label: 'More than half the days', loinc: 'LA6570-1' },
      { value: 3, label: 'Nearly every day', loinc: 'LA6571-9' },
    ]
    expect(phq9.anchors).toStrictEqual(expected)
    expect(gad7.anchors).toStrictEqual(expected)
  })

  it('CORE-10 anchors 0-4', () => {
    expect(core10.anchors.map((a) => `${a.value} ${a.label}`)).toStrictEqual([
      '0 Not at all',
      '1 Only occasionally',
      '2 Sometimes',
      '3 Often',
      '4 Most or all of the time',
    ])
  })

  it('ECR-R and ECR-RS anchors 1-7', () => {
    const labels = ['Strongly disagree', 'Disagree', 'Slightly disagree', 'Neutral / mixed', 'Slightly agree', 'Agree', 'Strongly agree']
    for (const def of [ecrR, ecrRs]) {
      expect(def.anchors.map((a) => a.value)).toStrictEqual([1, 2, 3, 4, 5, 6, 7])
      expect(def.anchors.map((a) => a.label)).toStrictEqual(labels)
    }
  })
})

describe('scoring metadata', () => {
  it('reverse keys, risk items and subscales', () => {
    const reversed = (d: typeof phq9) => d.items.filter((i) => i.reverse).map((i) => i.number)
    const risk = (d: typeof phq9) => d.items.filter((i) => i.risk).map((i) => i.number)
    expect(reversed(phq9)).toStrictEqual([])
    expect(reversed(gad7)).toStrictEqual([])
    expect(reversed(core10)).toStrictEqual([2, 3])
    expect(risk(phq9)).toStrictEqual([9])
    expect(risk(core10)).toStrictEqual([6])
    expect(risk(gad7)).toStrictEqual([])
    expect(risk(ecrR)).toStrictEqual([])
    expect(risk(ecrRs)).toStrictEqual([])
    expect(ecrR.scores.map((s) => [s.key, s.items[0], s.items.at(-1)])).toStrictEqual([
      ['anxiety', 1, 18],
      ['avoidance', 19, 36],
    ])
    expect(ecrRs.scores.map((s) => [s.key, s.items])).toStrictEqual([
      ['anxiety', [7, 8, 9]],
      ['avoidance', [1, 2, 3, 4, 5, 6]],
    ])
  })

  it('cutoffs, thresholds and missing-data rules', () => {
    const total = (d: typeof phq9) => d.scores[0]
    expect(total(phq9)).toMatchObject({ clinicalCutoff: 10, change: { kind: 'point-threshold', threshold: 6, clinicalCutoff: 10 } })
    expect(total(gad7)).toMatchObject({ clinicalCutoff: 8, change: { kind: 'point-threshold', threshold: 4, clinicalCutoff: 8 } })
    expect(total(core10)).toMatchObject({ clinicalCutoff: 11, change: { kind: 'point-threshold', threshold: 6, clinicalCutoff: 11 } })
    expect(core10.scores[0]?.norms).toMatchObject({ functional: { mean: 4.7, sd: 4.8 }, dysfunctional: { mean: 19.7, sd: 7.7 }, reliability: 0.9 })
    expect(phq9.missingData.kind).toBe('all-required')
    expect(core10.missingData).toMatchObject({ kind: 'prorate', maxMissing: 1, decimals: 1 })
    for (const def of [ecrR, ecrRs]) {
      expect(def.missingData.kind).toBe('all-required')
      expect(def.quadrant?.midpoint).toBe(4)
      for (const s of def.scores) expect(s).not.toHaveProperty('clinicalCutoff')
    }
  })

  it('every instrument is higher-is-worse; goal ratings are higher-is-better', () => {
    for (const def of listInstruments()) expect(def.direction).toBe('higher-is-worse')
    expect(goalProgress.direction).toBe('higher-is-better')
  })

  it('PHQ-9 difficulty follow-up is optional, unscored, shown when total > 0 and not an item', () => {
    expect(phq9.followUp).toMatchObject({
      scored: false,
      optional: true,
      showWhen: { scoreKey: 'total', greaterThan: 0 },
      loinc: '69722-7',
      text: 'If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?',
    })
    expect(phq9.followUp?.anchors.map((a) => a.label)).toStrictEqual(['Not difficult at all', 'Somewhat difficult', 'Very difficult', 'Extremely difficult'])
    expect(phq9.items.some((i) => i.text === phq9.followUp?.text)).toBe(false)
  })
})

describe('LOINC codes', () => {
  it('PHQ-9 panel, items and total', () => {
    expect(phq9.loinc?.panel).toBe('44249-1')
    expect(phq9.items.map((i) => i.loinc)).toStrictEqual(['44250-9', '44255-8', '44259-0', '44254-1', '44251-7', '44258-2', '44252-5', '44253-3', '44260-8'])
    expect(phq9.scores[0]?.loinc).toBe('44261-6')
  })

  it('GAD-7 panel, items and total', () => {
    expect(gad7.loinc?.panel).toBe('69737-5')
    expect(gad7.items.map((i) => i.loinc)).toStrictEqual(['69725-0', '68509-9', '69733-4', '69734-2', '69735-9', '69689-8', '69736-7'])
    expect(gad7.scores[0]?.loinc).toBe('70274-6')
  })

  it('no invented codes for instruments without LOINC in the reference', () => {
    for (const def of [core10, ecrR, ecrRs]) {
      expect(def.loinc).toBeUndefined()
      expect(def.items.every((i) => i.loinc === undefined)).toBe(true)
    }
  })
})

describe('presentation metadata', () => {
  const all = [...listInstruments(), goalProgress]

  it('every instrument has names, versions, minutes and a client title', () => {
    for (const def of all) {
      expect(def.name.length).toBeGreaterThan(0)
      expect(def.clientTitle.length).toBeGreaterThan(0)
      expect(def.instrumentVersion).toMatch(/\S/)
      expect(def.scoringVersion).toMatch(/\S/)
      expect(def.minutesToComplete).toBeGreaterThan(0)
    }
    expect(phq9.clientTitle).toBe("How you've been feeling")
    for (const def of listInstruments()) {
      expect(def.clientTitle).not.toContain(def.abbreviation)
      expect(def.clientTitle.toLowerCase()).not.toMatch(/depress|anxiety|disorder|distress|attachment/)
    }
  })

  it('colours are unique #RRGGBB hexes and none is red (reserved for risk)', () => {
    const colours = all.map((d) => d.colour)
    expect(new Set(colours).size).toBe(colours.length)
    for (const hex of colours) {
      expect(hex).toMatch(/^#[0-9A-F]{6}$/)
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number]
      const max = Math.max(r, g, b)
      const min = Math.min(r, g, b)
      const d = max - min
      let hue = 0
      if (d > 0) {
        if (max === r) hue = (60 * ((g - b) / d) + 360) % 360
        else if (max === g) hue = 60 * ((b - r) / d) + 120
        else hue = 60 * ((r - g) / d) + 240
      }
      const saturated = d > 0.15
      expect(saturated && (hue < 25 || hue > 335), `${hex} hue ${hue.toFixed(0)} looks red`).toBe(false)
    }
  })

  it('licence and attribution text', () => {
    const pfizer = 'Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc.'
    expect(phq9.licence.attribution).toBe(pfizer)
    expect(gad7.licence.attribution).toBe(pfizer)
    expect(phq9.licence.text).toContain('no permission is required to reproduce, translate, display or distribute')
    expect(core10.licence.name).toBe('CC BY-ND 4.0')
    expect(core10.licence.attribution).toBe('CORE-10 © CORE System Trust')
    for (const def of [ecrR, ecrRs]) {
      expect(def.licence.text).toMatch(/commercial deployment should confirm terms/)
      expect(def.citation).toMatch(/Fraley/)
    }
    for (const def of listInstruments()) expect(def.licence.source.length).toBeGreaterThan(0)
  })

  it('ECR-RS targets a named relationship (default "your romantic partner")', () => {
    expect(ecrRs.relationshipTargets).toStrictEqual(['your romantic partner', 'the person you feel closest to'])
    expect(ecrRsInstructions()).toContain('your romantic partner')
    expect(ecrRsInstructions('the person you feel closest to')).toContain('the person you feel closest to')
    expect(ecrRsInstructions()).not.toContain('{target}')
  })
})
