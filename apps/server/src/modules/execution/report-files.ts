import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { AppError } from '@pbis/core';
import { escapeFormula } from '../imports/cells.js';

export type TableFormat = 'json' | 'csv' | 'xlsx';

/** Columns whose values are amounts or rates: numbers in a spreadsheet, not text. */
const NUMERIC = /(_baht|_rate|_points|_level)$/;

/**
 * A report table as a file: JSON (the rows, values as given: amounts and rates are decimal
 * strings), CSV (UTF-8 with BOM, for Excel), or XLSX (one sheet, Thai headers where given,
 * numbers as numbers, no formulas).
 */
export async function tableFile(
  format: string,
  sheet: string,
  columns: readonly { key: string; header?: string }[],
  rows: readonly Record<string, unknown>[],
  jsonBody: unknown = rows,
): Promise<Buffer> {
  if (format === 'json') return Buffer.from(`${JSON.stringify(jsonBody, null, 2)}\n`, 'utf8');
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  if (format === 'csv') {
    const body = stringify(
      rows.map((r) => columns.map((c) => escapeFormula(text(r[c.key])))),
      { header: true, columns: columns.map((c) => c.key) },
    );
    return Buffer.concat([Buffer.from('\uFEFF', 'utf8'), Buffer.from(body, 'utf8')]);
  }
  if (format === 'xlsx') {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(sheet);
    ws.columns = columns.map((c) => ({
      header: c.header ?? c.key,
      key: c.key,
      width: Math.max(12, (c.header ?? c.key).length + 2),
    }));
    for (const r of rows) {
      const out: Record<string, unknown> = {};
      for (const c of columns) {
        const v = r[c.key];
        out[c.key] =
          NUMERIC.test(c.key) && typeof v === 'string' && v !== '' && !Number.isNaN(Number(v))
            ? Number(v)
            : typeof v === 'string'
              ? escapeFormula(v)
              : (v ?? '');
      }
      ws.addRow(out);
    }
    ws.getRow(1).font = { bold: true };
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  throw new AppError('validation', `format ${format} is not available for this report`, {
    reason: 'invalid_option',
  });
}
