import {
  AppError,
  DEFAULT_CARRY_MONTHS,
  satangToDecimalString,
  type ExpenseCategory,
  type FundSource,
} from '@pbis/core';
import type { Executor } from '../../db/client.js';
import type { UnitLookup } from './lookup.js';
import type { LineRow } from './repository.js';
import * as ye from './repositories/year-end.js';

export const b = satangToDecimalString;

/** Today in Bangkok (UTC+7), ISO. */
export const bangkokToday = (now = new Date()): string =>
  new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

/** The organisation's carry deadline in months after 30 September (execution_rule year_end). */
export async function carryMonthsOf(db: Executor, organizationId: string): Promise<number> {
  const rule = await ye.yearEndRule(db, organizationId);
  const m = rule?.carryMonths;
  return typeof m === 'number' && Number.isInteger(m) && m >= 1 && m <= 24
    ? m
    : DEFAULT_CARRY_MONTHS;
}

export function lineNotFound(): AppError {
  return new AppError('not_found', 'no such budget line', { reason: 'budget_line_not_found' });
}

export function lineLapsed(l: LineRow): AppError {
  return new AppError('business_rule', `the line lapsed on ${l.lapsedOn}`, {
    reason: 'line_lapsed',
    lapsedOn: l.lapsedOn,
  });
}

/** A line's naming columns as the year-end answers show them. */
export function lineColumns(l: LineRow, units: UnitLookup) {
  const u = units.byId(l.unitId)!;
  return {
    unitId: l.unitId,
    unitCode: u.code,
    unitName: u.nameTh,
    project: l.project,
    expenseCategory: l.expenseCategory as ExpenseCategory,
  };
}

export const fundSourceOf = (l: LineRow) => l.fundSource as FundSource;
