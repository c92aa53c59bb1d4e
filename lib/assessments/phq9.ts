import { defineInstrument, makeItems } from './define'
import type { Anchor } from './types'

/** 0-3 frequency anchors shared by PHQ-9 and GAD-7 (LOINC answer codes LA6568-5 … LA6571-9). */
export const PHQ_FREQUENCY_ANCHORS: readonly Anchor[] = [
  { value: 0, label: 'Not at all', loinc: 'LA6568-5' },
  { value: 1, label: 'Several days', loinc: 'LA6569-3' },
  { value: 2, label: 'More than half the days', loinc: 'LA6570-1' },
  { value: 3, label: 'Nearly every day', loinc: 'LA6571-9' },
]

/** Public-domain notice shared by the PHQ family (PHQ-9, GAD-7). */
export const PHQ_LICENCE_TEXT = 'Public domain: no permission is required to reproduce, translate, display or distribute.'
export const PHQ_ATTRIBUTION =
  'Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc.'

export const PHQ_SOURCE = 'Patient Health Questionnaire (PHQ) family of screeners (Spitzer, Williams, Kroenke and colleagues); public domain.'

export const phq9 = defineInstrument({
  id: 'phq9',
  name: 'Patient Health Questionnaire-9',
  abbreviation: 'PHQ-9',
  clientTitle: "How you've been feeling",
  construct: 'Depression',
  citation: 'Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med. 2001;16(9):606-613.',
  instrumentVersion: 'phq9/2001@1',
  scoringVersion: 'phq9-scoring@1',
  minutesToComplete: 3,
  colour: '#2563EB',
  direction: 'higher-is-worse',
  stem: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  instructions: 'For each problem, choose how often it has bothered you over the last 2 weeks.',
  anchors: PHQ_FREQUENCY_ANCHORS,
  items: makeItems([
    { text: 'Little interest or pleasure in doing things', loinc: '44250-9' },
    { text: 'Feeling down, depressed, or hopeless', loinc: '44255-8' },
    { text: 'Trouble falling or staying asleep, or sleeping too much', loinc: '44259-0' },
    { text: 'Feeling tired or having little energy', loinc: '44254-1' },
    { text: 'Poor appetite or overeating', loinc: '44251-7' },
    {
      text: 'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
      loinc: '44258-2',
    },
    {
      text: 'Trouble concentrating on things, such as reading the newspaper or watching television',
      loinc: '44252-5',
    },
    {
      text: 'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
      loinc: '44253-3',
    },
    {
      text: 'Thoughts that you would be better off dead or of hurting yourself in some way',
      loinc: '44260-8',
      risk: true,
    },
  ]),
  followUp: {
    id: 'difficulty',
    text: 'If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?',
    anchors: [
      { value: 0, label: 'Not difficult at all' },
      { value: 1, label: 'Somewhat difficult' },
      { value: 2, label: 'Very difficult' },
      { value: 3, label: 'Extremely difficult' },
    ],
    scored: false,
    optional: true,
    showWhen: { scoreKey: 'total', greaterThan: 0 },
    loinc: '69722-7',
  },
  scores: [
    {
      key: 'total',
      label: 'PHQ-9 total',
      method: 'sum',
      items: [1, 2, 3, 4, 5, 6, 7, 8, 9],
      min: 0,
      max: 27,
      decimals: 0,
      bands: [
        { label: 'minimal', min: 0, max: 4 },
        { label: 'mild', min: 5, max: 9 },
        { label: 'moderate', min: 10, max: 14 },
        { label: 'moderately severe', min: 15, max: 19 },
        { label: 'severe', min: 20, max: 27 },
      ],
      clinicalCutoff: 10,
      change: {
        kind: 'point-threshold',
        threshold: 6,
        clinicalCutoff: 10,
        source: 'NHS Talking Therapies convention: reliable change 6 points; caseness cutoff 10.',
      },
      loinc: '44261-6',
    },
  ],
  missingData: {
    kind: 'all-required',
    description: 'Complete only if all 9 items are answered; no pro-rating.',
  },
  licence: {
    name: 'Public domain',
    text: PHQ_LICENCE_TEXT,
    attribution: PHQ_ATTRIBUTION,
    source: PHQ_SOURCE,
  },
  loinc: { panel: '44249-1' },
})
