import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { KPI1_NAME } from '../seed/budget-office-plan-2565.js';
import { cliEnvironment, pbis } from './cli-runner.js';

/* `pbis report action-plan` on an embedded database with the demo loaded. */
const { dir, file } = cliEnvironment('pbis-cli-plan-', (d) => ({
  DATABASE_URL: undefined,
  PBIS_DATA_DIR: path.join(d, 'data'),
  PBIS_ADMIN_PASSWORD: 'cli-plan-secret-harbour',
  PBIS_DEMO_PASSWORD: 'cli-plan-demo-password',
  PBIS_LOG_LEVEL: 'silent',
}));
void dir;
const write = (name: string, text: string) => {
  fs.writeFileSync(file(name), text);
  return file(name);
};

const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('pbis report action-plan', () => {
  it('loads the demo', async () => {
    expect((await pbis('db', 'migrate')).code).toBe(0);
    const seed = await pbis('db', 'seed', '--demo');
    expect(seed.code, seed.stderr).toBe(0);
  });

  it('writes the Budget Office’s plan as PDF by unit code', async () => {
    const r = await pbis(
      'report',
      'action-plan',
      '--year',
      '2565',
      '--unit',
      'BDO',
      '--format',
      'pdf',
      '--out',
      file('plan.pdf'),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^wrote .*plan\.pdf \(\d+ pages\)\n$/);
    expect(fs.readFileSync(file('plan.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    if (hasPdftotext || process.env.CI) {
      const text = execFileSync('pdftotext', ['-raw', file('plan.pdf'), '-'], { encoding: 'utf8' });
      expect(text.replace(/\s+/g, '')).toContain('10,991,500.00');
      expect(text.replace(/\s+/g, '')).toContain(KPI1_NAME.replace(/\s+/g, ''));
    }
  });

  it('writes XLSX by the exact Thai name, and to standard output without --out', async () => {
    const r = await pbis(
      'report',
      'action-plan',
      '--year',
      '2565',
      '--unit',
      'สำนักงบประมาณกรุงเทพมหานคร',
      '--format',
      'xlsx',
      '--out',
      file('plan.xlsx'),
    );
    expect(r.code, r.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file('plan.xlsx')) as never);
    expect(wb.getWorksheet('สรุปโครงการและงบประมาณ')!.getColumn(4).values).toContain(10991500);
    const stdout = await pbis(
      'report',
      'action-plan',
      '--year',
      '2565',
      '--unit',
      'BDO',
      '--format',
      'xlsx',
    );
    expect(stdout.code, stdout.stderr).toBe(0);
    expect(stdout.raw.subarray(0, 2).toString()).toBe('PK');
  });

  it('imports the example plans file: --dry-run --json first, then for real; exports it again', async () => {
    const example = path.resolve(
      path.dirname(new URL(import.meta.url).pathname),
      '../../../../docs/examples/plans.csv',
    );
    const dry = await pbis('import', 'plans', example, '--dry-run', '--json');
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({
      kind: 'plans',
      rows: 3,
      total_baht: '2400000.00',
      dry_run: true,
    });
    const real = await pbis('import', 'plans', example, '--json');
    expect(real.code, real.stderr).toBe(0);
    expect(JSON.parse(real.stdout)).toMatchObject({ kind: 'plans', created: 3, dry_run: false });
    const bad = await pbis(
      'import',
      'results',
      write(
        'bad.csv',
        'fiscal_year,unit_code,indicator_code,period_kind,value\n2565,BDO,1,week,\n',
      ),
      '--json',
    );
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({
      errors: [
        { line: 2, reason: 'period_kind "week" is not one of month, quarter, year' },
        { line: 2, reason: 'value is empty' },
      ],
    });
    const exported = await pbis('export', 'plans', '--year', '2565', '--format', 'json');
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout)).toContainEqual(
      expect.objectContaining({ project_code: 'EX-1.1', parent_code: 'EX-1', budget: '800000.00' }),
    );
  });

  it('says clearly when the unit, the plan or the format is not there (exit 1)', async () => {
    const unknown = await pbis(
      'report',
      'action-plan',
      '--year',
      '2565',
      '--unit',
      'ไม่มีหน่วยนี้',
      '--format',
      'pdf',
      '--out',
      file('x.pdf'),
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no unit "ไม่มีหน่วยนี้" \(a unit code or its exact Thai name\)/);
    expect(fs.existsSync(file('x.pdf'))).toBe(false);
    const noPlan = await pbis(
      'report',
      'action-plan',
      '--year',
      '2570',
      '--unit',
      'BDO',
      '--format',
      'pdf',
    );
    expect(noPlan.code).toBe(1);
    expect(noPlan.stderr).toMatch(/has no action plan for 2570/);
    const noUnit = await pbis('report', 'action-plan', '--year', '2565', '--format', 'pdf');
    expect(noUnit.code).toBe(1);
    expect(noUnit.stderr).toMatch(/needs --unit/);
    const csv = await pbis(
      'report',
      'action-plan',
      '--year',
      '2565',
      '--unit',
      'BDO',
      '--format',
      'csv',
    );
    expect(csv.code).toBe(1);
    expect(csv.stderr).toMatch(/pdf, xlsx/);
  });
});
