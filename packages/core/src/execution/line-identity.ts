/**
 * How a budget line is named (SPEC §3): by its `line_code` when it has one, otherwise by fiscal
 * year, unit, project (`project_code`, or the project name where there is no code), expense
 * category, fund source and expense item. Execution files name their line the same way; a row
 * that matches no line, or several, is an error for that row (fail closed).
 */
import { nameKey } from '../thai-text.js';
import type { ExpenseCategory, FundSource } from './budget-vocabulary.js';

/** The columns that identify a budget line (SPEC §3). */
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

/** U+001F (unit separator): input text never carries it (text-safety refuses control characters). */
const SEP = '\u001f';

const code = (c: string | null | undefined): string => (c ?? '').trim();

/**
 * The unique key of a budget line within an organisation, for upserts and idempotent imports.
 * - With a (trimmed, non-empty) line code: `code:<fiscalYear>:<lineCode>`.
 * - Otherwise `cols` followed by fiscal year, unit id, `pc=<projectCode>` (or `p=<nameKey(project)>`
 *   when there is no project code), expense category, fund source and nameKey(expense item or ''),
 *   joined with U+001F. Names are compared by `nameKey`, so spacing and Unicode form do not matter.
 */
export function lineIdentityKey(l: LineIdentity): string {
  const lineCode = code(l.lineCode);
  if (lineCode !== '') return `code:${l.fiscalYear}:${lineCode}`;
  const projectCode = code(l.projectCode);
  return [
    'cols',
    l.fiscalYear,
    l.unitId,
    projectCode !== '' ? `pc=${projectCode}` : `p=${nameKey(l.project)}`,
    l.expenseCategory,
    l.fundSource,
    nameKey(l.expenseItem ?? ''),
  ].join(SEP);
}

/** A budget line as the matcher sees it (one of the lines of one unit and fiscal year). */
export interface LineRef {
  id: string;
  lineCode: string | null;
  projectCode: string | null;
  /** nameKey of the project name. */
  projectKey: string;
  expenseCategory: ExpenseCategory;
  fundSource: FundSource;
  /** nameKey of the expense item ('' when none). */
  expenseItemKey: string;
}

/** What a row of an execution file says about its line. Empty fields mean "not given". */
export interface LineQuery {
  lineCode?: string;
  projectCode?: string;
  project?: string;
  expenseCategory?: ExpenseCategory;
  fundSource: FundSource;
  expenseItem?: string;
}

/** The lines of one unit and fiscal year, indexed so that a row is resolved by map look-ups. */
export interface LineIndex {
  readonly byCode: ReadonlyMap<string, readonly LineRef[]>;
  /** `pc=`code or `p=`name key, fund source, and category (or `*` for any) → the lines. */
  readonly byColumns: ReadonlyMap<string, readonly LineRef[]>;
}

const projectKeyOf = (projectCode: string, projectName: string): string =>
  projectCode !== '' ? `pc=${projectCode}` : `p=${projectName}`;
const columnsKey = (project: string, fund: string, category: string): string =>
  [project, fund, category].join(SEP);

/** Indexes the lines of one unit and fiscal year (linear time), for `resolveLine`. */
export function indexLines(lines: readonly LineRef[]): LineIndex {
  const byCode = new Map<string, LineRef[]>();
  const byColumns = new Map<string, LineRef[]>();
  const add = (m: Map<string, LineRef[]>, k: string, l: LineRef) => {
    const group = m.get(k);
    if (group) group.push(l);
    else m.set(k, [l]);
  };
  for (const l of lines) {
    const lineCode = code(l.lineCode);
    if (lineCode !== '') add(byCode, lineCode, l);
    const projects = [projectKeyOf('', l.projectKey)];
    const projectCode = code(l.projectCode);
    if (projectCode !== '') projects.push(projectKeyOf(projectCode, ''));
    for (const p of projects) {
      add(byColumns, columnsKey(p, l.fundSource, l.expenseCategory), l);
      add(byColumns, columnsKey(p, l.fundSource, '*'), l);
    }
  }
  return { byCode, byColumns };
}

