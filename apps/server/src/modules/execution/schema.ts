import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizationId, timestamps, unitId } from '../../db/columns.js';
import { appUser, importBatch, receivingUnit } from '../../db/schema.js';

/*
 * Budget execution (ADR 0010): the enacted lines, their transfers, the commitment chain
 * (reservation → obligation → disbursement) and carry-overs. Money is integer satang.
 *
 * Every line keeps its running totals (reserved, obligated, disbursed …) exact on write, in the
 * same transaction as the entry that moves them, and `budget_line_month` keeps the same per fiscal
 * month: dashboards read totals, never sum a million entries. The available balance is
 *   revised (enacted + transfers) − reserved (open) − obligated − disbursed without obligation
 * and a check constraint holds it ≥ 0, whatever the code above it does.
 */

const satang = (name: string) =>
  bigint(name, { mode: 'bigint' })
    .notNull()
    .default(sql`0`);

export const budgetLine = pgTable(
  'budget_line',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    unitId: unitId(),
    fiscalYear: integer('fiscal_year').notNull(),
    /** The line's stable code (e.g. the ERP's budget code); null when the file gives none. */
    lineCode: text('line_code'),
    programme: text('programme').notNull().default(''),
    output: text('output').notNull().default(''),
    projectCode: text('project_code').notNull().default(''),
    project: text('project').notNull(),
    expenseCategory: text('expense_category').notNull(),
    fundSource: text('fund_source').notNull().default('regular'),
    expenseItem: text('expense_item').notNull().default(''),
    strategyCode: text('strategy_code').notNull().default(''),
    /** core lineIdentityKey: line_code, or the columns that name a line (SPEC §3). */
    identityKey: text('identity_key').notNull(),
    enactedSatang: satang('enacted_satang'),
    /** Approved transfers in minus out. */
    transferNetSatang: satang('transfer_net_satang'),
    /** Reservations not yet turned into obligations or cancelled. */
    reservedSatang: satang('reserved_satang'),
    /** Obligations, net of cancellations (the disbursed part included). */
    obligatedSatang: satang('obligated_satang'),
    /** Every disbursement, net of reversals. */
    disbursedSatang: satang('disbursed_satang'),
    /** The part of disbursedSatang paid without an obligation (salaries and the like). */
    disbursedDirectSatang: satang('disbursed_direct_satang'),
    /** A carried-over line: the line of the previous year it came from, and its deadline. */
    carriedFromLineId: uuid('carried_from_line_id'),
    carryDeadline: date('carry_deadline', { mode: 'string' }),
    /** Year end: what lapsed (ตกพับ) at the closing of its year or at its carry deadline, and when. */
    lapsedSatang: satang('lapsed_satang'),
    lapsedOn: date('lapsed_on', { mode: 'string' }),
    /** A carried line whose deadline the Budget Office extended: the reason given. */
    carryExtensionReason: text('carry_extension_reason'),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('budget_line_identity').on(t.organizationId, t.identityKey),
    index('budget_line_unit_year').on(t.organizationId, t.fiscalYear, t.unitId),
    check(
      'budget_line_category',
      sql`${t.expenseCategory} in ('personnel','operating','capital','subsidy','other','central')`,
    ),
    check(
      'budget_line_fund_source',
      sql`${t.fundSource} in ('regular','supplementary','government_grant','carried_over')`,
    ),
    check('budget_line_enacted', sql`${t.enactedSatang} >= 0`),
    check(
      'budget_line_not_overspent',
      sql`${t.enactedSatang} + ${t.transferNetSatang} - ${t.reservedSatang} - ${t.obligatedSatang} - ${t.disbursedDirectSatang} >= 0`,
    ),
  ],
);

