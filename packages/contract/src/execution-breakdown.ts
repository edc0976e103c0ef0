import { z } from 'zod';
import { CARRY_OVER_EXEMPTIONS, CARRY_OVER_KINDS } from '@pbis/core';
import { fiscalYearQuery, uuidSchema } from './common.js';
import { expenseCategorySchema, fundSourceSchema } from './execution.js';

/*
 * The breakdown of one unit's money indicators (issue 15 "Every figure opens its breakdown"):
 * each line with its amounts at the date, counted in indicator 5.1 and in the base of indicator 2
 * or left out and why; each carry-over counted in indicator 2 or left out and why; the totals,
 * equal to the unit's row of GET /execution/money-indicators.
 */

/** An amount in baht as a decimal string with two decimals ("10991500.00"). */
const baht = z.string().regex(/^-?\d+\.\d{2}$/);
/** A percentage rounded half-up to 3 decimals ("97.977"), or null where the base is 0. */
const rate = z
  .string()
  .regex(/^-?\d+\.\d{3}$/)
  .nullable();
const isoDay = z.iso.date();

/** Why a line is left out of indicator 5.1. */
export const DISBURSEMENT_EXCLUSIONS = [
  'personnel',
  'staff_central_fund',
  'supplementary',
  'government_grant',
  'carried_over',
] as const;
/** Why a line is left out of the base of indicator 2. */
export const CARRY_OVER_BASE_EXCLUSIONS = [
  'supplementary',
  'government_grant',
  'carried_over',
] as const;
/** Why a carry-over is left out of the numerator of indicator 2. */
export const CARRY_OVER_EXCLUSIONS = [
  'with_obligation',
  'not_approved',
  ...CARRY_OVER_EXEMPTIONS.map((e) => `exempt:${e}` as const),
  'line_not_in_base',
] as const;
/** Why a whole unit is left out of indicator 2 (its figures are still computed). */
export const UNIT_EXCLUSIONS = ['excluded_unit_kind'] as const;

/** Every reason code a breakdown may give (the web has words for each). */
export const BREAKDOWN_REASONS = [
  ...new Set([
    ...DISBURSEMENT_EXCLUSIONS,
    ...CARRY_OVER_BASE_EXCLUSIONS,
    ...CARRY_OVER_EXCLUSIONS,
    ...UNIT_EXCLUSIONS,
  ]),
] as const;
export type BreakdownReason = (typeof BREAKDOWN_REASONS)[number];

export const moneyBreakdownQuery = z.object({
  fiscalYear: fiscalYearQuery,
  unitId: uuidSchema,
  asOf: isoDay.optional().describe('default: 30 September of the fiscal year'),
});
export type MoneyBreakdownQuery = z.input<typeof moneyBreakdownQuery>;

/** Counted, or left out with the reason code (null when counted). */
const counted = <T extends readonly [string, ...string[]]>(reasons: T) =>
  z.object({ counted: z.boolean(), reason: z.enum(reasons).nullable() });

export const breakdownLineSchema = z.object({
  lineId: uuidSchema,
  lineCode: z.string().nullable(),
  programme: z.string(),
  projectCode: z.string(),
  project: z.string(),
  expenseCategory: expenseCategorySchema,
  fundSource: fundSourceSchema,
  expenseItem: z.string(),
  /** Budget after transfers as of the date. */
  revisedBaht: baht,
  /** Disbursements up to the date, net of reversals. */
  disbursedBaht: baht,
  indicator51: counted(DISBURSEMENT_EXCLUSIONS),
  indicator2Base: counted(CARRY_OVER_BASE_EXCLUSIONS),
});
export type BreakdownLine = z.input<typeof breakdownLineSchema>;

export const breakdownCarryOverSchema = z.object({
  id: uuidSchema,
  lineId: uuidSchema,
  lineCode: z.string().nullable(),
  project: z.string(),
  expenseCategory: expenseCategorySchema,
  expenseItem: z.string(),
  kind: z.enum(CARRY_OVER_KINDS),
  status: z.enum(['requested', 'approved', 'rejected']),
  exemption: z.enum(CARRY_OVER_EXEMPTIONS).nullable(),
  amountBaht: baht,
  indicator2: counted(CARRY_OVER_EXCLUSIONS),
});
export type BreakdownCarryOver = z.input<typeof breakdownCarryOverSchema>;

/** The sums of the counted lines and carry-overs: the unit's row of the indicator table. */
export const breakdownTotalsSchema = z.object({
  disbursementBaseBaht: baht,
  disbursedBaht: baht,
  disbursementRate: rate,
  carryOverBaseBaht: baht,
  carryOverWithoutObligationBaht: baht,
  carryOverWithoutObligationRate: rate,
});

export const moneyBreakdownSchema = z.object({
  fiscalYear: z.number().int(),
  asOf: isoDay,
  unit: z.object({ id: uuidSchema, code: z.string(), name: z.string(), kind: z.string() }),
  /** False for the university and the enterprises: left out of indicator 2 (`unitReason`). */
  includedInIndicator2: z.boolean(),
  unitReason: z.enum(UNIT_EXCLUSIONS).nullable(),
  lines: z.array(breakdownLineSchema),
  carryOvers: z.array(breakdownCarryOverSchema),
  totals: breakdownTotalsSchema,
});
export type MoneyBreakdown = z.input<typeof moneyBreakdownSchema>;
