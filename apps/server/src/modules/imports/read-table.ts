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

export async function readTable(bytes: Uint8Array, fileName: string): Promise<SourceTable> {
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
  if (isZip(bytes) || /\.xlsx$/i.test(fileName)) return readXlsx(bytes);
  if (bytes.subarray(0, 4096).includes(0))
    throw new AppError(
      'validation',
      'this is not a CSV or XLSX file (it contains binary data)',
      UNREADABLE,
    );
  const start = decodeText(bytes.subarray(0, 64)).text.trimStart();
  if (/\.json$/i.test(fileName) || start.startsWith('[')) return readJson(bytes);
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
