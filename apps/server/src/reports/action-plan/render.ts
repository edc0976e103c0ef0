/**
 * The action-plan report: `renderActionPlanPdf` (Typst with Laksaman, the seed's structure) and
 * `renderActionPlanXlsx` (one sheet per table, Thai headers, numbers as numbers). The CLI
 * (`pbis report action-plan`) and the API call these with a document the plans module builds.
 */
import ExcelJS from 'exceljs';
import { AppError, type ActionPlanDocument } from '@pbis/core';
import { renderTypstPdf, type RenderedPdf } from '../../pdf/typst.js';
import { escapeFormula } from '../../modules/imports/cells.js';
import { ACTION_PLAN_TEMPLATE } from './template.js';
import { actionPlanView } from './view-model.js';

/** The PDF of an action plan; `pages` is its page count. */
export function renderActionPlanPdf(doc: ActionPlanDocument): RenderedPdf {
  return renderTypstPdf(
    ACTION_PLAN_TEMPLATE,
    actionPlanView(doc),
    `${doc.titleTh} ${doc.unit.nameTh}`,
  );
}

type Cell = string | number | null;
interface SheetSpec {
  name: string;
  columns: { header: string; width: number; numeric?: boolean }[];
  rows: Cell[][];
}

/** "10,991,500.00" → 10991500; "-" and "" → null; decimal strings → numbers. */
function numberOf(text: string): number | null {
  const plain = text.replace(/,/g, '').trim();
  if (plain === '' || plain === '-') return null;
  return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : null;
}

function sheetsOf(doc: ActionPlanDocument): SheetSpec[] {
  const v = actionPlanView(doc);
  const years = v.targetYears;
  const num = (s: string): Cell => numberOf(s) ?? (s === '-' ? null : s);
  const sheets: SheetSpec[] = [];
  sheets.push({
    name: 'ผลปีก่อน',
    columns: [
      { header: 'องค์ประกอบ', width: 40 },
      { header: 'ตัวชี้วัด', width: 60 },
      { header: 'น้ำหนัก (ร้อยละ)', width: 14, numeric: true },
      { header: 'ผลการดำเนินงาน', width: 16, numeric: true },
      { header: 'คะแนนที่ได้', width: 14, numeric: true },
      { header: 'ค่าคะแนนถ่วงน้ำหนัก', width: 18, numeric: true },
    ],
    rows: v.previous.components.flatMap((c) =>
      c.scored.map((s) => [c.title, s.indicator, ...s.cells.map(num)]),
    ),
  });
  sheets.push({
    name: 'ผลปีก่อน (รายละเอียด)',
    columns: [
      { header: 'องค์ประกอบ', width: 40 },
      { header: 'ตัวชี้วัด', width: 60 },
      { header: 'เป้าหมาย', width: 30 },
      { header: 'ผลสำเร็จ', width: 20 },
      { header: 'โครงการ/กิจกรรมที่สนับสนุน', width: 50 },
      { header: 'รายละเอียดผลการดำเนินงาน', width: 50 },
      { header: 'หมายเหตุ', width: 10 },
    ],
    rows: v.previous.components.flatMap((c) => c.narrative.map((r) => [c.title, ...r])),
  });
  sheets.push({
    name: 'ตัวชี้วัดและค่าเป้าหมาย',
    columns: [
      { header: 'มาตรการ', width: 40 },
      { header: 'ระดับ', width: 16 },
      { header: 'ตัวชี้วัด', width: 70 },
      ...years.map((y) => ({ header: `ค่าเป้าหมาย ${y}`, width: 30 })),
    ],
    rows: v.measures.flatMap((m) => [
      ...m.goalIndicators.map((r) => [m.measure, 'เป้าประสงค์', ...r.slice(1)]),
      ...m.measureIndicators.map((r) => [m.measure, 'มาตรการ', ...r.slice(1)]),
    ]),
  });
  const projectColumns = [
    { header: 'กลุ่ม', width: 50 },
    { header: 'ลำดับที่', width: 8, numeric: true },
    { header: 'โครงการ/กิจกรรม', width: 80 },
    { header: 'งบประมาณ (บาท)', width: 18, numeric: true },
    { header: 'ส่วนราชการที่รับผิดชอบ', width: 26 },
  ];
  sheets.push({
    name: 'สรุปโครงการและงบประมาณ',
    columns: projectColumns,
    rows: v.summary.flatMap((s) => [
      ...s.rows.map((r) => [s.title, num(r[0] ?? ''), r[1] ?? '', num(r[2] ?? ''), r[3] ?? '']),
      [s.title, null, `รวมงบประมาณทั้งสิ้น${s.words ? ` (${s.words})` : ''}`, num(s.total), null],
    ]),
  });
  sheets.push({
    name: 'รายการพื้นฐาน',
    columns: [
      { header: 'ลำดับที่', width: 8, numeric: true },
      { header: 'แผนงาน/ผลผลิต/งาน', width: 70 },
      { header: 'รายการ/โครงการ', width: 70 },
      { header: 'งบประมาณ (บาท)', width: 18, numeric: true },
    ],
    rows: [
      ...v.baseline.rows.map((r) => [num(r[0] ?? ''), r[1] ?? '', r[2] ?? '', num(r[3] ?? '')]),
      [null, 'รวม', v.baseline.count, num(v.baseline.total)],
    ],
  });
  for (const t of v.tables) {
    const key = t.title.match(/^ตาราง (\S)/)?.[1] ?? '?';
    sheets.push({
      name: `ตาราง ${key}`,
      columns: [
        { header: 'ลำดับที่', width: 8, numeric: true },
        { header: 'ตัวชี้วัด', width: 70 },
        { header: 'ค่าเป้าหมาย', width: 24 },
        { header: 'หน่วยงานรับผิดชอบ', width: 26 },
        { header: 'มาตรการ', width: 40 },
        { header: 'นิยาม/คำอธิบายตัวชี้วัด', width: 90 },
        { header: 'โครงการ/กิจกรรม', width: 60 },
      ],
      rows: t.blocks.map((b) => [
        num(b.head[0] ?? ''),
        b.head[1] ?? '',
        b.head[2] ?? '',
        b.head[3] ?? '',
        b.measure || (b.component ?? ''),
        b.definition.map((d) => `${d.label}: ${d.paras.join(' ')}`).join('\n'),
        b.projects.join('\n'),
      ]),
    });
  }
  const criteria = v.tables
    .flatMap((t) => t.blocks)
    .filter((b, i, all) => b.criteria && all.findIndex((x) => x.head[1] === b.head[1]) === i);
  sheets.push({
    name: 'เกณฑ์การให้คะแนน',
    columns: [
      { header: 'ตัวชี้วัด', width: 70 },
      { header: 'ระดับความสำเร็จ', width: 14, numeric: true },
      { header: 'เกณฑ์ร้อยละความสำเร็จ', width: 20, numeric: true },
      { header: 'การดำเนินงาน', width: 80 },
      { header: 'คะแนนที่ได้รับ', width: 14, numeric: true },
    ],
    rows: criteria.flatMap((b) =>
      (b.criteria?.rows ?? []).map((r) => [
        b.measureIndicator,
        num(r[0] ?? ''),
        num((r[1] ?? '').replace('ร้อยละ ', '')),
        r[2] ?? '',
        num(r[3] ?? ''),
      ]),
    ),
  });
  const months = [
    'ต.ค.',
    'พ.ย.',
    'ธ.ค.',
    'ม.ค.',
    'ก.พ.',
    'มี.ค.',
    'เม.ย.',
    'พ.ค.',
    'มิ.ย.',
    'ก.ค.',
    'ส.ค.',
    'ก.ย.',
  ];
  sheets.push({
    name: 'แผนการปฏิบัติงาน',
    columns: [
      { header: 'กิจกรรม', width: 60 },
      { header: 'ขั้นตอนการปฏิบัติงาน', width: 70 },
      { header: 'เนื้องานรายขั้นตอน (ร้อยละ)', width: 16, numeric: true },
      { header: 'คิดความก้าวหน้า (ร้อยละ)', width: 16, numeric: true },
      ...months.map((m) => ({ header: m, width: 6 })),
    ],
    rows: v.workPlans.flatMap((w) =>
      w.steps.map((s) => [
        w.title,
        [s.text, ...s.details].join('\n'),
        num(s.weight),
        num(s.cumulative),
        ...s.months.map((on) => (on ? '■' : null)),
      ]),
    ),
  });
  return sheets;
}

