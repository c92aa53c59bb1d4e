import { defineInstrument, makeItems } from './define'
import { PHQ_ATTRIBUTION, PHQ_FREQUENCY_ANCHORS, PHQ_LICENCE_TEXT, PHQ_SOURCE } from './phq9'

export const gad7 = defineInstrument({
  id: 'gad7',
  name: 'Generalized Anxiety Disorder-7',
  abbreviation: 'GAD-7',
  clientTitle: 'Worry and feeling on edge',
  construct: 'Anxiety',
  citation:
    'Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med. 2006;166(10):1092-1097.',
  instrumentVersion: 'gad7/2006@1',
  scoringVersion: 'gad7-scoring@1',
  minutesToComplete: 2,
  colour: '#7C3AED',
  direction: 'higher-is-worse',
  stem: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
  instructions: 'For each problem, choose how often it has bothered you over the last 2 weeks.',
  // Zero anchor is "Not at all" (not "Not at all sure").
  anchors: PHQ_FREQUENCY_ANCHORS,
  items: makeItems([
    { text: 'Feeling nervous, anxious or on edge', loinc: '69725-0' },
    { text: 'Not being able to stop or control worrying', loinc: '68509-9' },
    { text: 'Worrying too much about different things', loinc: '69733-4' },
    { text: 'Trouble relaxing', loinc: '69734-2' },
    { text: 'Being so restless that it is hard to sit still', loinc: '69735-9' },
    { text: 'Becoming easily annoyed or irritable', loinc: '69689-8' },
    { text: 'Feeling afraid as if something awful might happen', loinc: '69736-7' },
  ]),
  scores: [
    {
      key: 'total',
      label: 'GAD-7 total',
      method: 'sum',
      items: [1, 2, 3, 4, 5, 6, 7],
      min: 0,
      max: 21,
      decimals: 0,
      bands: [
        { label: 'minimal', min: 0, max: 4 },
        { label: 'mild', min: 5, max: 9 },
        { label: 'moderate', min: 10, max: 14 },
        { label: 'severe', min: 15, max: 21 },
      ],
      // NHS Talking Therapies caseness; 10 is the screening cutoff in the original paper.
      clinicalCutoff: 8,
      change: {
        kind: 'point-threshold',
        threshold: 4,
        clinicalCutoff: 8,
        source: 'NHS Talking Therapies convention: reliable change 4 points; caseness cutoff 8.',
      },
      loinc: '70274-6',
    },
  ],
  missingData: {
    kind: 'all-required',
    description: 'Complete only if all 7 items are answered; no pro-rating.',
  },
  licence: {
    name: 'Public domain',
    text: PHQ_LICENCE_TEXT,
    attribution: PHQ_ATTRIBUTION,
    source: PHQ_SOURCE,
  },
  loinc: { panel: '69737-5' },
})
