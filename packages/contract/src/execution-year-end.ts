import { z } from 'zod';
import { EXPENSE_CATEGORIES, FUND_SOURCES } from '@pbis/core';
import {
  fiscalYearInput,
  fiscalYearQuery,
  isoDate,
  isoDateTime,
  nameText,
  uuidSchema,
  versionField,
} from './common.js';

/*
 * The fiscal year's end (issue 15 "Year end"): the lapse preview, carry-over requests without
 * obligation and their approval, closing a year, carried lines with their deadline, and the
 * lapse after it. Amounts are baht as decimal strings with two decimals.
 */

const baht = z.string().regex(/^-?\d+\.\d{2}$/);
const amountInput = z
  .string()
  .regex(/^\d{1,15}(\.\d{1,2})?$/)
  .describe('baht, at most 2 decimals, above 0');

/** GET /execution/year-end/preview */
export const yearEndQuery = z.object({
  fiscalYear: fiscalYearQuery,
  unitId: uuidSchema.optional(),
});

const split = {
  revisedBaht: baht,
  disbursedBaht: baht,
  unpaidBaht: baht,
  withObligationBaht: baht,
  withoutObligationApprovedBaht: baht,
  withoutObligationRequestedBaht: baht,
  lapseBaht: baht,
};

export const yearEndLineSchema = z.object({
  lineId: uuidSchema,
  unitId: uuidSchema,
  unitCode: z.string(),
  unitName: z.string(),
  programme: z.string(),
  project: z.string(),
  expenseCategory: z.enum(EXPENSE_CATEGORIES),
  fundSource: z.enum(FUND_SOURCES),
  expenseItem: z.string(),
  ...split,
  /** The most the line may carry without obligation (revised − obligated − paid directly). */
  remainderBaht: baht,
  /** An approved carry-over above the remainder: closing refuses until it is decided again. */
  exceedsRemainder: z.boolean(),
});

export const laterYearPortionSchema = z.object({
  obligationNo: z.string(),
  fromLineId: uuidSchema,
  unitCode: z.string(),
  project: z.string(),
  fiscalYear: z.number().int(),
  amountBaht: baht,
  /** The matching line of that year (same unit, project, category, item, fund source), if any. */
  toLineId: uuidSchema.nullable(),
  posted: z.boolean(),
});

export const yearEndPreviewSchema = z.object({
  fiscalYear: z.number().int(),
  nextFiscalYear: z.number().int(),
  closed: z.boolean(),
  closedAt: isoDateTime.nullable(),
  /** The carried lines' deadline: the one set at closing, or the one closing now would set. */
  carryDeadline: isoDate,
  pendingRequests: z.number().int(),
  totals: z.object(split),
  lines: z.array(yearEndLineSchema),
  laterYears: z.array(laterYearPortionSchema),
});
export type YearEndPreview = z.input<typeof yearEndPreviewSchema>;
export type YearEndLine = z.input<typeof yearEndLineSchema>;

/** GET /execution/carry-overs */
export const carryOverQuery = z.object({
  fiscalYear: fiscalYearQuery,
  unitId: uuidSchema.optional(),
});

export const CARRY_OVER_STATUS_VALUES = ['requested', 'approved', 'rejected'] as const;

export const carryOverSchema = z.object({
  id: uuidSchema,
  lineId: uuidSchema,
  unitId: uuidSchema,
  unitCode: z.string(),
  unitName: z.string(),
  project: z.string(),
  expenseCategory: z.enum(EXPENSE_CATEGORIES),
  fiscalYear: z.number().int(),
  kind: z.enum(['with_obligation', 'without_obligation']),
  amountBaht: baht,
  remainderBaht: baht,
  reason: z.string(),
  /** The council's approval reference (สภากรุงเทพมหานคร). */
  reference: z.string(),
  status: z.enum(CARRY_OVER_STATUS_VALUES),
  decisionNote: z.string(),
  requestedBy: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: isoDateTime.nullable(),
  nextLineId: uuidSchema.nullable(),
  version: z.number().int(),
});
export type CarryOver = z.input<typeof carryOverSchema>;
export const carryOverListSchema = z.object({ items: z.array(carryOverSchema) });

