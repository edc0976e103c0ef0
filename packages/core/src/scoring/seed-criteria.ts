/**
 * The scoring criteria of the seed's FY2565 indicators (action plan of the BMA Budget Office), as
 * the demo data and the tests use them.
 */
import {
  bandsCriteriaSchema,
  milestoneCriteriaSchema,
  stepSumCriteriaSchema,
  type BandsCriteria,
  type MilestoneCriteria,
  type StepSumCriteria,
} from './schema.js';

/** Indicator 1: level-milestone, points 6 … 30. */
export const KPI1: MilestoneCriteria = milestoneCriteriaSchema.parse({
  kind: 'milestone',
  levels: [
    { level: 1, points: 6 },
    { level: 2, points: 12 },
    { level: 3, points: 18 },
    { level: 4, points: 24 },
    { level: 5, points: 30 },
  ],
});

/** Indicator 2: carry-over without obligation (%), bands with the seed's own gaps. */
export const KPI2: BandsCriteria = bandsCriteriaSchema.parse({
  kind: 'bands',
  bands: [
    { level: 5, points: 20, min: 0, minInclusive: true, max: 0, maxInclusive: true },
    { level: 4, points: 18, min: 0, minInclusive: false, max: 2.0, maxInclusive: false },
    { level: 3, points: 16, min: 2.01, minInclusive: true, max: 3.0, maxInclusive: false },
    { level: 2, points: 14, min: 3.01, minInclusive: true, max: 4.0, maxInclusive: false },
    { level: 1, points: 12, min: 4.0, minInclusive: true },
  ],
});

/** Indicator 3: level-milestone, points 12 … 20. */
export const KPI3: MilestoneCriteria = milestoneCriteriaSchema.parse({
  kind: 'milestone',
  levels: [12, 14, 16, 18, 20].map((points, i) => ({ level: i + 1, points })),
});

/** Indicator 5.2: step-sum, steps worth 25, 10, 20, 20, 25. */
export const KPI5_2: StepSumCriteria = stepSumCriteriaSchema.parse({
  kind: 'step_sum',
  steps: [25, 10, 20, 20, 25].map((points, i) => ({ step: i + 1, points })),
});

/** The seed's criteria by indicator number. */
export const SEED_CRITERIA = { '1': KPI1, '2': KPI2, '3': KPI3, '5.2': KPI5_2 } as const;
