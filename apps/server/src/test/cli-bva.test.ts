import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { bahtText, decimalToSatang, formatBaht } from '@pbis/core';
import { cliEnvironment, pbis } from './cli-runner.js';

/*
 * `pbis report budget-vs-actual` in every format, and `pbis report money-indicators --format
 * pdf`, on the demo organisation (synthetic execution FY2563–2565) in a temporary PGlite.
 */
const { file } = cliEnvironment('pbis-cli-bva-', (d) => ({
  DATABASE_URL: undefined,
  PBIS_DATA_DIR: path.join(d, 'data'),
  PBIS_ADMIN_PASSWORD: 'cli-bva-harbour-secret',
  PBIS_DEMO_PASSWORD: 'cli-bva-demo-password',
  PBIS_LOG_LEVEL: 'silent',
}));

const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

interface Row {
  level: string;
  division: string;
  unit_code: string;
  unit_name: string;
  revised_baht: string;
  disbursed_baht: string;
  available_baht: string;
  disbursement_rate: string;
  children: number;
}

const report = async (name: string, ...args: string[]) => {
  const r = await pbis('report', name, '--year', '2565', ...args);
  expect(r.code, r.stderr).toBe(0);
  return r;
};

describe('pbis report budget-vs-actual', () => {
  let all: Row[] = [];

  it('seeds the demo', async () => {
    const seed = await pbis('db', 'seed', '--demo');
    expect(seed.code, seed.stderr).toBe(0);
  }, 120_000);

  it('writes JSON rows, depth first, each total the exact sum of its children', async () => {
    const r = await report('budget-vs-actual', '--format', 'json');
    const body = JSON.parse(r.stdout) as { fiscal_year: number; as_of: null; rows: Row[] };
    expect(body.fiscal_year).toBe(2565);
    all = body.rows;
    expect(all[0]!.level).toBe('bma');
    const units = all.filter((x) => x.level === 'unit');
    expect(units.length).toBeGreaterThan(60);
    for (const k of ['revised_baht', 'disbursed_baht', 'available_baht'] as const) {
      expect(all[0]![k]).toMatch(/^\d+\.\d{2}$/);
      expect(units.reduce((s, u) => s + decimalToSatang(u[k]), 0n)).toBe(
        decimalToSatang(all[0]![k]),
      );
    }
    expect(all[0]!.children).toBe(all.filter((x) => x.level === 'division').length);
    const one = await report('budget-vs-actual', '--format', 'json', '--unit', '1001');
    const rows = (JSON.parse(one.stdout) as { rows: Row[] }).rows;
    expect(rows[0]).toMatchObject({
      level: 'unit',
      unit_code: '1001',
      division: 'กองวิเคราะห์งบประมาณ 1',
    });
    expect(rows[0]).toEqual(all.find((x) => x.level === 'unit' && x.unit_code === '1001'));
    // By exact Thai name, and at a day.
    const byName = await report(
      'budget-vs-actual',
      '--format',
      'json',
      '--unit',
      rows[0]!.unit_name,
      '--as-of',
      '2022-03-31',
    );
    const march = JSON.parse(byName.stdout) as { as_of: string; rows: Row[] };
    expect(march.as_of).toBe('2022-03-31');
    expect(decimalToSatang(march.rows[0]!.disbursed_baht)).toBeLessThan(
      decimalToSatang(rows[0]!.disbursed_baht),
    );
  });

  it('writes CSV with decimal strings, and XLSX with numbers (not formulas) under Thai headers', async () => {
    await report('budget-vs-actual', '--format', 'csv', '--out', file('bva.csv'));
    const csv = fs
      .readFileSync(file('bva.csv'), 'utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\n');
    expect(csv[0]).toBe(
      'level,division,unit_code,unit_name,programme,project_code,project,expense_category,line_code,line,enacted_baht,revised_baht,reserved_baht,obligated_baht,disbursed_baht,available_baht,disbursement_rate,children',
    );
    expect(csv).toHaveLength(all.length + 1);
    expect(csv[1]).toContain(`,${all[0]!.revised_baht},`);

    await report('budget-vs-actual', '--format', 'xlsx', '--out', file('bva.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('bva.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['ลำดับชั้น', 'รายหน่วยงาน']);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(12).value).toBe('งบประมาณหลังปรับโอน (บาท)');
    expect(ws.rowCount).toBe(all.length + 1);
    const total = ws.getRow(2);
    expect(total.getCell(1).value).toBe('กรุงเทพมหานคร');
    expect(total.getCell(12).value).toBe(Number(all[0]!.revised_baht));
    ws.eachRow((row) =>
      row.eachCell((c) => expect(typeof c.value === 'object' && c.value !== null).toBe(false)),
    );
    expect(wb.worksheets[1]!.rowCount).toBe(all.filter((x) => x.level === 'unit').length + 1);
  });

  it.skipIf(!hasPoppler && !process.env.CI)(
    'writes a Thai PDF: unit names, totals and the total in words, page numbers in Thai digits, no doubled syllables',
    async () => {
      await report('budget-vs-actual', '--format', 'pdf', '--out', file('bva.pdf'));
      const pdf = fs.readFileSync(file('bva.pdf'));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      // -raw: the text in content order (the default layout mode puts a space where Laksaman
      // shifts a tone mark left over a tall consonant, as in ป้).
      const text = execFileSync('pdftotext', ['-raw', file('bva.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain('รายงานผลการใช้จ่ายงบประมาณเทียบกับงบประมาณ');
      // A long name wraps in its cell: compared without white space.
      const flat = (s: string) => s.replace(/\s+/g, '');
      for (const u of all.filter((x) => x.level === 'unit'))
        expect(flat(text)).toContain(flat(`${u.unit_code} ${u.unit_name}`));
      for (const d of all.filter((x) => x.level === 'division'))
        expect(text).toContain(formatBaht(decimalToSatang(d.revised_baht)));
      const revised = decimalToSatang(all[0]!.revised_baht);
      expect(text).toContain(formatBaht(revised));
      expect(flat(text)).toContain(bahtText(revised));
      expect(text).toContain('- ๒ -');
      expect(text).not.toMatch(/หนึ่นึ่ง|ทั้ทั้ง|(\p{Script=Thai}{2,})\1\1/u);
      const pages = execFileSync('pdfinfo', [file('bva.pdf')], { encoding: 'utf8' });
      expect(Number(/Pages:\s+(\d+)/.exec(pages)![1])).toBeGreaterThan(1);

      await report('budget-vs-actual', '--format', 'pdf', '--unit', '1001', '--out', file('u.pdf'));
      const unit = execFileSync('pdftotext', ['-raw', file('u.pdf'), '-'], { encoding: 'utf8' });
      expect(unit).toContain('สำนักงานเขตพระนคร (1001)');
      expect(unit).toContain('รวมทั้งหน่วยงาน');
      expect(unit).toContain('งบดำเนินงาน');

      await report('money-indicators', '--format', 'pdf', '--out', file('mi.pdf'));
      const mi = execFileSync('pdftotext', ['-raw', file('mi.pdf'), '-'], { encoding: 'utf8' });
      expect(mi).toContain('ตัวชี้วัดการเบิกจ่ายงบประมาณ');
      expect(mi).toContain('สำนักงานเขตพระนคร');
      expect(mi).toContain('๓๐ กันยายน พ.ศ. ๒๕๖๕');
      expect(mi).not.toMatch(/หนึ่นึ่ง|ทั้ทั้ง/);
    },
    120_000,
  );

  it('refuses an unknown unit (1) and an unknown format (2)', async () => {
    const r = await pbis(
      'report',
      'budget-vs-actual',
      '--year',
      '2565',
      '--format',
      'json',
      '--unit',
      'NOPE',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/NOPE/);
    expect(
      (await pbis('report', 'budget-vs-actual', '--year', '2565', '--format', 'doc')).code,
    ).toBe(2);
  });
});
