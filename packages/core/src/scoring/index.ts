/** The indicator scoring engine (SPEC §4). */
export * from './schema.js';
export * from './types.js';
export { scoreResult, validateCriteria, type ResultInput } from './score.js';
export { parseStepsDone } from './step-sum.js';
export {
  weightedScore,
  compositeScore,
  type ScoreComponent,
  type CompositeScore,
} from './weighted.js';
export { SEED_CRITERIA } from './seed-criteria.js';
