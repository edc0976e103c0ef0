import { AppError, FISCAL_MONTHS, fiscalYearRange, parseFiscalYear } from '@pbis/core';
import type { Database, Executor } from '../../db/client.js';
import { runWrite } from '../../write.js';
import type { Actor } from '../auth/actor.js';
import * as repo from './repository.js';

/** First and last day of a fiscal year (BE) as Bangkok calendar dates. */
export function fiscalYearDates(year: number) {
  const { firstDay, lastDay } = fiscalYearRange(year);
  return { startDate: firstDay, endDate: lastDay };
}

export async function listFiscalYears(database: Database, actor: Actor) {
  const rows = await repo.listFiscalYears(database.db, actor.organizationId);
  return rows.map((r) => ({ year: r.year, startDate: r.startDate, endDate: r.endDate }));
}

export async function ensureFiscalYear(
  database: Database,
  actor: Actor,
  yearInput: number | string,
) {
  const year = parseFiscalYear(yearInput);
  return runWrite(database, actor, async ({ tx, audit }) => {
    const row = await repo.insertFiscalYear(tx, {
      organizationId: actor.organizationId,
      year,
      ...fiscalYearDates(year),
    });
    if (row) audit({ action: 'create', entity: 'fiscal_year', entityId: String(year), after: row });
    return { year, ...fiscalYearDates(year), created: Boolean(row) };
  });
}

export async function periodLocks(database: Database, actor: Actor, yearInput: number | string) {
  const year = parseFiscalYear(yearInput);
  const rows = await repo.locksOf(database.db, actor.organizationId, year);
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const yearRow = byMonth.get(0);
  return {
    fiscalYear: year,
    yearLocked: yearRow?.locked ?? false,
    yearChangedBy: yearRow?.changedBy ?? null,
    yearChangedAt: yearRow?.updatedAt ?? null,
    months: FISCAL_MONTHS.map((m, i) => {
      const r = byMonth.get(i + 1);
      return {
        month: i + 1,
        abbrTh: m.abbreviation,
        abbrEn: m.englishAbbreviation,
        locked: r?.locked ?? false,
        effectiveLocked: (yearRow?.locked ?? false) || (r?.locked ?? false),
        changedBy: r?.changedBy ?? null,
        changedAt: r?.updatedAt ?? null,
      };
    }),
  };
}

export async function setPeriodLock(
  database: Database,
  actor: Actor,
  input: { fiscalYear: number | string; month: number; locked: boolean },
) {
  const year = parseFiscalYear(input.fiscalYear);
  if (!Number.isInteger(input.month) || input.month < 0 || input.month > 12) {
    throw new AppError(
      'validation',
      'month must be 0 (the whole fiscal year) or 1–12 (1 = October)',
    );
  }
  await runWrite(database, actor, async ({ tx, audit, now }) => {
    const before = await repo.lockRow(tx, actor.organizationId, year, input.month);
    const after = await repo.upsertLock(
      tx,
      {
        organizationId: actor.organizationId,
        fiscalYear: year,
        month: input.month,
        locked: input.locked,
        changedBy: actor.userId,
      },
      now,
    );
    audit({
      action: input.locked ? 'lock' : 'unlock',
      entity: 'period_lock',
      entityId: `${year}/${input.month}`,
      before: before ?? null,
      after,
    });
  });
  return periodLocks(database, actor, year);
}

/**
 * The guard later modules call before writing into a period: refuses (422) when the fiscal year
 * or the month is locked. `month` is the fiscal month index (1 = October); omit for year-level data.
 */
export async function assertPeriodOpen(
  db: Executor,
  organizationId: string,
  year: number,
  month?: number,
) {
  const rows = await repo.locksOf(db, organizationId, year);
  const yearLocked = rows.some((r) => r.month === 0 && r.locked);
  if (yearLocked) throw new AppError('business_rule', `fiscal year ${year} is locked`);
  if (month !== undefined && rows.some((r) => r.month === month && r.locked)) {
    const m = FISCAL_MONTHS[month - 1];
    throw new AppError(
      'business_rule',
      `${m?.englishName ?? month} (${m?.abbreviation ?? ''}) of fiscal year ${year} is locked`,
    );
  }
}
