import {
  AppError,
  EXPENSE_CATEGORIES,
  FUND_SOURCES,
  fiscalYearOfDate,
  fiscalMonthOfDate,
  isoOf,
  normalizeThai,
  parseBaht,
  parseEntryDate,
  parseExpenseCategory,
  parseFiscalYear,
  parseFundSource,
  stripFormatCharacters,
  type ExpenseCategory,
  type FundSource,
  type LineQuery,
} from '@pbis/core';
import { quoted } from '../imports/cells.js';

/*
 * The cells every budget file shares, parsed once: each parser answers a value or pushes a
 * reason onto `reasons` (every problem of a row is reported, not only the first).
 */

type Cells = Readonly<Record<string, string>>;

/** Printable ASCII words separated by single spaces: already what `textOf` would make of it. */
const PLAIN_ASCII = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

/** A text cell: NFC, invisible format characters removed, whitespace folded. */
export const textOf = (cell: string | undefined): string =>
  cell === undefined || cell === ''
    ? ''
    : PLAIN_ASCII.test(cell)
      ? cell
      : normalizeThai(stripFormatCharacters(cell));

const messageOf = (e: unknown) => (e instanceof AppError ? e.message : String(e));

/** fiscal_year of the row, or --year when the cell is empty; the two must agree. */
export function fiscalYearCell(
  cell: string | undefined,
  fromOption: number | undefined,
  reasons: string[],
): number {
  const t = (cell ?? '').trim();
  if (!t) {
    if (fromOption === undefined) reasons.push('fiscal_year is empty (give it, or --year)');
    return fromOption ?? 0;
  }
  try {
    const year = parseFiscalYear(t);
    if (fromOption !== undefined && year !== fromOption)
      reasons.push(`fiscal_year ${year} is not the year imported (--year ${fromOption})`);
    return year;
  } catch (e) {
    reasons.push(`fiscal_year: ${messageOf(e)}`);
    return 0;
  }
}

export function amountCell(
  cell: string | undefined,
  reasons: string[],
  opts: { allowNegative?: boolean; positive?: boolean; column?: string } = {},
): bigint {
  const column = opts.column ?? 'amount';
  try {
    const v = parseBaht(cell ?? '', { allowNegative: opts.allowNegative ?? false });
    if (opts.positive && v === 0n) reasons.push(`${column} is 0`);
    return v;
  } catch (e) {
    reasons.push(`${column}: ${messageOf(e)}`);
    return 0n;
  }
}

export function categoryCell(
  cell: string | undefined,
  reasons: string[],
  column = 'expense_category',
): ExpenseCategory {
  const t = textOf(cell);
  if (!t) {
    reasons.push(`${column} is empty`);
    return 'operating';
  }
  const c = parseExpenseCategory(t);
  if (!c)
    reasons.push(
      `${column} ${quoted(t)} is not one of the six categories (${EXPENSE_CATEGORIES.join(', ')}, or งบบุคลากร, งบดำเนินงาน, งบลงทุน, งบเงินอุดหนุน, งบรายจ่ายอื่น, งบกลาง)`,
    );
  return c ?? 'operating';
}

export function fundSourceCell(
  cell: string | undefined,
  reasons: string[],
  column = 'fund_source',
): FundSource {
  const t = textOf(cell);
  const f = parseFundSource(t);
  if (!f) reasons.push(`${column} ${quoted(t)} is not one of ${FUND_SOURCES.join(', ')}`);
  return f ?? 'regular';
}

export interface EntryDate {
  iso: string;
  fiscalMonth: number;
}

/** `date` (ISO or Thai dd/mm/BBBB), which must fall inside the row's fiscal year. */
export function dateCell(
  cell: string | undefined,
  fiscalYear: number,
  reasons: string[],
): EntryDate {
  const t = (cell ?? '').trim();
  if (!t) {
    reasons.push('date is empty');
    return { iso: '', fiscalMonth: 1 };
  }
  const d = parseEntryDate(t);
  if (typeof d === 'string') {
    reasons.push(`date ${quoted(t)}: ${d}`);
    return { iso: '', fiscalMonth: 1 };
  }
  if (fiscalYear && fiscalYearOfDate(d) !== fiscalYear)
    reasons.push(
      `date ${isoOf(d)} is outside fiscal year ${fiscalYear} (1 October ${fiscalYear - 544} – 30 September ${fiscalYear - 543})`,
    );
  return { iso: isoOf(d), fiscalMonth: fiscalMonthOfDate(d) };
}

/** A document number: required, one line, at most 60 characters. */
export function documentCell(cell: string | undefined, reasons: string[], column = 'document_no') {
  const t = textOf(cell);
  if (!t) reasons.push(`${column} is empty`);
  else if (t.length > 60) reasons.push(`${column} is longer than 60 characters`);
  return t;
}

/** The columns that name a line (SPEC §3), with an optional prefix (`from_`, `to_`). */
export function lineQueryCells(c: Cells, reasons: string[], prefix = ''): LineQuery {
  const lineCode = textOf(c[`${prefix}line_code`]);
  const projectCode = textOf(c[`${prefix}project_code`]);
  const project = textOf(c[`${prefix}project`]);
  const categoryText = textOf(c[`${prefix}expense_category`]);
  if (!lineCode && !projectCode && !project)
    reasons.push(`${prefix}line_code, ${prefix}project_code and ${prefix}project are all empty`);
  const query: LineQuery = {
    fundSource: fundSourceCell(c[`${prefix}fund_source`], reasons, `${prefix}fund_source`),
  };
  if (lineCode) query.lineCode = lineCode;
  if (projectCode) query.projectCode = projectCode;
  if (project) query.project = project;
  if (categoryText || !lineCode)
    query.expenseCategory = categoryCell(categoryText, reasons, `${prefix}expense_category`);
  const item = textOf(c[`${prefix}expense_item`]);
  if (item) query.expenseItem = item;
  return query;
}

/** Thai and older header spellings shared by the execution files. */
export const COMMON_ALIASES: Readonly<Record<string, string>> = {
  ปีงบประมาณ: 'fiscal_year',
  รหัสหน่วยงาน: 'unit_code',
  หน่วยงาน: 'unit_name',
  ชื่อหน่วยงาน: 'unit_name',
  หน่วยรับงบประมาณ: 'unit_name',
  รหัสงบประมาณ: 'line_code',
  รหัสโครงการ: 'project_code',
  โครงการ: 'project',
  'โครงการ/กิจกรรม': 'project',
  งบรายจ่าย: 'expense_category',
  แหล่งเงิน: 'fund_source',
  รายการ: 'expense_item',
  จำนวนเงิน: 'amount',
  เลขที่เอกสาร: 'document_no',
  วันที่: 'date',
};
