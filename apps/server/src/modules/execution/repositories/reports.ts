import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../../db/client.js';
import { fiscalYear } from '../../../db/schema.js';
import { budgetLineMonth, budgetTransfer, carryOver, commitment, disbursement } from '../schema.js';

/*
 * The reads of budget execution's reports: monthly totals, the entries of a month after a day,
 * carry-overs and transfers, and the entries as export files list them.
 */

/** The fiscal years the organisation has created. */
export async function fiscalYearsOf(db: Executor, organizationId: string): Promise<Set<number>> {
  const rows = await db
    .select({ year: fiscalYear.year })
    .from(fiscalYear)
    .where(eq(fiscalYear.organizationId, organizationId));
  return new Set(rows.map((r) => r.year));
}

/** Obligated and disbursed per fiscal month (not cumulative), from the monthly totals. */
export async function monthTotals(
  db: Executor,
  organizationId: string,
  year: number,
  unitId?: string,
): Promise<Map<number, { obligated: bigint; disbursed: bigint }>> {
  const where = [
    eq(budgetLineMonth.organizationId, organizationId),
    eq(budgetLineMonth.fiscalYear, year),
  ];
  if (unitId) where.push(eq(budgetLineMonth.unitId, unitId));
  const rows = await db
    .select({
      month: budgetLineMonth.fiscalMonth,
      obligated: sql<string>`sum(${budgetLineMonth.obligatedSatang})`,
      disbursed: sql<string>`sum(${budgetLineMonth.disbursedSatang})`,
    })
    .from(budgetLineMonth)
    .where(and(...where))
    .groupBy(budgetLineMonth.fiscalMonth);
  return new Map(
    rows.map((r) => [r.month, { obligated: BigInt(r.obligated), disbursed: BigInt(r.disbursed) }]),
  );
}

/** Per line: transfers and disbursements of the fiscal months 1..month. */
export async function lineTotalsToMonth(
  db: Executor,
  organizationId: string,
  year: number,
  month: number,
) {
  const rows = await db
    .select({
      lineId: budgetLineMonth.lineId,
      transfer: sql<string>`sum(${budgetLineMonth.transferNetSatang})`,
      disbursed: sql<string>`sum(${budgetLineMonth.disbursedSatang})`,
    })
    .from(budgetLineMonth)
    .where(
      and(
        eq(budgetLineMonth.organizationId, organizationId),
        eq(budgetLineMonth.fiscalYear, year),
        sql`${budgetLineMonth.fiscalMonth} <= ${month}`,
      ),
    )
    .groupBy(budgetLineMonth.lineId);
  return rows.map((r) => ({
    lineId: r.lineId,
    transfer: BigInt(r.transfer),
    disbursed: BigInt(r.disbursed),
  }));
}

/** Disbursements of a fiscal month dated after a day, per line. */
export async function disbursedAfter(
  db: Executor,
  organizationId: string,
  year: number,
  month: number,
  iso: string,
) {
  const rows = await db
    .select({ lineId: disbursement.lineId, amount: sql<string>`sum(${disbursement.amountSatang})` })
    .from(disbursement)
    .where(
      and(
        eq(disbursement.organizationId, organizationId),
        eq(disbursement.fiscalYear, year),
        eq(disbursement.fiscalMonth, month),
        gt(disbursement.date, iso),
      ),
    )
    .groupBy(disbursement.lineId);
  return rows.map((r) => ({ lineId: r.lineId, amount: BigInt(r.amount) }));
}

/** Approved transfers of a fiscal month dated after a day. */
export const transfersAfter = (
  db: Executor,
  organizationId: string,
  year: number,
  month: number,
  iso: string,
) =>
  db
    .select()
    .from(budgetTransfer)
    .where(
      and(
        eq(budgetTransfer.organizationId, organizationId),
        eq(budgetTransfer.fiscalYear, year),
        eq(budgetTransfer.status, 'approved'),
        eq(budgetTransfer.fiscalMonth, month),
        gt(budgetTransfer.date, iso),
      ),
    );

/** Carry-overs of a fiscal year (every status), or the approved ones of every year. */
export const carryOversOf = (db: Executor, organizationId: string, year?: number) =>
  db
    .select()
    .from(carryOver)
    .where(
      year === undefined
        ? and(eq(carryOver.organizationId, organizationId), eq(carryOver.status, 'approved'))
        : and(eq(carryOver.organizationId, organizationId), eq(carryOver.fiscalYear, year)),
    );

/** Approved transfers, every year. */
export const approvedTransfers = (db: Executor, organizationId: string) =>
  db
    .select()
    .from(budgetTransfer)
    .where(
      and(eq(budgetTransfer.organizationId, organizationId), eq(budgetTransfer.status, 'approved')),
    );

/** Every transfer, every status (re-import checks). */
export const transfersOf = (db: Executor, organizationId: string) =>
  db.select().from(budgetTransfer).where(eq(budgetTransfer.organizationId, organizationId));

export interface ExportedEntry {
  fiscalYear: number;
  lineId: string;
  documentNo: string;
  date: string;
  amountSatang: bigint;
  vendor?: string;
  obligationNo?: string | null;
  laterYears?: { fiscalYear: number; amountSatang: string }[] | null;
}

const obligationOf = alias(commitment, 'obligation_of');

export const obligationsForExport = (
  db: Executor,
  organizationId: string,
): Promise<ExportedEntry[]> =>
  db
    .select({
      fiscalYear: commitment.fiscalYear,
      lineId: commitment.lineId,
      documentNo: commitment.documentNo,
      date: commitment.date,
      amountSatang: commitment.amountSatang,
      vendor: commitment.vendor,
      laterYears: commitment.laterYears,
    })
    .from(commitment)
    .where(and(eq(commitment.organizationId, organizationId), eq(commitment.kind, 'obligation')))
    .orderBy(asc(commitment.fiscalYear), asc(commitment.date), asc(commitment.documentNo));

export const disbursementsForExport = (
  db: Executor,
  organizationId: string,
): Promise<ExportedEntry[]> =>
  db
    .select({
      fiscalYear: disbursement.fiscalYear,
      lineId: disbursement.lineId,
      documentNo: disbursement.documentNo,
      date: disbursement.date,
      amountSatang: disbursement.amountSatang,
      obligationNo: obligationOf.documentNo,
    })
    .from(disbursement)
    .leftJoin(obligationOf, eq(obligationOf.id, disbursement.obligationId))
    .where(eq(disbursement.organizationId, organizationId))
    .orderBy(asc(disbursement.fiscalYear), asc(disbursement.date), asc(disbursement.documentNo));
