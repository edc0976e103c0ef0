import { and, asc, eq, inArray, like, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { receivingUnit } from '../../../db/schema.js';
import { budgetLine, commitment, disbursement } from '../schema.js';

/*
 * The reads of the synthetic ledger (`pbis db seed --synthetic --transactions N`): the demo's
 * lines it posts on, in a fixed order, and how many of its entries are already there.
 */

export interface SyntheticLine {
  id: string;
  unitId: string;
  unitCode: string;
  fiscalYear: number;
  expenseCategory: string;
  available: bigint;
}

/**
 * The demo's lines of these years (their project starts with `projectPrefix`) other than
 * personnel, with their available balance, in an order that does not depend on generated ids.
 */
export async function syntheticLines(
  db: Executor,
  organizationId: string,
  years: readonly number[],
  projectPrefix: string,
): Promise<SyntheticLine[]> {
  const rows = await db
    .select({
      id: budgetLine.id,
      unitId: budgetLine.unitId,
      unitCode: receivingUnit.code,
      fiscalYear: budgetLine.fiscalYear,
      expenseCategory: budgetLine.expenseCategory,
      available: sql<string>`${budgetLine.enactedSatang} + ${budgetLine.transferNetSatang} - ${budgetLine.reservedSatang} - ${budgetLine.obligatedSatang} - ${budgetLine.disbursedDirectSatang}`,
    })
    .from(budgetLine)
    .innerJoin(receivingUnit, eq(receivingUnit.id, budgetLine.unitId))
    .where(
      and(
        eq(budgetLine.organizationId, organizationId),
        inArray(budgetLine.fiscalYear, [...years]),
        like(budgetLine.project, `${projectPrefix}%`),
        ne(budgetLine.expenseCategory, 'personnel'),
      ),
    )
    .orderBy(asc(budgetLine.fiscalYear), asc(receivingUnit.code), asc(budgetLine.identityKey));
  return rows.map((r) => ({ ...r, available: BigInt(r.available) }));
}

/** Entries (obligations and disbursements) whose document number starts with `prefix`. */
export async function countEntriesWithPrefix(
  db: Executor,
  organizationId: string,
  prefix: string,
): Promise<number> {
  const [o] = await db
    .select({ n: sql<string>`count(*)` })
    .from(commitment)
    .where(
      and(eq(commitment.organizationId, organizationId), like(commitment.documentNo, `${prefix}%`)),
    );
  const [d] = await db
    .select({ n: sql<string>`count(*)` })
    .from(disbursement)
    .where(
      and(
        eq(disbursement.organizationId, organizationId),
        like(disbursement.documentNo, `${prefix}%`),
      ),
    );
  return Number(o!.n) + Number(d!.n);
}
