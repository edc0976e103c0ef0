import { z } from 'zod';
import { EXPENSE_CATEGORIES, FUND_SOURCES } from '@pbis/core';
import { fiscalYearQuery, nameText, uuidSchema } from './common.js';

/*
 * Budget execution's analysis (ADR 0011): the September forecast of both money indicators, the
 * laggard alerts from rules that are data, and rankings of units.
 */

const baht = z.string().regex(/^-?\d+\.\d{2}$/);
/** A percentage with 3 decimals ("97.977"). */
const percent = z.string().regex(/^-?\d+\.\d{3}$/);
const isoDay = z.iso.date();

/** A percentage as a rule or target takes it: 0 to 100, at most 3 decimals ("60", "80.5"). */
const percentSetting = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,3})?$/, 'a percentage such as 60 or 80.5')
  .refine((s) => Number(s) <= 100, {
    message: 'at most 100',
    params: { reason: 'too_big', maximum: 100 },
  });

export const analysisQuery = z.object({
  fiscalYear: fiscalYearQuery
    .optional()
    .describe(
      'Buddhist-era year; default: the latest fiscal year with budget lines in scope, not after the current one',
    ),
  asOf: isoDay
    .optional()
    .describe(
      'default: today, or 30 September of a fiscal year already over; figures are taken at the last month end on or before it',
    ),
  unitId: uuidSchema.optional(),
});
export type AnalysisQuery = z.input<typeof analysisQuery>;
export const rankingsQuery = analysisQuery
  .omit({ unitId: true })
  .extend({ fiscalYear: fiscalYearQuery });

const scoreSchema = z.object({
  level: z.number().int().nullable(),
  points: z.string().nullable(),
  /** scored; gap (the value falls between the criteria's bands, never guessed); out_of_range; no_criteria; not_included (indicator 2 leaves the unit out); no_base. */
  status: z.enum(['scored', 'gap', 'out_of_range', 'no_criteria', 'not_included', 'no_base']),
  note: z.string().nullable(),
});
export type ForecastScore = z.input<typeof scoreSchema>;

export const FORECAST_STATUSES = ['miss', 'likely_miss', 'at_risk', 'on_track'] as const;
const forecastStatusSchema = z.enum(FORECAST_STATUSES);

const indicatorForecastSchema = z.object({
  /** The rate at the end of each observed month (1 = October), the months observed only. */
  curve: z.array(percent),
  /** The rate at the last month end observed; null before October has ended or with no base. */
  current: percent.nullable(),
  point: percent.nullable(),
  low: percent.nullable(),
  high: percent.nullable(),
  /** The forecast from the last observed month to September (the band on the S-curve). */
  path: z.array(
    z.object({ fiscalMonth: z.number().int(), point: percent, low: percent, high: percent }),
  ),
  method: z.string(),
  /** How many reference curves (the unit's own prior years, or the pool's) the forecast used. */
  references: z.number().int(),
  score: z.object({ point: scoreSchema, low: scoreSchema, high: scoreSchema }),
  /** Against the target: miss (the whole interval misses), likely_miss (the point does), at_risk, on_track; null without a forecast. */
  status: forecastStatusSchema.nullable(),
});
export type IndicatorForecast = z.input<typeof indicatorForecastSchema>;

const unitRef = {
  /** null for the whole organisation (unitCode "ALL"). */
  unitId: uuidSchema.nullable(),
  unitCode: z.string(),
  unitName: z.string(),
  analysisDivisionNo: z.number().int().nullable(),
};

export const forecastRowSchema = z.object({
  ...unitRef,
  /** False for a unit indicator 2 leaves out (the university, the enterprises). */
  included: z.boolean(),
  disbursement: indicatorForecastSchema,
  carryOver: indicatorForecastSchema,
});
export type ForecastRow = z.input<typeof forecastRowSchema>;

export const forecastTargetsSchema = z.object({
  /** Indicator 5.1: a unit misses when its September rate is below this. */
  disbursementRate: percentSetting,
  /** Indicator 2: a unit misses when its carry-over without obligation is above this (the seed: 0). */
  carryOverRate: percentSetting,
});
export type ForecastTargets = z.input<typeof forecastTargetsSchema>;

