import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../../db/client.js';
import type { Actor } from '../auth/actor.js';
import type { ImportKind } from './pipeline.js';

export type ExportFormat = 'csv' | 'xlsx' | 'json';

/** The same columns as the import, so an export re-imports to the same data. */
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
  if (format === 'csv') {
    // UTF-8 with BOM so Excel opens Thai text correctly.
    return Buffer.concat([
      Buffer.from('\uFEFF', 'utf8'),
      Buffer.from(stringify(rows, { header: true, columns }), 'utf8'),
    ]);
  }
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(kind.kind);
  sheet.columns = columns.map((c) => ({ header: c, key: c, width: Math.max(12, c.length + 2) }));
  for (const r of rows) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
