import { and, asc, eq, inArray, sql } from 'drizzle-orm';
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

/**
 * A write into a period reads its state and holds it until commit: the fiscal year row and the
 * year's and month's lock rows FOR SHARE. Closing takes the year row FOR UPDATE first
 * (`holdFiscalYear`), so the two wait for each other instead of crossing.
 */
export async function periodForWrite(
  db: Executor,
  organizationId: string,
  year: number,
  month: number | undefined,
) {
  const years = await db
    .select({ year: fiscalYear.year })
    .from(fiscalYear)
    .where(and(eq(fiscalYear.organizationId, organizationId), eq(fiscalYear.year, year)))
    .for('share');
  const months = month === undefined ? [0] : [0, month];
  const locks = await db
    .select({ month: periodLock.month, locked: periodLock.locked })
    .from(periodLock)
    .where(
      and(
        eq(periodLock.organizationId, organizationId),
        eq(periodLock.fiscalYear, year),
        inArray(periodLock.month, months),
      ),
    )
    .for('share');
  return {
    yearExists: years.length > 0,
    yearLocked: locks.some((l) => l.month === 0 && l.locked),
    monthLocked: month !== undefined && locks.some((l) => l.month === month && l.locked),
  };
}

/** Closing or opening a period: the fiscal year row FOR UPDATE (writes into the year wait). */
export async function holdFiscalYear(db: Executor, organizationId: string, year: number) {
  const rows = await db
    .select({ year: fiscalYear.year })
    .from(fiscalYear)
    .where(and(eq(fiscalYear.organizationId, organizationId), eq(fiscalYear.year, year)))
    .for('update');
  return rows.length > 0;
}
