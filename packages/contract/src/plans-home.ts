import { z } from 'zod';
import { fiscalYearQuery, uuidSchema } from './common.js';
import { indicatorStatusSchema, periodSchema, statusCountsSchema } from './plans.js';

/*
 * The plans module's home-page cards (issue 14): results due this month and indicators at risk
 * of the user's scope (their unit, their division's units, or the whole BMA), and status counts.
 */

export const planHomeQuery = z.object({
  fiscalYear: fiscalYearQuery
    .optional()
    .describe('default: the newest fiscal year up to the current one that has plans in scope'),
});

export const planHomeIndicatorSchema = z.object({
  indicatorId: uuidSchema,
  code: z.string(),
  nameTh: z.string(),
  unitId: uuidSchema,
  unitCode: z.string(),
  unitName: z.string(),
  status: indicatorStatusSchema,
  latest: periodSchema.extend({ value: z.string() }).nullable(),
});

export const planHomeSchema = z.object({
  fiscalYear: z.number().int(),
  /** Whose plans: the user's unit, the units of their analysis division, or every unit. */
  scope: z.enum(['unit', 'division', 'all']),
  asOf: z.iso.date(),
  /** True when the fiscal year is the current one (then "due" means this month's result). */
  currentYear: z.boolean(),
  /** The fiscal month of asOf (1 = October), the month results are due for. */
  fiscalMonth: z.number().int().min(1).max(12),
  plans: z.number().int(),
  units: z.number().int(),
  statusCounts: statusCountsSchema,
  /** Entered indicators without a result covering this month (a past year: without any result). */
  due: z.array(planHomeIndicatorSchema),
  dueTotal: z.number().int(),
  /** Indicators at risk or missed, at risk first. */
  atRisk: z.array(planHomeIndicatorSchema),
  atRiskTotal: z.number().int(),
});
export type PlanHome = z.input<typeof planHomeSchema>;
