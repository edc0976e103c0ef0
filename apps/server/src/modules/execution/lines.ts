import { satangToDecimalString } from '@pbis/core';
import type { LineRow } from './repository.js';

/** What a line has committed: open reservations, obligations and payments without obligation. */
export const committedOf = (l: LineRow): bigint =>
  l.reservedSatang + l.obligatedSatang + l.disbursedDirectSatang;

/** Budget after transfers. */
export const revisedOf = (l: LineRow): bigint => l.enactedSatang + l.transferNetSatang;

/** The distinct fiscal years of parsed rows. */
export const yearsOf = (rows: readonly { row: { fiscalYear: number } }[]): number[] => [
  ...new Set(rows.map((r) => r.row.fiscalYear).filter((y) => y > 0)),
];

/** A line's own columns as the budget-lines file writes them (after unit_code and unit_name). */
export function exportLineColumns(l: LineRow): Record<string, string> {
  return {
    programme: l.programme,
    output: l.output,
    project_code: l.projectCode,
    project: l.project,
    expense_category: l.expenseCategory,
    strategy_code: l.strategyCode,
    amount: satangToDecimalString(l.enactedSatang),
    line_code: l.lineCode ?? '',
    fund_source: l.fundSource,
    expense_item: l.expenseItem,
  };
}

/** The columns that name a line in the execution files (prefix `from_`/`to_` for transfers). */
export function lineNameColumns(l: LineRow, prefix = ''): Record<string, string> {
  return {
    [`${prefix}line_code`]: l.lineCode ?? '',
    [`${prefix}project_code`]: l.projectCode,
    [`${prefix}project`]: l.project,
    [`${prefix}expense_category`]: l.expenseCategory,
    [`${prefix}fund_source`]: l.fundSource,
    [`${prefix}expense_item`]: l.expenseItem,
  };
}
