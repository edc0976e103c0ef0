import { z } from 'zod';
import { EXPENSE_CATEGORIES } from '@pbis/core';
import {
  boolQuery,
  fiscalYearQuery,
  isoDateTime,
  listOf,
  nameText,
  uuidSchema,
  versionField,
} from './common.js';

/*
 * Transfers between budget lines (โอนเปลี่ยนแปลงงบประมาณ) as documents: requested by whoever may
 * write the source unit, approved by the role the organisation's rule table names, applied to
 * both lines in one transaction. Amounts are baht as decimal strings with two decimals.
 */

/** An amount in baht as the API answers it ("10991500.00"). */
const baht = z.string().regex(/^-?\d+\.\d{2}$/);
/** An amount in baht as a request gives it: positive, at most two decimals. */
const bahtInput = z
  .string()
  .regex(/^\d{1,15}(\.\d{1,2})?$/)
  .describe('baht, more than 0, at most 2 decimals');
const isoDay = z.iso.date();
const category = z.enum(EXPENSE_CATEGORIES);

export const TRANSFER_STATUS_VALUES = ['requested', 'approved', 'rejected', 'cancelled'] as const;
export const transferStatusSchema = z.enum(TRANSFER_STATUS_VALUES);
export type TransferStatus = z.infer<typeof transferStatusSchema>;

/** The roles a transfer rule may name as approver. */
export const TRANSFER_APPROVER_ROLES = ['budget_analyst', 'budget_office'] as const;
export const transferApproverRoleSchema = z.enum(TRANSFER_APPROVER_ROLES);

// --- the rule table -------------------------------------------------------------------------

/**
 * One rule: every condition given must match (null = any); of the matching rules the strictest
 * approver wins; no match at all → the Budget Office (fail closed).
 */
export const transferRuleSchema = z.object({
  fromCategory: category.nullable(),
  toCategory: category.nullable(),
  crossUnit: z.boolean().nullable(),
  minAmount: baht.nullable().describe('baht: the rule matches amounts ≥ this'),
  approverRole: transferApproverRoleSchema,
  label: z.string(),
});
export type TransferRuleDto = z.input<typeof transferRuleSchema>;

export const transferRulesSchema = z.object({
  rules: z.array(transferRuleSchema),
  /** True when the organisation stores no rules and the defaults apply. */
  isDefault: z.boolean(),
});
export type TransferRules = z.input<typeof transferRulesSchema>;

export const transferRuleInput = z.object({
  fromCategory: category.nullable().optional(),
  toCategory: category.nullable().optional(),
  crossUnit: z.boolean().nullable().optional(),
  minAmount: bahtInput.nullable().optional(),
  approverRole: transferApproverRoleSchema,
  label: nameText(200),
});

/** PUT /execution/transfer-rules: the whole table, in order; an empty list restores the defaults. */
export const transferRulesBody = z.object({
  rules: z.array(transferRuleInput).max(50),
});
export type TransferRulesBody = z.input<typeof transferRulesBody>;

// --- transfers ------------------------------------------------------------------------------

/** POST /execution/transfers */
export const transferRequestBody = z.object({
  fromLineId: uuidSchema,
  toLineId: uuidSchema,
  amount: bahtInput,
  reason: nameText(1000),
  date: isoDay.describe('the day the transfer takes effect (its fiscal month must be open)'),
});
export type TransferRequestBody = z.input<typeof transferRequestBody>;

/** PATCH /execution/transfers/{id}: the maker edits a requested transfer (a new version). */
export const transferEditBody = z.object({
  version: versionField,
  fromLineId: uuidSchema.optional(),
  toLineId: uuidSchema.optional(),
  amount: bahtInput.optional(),
  reason: nameText(1000).optional(),
  date: isoDay.optional(),
});
export type TransferEditBody = z.input<typeof transferEditBody>;

/** POST /execution/transfers/{id}/approve and /cancel: a note is optional. */
export const transferDecisionBody = z.object({
  version: versionField,
  note: nameText(1000, 0).optional(),
});
export type TransferDecisionBody = z.input<typeof transferDecisionBody>;

/** POST /execution/transfers/{id}/reject: the note says why. */
export const transferRejectBody = z.object({
  version: versionField,
  note: nameText(1000),
});
export type TransferRejectBody = z.input<typeof transferRejectBody>;

export const transfersQuery = z.object({
  fiscalYear: fiscalYearQuery,
  status: transferStatusSchema.optional(),
  awaitingMe: boolQuery.optional().describe('only requests the caller may decide now'),
});
export type TransfersQuery = z.input<typeof transfersQuery>;

const transferSide = z.object({
  lineId: uuidSchema,
  unitId: uuidSchema,
  unitCode: z.string(),
  unitName: z.string(),
  lineCode: z.string().nullable(),
  project: z.string(),
  expenseCategory: category,
  expenseItem: z.string(),
});

const person = z.object({ id: uuidSchema, name: z.string() }).nullable();

export const transferSchema = z.object({
  id: uuidSchema,
  documentNo: z.string(),
  fiscalYear: z.number().int(),
  date: isoDay,
  from: transferSide,
  to: transferSide,
  amountBaht: baht,
  reason: z.string(),
  status: transferStatusSchema,
  approverRole: z.string(),
  /** The labels of the rules that chose the approver (`imported` for a file's transfer). */
  rules: z.array(z.string()),
  requestedBy: person,
  requestedAt: isoDateTime,
  decidedBy: person,
  decidedAt: isoDateTime.nullable(),
  decisionNote: z.string(),
  imported: z.boolean(),
  version: z.number().int(),
  /** What the caller may do with it now (the server checks again). */
  mayDecide: z.boolean(),
  mayEdit: z.boolean(),
});
export type Transfer = z.input<typeof transferSchema>;

export const transferListSchema = listOf(transferSchema);
export type TransferList = z.input<typeof transferListSchema>;

/** One change of a transfer, from the audit trail. */
export const transferHistoryEntrySchema = z.object({
  at: isoDateTime,
  action: z.string(),
  username: z.string().nullable(),
  version: z.number().int().nullable(),
  changes: z.array(
    z.object({ field: z.string(), before: z.string().nullable(), after: z.string().nullable() }),
  ),
});

export const transferDetailSchema = transferSchema.extend({
  history: z.array(transferHistoryEntrySchema),
});
export type TransferDetail = z.input<typeof transferDetailSchema>;
