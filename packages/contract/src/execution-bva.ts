import { z } from 'zod';
import { textProblem } from '@pbis/core';
import { fiscalYearQuery, uuidSchema } from './common.js';
import { expenseCategorySchema, fundSourceSchema } from './execution.js';

/*
 * Budget vs actual at every level (issue 15 "Screens"): BMA → analysis division → unit →
 * programme → project → expense category → line, each node with its figures from the lines'
 * running totals, and a line's documents.
 */

/** An amount in baht as a decimal string with two decimals ("10991500.00"). */
const baht = z.string().regex(/^-?\d+\.\d{2}$/);
/** A percentage rounded half-up to 3 decimals ("97.977"), or null where the base is 0. */
const rate = z
  .string()
  .regex(/^-?\d+\.\d{3}$/)
  .nullable();
const isoDay = z.iso.date();

export const BVA_LEVELS = [
  'bma',
  'division',
  'unit',
  'programme',
  'project',
  'category',
  'line',
] as const;
export type BvaLevel = (typeof BVA_LEVELS)[number];
export const bvaLevelSchema = z.enum(BVA_LEVELS);

/** A node key as the server gave it: printable text, no control characters. */
const nodeKey = z
  .string()
  .min(1)
  .max(600)
  .refine((s) => textProblem(s) === undefined, 'contains a control character or invalid Unicode');

/**
 * GET /execution/budget-vs-actual: the node named by the path (none: the BMA) and its children.
 * Each path element is the `key` of a row one level up; a deeper element needs the ones above it
 * (the division is implied by the unit).
 */
export const budgetVsActualQuery = z.object({
  fiscalYear: fiscalYearQuery,
  asOf: isoDay.optional().describe('figures at the end of this day (default: now)'),
  division: nodeKey.optional().describe('a division row key (its id, or "none")'),
  unit: uuidSchema.optional(),
  programme: nodeKey.optional().describe('a programme row key'),
  project: nodeKey.optional().describe('a project row key'),
  category: expenseCategorySchema.optional(),
});
export type BudgetVsActualQuery = z.input<typeof budgetVsActualQuery>;

export const bvaFigures = {
  enactedBaht: baht,
  /** Enacted after transfers in and out. */
  revisedBaht: baht,
  reservedBaht: baht,
  obligatedBaht: baht,
  disbursedBaht: baht,
  availableBaht: baht,
  /** Disbursed ÷ revised × 100, exact decimal rounded half-up to 3 places; null when revised is 0. */
  disbursementRate: rate,
  /** How many rows the next level down has (0 for a line). */
  childCount: z.number().int().min(0),
};

export const bvaRowSchema = z.object({
  level: bvaLevelSchema,
  /** What to pass as this level's query parameter to descend (a line: its id). */
  key: z.string(),
  /** The unit's or project's code, the division's number; '' where there is none. */
  code: z.string(),
  /** The Thai name shown (a line: its expense item, or its category). */
  name: z.string(),
  /** Lines only: the budget line id, code and fund source. */
  lineId: uuidSchema.nullable(),
  lineCode: z.string().nullable(),
  fundSource: fundSourceSchema.nullable(),
  ...bvaFigures,
});
export type BvaRow = z.input<typeof bvaRowSchema>;

export const bvaCrumbSchema = z.object({
  level: bvaLevelSchema,
  key: z.string(),
  name: z.string(),
});

export const budgetVsActualSchema = z.object({
  fiscalYear: z.number().int(),
  /** The day the figures are at; null: the running totals now. */
  asOf: isoDay.nullable(),
  /** From the BMA down to the node shown. */
  path: z.array(bvaCrumbSchema),
  /** The level of `rows` (a line has documents, not rows: GET /execution/lines/:id/documents). */
  level: bvaLevelSchema,
  /** The node's own figures: exactly the sum of its rows. */
  total: z.object(bvaFigures),
  rows: z.array(bvaRowSchema),
});
export type BudgetVsActual = z.input<typeof budgetVsActualSchema>;

/** GET /execution/budget-vs-actual/report: the report as a file. */
export const BVA_REPORT_FORMATS = ['pdf', 'xlsx', 'csv', 'json'] as const;
export const budgetVsActualReportQuery = z.object({
  fiscalYear: fiscalYearQuery,
  format: z.enum(BVA_REPORT_FORMATS),
  unit: nodeKey.optional().describe('unit code or exact Thai name (default: every unit in scope)'),
  asOf: isoDay.optional(),
});

export const BVA_DOCUMENT_KINDS = [
  'reservation',
  'obligation',
  'disbursement',
  'transfer_in',
  'transfer_out',
  'carry_over',
] as const;

/** GET /execution/lines/:id/documents */
export const lineDocumentsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const lineDocumentSchema = z.object({
  kind: z.enum(BVA_DOCUMENT_KINDS),
  documentNo: z.string(),
  date: isoDay,
  /** Positive; a cancellation or reversal is negative. */
  amountBaht: baht,
  /** Reservations and obligations: what later stages took from it; else null. */
  settledBaht: baht.nullable(),
  vendor: z.string().nullable(),
  /** A disbursement: the obligation it paid (document number), or null (paid directly). */
  obligationNo: z.string().nullable(),
  /** A transfer: the other line's unit and project (null when outside the reader's scope). */
  counterpart: z.string().nullable(),
  /** Transfers and carry-overs: their status (requested, approved …); entries: null. */
  status: z.string().nullable(),
  /** A carry-over: with_obligation or without_obligation. */
  detail: z.string().nullable(),
});
export type LineDocument = z.input<typeof lineDocumentSchema>;

export const lineDocumentsSchema = z.object({
  line: z.object({
    id: uuidSchema,
    unitCode: z.string(),
    unitName: z.string(),
    fiscalYear: z.number().int(),
    programme: z.string(),
    project: z.string(),
    expenseCategory: expenseCategorySchema,
    expenseItem: z.string(),
    ...bvaFigures,
  }),
  items: z.array(lineDocumentSchema),
  total: z.number().int().min(0),
});
export type LineDocuments = z.input<typeof lineDocumentsSchema>;
