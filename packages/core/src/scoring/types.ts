/** Outcomes and warnings of the scoring engine. Decimal values are exact decimal strings. */
import type { CriteriaKind } from './schema.js';

export type CriteriaWarningCode =
  | 'gap'
  | 'overlap'
  | 'empty_band'
  | 'levels_out_of_order'
  | 'duplicate_level'
  | 'points_not_increasing'
  | 'milestone_level_missing'
  | 'duplicate_step'
  | 'step_missing'
  | 'negative_points'
  | 'points_total_not_100'
  | 'x_not_increasing';

/** A structured finding about a criteria definition, for the UI to show next to the rows. */
export interface CriteriaWarning {
  readonly code: CriteriaWarningCode;
  readonly message: string;
  /** Start of the range concerned (gap, overlap), as a decimal string. */
  readonly from?: string;
  readonly fromInclusive?: boolean;
  /** End of the range concerned. */
  readonly to?: string;
  readonly toInclusive?: boolean;
  /** Indexes (0-based, in the order given) of the bands — or milestone levels — concerned. */
  readonly bands?: readonly number[];
  /** Levels concerned. */
  readonly levels?: readonly number[];
  /** Steps concerned (step_sum). */
  readonly steps?: readonly number[];
}

interface OutcomeBase {
  readonly kind: CriteriaKind;
  /** The result as understood (exact decimal text, or the normalised list of steps). */
  readonly result: string;
  /** Level reached; null for `linear`, which has no levels. */
  readonly level: number | null;
  /** Points earned, exact decimal string. */
  readonly points: string;
}

export interface MilestoneOutcome extends OutcomeBase {
  readonly kind: 'milestone';
  readonly level: number;
  readonly stepsDone: number;
}

export interface BandsOutcome extends OutcomeBase {
  readonly kind: 'bands';
  readonly level: number;
  /** Index (0-based) of the matching band in the criteria. */
  readonly band: number;
  /** The matching band as a range, e.g. "2.01 ≤ x < 3.00". */
  readonly range: string;
}

export interface StepSumOutcome extends OutcomeBase {
  readonly kind: 'step_sum';
  /** Number of steps done. */
  readonly level: number;
  readonly steps: readonly number[];
  /** Sum of the points of the steps done (= points). */
  readonly score: string;
}

export interface LinearOutcome extends OutcomeBase {
  readonly kind: 'linear';
  readonly level: null;
  /** Interpolated score (= points), rounded half-up to the criteria's decimals. */
  readonly score: string;
  /** 1-based segment [x_i, x_i+1] used; 0 below the first point and n beyond the last when clamped. */
  readonly segment: number;
  readonly clamped: boolean;
}

export type ScoreOutcome = MilestoneOutcome | BandsOutcome | StepSumOutcome | LinearOutcome;
