import { AppError, FISCAL_MONTHS, fiscalYearRange, parseFiscalYear } from '@pbis/core';
import { fieldDetails } from '@pbis/contract';
import type { Database } from '../../db/client.js';
import { withScope } from '../../db/scoped.js';
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

/** A new fiscal year (POST /fiscal-years): one that exists already is 409 `fiscal_year_exists`. */
export async function createFiscalYear(
  database: Database,
  actor: Actor,
  yearInput: number | string,
) {
  const { created, ...fiscalYear } = await ensureFiscalYear(database, actor, yearInput);
  if (!created)
    throw new AppError(
      'conflict',
      `fiscal year ${fiscalYear.year} already exists`,
      fieldDetails('year', 'fiscal_year_exists', { year: fiscalYear.year }),
    );
  return fiscalYear;
}

export async function periodLocks(database: Database, actor: Actor, yearInput: number | string) {
  const year = parseFiscalYear(yearInput);
  // who changed a lock: a username, seen when the user is in the reader's scope (admins see all)
  const rows = await withScope(database, actor, (tx) =>
    repo.locksOf(tx, actor.organizationId, year),
  );
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
    // Writes into the year hold its row FOR SHARE (write.ts): closing waits for them to commit,
    // and writes that come after see the period closed.
    if (!(await repo.holdFiscalYear(tx, actor.organizationId, year)))
      throw new AppError('business_rule', `fiscal year ${year} has not been created`, {
        reason: 'fiscal_year_missing',
        fiscalYear: year,
      });
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
