import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../../db/client.js';
import type { Actor } from '../auth/actor.js';
import { escapeFormula } from './cells.js';
import type { ImportKind } from './pipeline.js';

export type ExportFormat = 'csv' | 'xlsx' | 'json';

/**
 * The same columns as the import, so an export re-imports to the same data. CSV and XLSX cells
 * that a spreadsheet would run as a formula get a leading ' (the import drops it again).
 */
export async function exportKind(
  database: Database,
  actor: Actor,
  kind: ImportKind<never>,
  format: ExportFormat,
  fiscalYear?: number,
): Promise<Buffer> {
  const rows = await kind.exportRows(database, actor, { fiscalYear });
  const columns = [...kind.columns];
  if (format === 'json') return Buffer.from(`${JSON.stringify(rows, null, 2)}\n`, 'utf8');
  const safe = rows.map((r) => {
    const out: Record<string, string> = {};
    for (const c of columns) out[c] = escapeFormula(r[c] ?? '');
    return out;
  });
  if (format === 'csv') {
    // UTF-8 with BOM so Excel opens Thai text correctly.
    return Buffer.concat([
      Buffer.from('\uFEFF', 'utf8'),
      Buffer.from(stringify(safe, { header: true, columns }), 'utf8'),
    ]);
  }
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(kind.kind);
  sheet.columns = columns.map((c) => ({ header: c, key: c, width: Math.max(12, c.length + 2) }));
  for (const r of safe) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
