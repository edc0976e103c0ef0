import ExcelJS from 'exceljs';
import {
  AppError,
  EXPENSE_CATEGORY_TH,
  bahtText,
  formatBaht,
  satangToDecimalString,
  toThaiDigits,
  type CivilDate,
  type ExpenseCategory,
} from '@pbis/core';
import type { Database } from '../../db/client.js';
import { withScope } from '../../db/scoped.js';
import { escapeFormula } from '../imports/cells.js';
import type { Actor } from '../auth/actor.js';
import { asOfLine, renderTablePdf, type PdfTableRow } from './bva-pdf.js';
import { BMA_NAME, bvaTree, childrenOf, rateOf, type BvaNode } from './bva-service.js';
import { UnitLookup, isUnitMiss } from './lookup.js';
import { asOfDate } from './money.js';
import { tableFile } from './report-files.js';

/*
 * `pbis report budget-vs-actual` and GET /execution/budget-vs-actual/report: the tree of
 * bva-service.ts as a file. JSON and CSV: one row per node, depth first (BMA, division, unit,
 * programme, project, category, line), amounts as decimal strings; XLSX: the same rows on a
 * hierarchy sheet (outline levels, numbers as values) and the units on a sheet of their own; PDF:
 * a table by unit (grouped by analysis division), or for one unit by programme, project and
 * category, with the totals in words.
 */

export const BVA_REPORT_COLUMNS = [
  { key: 'level', header: 'ระดับ' },
  { key: 'division', header: 'กองวิเคราะห์งบประมาณ' },
  { key: 'unit_code', header: 'รหัสหน่วยงาน' },
  { key: 'unit_name', header: 'หน่วยงาน' },
  { key: 'programme', header: 'แผนงาน' },
  { key: 'project_code', header: 'รหัสโครงการ' },
  { key: 'project', header: 'งาน/โครงการ' },
  { key: 'expense_category', header: 'งบรายจ่าย' },
  { key: 'line_code', header: 'รหัสรายการ' },
  { key: 'line', header: 'รายการ' },
  { key: 'enacted_baht', header: 'งบประมาณที่ได้รับ (บาท)' },
  { key: 'revised_baht', header: 'งบประมาณหลังปรับโอน (บาท)' },
  { key: 'reserved_baht', header: 'จองเงิน (บาท)' },
  { key: 'obligated_baht', header: 'ก่อหนี้ผูกพัน (บาท)' },
  { key: 'disbursed_baht', header: 'เบิกจ่าย (บาท)' },
  { key: 'available_baht', header: 'คงเหลือ (บาท)' },
  { key: 'disbursement_rate', header: 'ร้อยละการเบิกจ่าย' },
  { key: 'children', header: 'จำนวนรายการย่อย' },
] as const;

export type BvaReportRow = Record<(typeof BVA_REPORT_COLUMNS)[number]['key'], string | number>;

const LEVEL_TH: Record<string, string> = {
  bma: 'กรุงเทพมหานคร',
  division: 'กองวิเคราะห์งบประมาณ',
  unit: 'หน่วยงาน',
  programme: 'แผนงาน',
  project: 'งาน/โครงการ',
  category: 'งบรายจ่าย',
  line: 'รายการ',
};

export interface BvaReport {
  fiscalYear: number;
  asOf: CivilDate | null;
  /** The node the report starts at: the BMA, or the one unit asked for. */
  top: BvaNode;
  rows: BvaReportRow[];
}

