import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { queryRows, type Executor } from '../../../db/client.js';
import { appUser } from '../../../db/schema.js';
import { budgetLine, carryOver, commitment, executionRule, fiscalYearClose } from '../schema.js';

/*
 * The reads and writes of the fiscal year's end (ADR 0010, "Year end"): carry-over requests,
 * open obligations, carried lines, lapses and the closing record. Batches are one JSON statement.
 */

const json = (rows: unknown[]) =>
  JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

export type CarryOverRow = typeof carryOver.$inferSelect;
export type CloseRow = typeof fiscalYearClose.$inferSelect;

const requester = alias(appUser, 'requester');
const decider = alias(appUser, 'decider');

/** Carry-overs of a fiscal year with who requested and decided them (usernames). */
export async function carryOversOfYear(
  db: Executor,
  organizationId: string,
  fiscalYear: number,
  unitId?: string,
) {
  const where = [
    eq(carryOver.organizationId, organizationId),
    eq(carryOver.fiscalYear, fiscalYear),
  ];
  if (unitId) where.push(eq(carryOver.unitId, unitId));
  return db
    .select({ c: carryOver, requestedBy: requester.username, decidedBy: decider.username })
    .from(carryOver)
    .leftJoin(requester, eq(requester.id, carryOver.requestedBy))
    .leftJoin(decider, eq(decider.id, carryOver.decidedBy))
    .where(and(...where));
}

export async function getCarryOver(db: Executor, organizationId: string, id: string) {
  const rows = await db
    .select()
    .from(carryOver)
    .where(and(eq(carryOver.organizationId, organizationId), eq(carryOver.id, id)));
  return rows[0];
}

export async function carryOverOfLine(db: Executor, lineId: string, kind: string) {
  const rows = await db
    .select()
    .from(carryOver)
    .where(and(eq(carryOver.lineId, lineId), eq(carryOver.kind, kind)));
  return rows[0];
}

export async function insertCarryOver(db: Executor, values: typeof carryOver.$inferInsert) {
  const [row] = await db.insert(carryOver).values(values).returning();
  return row!;
}

/** Sets a carry-over's fields if it is still at `version`; undefined when it is not. */
export async function updateCarryOver(
  db: Executor,
  id: string,
  version: number,
  set: Partial<typeof carryOver.$inferInsert>,
  now: Date,
) {
  const rows = await db
    .update(carryOver)
    .set({ ...set, version: sql`${carryOver.version} + 1`, updatedAt: now })
    .where(and(eq(carryOver.id, id), eq(carryOver.version, version)))
    .returning();
  return rows[0];
}

export interface OpenObligation {
  id: string;
  lineId: string;
  unitId: string;
  documentNo: string;
  date: string;
  vendor: string;
  amountSatang: bigint;
  openSatang: bigint;
  laterYears: { fiscalYear: number; amountSatang: string }[] | null;
}

/**
 * The obligations of a fiscal year with their open amount: amount + its cancellations − what
 * was paid on it. Answers those with an open amount or a later-year schedule.
 */
export async function obligationsAtYearEnd(
  db: Executor,
  organizationId: string,
  fiscalYear: number,
): Promise<OpenObligation[]> {
  const rows = await queryRows<{
    id: string;
    line_id: string;
    unit_id: string;
    document_no: string;
    date: string;
    vendor: string;
    amount_satang: string;
    open_satang: string;
    later_years: { fiscalYear: number; amountSatang: string }[] | null;
  }>(
    db,
    sql`select o.id, o.line_id, o.unit_id, o.document_no, o.date::text as date, o.vendor,
        o.amount_satang::text as amount_satang, o.later_years,
        (o.amount_satang + coalesce(c.cancelled, 0) - o.settled_satang)::text as open_satang
      from commitment o
      left join (select cancels_id, sum(amount_satang) as cancelled from commitment
                 where organization_id = ${organizationId} and fiscal_year = ${fiscalYear}
                   and cancels_id is not null group by cancels_id) c on c.cancels_id = o.id
      where o.organization_id = ${organizationId} and o.fiscal_year = ${fiscalYear}
        and o.kind = 'obligation' and o.cancels_id is null and o.amount_satang > 0
        and (o.amount_satang + coalesce(c.cancelled, 0) - o.settled_satang > 0
             or o.later_years is not null)
      order by o.document_no`,
  );
  return rows.map((r) => ({
    id: r.id,
    lineId: r.line_id,
    unitId: r.unit_id,
    documentNo: r.document_no,
    date: r.date,
    vendor: r.vendor,
    amountSatang: BigInt(r.amount_satang),
    openSatang: BigInt(r.open_satang),
    laterYears: r.later_years,
  }));
}

