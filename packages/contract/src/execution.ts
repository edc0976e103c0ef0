import { z } from 'zod';
import { EXPENSE_CATEGORIES, FUND_SOURCES } from '@pbis/core';
import { fiscalYearQuery, uuidSchema } from './common.js';

/** An amount in baht as a decimal string with two decimals ("10991500.00"). */
const baht = z.string().regex(/^-?\d+\.\d{2}$/);
/** A percentage rounded half-up to 3 decimals ("97.977"), or null where the base is 0. */
const rate = z
  .string()
  .regex(/^-?\d+\.\d{3}$/)
  .nullable();
const isoDay = z.iso.date();

export const expenseCategorySchema = z.enum(EXPENSE_CATEGORIES);
export const fundSourceSchema = z.enum(FUND_SOURCES);

/** GET /execution/money-indicators */
export const moneyIndicatorsQuery = z.object({
  fiscalYear: fiscalYearQuery,
  unit: z.string().min(1).max(200).optional().describe('unit code or exact Thai name'),
  asOf: isoDay.optional().describe('default: 30 September of the fiscal year'),
});
export type MoneyIndicatorsQuery = z.input<typeof moneyIndicatorsQuery>;

export const moneyIndicatorRowSchema = z.object({
  unit_code: z.string(),
  unit_name: z.string(),
  included: z.boolean(),
  disbursement_base_baht: baht,
  disbursed_baht: baht,
  disbursement_rate: rate,
  disbursement_level: z.number().int().nullable(),
  disbursement_points: z.string().nullable(),
  carry_over_base_baht: baht,
  carry_over_without_obligation_baht: baht,
  carry_over_without_obligation_rate: rate,
  carry_over_level: z.number().int().nullable(),
  carry_over_points: z.string().nullable(),
  carry_over_level_note: z.string().nullable(),
});
export type MoneyIndicatorRow = z.input<typeof moneyIndicatorRowSchema>;

export const moneyIndicatorsSchema = z.object({
  fiscalYear: z.number().int(),
  asOf: isoDay,
  rows: z.array(moneyIndicatorRowSchema),
});
export type MoneyIndicators = z.input<typeof moneyIndicatorsSchema>;

/** GET /execution/lines */
export const budgetLinesQuery = z.object({
  fiscalYear: fiscalYearQuery,
  unitId: uuidSchema.optional(),
});

export const budgetLineSchema = z.object({
  id: uuidSchema,
  unitId: uuidSchema,
  unitCode: z.string(),
  unitName: z.string(),
  fiscalYear: z.number().int(),
  lineCode: z.string().nullable(),
  programme: z.string(),
  project: z.string(),
  projectCode: z.string(),
  expenseCategory: expenseCategorySchema,
  fundSource: fundSourceSchema,
  expenseItem: z.string(),
  enactedBaht: baht,
  revisedBaht: baht,
  reservedBaht: baht,
  obligatedBaht: baht,
  disbursedBaht: baht,
  availableBaht: baht,
  /** Year end: a carried-over line's origin and deadline; when the line lapsed (and how much). */
  carriedFromLineId: uuidSchema.nullable(),
  carryDeadline: isoDay.nullable(),
  lapsedOn: isoDay.nullable(),
  lapsedBaht: baht,
  version: z.number().int(),
});
export type BudgetLine = z.input<typeof budgetLineSchema>;
export const budgetLineListSchema = z.object({ items: z.array(budgetLineSchema) });

/** POST /execution/obligations and /execution/disbursements: one entry on one line. */
export const postEntryBody = z.object({
  lineId: uuidSchema,
  documentNo: z.string().trim().min(1).max(60),
  date: isoDay,
  amount: z
    .string()
    .regex(/^-?\d{1,15}(\.\d{1,2})?$/)
    .describe('baht, at most 2 decimals; negative = a reversal or cancellation'),
  vendor: z.string().max(200).optional(),
  /** disbursements: the obligation it pays (its document number), or none (salaries). */
  obligationNo: z.string().trim().min(1).max(60).optional(),
  /** obligations: the reservation (purchase request) it comes from, whose open amount it releases;
   * a negative reservation: the reservation it cancels. */
  reservationNo: z.string().trim().min(1).max(60).optional(),
  /** obligations: a multi-year obligation's amounts of later fiscal years (ผูกพันข้ามปี). */
  laterYears: z
    .array(
      z.object({
        fiscalYear: z.number().int().min(2400).max(2800),
        amount: z.string().regex(/^\d{1,15}(\.\d{1,2})?$/),
      }),
    )
    .max(10)
    .optional(),
});
export type PostEntryBody = z.input<typeof postEntryBody>;

export const postedEntrySchema = z.object({
  id: uuidSchema,
  lineId: uuidSchema,
  documentNo: z.string(),
  amountBaht: baht,
  availableBaht: baht,
});
export type PostedEntry = z.input<typeof postedEntrySchema>;

/** GET /execution/summary: budget vs actual per unit, and the monthly curve. */
export const executionSummaryQuery = z.object({
  fiscalYear: fiscalYearQuery,
  unitId: uuidSchema.optional(),
});

const figures = {
  enactedBaht: baht,
  revisedBaht: baht,
  reservedBaht: baht,
  obligatedBaht: baht,
  disbursedBaht: baht,
  availableBaht: baht,
  disbursementRate: rate,
};

export const executionSummarySchema = z.object({
  fiscalYear: z.number().int(),
  total: z.object(figures),
  units: z.array(
    z.object({ unitId: uuidSchema, unitCode: z.string(), unitName: z.string(), ...figures }),
  ),
  byCategory: z.array(z.object({ expenseCategory: expenseCategorySchema, ...figures })),
  /** Cumulative per fiscal month (1 = October): planned (even), obligated and disbursed. */
  months: z.array(
    z.object({
      fiscalMonth: z.number().int(),
      plannedBaht: baht,
      obligatedBaht: baht,
      disbursedBaht: baht,
    }),
  ),
});
export type ExecutionSummary = z.input<typeof executionSummarySchema>;