/** The report's tree and rows, in the actor's scope; `unit` narrows it to one unit. */
export async function budgetVsActualReport(
  database: Database,
  actor: Actor,
  q: { fiscalYear: number; unit?: string | undefined; asOf?: string | undefined },
): Promise<BvaReport> {
  const asOf = q.asOf ? asOfDate(q.fiscalYear, q.asOf) : null;
  const org = actor.organizationId;
  const tree = await withScope(database, actor, async (db) => {
    let unitIds: string[] | undefined;
    if (q.unit) {
      const u = new UnitLookup((await UnitLookup.load(db, org)).units).resolveText(q.unit);
      if (isUnitMiss(u)) throw new AppError('not_found', u.reason, { reason: 'unit_not_found' });
      unitIds = [u.id];
    }
    return { ...(await bvaTree(db, org, q.fiscalYear, asOf, unitIds)), unitIds };
  });
  let top = tree.root;
  let division = '';
  if (tree.unitIds) {
    const d = [...top.children.values()][0];
    const unit = d && [...d.children.values()][0];
    if (unit) {
      top = unit;
      division = d.name;
    } else {
      const u = tree.units.find((x) => x.id === tree.unitIds![0])!;
      top = { ...top, level: 'unit', key: u.id, code: u.code, name: u.nameTh };
    }
  }
  const rows: BvaReportRow[] = [];
  const walk = (n: BvaNode, ctx: Partial<BvaReportRow>) => {
    const here: Partial<BvaReportRow> = { ...ctx };
    if (n.level === 'division') here.division = n.name;
    if (n.level === 'unit') Object.assign(here, { unit_code: n.code, unit_name: n.name });
    if (n.level === 'programme') here.programme = n.name;
    if (n.level === 'project') Object.assign(here, { project_code: n.code, project: n.name });
    if (n.level === 'category') here.expense_category = n.name;
    if (n.level === 'line') Object.assign(here, { line_code: n.code, line: n.name });
    const f = n.figures;
    const b = satangToDecimalString;
    rows.push({
      level: n.level,
      division: '',
      unit_code: '',
      unit_name: '',
      programme: '',
      project_code: '',
      project: '',
      expense_category: '',
      line_code: '',
      line: '',
      ...here,
      enacted_baht: b(f.enacted),
      revised_baht: b(f.revised),
      reserved_baht: b(f.reserved),
      obligated_baht: b(f.obligated),
      disbursed_baht: b(f.disbursed),
      available_baht: b(f.available),
      disbursement_rate: rateOf(f) ?? '',
      children: n.children.size,
    });
    for (const c of childrenOf(n)) walk(c, here);
  };
  walk(top, { division });
  return { fiscalYear: q.fiscalYear, asOf, top, rows };
}

const NUMERIC = new Set([
  'enacted_baht',
  'revised_baht',
  'reserved_baht',
  'obligated_baht',
  'disbursed_baht',
  'available_baht',
  'disbursement_rate',
  'children',
]);
const DEPTH: Record<string, number> = {
  bma: 0,
  division: 1,
  unit: 2,
  programme: 3,
  project: 4,
  category: 5,
  line: 6,
};

