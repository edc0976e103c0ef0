import { createHash, randomUUID } from 'node:crypto';
import { satangToDecimalString } from '@pbis/core';
import type { Database } from '../../db/client.js';
import { runWrite, type WriteContext } from '../../write.js';
import type { Actor } from '../auth/actor.js';
import { eventLoopTurns } from '../../batches.js';
import { cellProblem, safeFileName, unescapeFormula } from './cells.js';
import { ImportRejected, IssueList, type ImportIssue } from './issues.js';
import {
  noHeaderRow,
  normalizeHeader,
  openTable,
  type SourceRow,
  type SourceTable,
} from './read-table.js';
import { writeRefusal } from './refusal.js';
import * as repo from './repository.js';

export { ImportRejected, IssueList, MAX_LISTED_ISSUES, type ImportIssue } from './issues.js';

export interface ImportOptions {
  fiscalYear?: number | undefined;
  dryRun?: boolean | undefined;
  /** budget-lines: create the receiving units a file names that do not exist (SPEC §3). */
  createUnits?: boolean | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

export interface ParsedRow<Row> {
  line: number;
  row: Row;
}

export interface KindContext {
  database: Database;
  actor: Actor;
  options: ImportOptions;
  /** The import_batch row of this file (written before the rows): entries reference it. */
  batchId?: string;
}

/**
 * Where a kind keeps the rows of a large file as they are parsed, instead of an array of row
 * objects: compact columns, with what can be checked at once (lookups) checked row by row.
 */
export interface RowStore<Row> {
  /** A row that parsed; its problems known at once go to `issues`. */
  add(line: number, row: Row, issues: IssueList): void | Promise<void>;
  /** Cross-row and database checks (read-only) once every row is in. */
  check(issues: IssueList): Promise<void>;
  /** Money in the rows, for the summary's total. */
  total(): bigint;
  /** Writes the rows inside the pipeline's transaction, in multi-row statements. */
  write(w: WriteContext, ctx: KindContext): Promise<WriteOutcome>;
}

export interface WriteOutcome {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * A file kind that plugs into the one import pipeline: its columns (the same for export),
 * how one row is parsed, what is checked across rows and against the database, and how
 * valid rows are written inside the pipeline's transaction.
 */
export interface ImportKind<Row> {
  kind: string;
  columns: readonly string[];
  required: readonly string[];
  /** Other header spellings (Thai, older exports) → canonical column. */
  aliases?: Readonly<Record<string, string>>;
  /** Columns whose cells may span lines (TAB, LF, CR allowed); every other cell is one line. */
  multiline?: readonly string[];
  /** Parse one row; return the reasons it is invalid instead of a row. */
  parseRow(cells: Readonly<Record<string, string>>, ctx: KindContext): Row | string[];
  /**
   * Cross-row and database checks (read-only). Large files: index what is looked up (no scan of
   * every known row per row) and yield to the event loop between slices (see batches.ts).
   */
  check?(rows: ParsedRow<Row>[], ctx: KindContext): Promise<ImportIssue[]>;
  /** Money in the row, for the summary's total. */
  amount?(row: Row): bigint;
  /**
   * A store for the file's rows (large files): when given, rows go to it as they are parsed and
   * it checks and writes them; `check` and `write` are then not used by the pipeline.
   */
  store?(ctx: KindContext): RowStore<Row>;
  /** Writes in multi-row statements (`writeInBatches`), never one statement per row of a file. */
  write(rows: ParsedRow<Row>[], w: WriteContext, ctx: KindContext): Promise<WriteOutcome>;
  /** Rows in `columns` order, as strings: what `pbis export` prints and re-imports. */
  exportRows(
    database: Database,
    actor: Actor,
    opts: { fiscalYear?: number | undefined },
  ): Promise<Record<string, string>[]>;
}

export interface ImportSummary {
  kind: string;
  file: string;
  rows: number;
  total_baht: string;
  dry_run: boolean;
  already_imported: boolean;
  file_hash: string;
  format: SourceTable['format'];
  encoding: SourceTable['encoding'];
  created: number;
  updated: number;
  unchanged: number;
  warnings: string[];
}

/** Header → canonical column index. Unknown columns are reported as warnings and ignored. */
const canonicalOf = (kind: ImportKind<unknown>, h: string) =>
  kind.columns.includes(h) ? h : kind.aliases?.[h];

/**
 * Real exports often put a title or a date line above the header. When the first row lacks a
 * required column, the first of the next ten rows that has them all is taken as the header.
 */
export function locateHeader(
  kind: ImportKind<unknown>,
  table: SourceTable,
): { table: SourceTable; warning?: string } {
  const hasRequired = (cells: string[]) => {
    const found = new Set(cells.map((c) => canonicalOf(kind, c)));
    return kind.required.every((r) => found.has(r));
  };
  if (hasRequired(table.header)) return { table };
  const at = table.rows.slice(0, 10).findIndex((r) => hasRequired(r.cells.map(normalizeHeader)));
  if (at < 0) return { table };
  const head = table.rows[at]!;
  return {
    table: {
      ...table,
      header: head.cells.map(normalizeHeader),
      headerLine: head.line,
      rows: table.rows.slice(at + 1),
    },
    warning: `the header is on line ${head.line}; the ${at + 1} line${at === 0 ? '' : 's'} above it (titles) were skipped`,
  };
}

function mapColumns(kind: ImportKind<unknown>, table: SourceTable) {
  const index = new Map<string, number>();
  const warnings: string[] = [];
  table.header.forEach((h, i) => {
    const canonical = canonicalOf(kind, h);
    if (!canonical) {
      if (h) warnings.push(`column "${h}" is not used by ${kind.kind} and was ignored`);
      return;
    }
    if (index.has(canonical))
      throw new ImportRejected([
        { line: table.headerLine, reason: `column ${canonical} appears twice` },
      ]);
    index.set(canonical, i);
  });
  const missing = kind.required.filter((c) => !index.has(c));
  if (missing.length) {
    throw new ImportRejected([
      {
        line: table.headerLine,
        reason: `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (expected header: ${kind.columns.join(',')})`,
      },
    ]);
  }
  return { index, warnings };
}

/** The cells of one row by canonical column, or the reasons some cell cannot be imported. */
function rowCells(
  src: SourceTable['rows'][number],
  index: ReadonlyMap<string, number>,
  opts: { unquote: boolean; multiline: ReadonlySet<string> },
): { cells: Record<string, string>; problems: string[] } {
  const cells: Record<string, string> = {};
  const problems: string[] = [];
  for (const [col, at] of index) {
    const raw = src.cells[at] ?? '';
    const cell = opts.unquote ? unescapeFormula(raw) : raw;
    const problem = cellProblem(col, cell, opts.multiline.has(col));
    if (problem) problems.push(problem);
    cells[col] = cell;
  }
  return { cells, problems };
}

/** The rows of a file after its header, in batches: the buffered ones first. */
async function* rowsAfter(buffered: SourceRow[], rest: AsyncIterator<SourceRow[]>) {
  if (buffered.length) yield buffered;
  for (let n = await rest.next(); !n.done; n = await rest.next()) yield n.value;
}

export async function runImport<Row>(
  database: Database,
  actor: Actor,
  kind: ImportKind<Row>,
  file: { bytes: Uint8Array; name: string },
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const fileName = safeFileName(file.name);
  // The file is read as a stream: the first rows are held to find the header, the rest are
  // parsed, checked and stored one by one (a kind's store keeps them as compact columns).
  const source = await openTable(file.bytes, file.name);
  const reader = source.rows[Symbol.asyncIterator]();
  const head: SourceRow[] = [];
  while (head.length < 11) {
    const n = await reader.next();
    if (n.done) break;
    head.push(...n.value);
  }
  if (!head[0]) throw noHeaderRow();
  const located = locateHeader(kind as ImportKind<unknown>, {
    format: source.format,
    encoding: source.encoding,
    header: head[0].cells.map(normalizeHeader),
    headerLine: head[0].line,
    rows: head.slice(1),
  });
  const table = located.table;
  const { index, warnings } = mapColumns(kind as ImportKind<unknown>, table);
  if (located.warning) warnings.unshift(located.warning);
  const ctx: KindContext = { database, actor, options };
  const issues = new IssueList();
  const store = kind.store?.(ctx);
  const parsed: ParsedRow<Row>[] = [];
  let count = 0;
  let done = 0;
  const estimated = () => Math.max(done, source.estimatedRows - table.headerLine);
  const cellRules = {
    unquote: table.format !== 'json',
    multiline: new Set(kind.multiline ?? []),
  };
  const turns = eventLoopTurns();
  try {
    for await (const batch of rowsAfter(table.rows, reader))
      for (const src of batch) {
        if (turns.due()) await turns.yield();
        done++;
        const { cells, problems } = rowCells(src, index, cellRules);
        const extra = src.cells.slice(table.header.length).some((c) => c.trim() !== '');
        if (extra)
          issues.push({
            line: src.line,
            reason: `more values than the ${table.header.length} columns of the header (a comma inside an unquoted amount?)`,
          });
        // A cell that cannot be stored is reported alone: the row's other checks would quote it.
        for (const reason of problems) issues.push({ line: src.line, reason });
        const result = problems.length ? [] : kind.parseRow(cells, ctx);
        if (Array.isArray(result))
          for (const reason of result) issues.push({ line: src.line, reason });
        else if (!extra) {
          count++;
          if (store) {
            const pending = store.add(src.line, result, issues);
            if (pending) await pending;
          } else parsed.push({ line: src.line, row: result });
        }
        if (options.onProgress && done % 5000 === 0) options.onProgress(done, estimated());
      }
  } finally {
    await reader.return?.();
  }
  if (count === 0 && issues.length === 0)
    issues.push({ line: table.headerLine + 1, reason: 'the file has a header but no data rows' });
  // Database checks run on the rows that parsed, so one pass reports every problem of the file.
  if (count) {
    if (store) await store.check(issues);
    else if (kind.check) for (const issue of await kind.check(parsed, ctx)) issues.push(issue);
  }
  if (issues.length) throw issues.rejection();

  const fileHash = createHash('sha256').update(file.bytes).digest('hex');
  let totalSatang = store ? store.total() : 0n;
  if (kind.amount && !store) for (const p of parsed) totalSatang += kind.amount(p.row);
  const summary: ImportSummary = {
    kind: kind.kind,
    file: fileName,
    rows: count,
    total_baht: satangToDecimalString(totalSatang),
    dry_run: Boolean(options.dryRun),
    already_imported: false,
    file_hash: fileHash,
    format: table.format,
    encoding: source.encoding,
    created: 0,
    updated: 0,
    unchanged: 0,
    warnings,
  };
  if (await repo.alreadyImported(database.db, actor.organizationId, kind.kind, fileHash)) {
    return { ...summary, already_imported: true, unchanged: count };
  }
  if (options.dryRun) return summary;

  const batchId = randomUUID();
  const outcome = await runWrite(database, actor, async (w) => {
    await repo.insertImportBatch(w.tx, {
      id: batchId,
      organizationId: actor.organizationId,
      kind: kind.kind,
      fileHash,
      fileName,
      fiscalYear: options.fiscalYear ?? null,
      rows: count,
      totalSatang,
      createdBy: actor.userId,
    });
    const writeCtx = { ...ctx, batchId };
    const result = store ? await store.write(w, writeCtx) : await kind.write(parsed, w, writeCtx);
    w.audit({
      action: 'import',
      entity: kind.kind,
      entityId: fileHash,
      after: { file: fileName, rows: count, total_baht: summary.total_baht, ...result },
    });
    return result;
  }).catch((e: unknown) => {
    throw writeRefusal(e);
  });
  options.onProgress?.(done, done);
  return { ...summary, ...outcome };
}
