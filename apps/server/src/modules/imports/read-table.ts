import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse';
import { AppError, normalizeThai } from '@pbis/core';
import { eventLoopTurns, yieldToEventLoop } from '../../batches.js';

/** The reason of every refusal of a file that cannot be read as a table. */
const UNREADABLE = { reason: 'import_unreadable' } as const;

/** A data row of an import file: `line` is the file's line (header = 1) or the sheet's row. */
export interface SourceRow {
  line: number;
  cells: string[];
}

export interface SourceTable {
  format: 'csv' | 'xlsx' | 'json';
  encoding: 'utf-8' | 'windows-874' | 'xlsx';
  header: string[];
  headerLine: number;
  rows: SourceRow[];
}

export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8; otherwise TIS-620 / Windows-874. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-874' } {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-874').decode(body), encoding: 'windows-874' };
  }
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/** A file being read: its non-blank rows come one at a time (CSV is parsed as a stream). */
export interface SourceRows {
  format: SourceTable['format'];
  encoding: SourceTable['encoding'];
  /** The non-blank rows, in batches (a CSV: the rows of each slice of the file). */
  rows: AsyncIterable<SourceRow[]>;
  /** About how many rows the file has (its line breaks), for a progress bar. */
  estimatedRows: number;
}

/** Line breaks in the bytes: the rows of a CSV whose cells are all on one line. */
function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) n++;
  return bytes.length && bytes[bytes.length - 1] !== 10 ? n + 1 : n;
}

async function* nonBlank(batches: Iterable<SourceRow[]> | AsyncIterable<SourceRow[]>) {
  for await (const batch of batches) yield batch.filter((r) => !isBlank(r));
}

/**
 * Opens a CSV, XLSX or JSON file for reading row by row. A CSV is decoded and parsed in slices,
 * so neither its text nor its table is ever held whole; XLSX and JSON are read as a table.
 */
export async function openTable(bytes: Uint8Array, fileName: string): Promise<SourceRows> {
  checkBytes(bytes, fileName);
  if (!isCsv(bytes, fileName)) {
    const t = await readTable(bytes, fileName);
    const head: SourceRow = { line: t.headerLine, cells: t.header };
    return {
      format: t.format,
      encoding: t.encoding,
      rows: nonBlank([[head, ...t.rows]]),
      estimatedRows: t.rows.length + 1,
    };
  }
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  const encoding = isUtf8(body) ? 'utf-8' : 'windows-874';
  return {
    format: 'csv',
    encoding,
    rows: nonBlank(csvRows(body, encoding)),
    estimatedRows: countLines(body),
  };
}

function checkBytes(bytes: Uint8Array, fileName: string) {
  if (bytes.length === 0) throw new AppError('validation', 'line 1: the file is empty', UNREADABLE);
  if (bytes.length > MAX_IMPORT_BYTES)
    throw new AppError(
      'payload_too_large',
      `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MiB`,
      { reason: 'import_file_too_large', maxBytes: MAX_IMPORT_BYTES },
    );
  if (isOle(bytes) || /\.xls$/i.test(fileName)) {
    throw new AppError(
      'validation',
      'old Excel .xls files are not supported: save the sheet as .xlsx or CSV (UTF-8)',
      UNREADABLE,
    );
  }
  if (isZip(bytes) || /\.xlsx$/i.test(fileName)) return;
  if (bytes.subarray(0, 4096).includes(0))
    throw new AppError(
      'validation',
      'this is not a CSV or XLSX file (it contains binary data)',
      UNREADABLE,
    );
}

const isJson = (bytes: Uint8Array, fileName: string) =>
  /\.json$/i.test(fileName) || decodeText(bytes.subarray(0, 64)).text.trimStart().startsWith('[');

const isCsv = (bytes: Uint8Array, fileName: string) =>
  !(isZip(bytes) || /\.xlsx$/i.test(fileName)) && !isJson(bytes, fileName);

export async function readTable(bytes: Uint8Array, fileName: string): Promise<SourceTable> {
  checkBytes(bytes, fileName);
  if (isZip(bytes) || /\.xlsx$/i.test(fileName)) return readXlsx(bytes);
  if (isJson(bytes, fileName)) return readJson(bytes);
  return readCsv(bytes);
}

