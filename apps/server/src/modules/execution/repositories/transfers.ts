import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { appUser, receivingUnit } from '../../../db/schema.js';
import { budgetLine, budgetTransfer, executionRule } from '../schema.js';

/*
 * The reads and writes of transfer requests (transfers-service.ts) and of the organisation's
 * transfer rule table. Moving the lines' totals is execution's repository (applyLineDeltas,
 * applyMonthDeltas): the one balance check.
 */

export type TransferRow = typeof budgetTransfer.$inferSelect;
export type TransferInsert = typeof budgetTransfer.$inferInsert;

/** The stored transfer rules of an organisation, in order (none: the defaults apply). */
export async function storedTransferRules(db: Executor, organizationId: string) {
  const rows = await db
    .select({ rule: executionRule.rule })
    .from(executionRule)
    .where(
      and(eq(executionRule.organizationId, organizationId), eq(executionRule.kind, 'transfer')),
    )
    .orderBy(asc(executionRule.position));
  return rows.map((r) => r.rule);
}

/** Replaces the organisation's transfer rules (an empty list: back to the defaults). */
export async function replaceTransferRules(
  tx: Executor,
  organizationId: string,
  rules: readonly Record<string, unknown>[],
  now: Date,
) {
  await tx
    .delete(executionRule)
    .where(
      and(eq(executionRule.organizationId, organizationId), eq(executionRule.kind, 'transfer')),
    );
  if (rules.length === 0) return;
  await tx.insert(executionRule).values(
    rules.map((rule, position) => ({
      organizationId,
      kind: 'transfer' as const,
      position,
      rule,
      createdAt: now,
      updatedAt: now,
    })),
  );
}

export async function insertTransfer(tx: Executor, row: TransferInsert): Promise<TransferRow> {
  const [created] = await tx.insert(budgetTransfer).values(row).returning();
  return created!;
}

export async function getTransfer(db: Executor, organizationId: string, id: string) {
  const rows = await db
    .select()
    .from(budgetTransfer)
    .where(and(eq(budgetTransfer.organizationId, organizationId), eq(budgetTransfer.id, id)));
  return rows[0];
}

/** Whether a transfer exists at all (run in the system scope: tells 403 from 404). */
export async function transferExists(db: Executor, organizationId: string, id: string) {
  const rows = await db
    .select({ id: budgetTransfer.id })
    .from(budgetTransfer)
    .where(and(eq(budgetTransfer.organizationId, organizationId), eq(budgetTransfer.id, id)));
  return rows.length > 0;
}

/** The transfers of a fiscal year the scope shows (either unit), newest first. */
export async function transfersOfYear(
  db: Executor,
  organizationId: string,
  fiscalYear: number,
  status?: TransferRow['status'],
) {
  const where = [
    eq(budgetTransfer.organizationId, organizationId),
    eq(budgetTransfer.fiscalYear, fiscalYear),
  ];
  if (status) where.push(eq(budgetTransfer.status, status));
  return db
    .select()
    .from(budgetTransfer)
    .where(and(...where))
    .orderBy(sql`${budgetTransfer.createdAt} desc`, asc(budgetTransfer.documentNo));
}

/**
 * Changes a requested transfer if it is still at `version` and still requested, bumping the
 * version; answers the new row, or undefined when someone changed it first.
 */
export async function updateRequested(
  tx: Executor,
  id: string,
  version: number,
  values: Partial<TransferInsert>,
  now: Date,
): Promise<TransferRow | undefined> {
  const [row] = await tx
    .update(budgetTransfer)
    .set({ ...values, version: sql`${budgetTransfer.version} + 1`, updatedAt: now })
    .where(
      and(
        eq(budgetTransfer.id, id),
        eq(budgetTransfer.version, version),
        eq(budgetTransfer.status, 'requested'),
      ),
    )
    .returning();
  return row;
}

/**
 * Locks the lines in id order (FOR UPDATE) so that two approvals moving money between the same
 * two lines in opposite directions wait for each other instead of deadlocking.
 */
export async function lockLinesInOrder(tx: Executor, ids: readonly string[]) {
  await tx
    .select({ id: budgetLine.id })
    .from(budgetLine)
    .where(inArray(budgetLine.id, [...ids]))
    .orderBy(asc(budgetLine.id))
    .for('update');
}

/**
 * Display names of users (the makers and deciders of transfers the caller can see). Run in the
 * system scope: a Budget Office approver has no unit, so a unit's officer would not see them.
 */
export async function userNames(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: appUser.id, name: appUser.displayName, username: appUser.username })
    .from(appUser)
    .where(inArray(appUser.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name || r.username]));
}

/** The lines and units both sides of visible transfers name (system scope, like userNames). */
export async function sidesOf(db: Executor, lineIds: readonly string[]) {
  if (lineIds.length === 0) return [];
  return db
    .select({
      lineId: budgetLine.id,
      unitId: budgetLine.unitId,
      fiscalYear: budgetLine.fiscalYear,
      lineCode: budgetLine.lineCode,
      project: budgetLine.project,
      expenseCategory: budgetLine.expenseCategory,
      expenseItem: budgetLine.expenseItem,
      unitCode: receivingUnit.code,
      unitName: receivingUnit.nameTh,
      analysisDivisionId: receivingUnit.analysisDivisionId,
    })
    .from(budgetLine)
    .innerJoin(receivingUnit, eq(receivingUnit.id, budgetLine.unitId))
    .where(inArray(budgetLine.id, [...lineIds]));
}