export const forecastSchema = z.object({
  fiscalYear: z.number().int(),
  asOf: isoDay,
  /** The last month end on or before asOf (null before the first month has ended). */
  figuresAsOf: isoDay.nullable(),
  monthsObserved: z.number().int().min(0).max(12),
  targets: forecastTargetsSchema,
  rows: z.array(forecastRowSchema),
  /** The units (not ALL) forecast to miss a target: status miss or likely_miss, worst first. */
  misses: z.array(
    z.object({
      ...unitRef,
      indicator: z.enum(['5.1', '2']),
      status: forecastStatusSchema,
      current: percent.nullable(),
      point: percent,
      low: percent,
      high: percent,
      target: percent,
      score: scoreSchema,
    }),
  ),
});
export type Forecast = z.input<typeof forecastSchema>;

// --- laggard alerts ---------------------------------------------------------------------------

/** A laggard rule as the API answers it. */
export const laggardRuleSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase letters, digits and _, starting with a letter'),
  label: z.string(),
  expenseCategory: z.enum(EXPENSE_CATEGORIES).optional(),
  expenseItem: z.string().optional(),
  fundSources: z
    .array(z.enum(FUND_SOURCES))
    .min(1)
    .max(FUND_SOURCES.length)
    .optional()
    .describe('default: regular only'),
  dueFiscalMonth: z.number().int().min(1).max(12).describe('1 = October … 12 = September'),
  minObligatedPercent: percentSetting,
});
/** A laggard rule as the API takes it: names cleaned (no control characters, NFC, spaces folded). */
export const laggardRuleInput = laggardRuleSchema.extend({
  label: nameText(200),
  expenseItem: nameText(200).optional(),
});
export type LaggardRuleInput = z.input<typeof laggardRuleInput>;

const ruleList = z
  .array(laggardRuleInput)
  .max(30)
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((r, i) => {
      if (seen.has(r.id))
        ctx.addIssue({
          code: 'custom',
          path: [i, 'id'],
          message: `the id ${r.id} is used twice`,
          params: { reason: 'alert_rule_id_taken', id: r.id },
        });
      seen.add(r.id);
    });
  });

export const alertRulesBody = z.object({
  version: z.number().int().min(1).describe('the version you read; a stale one gets 409'),
  rules: ruleList,
  targets: forecastTargetsSchema,
});
export type AlertRulesBody = z.input<typeof alertRulesBody>;

export const alertRulesSchema = z.object({
  version: z.number().int(),
  /** True while the organisation uses the defaults (the seed's activity 2), never saved. */
  isDefault: z.boolean(),
  rules: z.array(laggardRuleSchema),
  targets: forecastTargetsSchema,
});
export type AlertRules = z.input<typeof alertRulesSchema>;

export const alertsSchema = z.object({
  fiscalYear: z.number().int(),
  asOf: isoDay,
  figuresAsOf: isoDay.nullable(),
  monthsObserved: z.number().int().min(0).max(12),
  rules: z.array(laggardRuleSchema.extend({ dueDate: isoDay })),
  /** The next rule deadline after the figures (or 30 September when none is left); null once the year is over. */
  nextDeadline: z
    .object({ fiscalMonth: z.number().int(), date: isoDay, ruleIds: z.array(z.string()) })
    .nullable(),
  /** Every rule against every unit in scope with lines it looks at: flagged, ok or upcoming. */
  findings: z.array(
    z.object({
      unitId: uuidSchema,
      unitCode: z.string(),
      unitName: z.string(),
      analysisDivisionNo: z.number().int().nullable(),
      ruleId: z.string(),
      status: z.enum(['flagged', 'ok', 'upcoming']),
      dueFiscalMonth: z.number().int(),
      dueDate: isoDay,
      thresholdPercent: z.string(),
      baseBaht: baht,
      committedAtDueBaht: baht.nullable(),
      committedBaht: baht,
      rateAtDue: percent.nullable(),
      rate: percent,
    }),
  ),
  flaggedUnits: z.number().int(),
});
export type Alerts = z.input<typeof alertsSchema>;

// --- rankings ---------------------------------------------------------------------------------

const rankedSchema = z.object({
  /** 1 = best; equal rates share a rank (1, 2, 2, 4). */
  rank: z.number().int(),
  unitId: uuidSchema,
  unitCode: z.string(),
  unitName: z.string(),
  analysisDivisionNo: z.number().int().nullable(),
  rate: percent,
});

export const rankingsSchema = z.object({
  fiscalYear: z.number().int(),
  asOf: isoDay,
  /** Indicator 5.1, highest first; units without a base are left out. */
  disbursement: z.array(rankedSchema),
  /** Indicator 2, lowest first; units the indicator leaves out or without a base are left out. */
  carryOver: z.array(rankedSchema),
});
export type Rankings = z.input<typeof rankingsSchema>;