function detectDelimiter(firstLine: string): string {
  const counts = [',', ';', '\t', '|'].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

/** Characters of CSV text handed to the parser between two turns of the event loop. */
const CSV_CHUNK = 32 * 1024;

/** The text in slices, never splitting a surrogate pair; the event loop runs between slices. */
async function* slices(text: string): AsyncGenerator<string> {
  for (let at = 0; at < text.length;) {
    let end = Math.min(text.length, at + CSV_CHUNK);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    yield text.slice(at, end);
    at = end;
    await yieldToEventLoop();
  }
}

/** Bytes of the file decoded and handed to the parser between two turns of the event loop. */
const CSV_BYTES = 256 * 1024;

/** The rows of CSV bytes (no BOM), decoded and parsed slice by slice; blank rows included. */
async function* csvRows(
  body: Uint8Array,
  encoding: 'utf-8' | 'windows-874',
): AsyncGenerator<SourceRow[]> {
  const firstBreak = body.indexOf(10);
  const firstLine = new TextDecoder(encoding).decode(
    body.subarray(0, firstBreak < 0 ? Math.min(body.length, 64 * 1024) : firstBreak),
  );
  const decoder = new TextDecoder(encoding);
  const parser = parse({
    delimiter: detectDelimiter(firstLine.replace(/\r$/, '')),
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    bom: true,
  });
  let batch: SourceRow[] = [];
  let prevEnd = 0;
  let failure: unknown;
  let ended = false;
  parser.on('data', (r: { record: string[]; info: { lines: number } }) => {
    batch.push({ line: prevEnd + 1, cells: r.record });
    prevEnd = r.info.lines;
  });
  parser.on('error', (e) => (failure ??= e));
  parser.on('end', () => (ended = true));
  const unreadable = (e: unknown) => {
    const err = e as { lines?: number; message: string };
    return new AppError(
      'validation',
      `line ${err.lines ?? '?'}: unreadable CSV (${err.message.replace(/^Invalid Record Length: /, '')})`,
      UNREADABLE,
    );
  };
  // The parser's records arrive on its 'data' events, at the latest once the event loop turns:
  // each slice's rows are handed over as one batch.
  const take = async () => {
    await yieldToEventLoop();
    if (failure) throw unreadable(failure);
    const out = batch;
    batch = [];
    return out;
  };
  try {
    for (let at = 0; at < body.length; at += CSV_BYTES) {
      const end = Math.min(body.length, at + CSV_BYTES);
      // stream: a character split between two slices is decoded with the next one.
      parser.write(decoder.decode(body.subarray(at, end), { stream: end < body.length }));
      const rows = await take();
      if (rows.length) yield rows;
    }
    parser.end();
    while (!ended && !failure) {
      const rows = await take();
      if (rows.length) yield rows;
    }
    const rows = await take();
    if (rows.length) yield rows;
  } finally {
    parser.destroy();
  }
}

async function readCsv(bytes: Uint8Array): Promise<SourceTable> {
  const { text, encoding } = decodeText(bytes);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const source = Readable.from(slices(text));
  const parser = source.pipe(
    parse({
      delimiter: detectDelimiter(firstLine),
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true,
    }),
  );
  let prevEnd = 0;
  const all: SourceRow[] = [];
  try {
    for await (const r of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      all.push({ line: prevEnd + 1, cells: r.record });
      prevEnd = r.info.lines;
    }
  } catch (e) {
    const err = e as { lines?: number; message: string };
    throw new AppError(
      'validation',
      `line ${err.lines ?? '?'}: unreadable CSV (${err.message.replace(/^Invalid Record Length: /, '')})`,
      UNREADABLE,
    );
  } finally {
    source.destroy();
  }
  return toTable('csv', encoding, all);
}

/** What `pbis export --format json` writes: an array of objects keyed by column; line = index + 2. */
async function readJson(bytes: Uint8Array): Promise<SourceTable> {
  let data: unknown;
  try {
    data = JSON.parse(decodeText(bytes).text);
  } catch (e) {
    throw new AppError(
      'validation',
      `line 1: not valid JSON (${(e as Error).message})`,
      UNREADABLE,
    );
  }
  if (!Array.isArray(data))
    throw new AppError(
      'validation',
      'line 1: a JSON import is an array of objects keyed by column',
      UNREADABLE,
    );
  const header: string[] = [];
  const known = new Set<string>();
  for (const item of data) {
    if (item && typeof item === 'object' && !Array.isArray(item))
      for (const k of Object.keys(item))
        if (!known.has(k)) {
          known.add(k);
          header.push(k);
        }
  }
  const rows: SourceRow[] = [{ line: 1, cells: header }];
  const turns = eventLoopTurns();
  for (const [i, item] of data.entries()) {
    if (turns.due()) await turns.yield();
    const obj =
      item && typeof item === 'object' && !Array.isArray(item)
        ? (item as Record<string, unknown>)
        : {};
    rows.push({
      line: i + 2,
      cells: header.map((k) =>
        obj[k] === null || obj[k] === undefined
          ? ''
          : typeof obj[k] === 'object'
            ? JSON.stringify(obj[k])
            : String(obj[k]),
      ),
    });
  }
  return toTable('json', 'utf-8', rows);
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number')
    return Number.isInteger(v) ? String(v) : String(Math.round(v * 1e6) / 1e6);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

async function readXlsx(bytes: Uint8Array): Promise<SourceTable> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as never);
  } catch (e) {
    throw new AppError(
      'validation',
      `not a readable XLSX file (${(e as Error).message})`,
      UNREADABLE,
    );
  }
  const sheet = wb.worksheets.find((s) => s.actualRowCount > 0);
  if (!sheet) throw new AppError('validation', 'line 1: the workbook has no data', UNREADABLE);
  const rows: SourceRow[] = [];
  const turns = eventLoopTurns();
  for (let r = 1; r <= sheet.rowCount; r++) {
    if (turns.due()) await turns.yield();
    const row = sheet.findRow(r);
    if (!row?.hasValues) continue;
    const values = row.values as ExcelJS.CellValue[];
    rows.push({ line: r, cells: values.slice(1).map(cellText) });
  }
  return toTable('xlsx', 'xlsx', rows);
}

/** The refusal of a file with no header row. */
export const noHeaderRow = () =>
  new AppError('validation', 'line 1: the file has no header row', UNREADABLE);

const isBlank = (r: SourceRow) => r.cells.every((c) => c.trim() === '');

function toTable(
  format: SourceTable['format'],
  encoding: SourceTable['encoding'],
  all: SourceRow[],
): SourceTable {
  const nonBlank = all.filter((r) => !isBlank(r));
  const head = nonBlank[0];
  if (!head) throw new AppError('validation', 'line 1: the file has no header row', UNREADABLE);
  return {
    format,
    encoding,
    header: head.cells.map(normalizeHeader),
    headerLine: head.line,
    rows: nonBlank.slice(1),
  };
}

/** "Unit Name " → "unit_name"; Thai headers are kept (normalised) for the kinds' aliases. */
export function normalizeHeader(h: string): string {
  return normalizeThai(h.replace(/^\uFEFF/, ''))
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}