/** The commitments of a year that continue an obligation of an earlier one. */
export async function continuedObligations(
  db: Executor,
  organizationId: string,
  fiscalYear: number,
) {
  return db
    .select({
      id: commitment.id,
      carriedFromId: commitment.carriedFromId,
      origin: commitment.origin,
      documentNo: commitment.documentNo,
    })
    .from(commitment)
    .where(
      and(
        eq(commitment.organizationId, organizationId),
        eq(commitment.fiscalYear, fiscalYear),
        isNotNull(commitment.carriedFromId),
      ),
    );
}

/** Document numbers of a year's obligations among `documentNos`. */
export async function obligationNumbersTaken(
  db: Executor,
  organizationId: string,
  fiscalYear: number,
  documentNos: readonly string[],
): Promise<Set<string>> {
  if (documentNos.length === 0) return new Set();
  const rows = await queryRows<{ document_no: string }>(
    db,
    sql`select document_no from commitment where organization_id = ${organizationId}
      and fiscal_year = ${fiscalYear} and kind = 'obligation'
      and document_no in (select json_array_elements_text(${JSON.stringify(documentNos)}::json))`,
  );
  return new Set(rows.map((r) => r.document_no));
}

export const insertCommitments = async (db: Executor, rows: (typeof commitment.$inferInsert)[]) => {
  for (let at = 0; at < rows.length; at += 2000)
    await db.insert(commitment).values(rows.slice(at, at + 2000));
};

/** Carry-overs with obligation set per line (upsert), in one statement. */
export async function upsertCarryOverRows(
  db: Executor,
  rows: (typeof carryOver.$inferInsert)[],
  now: Date,
) {
  for (let at = 0; at < rows.length; at += 2000)
    await db
      .insert(carryOver)
      .values(rows.slice(at, at + 2000))
      .onConflictDoUpdate({
        target: [carryOver.lineId, carryOver.kind],
        set: {
          amountSatang: sql`excluded.amount_satang`,
          status: sql`excluded.status`,
          nextLineId: sql`excluded.next_line_id`,
          reason: sql`excluded.reason`,
          version: sql`${carryOver.version} + 1`,
          updatedAt: now,
        },
      });
}

/** The next line of carry-overs (without obligation, approved), in one statement. */
export async function setNextLines(
  db: Executor,
  rows: readonly { id: string; nextLineId: string }[],
  now: Date,
) {
  if (rows.length === 0) return;
  await db.execute(sql`update carry_over c set next_line_id = v.next_line_id,
      version = c.version + 1, updated_at = ${now.toISOString()}::timestamptz
    from json_to_recordset(${json(rows.map((r) => ({ id: r.id, next_line_id: r.nextLineId })))}::json)
      as v(id uuid, next_line_id uuid)
    where c.id = v.id`);
}

/** Records what lapsed on each line and when (a closed line commits nothing more). */
export async function setLapsed(
  db: Executor,
  rows: readonly { id: string; lapsedSatang: bigint }[],
  lapsedOn: string,
  now: Date,
) {
  if (rows.length === 0) return;
  await db.execute(sql`update budget_line l set lapsed_satang = l.lapsed_satang + v.lapsed,
      lapsed_on = ${lapsedOn}::date, version = l.version + 1,
      updated_at = ${now.toISOString()}::timestamptz
    from json_to_recordset(${json(rows.map((r) => ({ id: r.id, lapsed: r.lapsedSatang })))}::json)
      as v(id uuid, lapsed bigint)
    where l.id = v.id`);
}