function describeQuery(q: LineQuery): string {
  const projectCode = code(q.projectCode);
  const parts = [
    projectCode !== '' ? `project_code ${projectCode}` : `project "${q.project ?? ''}"`,
  ];
  if (q.expenseCategory) parts.push(`expense_category ${q.expenseCategory}`);
  parts.push(`fund_source ${q.fundSource}`);
  if (nameKey(q.expenseItem ?? '') !== '') parts.push(`expense_item "${q.expenseItem}"`);
  return parts.join(', ');
}

/** The query's columns as keys: computed once per row. */
interface QueryKeys {
  projectCode: string;
  projectKey: string;
  itemKey: string;
}

function keysOf(q: LineQuery): QueryKeys {
  const projectCode = code(q.projectCode);
  return {
    projectCode,
    projectKey: projectCode === '' ? nameKey(q.project ?? '') : '',
    itemKey: nameKey(q.expenseItem ?? ''),
  };
}

function byQuery(q: LineQuery, k: QueryKeys): (l: LineRef) => boolean {
  return (l) =>
    (k.projectCode !== ''
      ? code(l.projectCode) === k.projectCode
      : l.projectKey === k.projectKey) &&
    (!q.expenseCategory || l.expenseCategory === q.expenseCategory) &&
    l.fundSource === q.fundSource &&
    (k.itemKey === '' || l.expenseItemKey === k.itemKey);
}

const isIndex = (c: readonly LineRef[] | LineIndex): c is LineIndex => !Array.isArray(c);

/**
 * The one budget line a row names, or the reason it names none or several (SPEC §3):
 * - `lineCode` given → the line with that code; none → error. A row that also gives an expense
 *   category or a project code contradicting that line is an error too (fail closed).
 * - otherwise the lines whose project (by `projectCode` when given, else by nameKey of `project`),
 *   fund source, expense category (when given) and expense item (when given) match; exactly one
 *   is the answer. An empty expense item means "the only line that matches the other columns".
 * `candidates` are the lines of one unit and fiscal year: an array (scanned) or `indexLines(lines)`
 * (map look-ups, for large files); both give the same answers.
 */
export function resolveLine(
  candidates: readonly LineRef[] | LineIndex,
  want: LineQuery,
): { line: LineRef } | { error: string } {
  const lineCode = code(want.lineCode);
  if (lineCode !== '') {
    const found = isIndex(candidates)
      ? (candidates.byCode.get(lineCode) ?? [])
      : candidates.filter((l) => code(l.lineCode) === lineCode);
    const line = found[0];
    if (!line) return { error: `no budget line has line_code ${lineCode}` };
    if (found.length > 1)
      return { error: `${found.length} budget lines have line_code ${lineCode}` };
    if (want.expenseCategory && want.expenseCategory !== line.expenseCategory) {
      return {
        error: `line_code ${lineCode} is in expense_category ${line.expenseCategory}, not ${want.expenseCategory}`,
      };
    }
    const projectCode = code(want.projectCode);
    if (projectCode !== '' && projectCode !== code(line.projectCode)) {
      const has = code(line.projectCode) || 'no project_code';
      return { error: `line_code ${lineCode} has ${has}, not project_code ${projectCode}` };
    }
    return { line };
  }
  const k = keysOf(want);
  let found: readonly LineRef[];
  if (isIndex(candidates)) {
    const project = projectKeyOf(k.projectCode, k.projectKey);
    const group =
      candidates.byColumns.get(columnsKey(project, want.fundSource, want.expenseCategory ?? '*')) ??
      [];
    found = k.itemKey === '' ? group : group.filter((l) => l.expenseItemKey === k.itemKey);
  } else {
    found = candidates.filter(byQuery(want, k));
  }
  if (found.length === 1) return { line: found[0]! };
  if (found.length === 0) return { error: `no budget line matches ${describeQuery(want)}` };
  return {
    error: `${found.length} budget lines match ${describeQuery(want)}; give line_code or expense_item`,
  };
}
