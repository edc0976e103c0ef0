import { nameKey } from '../thai-text.js';
import type { ExpenseCategory, FundSource } from './budget-vocabulary.js';

/*
 * How a budget line is named (SPEC §3): by its line_code when it has one, otherwise by fiscal
 * year, unit, project (code, or name where there is no code), expense category, fund source and
 * expense item. Execution files name their line the same way; none or several matches is an
 * error for that row (fail closed).
 */

export interface LineIdentity {
  fiscalYear: number;
  unitId: string;
  lineCode?: string | null;
  projectCode?: string | null;
  project: string;
  expenseCategory: ExpenseCategory;
  fundSource: FundSource;
  expenseItem?: string | null;
}

const SEP = '\u001f';

/** The unique key of a line within an organisation: `code:…` or `cols:…`. */
export function lineIdentityKey(l: LineIdentity): string {
  if (l.lineCode) return `code:${l.fiscalYear}:${l.lineCode}`;
  return [
    'cols',
    l.fiscalYear,
    l.unitId,
    l.projectCode ? `pc=${l.projectCode}` : `p=${nameKey(l.project)}`,
    l.expenseCategory,
    l.fundSource,
    nameKey(l.expenseItem ?? ''),
  ].join(SEP);
}

/** A line as the matcher sees it (the lines of one unit and fiscal year). */
export interface LineRef {
  id: string;
  lineCode: string | null;
  projectCode: string | null;
  projectKey: string;
  expenseCategory: ExpenseCategory;
  fundSource: FundSource;
  expenseItemKey: string;
}

/** What a row of an execution file says of its line. */
export interface LineQuery {
  lineCode?: string;
  projectCode?: string;
  project?: string;
  expenseCategory?: ExpenseCategory;
  fundSource: FundSource;
  expenseItem?: string;
}

export interface LineIndex {
  byCode: Map<string, LineRef>;
  /** project (code or key), category and fund source → the lines, whatever their item. */
  byColumns: Map<string, LineRef[]>;
}

const columnsKey = (project: string, category: string, fund: string) =>
  [project, category, fund].join(SEP);

/** Indexes lines once, so each row is resolved by map lookups, not by a scan. */
export function indexLines(lines: readonly LineRef[]): LineIndex {
  const byCode = new Map<string, LineRef>();
  const byColumns = new Map<string, LineRef[]>();
  const add = (k: string, l: LineRef) => {
    const g = byColumns.get(k);
    if (g) g.push(l);
    else byColumns.set(k, [l]);
  };
  for (const l of lines) {
    if (l.lineCode) byCode.set(l.lineCode, l);
    if (l.projectCode) add(columnsKey(`pc=${l.projectCode}`, l.expenseCategory, l.fundSource), l);
    add(columnsKey(`p=${l.projectKey}`, l.expenseCategory, l.fundSource), l);
  }
  return { byCode, byColumns };
}

function describe(q: LineQuery): string {
  const parts = [
    q.projectCode ? `project_code ${q.projectCode}` : `project "${q.project ?? ''}"`,
    q.expenseCategory ?? '',
    q.fundSource,
  ];
  if (q.expenseItem) parts.push(`expense_item "${q.expenseItem}"`);
  return parts.filter(Boolean).join(', ');
}

/** The one line a row names, or why it names none or several. */
export function resolveLine(index: LineIndex, q: LineQuery): { line: LineRef } | { error: string } {
  if (q.lineCode) {
    const line = index.byCode.get(q.lineCode);
    if (!line) return { error: `no budget line has line_code ${q.lineCode}` };
    const mismatch =
      (q.expenseCategory && q.expenseCategory !== line.expenseCategory) ||
      (q.projectCode && q.projectCode !== line.projectCode);
    if (mismatch) return { error: `line_code ${q.lineCode} is not the line of ${describe(q)}` };
    return { line };
  }
  if (!q.expenseCategory) return { error: 'give line_code, or the expense_category of the line' };
  const project = q.projectCode ? `pc=${q.projectCode}` : `p=${nameKey(q.project ?? '')}`;
  let found = index.byColumns.get(columnsKey(project, q.expenseCategory, q.fundSource)) ?? [];
  if (q.expenseItem) {
    const item = nameKey(q.expenseItem);
    found = found.filter((l) => l.expenseItemKey === item);
  }
  if (found.length === 1) return { line: found[0]! };
  if (found.length === 0) return { error: `no budget line matches ${describe(q)}` };
  return {
    error: `${found.length} budget lines match ${describe(q)}; give line_code or expense_item`,
  };
}