async function xlsxOf(r: BvaReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = (name: string, rows: readonly BvaReportRow[], outline: boolean) => {
    const ws = wb.addWorksheet(name, {
      views: [{ state: 'frozen', ySplit: 1 }],
      properties: { outlineLevelRow: 6 },
    });
    ws.columns = BVA_REPORT_COLUMNS.map((c) => ({
      header: c.header,
      key: c.key,
      width: NUMERIC.has(c.key) ? 20 : c.key === 'level' ? 14 : 28,
      ...(NUMERIC.has(c.key) &&
        c.key !== 'children' && {
          style: { numFmt: c.key === 'disbursement_rate' ? '0.000' : '#,##0.00' },
        }),
    }));
    const base = DEPTH[r.top.level] ?? 0;
    for (const row of rows) {
      const out: Record<string, unknown> = {};
      for (const c of BVA_REPORT_COLUMNS) {
        const v = row[c.key];
        out[c.key] =
          c.key === 'level'
            ? LEVEL_TH[String(v)]
            : NUMERIC.has(c.key)
              ? v === ''
                ? null
                : Number(v)
              : escapeFormula(String(v));
      }
      const added = ws.addRow(out);
      if (outline) added.outlineLevel = Math.max(0, (DEPTH[String(row.level)] ?? 0) - base);
      if (row.level !== 'line' && outline) added.font = { bold: row.level === r.top.level };
    }
    ws.getRow(1).font = { bold: true };
    ws.autoFilter = {
      from: { row: 1, column: 1 },
      to: { row: 1, column: BVA_REPORT_COLUMNS.length },
    };
  };
  sheet('ลำดับชั้น', r.rows, true);
  sheet(
    'รายหน่วยงาน',
    r.rows.filter((x) => x.level === 'unit'),
    false,
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const money = (v: bigint) => formatBaht(v);
const cellsOf = (n: BvaNode, name = n.name): string[] => [
  name,
  money(n.figures.enacted),
  money(n.figures.revised),
  money(n.figures.reserved),
  money(n.figures.obligated),
  money(n.figures.disbursed),
  money(n.figures.available),
  rateOf(n.figures) ?? '–',
];

function pdfOf(r: BvaReport) {
  const rows: PdfTableRow[] = [];
  const oneUnit = r.top.level === 'unit';
  if (!oneUnit) {
    for (const d of childrenOf(r.top)) {
      rows.push({ indent: 0, cells: cellsOf(d), emphasis: true });
      for (const u of childrenOf(d))
        rows.push({ indent: 1, cells: cellsOf(u, `${u.code} ${u.name}`) });
    }
  } else {
    for (const p of childrenOf(r.top)) {
      const name = /^(\S+ )?แผนงาน|^\(/.test(p.name) ? p.name : `แผนงาน${p.name}`;
      rows.push({ indent: 0, cells: cellsOf(p, name), emphasis: true });
      for (const j of childrenOf(p)) {
        rows.push({ indent: 1, cells: cellsOf(j, j.code ? `${j.code} ${j.name}` : j.name) });
        for (const c of childrenOf(j))
          rows.push({
            indent: 2,
            cells: cellsOf(c, EXPENSE_CATEGORY_TH[c.key as ExpenseCategory] ?? c.name),
          });
      }
    }
  }
  const top = r.top;
  rows.push({
    indent: 0,
    cells: cellsOf(top, oneUnit ? 'รวมทั้งหน่วยงาน' : 'รวมทั้งสิ้น'),
    emphasis: true,
  });
  const year = toThaiDigits(r.fiscalYear);
  return renderTablePdf({
    title: `รายงานผลการใช้จ่ายงบประมาณเทียบกับงบประมาณ ประจำปีงบประมาณ พ.ศ. ${year}`,
    subtitle: [
      oneUnit ? `${top.name} (${top.code})` : `${BMA_NAME} จำแนกตามกองวิเคราะห์งบประมาณและหน่วยงาน`,
      asOfLine(r.asOf),
    ],
    headers: [
      oneUnit ? 'แผนงาน / งาน/โครงการ / งบรายจ่าย' : 'กองวิเคราะห์งบประมาณ / หน่วยงาน',
      'งบประมาณที่ได้รับ',
      'หลังปรับโอน',
      'จองเงิน',
      'ก่อหนี้ผูกพัน',
      'เบิกจ่าย',
      'คงเหลือ',
      'ร้อยละเบิกจ่าย',
    ],
    rows,
    notes: [
      `งบประมาณหลังปรับโอนรวม ${money(top.figures.revised)} บาท (${bahtText(top.figures.revised)})`,
      `เบิกจ่ายรวม ${money(top.figures.disbursed)} บาท (${bahtText(top.figures.disbursed)})`,
      'หน่วย: บาท · ร้อยละการเบิกจ่าย = เบิกจ่าย ÷ งบประมาณหลังปรับโอน × ๑๐๐ · คงเหลือ = หลังปรับโอน − จองเงิน − ก่อหนี้ผูกพัน − เบิกจ่ายที่ไม่มีหนี้ผูกพัน',
    ],
  });
}

export const REPORT_CONTENT_TYPES = {
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The report as a file of `format` (pdf, xlsx, csv, json). */
export async function budgetVsActualFile(
  database: Database,
  actor: Actor,
  format: string,
  q: { fiscalYear: number; unit?: string | undefined; asOf?: string | undefined },
): Promise<Buffer> {
  if (!(format in REPORT_CONTENT_TYPES))
    throw new AppError('validation', `format ${format} is not available for this report`, {
      reason: 'invalid_option',
    });
  const r = await budgetVsActualReport(database, actor, q);
  if (format === 'pdf') return pdfOf(r).pdf;
  if (format === 'xlsx') return xlsxOf(r);
  return tableFile(format, 'budget-vs-actual', BVA_REPORT_COLUMNS, r.rows, {
    fiscal_year: r.fiscalYear,
    as_of: r.asOf
      ? `${r.asOf.year}-${String(r.asOf.month).padStart(2, '0')}-${String(r.asOf.day).padStart(2, '0')}`
      : null,
    rows: r.rows,
  });
}