/** POST /execution/carry-overs: request (or re-request) a carry-over without obligation. */
export const carryOverRequestBody = z.object({
  lineId: uuidSchema,
  amount: amountInput,
  reason: nameText(1000),
  /** The version of the line's request when it exists already (re-request after a rejection). */
  version: versionField.optional(),
});
export type CarryOverRequestBody = z.input<typeof carryOverRequestBody>;

/** POST /execution/carry-overs/:id/approve */
export const carryOverApproveBody = z.object({
  version: versionField,
  reference: nameText(200).describe("the council's approval reference"),
});
export type CarryOverApproveBody = z.input<typeof carryOverApproveBody>;

/** POST /execution/carry-overs/:id/reject */
export const carryOverRejectBody = z.object({
  version: versionField,
  note: nameText(1000),
});
export type CarryOverRejectBody = z.input<typeof carryOverRejectBody>;

/** POST /execution/year-end/close */
export const closeYearBody = z.object({ fiscalYear: fiscalYearInput });
export type CloseYearBody = z.input<typeof closeYearBody>;

const totals = z.object({
  withObligationBaht: baht,
  withoutObligationBaht: baht,
  lapseBaht: baht,
});

export const closeYearResultSchema = z.object({
  fiscalYear: z.number().int(),
  nextFiscalYear: z.number().int(),
  carryDeadline: isoDate,
  closedAt: isoDateTime,
  linesCarried: z.number().int(),
  obligationsCarried: z.number().int(),
  laterYearPortions: z.number().int(),
  totals,
});
export type CloseYearResult = z.input<typeof closeYearResultSchema>;

/** GET and PUT /execution/year-end/settings: the organisation's carry deadline, in months. */
export const yearEndSettingsSchema = z.object({
  carryMonths: z.number().int().min(1).max(24),
});
export type YearEndSettings = z.input<typeof yearEndSettingsSchema>;

/** GET /execution/year-end/carried: the carried-over lines of a fiscal year (the next one). */
export const carriedLinesQuery = z.object({
  fiscalYear: fiscalYearQuery,
  unitId: uuidSchema.optional(),
  asOf: isoDate.optional().describe('default: today in Bangkok'),
});

export const carriedLineSchema = z.object({
  id: uuidSchema,
  fromLineId: uuidSchema,
  unitId: uuidSchema,
  unitCode: z.string(),
  unitName: z.string(),
  project: z.string(),
  expenseCategory: z.enum(EXPENSE_CATEGORIES),
  fiscalYear: z.number().int(),
  enactedBaht: baht,
  obligatedBaht: baht,
  disbursedBaht: baht,
  availableBaht: baht,
  carryDeadline: isoDate.nullable(),
  state: z.enum(['open', 'past_deadline', 'lapsed']),
  lapsedBaht: baht,
  lapsedOn: isoDate.nullable(),
  extensionReason: z.string().nullable(),
  version: z.number().int(),
});
export type CarriedLine = z.input<typeof carriedLineSchema>;
export const carriedLineListSchema = z.object({
  asOf: isoDate,
  items: z.array(carriedLineSchema),
});

/** POST /execution/year-end/lapse-expired: lapse carried lines past their deadline at a date. */
export const lapseExpiredBody = z.object({ asOf: isoDate });
export const lapseExpiredResultSchema = z.object({
  asOf: isoDate,
  lines: z.number().int(),
  lapsedBaht: baht,
});

/** POST /execution/lines/:id/extend-deadline */
export const extendDeadlineBody = z.object({
  deadline: isoDate,
  reason: nameText(1000),
  version: versionField,
});
export type ExtendDeadlineBody = z.input<typeof extendDeadlineBody>;

/** POST /execution/year-end/later-years */
export const laterYearsBody = z.object({ fiscalYear: fiscalYearInput });
export const laterYearsResultSchema = z.object({
  fiscalYear: z.number().int(),
  posted: z.number().int(),
  pending: z.number().int(),
});
