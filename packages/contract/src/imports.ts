import { z } from 'zod';
import { fiscalYearQuery } from './common.js';
import { IMPORT_FORMATS, IMPORT_ENCODINGS } from './constants.js';
import { IMPORT_ISSUE_CODES } from './import-kinds.js';

/**
 * A file kind of SPEC §3 (`units`, `budget-lines`, …). The modules declare the kinds this version
 * has (the server's import registry); any other name is 404 `unknown_import_kind`.
 */
export const importKindParam = z.object({
  kind: z.string().min(1).max(40).describe('a file kind, e.g. units'),
});

const queryFlag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

/** POST /imports/:kind (multipart/form-data, the file in the field `file`). */
export const importQuery = z.object({
  year: fiscalYearQuery.optional(),
  dryRun: queryFlag,
  /** budget-lines: create the receiving units the file names that do not exist yet. */
  createUnits: queryFlag,
});
export type ImportQuery = z.input<typeof importQuery>;

/**
 * What an import did. `totalBaht` is a decimal string with two decimals (`"11079500.00"`).
 * The CLI's `pbis import --json` prints the same summary with SPEC §3's snake_case keys.
 */
export const importSummarySchema = z.object({
  kind: z.string(),
  file: z.string(),
  rows: z.number().int(),
  totalBaht: z.string().regex(/^-?\d+\.\d{2}$/),
  dryRun: z.boolean(),
  alreadyImported: z.boolean(),
  fileHash: z.string(),
  format: z.enum(IMPORT_FORMATS),
  encoding: z.enum(IMPORT_ENCODINGS),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  warnings: z.array(z.string()),
});
export type ImportSummary = z.input<typeof importSummarySchema>;

/** One problem of a rejected file: the file's line (the header is line 1) and an English reason. */
export const importIssueSchema = z.object({
  line: z.number().int(),
  reason: z.string(),
  /** The API names a known problem by code, with its values, for a screen's own words. */
  code: z.enum(IMPORT_ISSUE_CODES).optional(),
  params: z.record(z.string(), z.string()).optional(),
});
export type ImportIssue = z.input<typeof importIssueSchema>;

/** `details` of 400 `import_rejected`: the first problems by line, how many in all, how many not listed. */
export const importRejectedDetails = z.object({
  reason: z.literal('import_rejected'),
  errors: z.array(importIssueSchema),
  total: z.number().int(),
  more: z.number().int(),
});
export type ImportRejectedDetails = z.input<typeof importRejectedDetails>;

/** GET /exports/:kind — the file in the import's columns (csv, xlsx or json; not JSON-wrapped). */
export const exportQuery = z.object({
  year: fiscalYearQuery.optional(),
  format: z.enum(IMPORT_FORMATS).default('csv'),
});
export type ExportQuery = z.input<typeof exportQuery>;
