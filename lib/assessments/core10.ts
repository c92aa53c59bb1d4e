import { defineInstrument, makeItems } from './define'

export const core10 = defineInstrument({
  id: 'core10',
  name: 'Clinical Outcomes in Routine Evaluation-10',
  abbreviation: 'CORE-10',
  clientTitle: 'How things have been this week',
  construct: 'General psychological distress',
  citation:
    'Barkham M, Bewick B, Mullin T, et al. The CORE-10: a short measure of psychological distress for routine use in the psychological therapies. Counselling and Psychotherapy Research. 2013;13(1):3-13.',
  instrumentVersion: 'core10/2013@1',
  scoringVersion: 'core10-scoring@1',
  minutesToComplete: 3,
  colour: '#0D9488',
  direction: 'higher-is-worse',
  stem: 'Over the last week...',
  instructions: 'Please read each statement and think how often you felt that way over the last week, then choose the answer closest to this.',
  anchors: [
    { value: 0, label: 'Not at all' },
    { value: 1, label: 'Only occasionally' },
    { value: 2, label: 'Sometimes' },
    { value: 3, label: 'Often' },
    { value: 4, label: 'Most or all of the time' },
  ],
  items: makeItems([
    { text: 'I have felt tense, anxious or nervous' },
    // Items 2 and 3 are positively worded: Not at all = 4 ... Most or all of the time = 0.
    { text: 'I have felt I have someone to turn to for support when needed', reverse: true },
    { text: 'I have felt able to cope when things go wrong', reverse: true },
    { text: 'Talking to people has felt too much for me' },
    { text: 'I have felt panic or terror' },
    { text: 'I made plans to end my life', risk: true },
    { text: 'I have had difficulty getting to sleep or staying asleep' },
    { text: 'I have felt despairing or hopeless' },
    { text: 'I have felt unhappy' },
    { text: 'Unwanted images or memories have been distressing me' },
  ]),
  scores: [
    {
      key: 'total',
      label: 'CORE-10 total',
      method: 'sum',
      items: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      min: 0,
      max: 40,
      decimals: 0,
      // A pro-rated score (one decimal) takes the band with the highest min <= score,
      // e.g. 10.6 → 'low' (consistent with the clinical cutoff of 11).
      bands: [
        { label: 'healthy', min: 0, max: 5 },
        { label: 'low', min: 6, max: 10 },
        { label: 'mild', min: 11, max: 14 },
        { label: 'moderate', min: 15, max: 19 },
        { label: 'moderate-to-severe', min: 20, max: 24 },
        { label: 'severe', min: 25, max: 40 },
      ],
      clinicalCutoff: 11,
      change: {
        kind: 'point-threshold',
        threshold: 6,
        clinicalCutoff: 11,
        source: 'CORE-10 (Barkham et al. 2013): reliable change 6 points; clinical cutoff 11.',
      },
      norms: {
        functional: { mean: 4.7, sd: 4.8 },
        dysfunctional: { mean: 19.7, sd: 7.7 },
        reliability: 0.9,
        source: 'CORE-10 manual: general population mean 4.7 SD 4.8; clinical mean 19.7 SD 7.7; alpha .90.',
      },
    },
  ],
  missingData: {
    kind: 'prorate',
    maxMissing: 1,
    decimals: 1,
    description: 'Exactly one item missing: mean of the 9 answered (scored) items × 10, one decimal. Two or more missing: not scored.',
  },
  licence: {
    name: 'CC BY-ND 4.0',
    text: 'Creative Commons Attribution-NoDerivatives 4.0 International (CC BY-ND 4.0): reproduce verbatim, with attribution, no modification.',
    attribution: 'CORE-10 © CORE System Trust',
    source: 'CORE System Trust; Barkham et al. (2013).',
  },
})
