/**
 * Shared types for SecureBase questionnaire definitions and scoring.
 *
 * Everything under lib/assessments is pure (no I/O; imports only this folder and the pure,
 * type-only contracts of lib/checkins/types.ts and lib/goals/types.ts) so it can run in the
 * browser and on the server. Source of truth: docs/INSTRUMENTS.md.
 */

/** The standardised instruments that `scoreResponse` can score. */
export type InstrumentId = 'phq9' | 'gad7' | 'core10' | 'ecr-r' | 'ecr-rs'

/** Descriptor of the region a point falls in on the anxiety × avoidance plane (never a diagnosis). */
export type Quadrant = 'secure' | 'anxious' | 'avoidant' | 'fearful'

export type ChangeCategory = 'recovered' | 'improved' | 'no reliable change' | 'deteriorated'

export type Direction = 'higher-is-worse' | 'higher-is-better'

/** One answer option: the stored value and its label (plus its LOINC answer code where one exists). */
export interface Anchor {
  readonly value: number
  readonly label: string
  readonly loinc?: string
}

export interface Item {
  /** 1-based item number as printed on the published form. */
  readonly number: number
  /** Verbatim item text; several licences forbid rewording. */
  readonly text: string
  /** Reverse keyed: scored = min + max - raw. */
  readonly reverse: boolean
  /** Which score (subscale) the item belongs to, e.g. 'total', 'anxiety', 'avoidance'. */
  readonly scoreKey: string
  /** True when a positive answer (> 0) raises a risk flag on its own. */
  readonly risk: boolean
  readonly loinc?: string
}

/** An optional unscored question (PHQ-9 difficulty). Never part of the `answers` array. */
interface FollowUpQuestion {
  readonly id: string
  readonly text: string
  readonly anchors: readonly Anchor[]
  readonly scored: false
  readonly optional: true
  /** Shown when the named score is greater than this value. */
  readonly showWhen: { readonly scoreKey: string; readonly greaterThan: number }
  readonly loinc?: string
}

interface Band {
  /** Lowercase label, e.g. 'moderately severe'. */
  readonly label: string
  /** Inclusive lower bound. A (pro-rated) score belongs to the band with the highest min <= score. */
  readonly min: number
  /** Inclusive upper bound of whole-number scores in this band (for display). */
  readonly max: number
}

/** Change criterion using a published point threshold (NHS Talking Therapies convention). */
interface PointThresholdChangeRule {
  readonly kind: 'point-threshold'
  /** A drop (or rise) of at least this many points is reliable change. */
  readonly threshold: number
  /** Recovery means crossing from >= cutoff to < cutoff (with reliable improvement). */
  readonly clinicalCutoff: number
  readonly source: string
}

/** Change criterion using the Jacobson–Truax reliable change index. */
export interface ReliableChangeIndexRule {
  readonly kind: 'reliable-change-index'
  /** SD of the reference (clinical) sample. */
  readonly sd1: number
  /** Reliability (e.g. Cronbach's alpha). */
  readonly reliability: number
  /** Clinical cutoff c; when absent a response is never classed 'recovered'. */
  readonly clinicalCutoff?: number
  /** Where the parameters come from (or that they are product configuration). */
  readonly source: string
}

export type ChangeRule = PointThresholdChangeRule | ReliableChangeIndexRule

export interface ScoreDefinition {
  /** 'total' for single-score instruments; 'anxiety' / 'avoidance' for attachment scales. */
  readonly key: string
  readonly label: string
  readonly method: 'sum' | 'mean'
  /** 1-based item numbers contributing to this score. */
  readonly items: readonly number[]
  readonly min: number
  readonly max: number
  /** Decimals the reported score is rounded to (when pro-rated, see MissingDataRule). */
  readonly decimals: number
  readonly bands?: readonly Band[]
  /** Published clinical cutoff (caseness); absent when none exists. */
  readonly clinicalCutoff?: number
  readonly change: ChangeRule
  /** Published norms, where the source gives them (for Jacobson–Truax style analyses). */
  readonly norms?: Norms
  readonly loinc?: string
}

interface NormGroup {
  readonly mean: number
  readonly sd: number
}

interface Norms {
  readonly functional: NormGroup
  readonly dysfunctional: NormGroup
  readonly reliability: number
  readonly source: string
}

type MissingDataRule =
  | { readonly kind: 'all-required'; readonly description: string }
  | {
      readonly kind: 'prorate'
      /** Most items that may be missing and still be pro-rated. */
      readonly maxMissing: number
      /** Decimals of a pro-rated score. */
      readonly decimals: number
      readonly description: string
    }

export interface QuadrantRule {
  /** Midpoint of the 1-7 scale; a score exactly at the midpoint counts as low. */
  readonly midpoint: number
  readonly anxietyKey: string
  readonly avoidanceKey: string
  readonly descriptors: Readonly<Record<Quadrant, string>>
  readonly note: string
}

export interface Licence {
  readonly name: string
  readonly text: string
  /** Attribution line that must be shown with the instrument. */
  readonly attribution: string
  /** Where the instrument is distributed from / what to cite. */
  readonly source: string
}

export interface InstrumentDefinition {
  readonly id: InstrumentId
  /** Clinical name, e.g. 'Patient Health Questionnaire-9'. */
  readonly name: string
  readonly abbreviation: string
  /** Warm, plain, non-clinical title shown to clients. */
  readonly clientTitle: string
  readonly construct: string
  readonly citation: string
  readonly instrumentVersion: string
  readonly scoringVersion: string
  readonly minutesToComplete: number
  /** Stable chart colour (hex). Red is reserved for risk. */
  readonly colour: string
  readonly direction: Direction
  /** Stem / lead-in shown above the items. */
  readonly stem: string
  /** Instructions (may be paraphrased, unlike item text). */
  readonly instructions: string
  readonly anchors: readonly Anchor[]
  readonly items: readonly Item[]
  readonly followUp?: FollowUpQuestion
  readonly scores: readonly ScoreDefinition[]
  readonly missingData: MissingDataRule
  readonly quadrant?: QuadrantRule
  readonly licence: Licence
  readonly loinc?: { readonly panel: string }
  /** Relationship targets an instrument can be asked about (ECR-RS). The first is the default. */
  readonly relationshipTargets?: readonly string[]
}

/** A risk item answered above zero: its 1-based number and the value given. */
export interface RiskItem {
  itemNumber: number
  itemValue: number
}

export interface ScoreResult {
  complete: boolean
  scores: Record<string, number>
  band?: string
  flags: string[]
  quadrant?: Quadrant
}