/** The tables of an action plan as an XLSX workbook: one sheet per table. */
export async function renderActionPlanXlsx(doc: ActionPlanDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PBIS';
  for (const s of sheetsOf(doc)) {
    const ws = wb.addWorksheet(s.name.slice(0, 31));
    ws.columns = s.columns.map((c) => ({ header: c.header, width: c.width }));
    for (const r of s.rows)
      ws.addRow(r.map((v) => (typeof v === 'string' ? escapeFormula(v) : (v ?? ''))));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    ws.eachRow((row) => {
      row.alignment = { vertical: 'top', wrapText: true };
    });
    s.columns.forEach((c, i) => {
      if (c.numeric) ws.getColumn(i + 1).numFmt = c.header.includes('บาท') ? '#,##0.00' : '0.###';
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type ActionPlanFormat = 'pdf' | 'xlsx';

export interface ActionPlanFile {
  body: Buffer;
  contentType: string;
  /** e.g. "action-plan-BDO-2565.pdf". */
  fileName: string;
  /** Page count of a PDF. */
  pages?: number;
}

/**
 * The action-plan report as a file, for `pbis report action-plan --format pdf|xlsx` and the API.
 * An unknown format is AppError('validation', reason invalid_option).
 */
export async function actionPlanReportFile(
  doc: ActionPlanDocument,
  format: string,
): Promise<ActionPlanFile> {
  const base = `action-plan-${doc.unit.code}-${doc.fiscalYear}`.replace(/[^\w.-]+/g, '_');
  if (format === 'pdf') {
    const { pdf, pages } = renderActionPlanPdf(doc);
    return { body: pdf, contentType: 'application/pdf', fileName: `${base}.pdf`, pages };
  }
  if (format === 'xlsx') {
    return {
      body: await renderActionPlanXlsx(doc),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      fileName: `${base}.xlsx`,
    };
  }
  throw new AppError(
    'validation',
    `format ${format} is not available for the action plan (pdf, xlsx)`,
    {
      reason: 'invalid_option',
    },
  );
}
