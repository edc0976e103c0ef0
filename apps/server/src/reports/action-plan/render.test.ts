import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  budgetOfficePlan2565 as plan,
  KPI1_NAME,
  KPI2_NAME,
  KPI3_NAME,
} from '../../seed/budget-office-plan-2565.js';
import { actionPlanReportFile, renderActionPlanPdf, renderActionPlanXlsx } from './index.js';

const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const squash = (s: string): string => s.replace(/\s+/g, '');

describe('the action-plan PDF of the seed (Typst, Laksaman)', () => {
  let pdf: Buffer;
  let pages: number;
  let file: string;
  beforeAll(() => {
    ({ pdf, pages } = renderActionPlanPdf(plan));
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pbis-action-plan-')), 'plan.pdf');
    fs.writeFileSync(file, pdf);
  });
  const text = (...args: string[]): string =>
    execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });

  it('is a PDF of many pages', () => {
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pages).toBeGreaterThan(30);
  });

  it.skipIf(!hasPdftotext && !process.env.CI)(
    'reads the seed’s key figures and names once each',
    () => {
      const raw = text('-raw');
      const flat = squash(raw);
      for (const s of [
        '10,991,500.00',
        'สิบล้านเก้าแสนเก้าหมื่นหนึ่งพันห้าร้อยบาทถ้วน',
        '88,000.00',
        '9.282',
        '9.157',
        '92.820',
        '91.572',
        'ประจำปีพ.ศ.๒๕๖๕',
        'สำนักงบประมาณกรุงเทพมหานคร',
        'ปัญหา',
      ])
        expect(flat, s).toContain(squash(s));
      for (const name of [KPI1_NAME, KPI2_NAME, KPI3_NAME]) expect(flat).toContain(squash(name));
      // Thai-digit page numbers of the body.
      expect(raw).toMatch(/- ๑ -/);
      expect(raw).toMatch(/- ๒๐ -/);
    },
  );

  it.skipIf(!hasPdftotext && !process.env.CI)('has no doubled syllable in its text layer', () => {
    for (const t of [text(), text('-raw'), text('-layout')]) {
      expect(t).not.toMatch(/หนึ่นึ่ง|ทั้ทั้ง|นึ่นึ่/);
      // A consonant with an upper vowel and a tone mark, twice in a row: the corruption Sarabun and
      // Noto Sans Thai produce.
      expect(t).not.toMatch(/([ก-ฮ][ัิีึื][่้๊๋])\1/);
    }
  });

  it.skipIf(!hasPdftotext && !process.env.CI)(
    'prints activity 2’s step weights 20/20/40/10/10 with their cumulative progress',
    () => {
      const layout = text('-layout');
      const start = layout.indexOf('กิจกรรมที่ 2 :');
      const end = layout.indexOf('กิจกรรมที่ 3 :');
      expect(start).toBeGreaterThan(0);
      expect(end).toBeGreaterThan(start);
      const pairs = [
        ...layout.slice(start, end).matchAll(/(?:^|\s)(\d{2,3})\s+(\d{2,3})(?=\s|$)/gm),
      ].map((m) => [Number(m[1]), Number(m[2])]);
      expect(pairs).toEqual([
        [20, 20],
        [20, 40],
        [40, 80],
        [10, 90],
        [10, 100],
        [100, 100],
      ]);
    },
  );

  it.skipIf(!hasPdftotext && !process.env.CI)(
    'prints the criteria: points 6–30 of indicator 1, 12–20 of indicators 2 and 3',
    () => {
      const layout = text('-layout');
      const rows = [...layout.matchAll(/^\s*([1-5])\s+ร้อยละ\s+(\d+)\s+\S.*?\s(\d+)\s*$/gm)].map(
        (m) => Number(m[3]),
      );
      // Tables ก (indicators 1, 2, 3), ข (1), ค (2, 3): six criteria sheets of five levels.
      expect(rows).toHaveLength(30);
      const sheets = Array.from({ length: 6 }, (_, i) => rows.slice(i * 5, i * 5 + 5));
      expect(sheets).toEqual([
        [30, 24, 18, 12, 6],
        [20, 18, 16, 14, 12],
        [20, 18, 16, 14, 12],
        [30, 24, 18, 12, 6],
        [20, 18, 16, 14, 12],
        [20, 18, 16, 14, 12],
      ]);
      // Indicator 2's bands are printed as the seed has them, gaps included.
      expect(squash(layout)).toContain(squash('ตั้งแต่ร้อยละ 2.01 แต่ไม่ถึงร้อยละ 3.00'));
    },
  );
});

describe('the action-plan workbook', () => {
  it('has one sheet per table, Thai headers and numbers as numbers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderActionPlanXlsx(plan)) as never);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual([
      'ผลปีก่อน',
      'ผลปีก่อน (รายละเอียด)',
      'ตัวชี้วัดและค่าเป้าหมาย',
      'สรุปโครงการและงบประมาณ',
      'รายการพื้นฐาน',
      'ตาราง ก',
      'ตาราง ข',
      'ตาราง ค',
      'ตาราง ง',
      'เกณฑ์การให้คะแนน',
      'แผนการปฏิบัติงาน',
    ]);
    const previous = wb.getWorksheet('ผลปีก่อน')!;
    expect(previous.getRow(1).values).toContain('ค่าคะแนนถ่วงน้ำหนัก');
    const weighted = previous.getColumn(6).values.slice(2);
    expect(weighted).toEqual([9.157, 9.282, 10]);
    const summary = wb.getWorksheet('สรุปโครงการและงบประมาณ')!;
    const amounts = summary.getColumn(4).values.slice(2);
    expect(amounts).toContain(10991500);
    expect(summary.getRow(4).getCell(3).value).toContain('สิบล้านเก้าแสนเก้าหมื่นหนึ่งพันห้าร้อยบาทถ้วน');
    expect(wb.getWorksheet('รายการพื้นฐาน')!.getRow(2).getCell(4).value).toBe(88000);
    const steps = wb.getWorksheet('แผนการปฏิบัติงาน')!;
    const wp2: unknown[] = [];
    steps.eachRow((row) => {
      if (String(row.getCell(1).value).startsWith('กิจกรรมที่ 2')) wp2.push(row.getCell(3).value);
    });
    expect(wp2).toEqual([20, 20, 40, 10, 10]);
    const criteria = wb.getWorksheet('เกณฑ์การให้คะแนน')!;
    expect(criteria.getColumn(5).values.slice(2, 7)).toEqual([30, 24, 18, 12, 6]);
  });
});

describe('the action-plan report file', () => {
  it('names the file by unit and year, and refuses an unknown format', async () => {
    const xlsx = await actionPlanReportFile(plan, 'xlsx');
    expect(xlsx.fileName).toBe('action-plan-BDO-2565.xlsx');
    expect(xlsx.body.subarray(0, 2).toString()).toBe('PK');
    const pdf = await actionPlanReportFile(plan, 'pdf');
    expect(pdf).toMatchObject({
      fileName: 'action-plan-BDO-2565.pdf',
      contentType: 'application/pdf',
    });
    expect(pdf.pages).toBeGreaterThan(30);
    await expect(actionPlanReportFile(plan, 'docx')).rejects.toMatchObject({
      code: 'validation',
      details: { reason: 'invalid_option' },
    });
  });
});