/** The same totals per fiscal month (1 = October): the S-curves and the as-of figures. */
export const budgetLineMonth = pgTable(
  'budget_line_month',
  {
    lineId: uuid('line_id')
      .notNull()
      .references(() => budgetLine.id),
    fiscalMonth: integer('fiscal_month').notNull(),
    organizationId: organizationId(),
    unitId: unitId(),
    fiscalYear: integer('fiscal_year').notNull(),
    transferNetSatang: satang('transfer_net_satang'),
    obligatedSatang: satang('obligated_satang'),
    disbursedSatang: satang('disbursed_satang'),
  },
  (t) => [
    primaryKey({ columns: [t.lineId, t.fiscalMonth] }),
    index('budget_line_month_unit').on(t.organizationId, t.fiscalYear, t.unitId),
    check('budget_line_month_month', sql`${t.fiscalMonth} between 1 and 12`),
  ],
);

export const COMMITMENT_KINDS = ['reservation', 'obligation'] as const;

/**
 * A reservation (purchase request) or an obligation (contract, PO). A cancellation is an entry of
 * its own with a negative amount that names what it cancels. `settledSatang` is what later stages
 * took from it: the obligations made from a reservation, the disbursements paid on an obligation.
 */
export const commitment = pgTable(
  'commitment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    unitId: unitId(),
    lineId: uuid('line_id')
      .notNull()
      .references(() => budgetLine.id),
    fiscalYear: integer('fiscal_year').notNull(),
    fiscalMonth: integer('fiscal_month').notNull(),
    kind: text('kind', { enum: COMMITMENT_KINDS }).notNull(),
    documentNo: text('document_no').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    vendor: text('vendor').notNull().default(''),
    amountSatang: bigint('amount_satang', { mode: 'bigint' }).notNull(),
    settledSatang: satang('settled_satang'),
    /** An obligation made from a reservation. */
    reservationId: uuid('reservation_id'),
    /** A cancellation: the entry it cancels (its amount is negative). */
    cancelsId: uuid('cancels_id'),
    /** Multi-year obligations: the amount of each later fiscal year, [{fiscalYear, amountSatang}]. */
    laterYears: jsonb('later_years').$type<{ fiscalYear: number; amountSatang: string }[]>(),
    /** Year end: the obligation of the previous year this one continues, and how. */
    carriedFromId: uuid('carried_from_id'),
    origin: text('origin', { enum: ['carried', 'later_year'] }),
    importBatchId: uuid('import_batch_id').references(() => importBatch.id),
    createdBy: uuid('created_by').references(() => appUser.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('commitment_document').on(t.organizationId, t.fiscalYear, t.kind, t.documentNo),
    index('commitment_line').on(t.lineId),
    check('commitment_settled', sql`${t.settledSatang} >= 0`),
    check(
      'commitment_not_oversettled',
      sql`${t.amountSatang} < 0 OR ${t.settledSatang} <= ${t.amountSatang}`,
    ),
  ],
);

/** A payment: against an obligation, or directly (obligationId null). Reversals are negative. */
export const disbursement = pgTable(
  'disbursement',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    unitId: unitId(),
    lineId: uuid('line_id')
      .notNull()
      .references(() => budgetLine.id),
    fiscalYear: integer('fiscal_year').notNull(),
    fiscalMonth: integer('fiscal_month').notNull(),
    documentNo: text('document_no').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    amountSatang: bigint('amount_satang', { mode: 'bigint' }).notNull(),
    obligationId: uuid('obligation_id'),
    reversesId: uuid('reverses_id'),
    importBatchId: uuid('import_batch_id').references(() => importBatch.id),
    createdBy: uuid('created_by').references(() => appUser.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('disbursement_document').on(t.organizationId, t.fiscalYear, t.documentNo),
    index('disbursement_line').on(t.lineId),
  ],
);

export const TRANSFER_STATUSES = ['requested', 'approved', 'rejected', 'cancelled'] as const;

