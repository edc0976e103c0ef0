import type { z } from 'zod';
import type {
  criteriaCheckSchema,
  evidenceSchema,
  indicatorDetailSchema,
  indicatorSchema,
  resultSchema,
  workPlanSchema,
} from './plans.js';

/* Types the web infers from the plans schemas (issue 14's screens); no shape is written twice. */
export type IndicatorDetail = z.input<typeof indicatorDetailSchema>;
export type Indicator = z.input<typeof indicatorSchema>;
export type IndicatorResult = z.input<typeof resultSchema>;
export type Evidence = z.input<typeof evidenceSchema>;
export type WorkPlanView = z.input<typeof workPlanSchema>;
export type CriteriaCheck = z.input<typeof criteriaCheckSchema>;
