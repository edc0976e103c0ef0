import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { appUser, fiscalYear, periodLock } from '../../db/schema.js';

export async function listFiscalYears(db: Executor, organizationId: string) {
  return db
    .select()
    .from(fiscalYear)
    .where(eq(fiscalYear.organizationId, organizationId))
    .orderBy(asc(fiscalYear.year));
}

export async function insertFiscalYear(db: Executor, values: typeof fiscalYear.$inferInsert) {
  const rows = await db.insert(fiscalYear).values(values).onConflictDoNothing().returning();
  return rows[0];
}

export async function locksOf(db: Executor, organizationId: string, year: number) {
  return db
    .select({
      month: periodLock.month,
      locked: periodLock.locked,
      updatedAt: periodLock.updatedAt,
      changedBy: appUser.username,
      version: periodLock.version,
    })
    .from(periodLock)
    .leftJoin(appUser, eq(appUser.id, periodLock.changedBy))
    .where(and(eq(periodLock.organizationId, organizationId), eq(periodLock.fiscalYear, year)))
    .orderBy(asc(periodLock.month));
}

export async function lockRow(db: Executor, organizationId: string, year: number, month: number) {
  const rows = await db
    .select()
    .from(periodLock)
    .where(
      and(
        eq(periodLock.organizationId, organizationId),
        eq(periodLock.fiscalYear, year),
        eq(periodLock.month, month),
      ),
    );
  return rows[0];
}

export async function upsertLock(
  db: Executor,
  v: {
    organizationId: string;
    fiscalYear: number;
    month: number;
    locked: boolean;
    changedBy: string | null;
  },
  now: Date,
) {
  const rows = await db
    .insert(periodLock)
    .values({ ...v, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [periodLock.organizationId, periodLock.fiscalYear, periodLock.month],
      set: {
        locked: v.locked,
        changedBy: v.changedBy,
        updatedAt: now,
        version: sql`${periodLock.version} + 1`,
      },
    })
    .returning();
  return rows[0]!;
}