/** A transfer between two lines of one fiscal year: a document requested, then decided. */
export const budgetTransfer = pgTable(
  'budget_transfer',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    fiscalYear: integer('fiscal_year').notNull(),
    documentNo: text('document_no').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    fiscalMonth: integer('fiscal_month').notNull(),
    fromLineId: uuid('from_line_id')
      .notNull()
      .references(() => budgetLine.id),
    toLineId: uuid('to_line_id')
      .notNull()
      .references(() => budgetLine.id),
    fromUnitId: uuid('from_unit_id')
      .notNull()
      .references(() => receivingUnit.id),
    toUnitId: uuid('to_unit_id')
      .notNull()
      .references(() => receivingUnit.id),
    amountSatang: bigint('amount_satang', { mode: 'bigint' }).notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: TRANSFER_STATUSES }).notNull().default('requested'),
    /** The role the rule table asked to approve it, and the rules that matched. */
    approverRole: text('approver_role').notNull(),
    rules: jsonb('rules').$type<string[]>().notNull(),
    requestedBy: uuid('requested_by').references(() => appUser.id),
    decidedBy: uuid('decided_by').references(() => appUser.id),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    decisionNote: text('decision_note').notNull().default(''),
    importBatchId: uuid('import_batch_id').references(() => importBatch.id),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('budget_transfer_document').on(t.organizationId, t.fiscalYear, t.documentNo),
    check('budget_transfer_positive', sql`${t.amountSatang} > 0`),
    check('budget_transfer_two_lines', sql`${t.fromLineId} <> ${t.toLineId}`),
  ],
);

export const CARRY_OVER_STATUSES = ['requested', 'approved', 'rejected'] as const;

/** What a line carries into the next fiscal year, with or without an obligation. */
export const carryOver = pgTable(
  'carry_over',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    unitId: unitId(),
    lineId: uuid('line_id')
      .notNull()
      .references(() => budgetLine.id),
    fiscalYear: integer('fiscal_year').notNull(),
    kind: text('kind').notNull(),
    amountSatang: bigint('amount_satang', { mode: 'bigint' }).notNull(),
    /** The council's or the approver's reference (SPEC §3 `reference`). */
    reference: text('reference').notNull().default(''),
    reason: text('reason').notNull().default(''),
    /** A kind the carry-over indicator does not count (core CARRY_OVER_EXEMPTIONS), or null. */
    exemption: text('exemption'),
    status: text('status', { enum: CARRY_OVER_STATUSES }).notNull().default('approved'),
    /** The next year's line it opened as (fund source carried_over), once the year is closed. */
    nextLineId: uuid('next_line_id'),
    requestedBy: uuid('requested_by').references(() => appUser.id),
    decidedBy: uuid('decided_by').references(() => appUser.id),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    decisionNote: text('decision_note').notNull().default(''),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('carry_over_line_kind').on(t.lineId, t.kind),
    index('carry_over_unit_year').on(t.organizationId, t.fiscalYear, t.unitId),
    check('carry_over_kind', sql`${t.kind} in ('with_obligation','without_obligation')`),
    check('carry_over_positive', sql`${t.amountSatang} >= 0`),
  ],
);

export const EXECUTION_RULE_KINDS = ['transfer', 'laggard', 'forecast_target', 'year_end'] as const;

/**
 * Rules that are data: who approves a transfer (core TransferRule) and when a unit is a laggard
 * (core LaggardRule). An organisation without rows of a kind uses the core's defaults.
 */
export const executionRule = pgTable(
  'execution_rule',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    kind: text('kind', { enum: EXECUTION_RULE_KINDS }).notNull(),
    position: integer('position').notNull(),
    rule: jsonb('rule').$type<Record<string, unknown>>().notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('execution_rule_position').on(t.organizationId, t.kind, t.position)],
);

/**
 * A fiscal year closed (year end): one row per organisation and year, written in the closing's
 * own transaction, so a year is closed entirely or not at all. `totals` holds the figures.
 */
export const fiscalYearClose = pgTable(
  'fiscal_year_close',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationId(),
    fiscalYear: integer('fiscal_year').notNull(),
    carryDeadline: date('carry_deadline', { mode: 'string' }).notNull(),
    totals: jsonb('totals').$type<Record<string, string>>().notNull(),
    closedBy: uuid('closed_by').references(() => appUser.id),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('fiscal_year_close_year').on(t.organizationId, t.fiscalYear)],
);
