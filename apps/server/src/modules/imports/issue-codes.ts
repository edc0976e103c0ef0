import type { ImportIssue as ContractIssue, ImportIssueCode } from '@pbis/contract';
import { AppError } from '@pbis/core';
import { ImportRejected, type ImportIssue } from './issues.js';

/*
 * The problems of a refused file are English sentences (the CLI prints them). The API adds a code
 * and the values of each sentence it knows, so the web says it in Thai: the sentence stays the
 * source of truth and this table reads it. A sentence no pattern knows keeps no code (the screen
 * shows it as it is); a test feeds real refused files through and checks their codes.
 */

interface Pattern {
  code: ImportIssueCode;
  re: RegExp;
  /** Capture group names → params (in order of the groups). */
  names: readonly string[];
}

const p = (code: ImportIssueCode, re: RegExp, ...names: string[]): Pattern => ({ code, re, names });

const AMOUNT_COLUMN = '(amount|[a-z_]*amount[a-z_]*)';

/** First match wins: the specific sentences before the general ones. */
const PATTERNS: readonly Pattern[] = [
  p('missing_columns', /^missing columns? (.+?) \(expected header: .*\)$/s, 'columns'),
  p('column_twice', /^column (\S+) appears twice$/, 'column'),
  p('no_data_rows', /^the file has a header but no data rows$/),
  p('extra_values', /^more values than the (\d+) columns of the header/, 'count'),
  p('control_character', /^column (\S+) contains a control character/, 'column'),
  p('fiscal_year_missing', /^fiscal_year is empty \(give it, or --year\)$/),
  p('unit_code_and_name_empty', /^unit_code and unit_name are both empty$/),
  p('line_query_empty', /^(\S*)line_code, \S*project_code and \S*project are all empty$/, 'prefix'),
  p('empty_cell', /^(\S+) is empty$/, 'column'),
  p(
    'unknown_unit_code',
    /^(?:\S+: )?no receiving unit has code "(.*)" \(or it is outside your scope\)$/s,
    'code',
  ),
  p(
    'unit_name_near_miss',
    /^(?:\S+: )?no receiving unit is named "(.*)"; did you mean (\S+) "(.*)"\?$/s,
    'name',
    'code',
    'nearName',
  ),
  p(
    'unknown_unit_name',
    /^(?:\S+: )?no receiving unit is named "(.*)" \(or it is outside your scope\)$/s,
    'name',
  ),
  p(
    'unit_code_name_mismatch',
    /^(?:\S+: )?unit_code "(.*)" is not the code of "(.*)" \(\S+\)$/s,
    'code',
    'name',
  ),
  p(
    'unit_code_name_mismatch',
    /^(?:\S+: )?unit_code (\S+) is ".*", but unit_name is "(.*)"$/s,
    'code',
    'name',
  ),
  p('amount_zero', new RegExp(`^${AMOUNT_COLUMN} is 0$`), 'column'),
  p(
    'amount_negative',
    new RegExp(`^${AMOUNT_COLUMN}: negative amount not allowed: '(.*)'$`, 's'),
    'column',
    'value',
  ),
  p(
    'amount_decimals',
    new RegExp(`^${AMOUNT_COLUMN}: more than 2 decimals in '(.*)'`, 's'),
    'column',
    'value',
  ),
  // The amount's own text is quoted in core's messages (`not a number: 'สิบบาท'`).
  p('amount_invalid', new RegExp(`^${AMOUNT_COLUMN}: [^']*'(.*)'[^']*$`, 's'), 'column', 'value'),
  p('amount_invalid', new RegExp(`^${AMOUNT_COLUMN}: (.*)$`, 's'), 'column', 'value'),
  p('date_outside_year', /^date (\d{4}-\d{2}-\d{2}) is outside fiscal year (\d+)/, 'date', 'year'),
  p('date_invalid', /^date "(.*)": /s, 'value'),
  p(
    'fiscal_year_other',
    /^fiscal_year (\d+) is not the year imported \(--year (\d+)\)$/,
    'year',
    'imported',
  ),
  p('fiscal_year_invalid', /^fiscal_year: (?:not a fiscal year: )?'?(.*?)'?(?: |$)/s, 'value'),
  p(
    'category_invalid',
    /^(\S*expense_category) "(.*)" is not one of the six categories/s,
    'column',
    'value',
  ),
  p('fund_source_invalid', /^(\S*fund_source) "(.*)" is not one of /s, 'column', 'value'),
  p('document_too_long', /^(\S+) is longer than 60 characters$/, 'column'),
  p(
    'document_twice_in_file',
    /^document_no (.*) already appears on line (\d+)$/s,
    'documentNo',
    'otherLine',
  ),
  p(
    'document_already_posted',
    /^document_no (.*) is already posted \((-?[\d.]+) on (\d{4}-\d{2}-\d{2})\)/s,
    'documentNo',
    'amount',
    'date',
  ),
  p(
    'period_closed',
    /^(\d{4}-\d{2}-\d{2}) is in a closed period of fiscal year (\d+)/,
    'date',
    'year',
  ),
  p(
    'no_obligation',
    /^no obligation "(.*)" in fiscal year (\d+) \(import the obligations first\)$/s,
    'obligationNo',
    'year',
  ),
  p('obligation_other_line', /^obligation (.*) is on another budget line$/s, 'obligationNo'),
  p(
    'over_available',
    /^over the available balance of the line: (-?[\d.]+) asked in this file up to here, (-?[\d.]+) available$/,
    'asked',
    'available',
  ),
  p(
    'over_obligation_open',
    /^over the open amount of obligation (.*): (-?[\d.]+) paid in this file up to here, (-?[\d.]+) open$/s,
    'obligationNo',
    'paid',
    'open',
  ),
  p('no_lines_in_year', /^the unit has no budget lines in fiscal year (\d+)$/, 'year'),
  p('no_line_code', /^no budget line has line_code (.*)$/s, 'lineCode'),
  p('no_line_matches', /^no budget line matches (.*)$/s, 'query'),
  p(
    'several_lines_match',
    /^(\d+) budget lines match (.*); give line_code or expense_item$/s,
    'count',
    'query',
  ),
];

/** The code and values of one problem, or nothing when no pattern knows its sentence. */
export function issueCode(
  reason: string,
): { code: ImportIssueCode; params?: Record<string, string> } | undefined {
  for (const pattern of PATTERNS) {
    const m = pattern.re.exec(reason);
    if (!m) continue;
    if (pattern.names.length === 0) return { code: pattern.code };
    const params: Record<string, string> = {};
    pattern.names.forEach((name, i) => (params[name] = m[i + 1] ?? ''));
    return { code: pattern.code, params };
  }
  return undefined;
}

/** The issues with their codes. */
export const codedIssues = (issues: readonly ImportIssue[]): ContractIssue[] =>
  issues.map((i) => ({ ...i, ...issueCode(i.reason) }));

/** A refused file's error with every listed problem coded; any other error as it is. */
export function withIssueCodes(e: unknown): unknown {
  if (!(e instanceof ImportRejected)) return e;
  const details = { ...(e.details as Record<string, unknown>), errors: codedIssues(e.issues) };
  return new AppError(e.code, e.message, details);
}
