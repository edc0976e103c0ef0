import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { appUser, division, fiscalYear, organization, receivingUnit } from '../db/schema.js';

/* The seed's writes: the organisation, its units, divisions, fiscal years and first users. */

export async function insertOrganization(tx: Executor, values: typeof organization.$inferInsert) {
  await tx.insert(organization).values(values);
}

export async function insertUnits(tx: Executor, values: (typeof receivingUnit.$inferInsert)[]) {
  return tx.insert(receivingUnit).values(values).returning();
}

export async function insertDivisions(tx: Executor, values: (typeof division.$inferInsert)[]) {
  return tx.insert(division).values(values).returning();
}

export async function setUnitDivision(tx: Executor, unitId: string, divisionId: string) {
  await tx
    .update(receivingUnit)
    .set({ analysisDivisionId: divisionId })
    .where(eq(receivingUnit.id, unitId));
}

export async function insertFiscalYear(tx: Executor, values: typeof fiscalYear.$inferInsert) {
  const [row] = await tx.insert(fiscalYear).values(values).returning();
  return row!;
}

export async function insertUsers(tx: Executor, values: (typeof appUser.$inferInsert)[]) {
  return tx.insert(appUser).values(values).returning();
}

/** Every username taken, lower-cased. */
export async function takenUsernames(tx: Executor): Promise<Set<string>> {
  const rows = await tx.select({ u: sql<string>`lower(${appUser.username})` }).from(appUser);
  return new Set(rows.map((r) => r.u));
}
