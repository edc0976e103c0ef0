import { z } from 'zod';

/*
 * What the web's import screen needs to know before a file is sent: the kinds this version
 * imports, their columns (the same the export writes), which are required, whether an example
 * file is served, and the size limit. And the codes that name the problems of a refused file,
 * so a screen can say each one in its own language (`details.errors[].code` and `params`).
 */

/** The problems of a refused import that carry a code (the English `reason` stays for the CLI). */
export const IMPORT_ISSUE_CODES = [
  'missing_columns', // params.columns
  'column_twice', // params.column
  'no_data_rows',
  'extra_values', // params.count
  'control_character', // params.column
  'empty_cell', // params.column
  'unit_code_and_name_empty',
  'line_query_empty', // params.prefix
  'unknown_unit_code', // params.code
  'unknown_unit_name', // params.name
  'unit_name_near_miss', // params.name, params.code, params.nearName
  'unit_code_name_mismatch', // params.code, params.name
  'amount_invalid', // params.column, params.value
  'amount_zero', // params.column
  'amount_negative', // params.column, params.value
  'amount_decimals', // params.column, params.value
  'date_invalid', // params.value
  'date_outside_year', // params.date, params.year
  'fiscal_year_invalid', // params.value
  'fiscal_year_other', // params.year, params.imported
  'fiscal_year_missing', // params.year
  'category_invalid', // params.column, params.value
  'fund_source_invalid', // params.column, params.value
  'document_too_long', // params.column
  'document_twice_in_file', // params.documentNo, params.otherLine
  'document_already_posted', // params.documentNo, params.amount, params.date
  'period_closed', // params.date, params.year
  'no_obligation', // params.obligationNo, params.year
  'obligation_other_line', // params.obligationNo
  'over_available', // params.asked, params.available
  'over_obligation_open', // params.obligationNo, params.paid, params.open
  'no_lines_in_year', // params.year
  'no_line_code', // params.lineCode
  'no_line_matches', // params.query
  'several_lines_match', // params.count, params.query
] as const;
export type ImportIssueCode = (typeof IMPORT_ISSUE_CODES)[number];

/** One file kind: its columns in file order, the required ones, and whether an example is served. */
export const importKindInfoSchema = z.object({
  kind: z.string(),
  columns: z.array(z.string()),
  required: z.array(z.string()),
  /** GET /imports/kinds/{kind}/example answers a CSV file (docs/examples). */
  example: z.boolean(),
});
export type ImportKindInfo = z.input<typeof importKindInfoSchema>;

/** GET /imports/kinds: the kinds in module order and the largest file accepted, in bytes. */
export const importKindListSchema = z.object({
  maxBytes: z.number().int().positive(),
  items: z.array(importKindInfoSchema),
});
export type ImportKindList = z.input<typeof importKindListSchema>;