/** Lines with these identity keys (the next year's lines a closing would create or match). */
export async function linesByIdentity(
  db: Executor,
  organizationId: string,
  keys: readonly string[],
) {
  if (keys.length === 0) return [];
  return db
    .select()
    .from(budgetLine)
    .where(
      and(
        eq(budgetLine.organizationId, organizationId),
        sql`${budgetLine.identityKey} in (select json_array_elements_text(${JSON.stringify(keys)}::json))`,
      ),
    );
}

/** The carried-over lines of a fiscal year. */
export async function carriedLinesOf(
  db: Executor,
  organizationId: string,
  fiscalYear: number,
  unitId?: string,
) {
  const where = [
    eq(budgetLine.organizationId, organizationId),
    eq(budgetLine.fiscalYear, fiscalYear),
    isNotNull(budgetLine.carriedFromLineId),
  ];
  if (unitId) where.push(eq(budgetLine.unitId, unitId));
  return db
    .select()
    .from(budgetLine)
    .where(and(...where));
}

/**
 * Lapses the remainder (revised − disbursed) of every carried line of the organisation whose
 * deadline is before `asOf` and that has not lapsed yet; answers the lines lapsed.
 */
export async function lapseCarriedBefore(
  db: Executor,
  organizationId: string,
  asOf: string,
  now: Date,
) {
  return queryRows<{ id: string; unit_id: string; lapsed_satang: string; carry_deadline: string }>(
    db,
    sql`update budget_line l set
        lapsed_satang = greatest(l.enacted_satang + l.transfer_net_satang - l.disbursed_satang, 0),
        lapsed_on = ${asOf}::date, version = l.version + 1,
        updated_at = ${now.toISOString()}::timestamptz
      where l.organization_id = ${organizationId} and l.carried_from_line_id is not null
        and l.lapsed_on is null and l.carry_deadline < ${asOf}::date
      returning l.id, l.unit_id, l.lapsed_satang::text as lapsed_satang,
        l.carry_deadline::text as carry_deadline`,
  );
}

/** A carried line's new deadline, if the line is still at `version`. */
export async function extendDeadline(
  db: Executor,
  id: string,
  version: number,
  deadline: string,
  reason: string,
  now: Date,
) {
  const rows = await db
    .update(budgetLine)
    .set({
      carryDeadline: deadline,
      carryExtensionReason: reason,
      version: sql`${budgetLine.version} + 1`,
      updatedAt: now,
    })
    .where(and(eq(budgetLine.id, id), eq(budgetLine.version, version)))
    .returning();
  return rows[0];
}

export async function closeOf(db: Executor, organizationId: string, fiscalYear: number) {
  const rows = await db
    .select()
    .from(fiscalYearClose)
    .where(
      and(
        eq(fiscalYearClose.organizationId, organizationId),
        eq(fiscalYearClose.fiscalYear, fiscalYear),
      ),
    );
  return rows[0];
}

export async function insertClose(db: Executor, values: typeof fiscalYearClose.$inferInsert) {
  const [row] = await db.insert(fiscalYearClose).values(values).returning();
  return row!;
}

/** The organisation's year-end settings (execution_rule of kind year_end), or undefined. */
export async function yearEndRule(db: Executor, organizationId: string) {
  const rows = await db
    .select()
    .from(executionRule)
    .where(
      and(eq(executionRule.organizationId, organizationId), eq(executionRule.kind, 'year_end')),
    );
  return rows[0]?.rule as { carryMonths?: number } | undefined;
}

export async function setYearEndRule(
  db: Executor,
  organizationId: string,
  rule: { carryMonths: number },
  now: Date,
) {
  await db
    .insert(executionRule)
    .values({ organizationId, kind: 'year_end', position: 0, rule })
    .onConflictDoUpdate({
      target: [executionRule.organizationId, executionRule.kind, executionRule.position],
      set: { rule, updatedAt: now },
    });
}

/** The fiscal years the organisation has closed (year end). */
export async function closedYears(db: Executor, organizationId: string): Promise<Set<number>> {
  const rows = await db
    .select({ year: fiscalYearClose.fiscalYear })
    .from(fiscalYearClose)
    .where(eq(fiscalYearClose.organizationId, organizationId));
  return new Set(rows.map((r) => r.year));
}
