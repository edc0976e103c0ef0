import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '@pbis/contract';
import { aUnit, aUser } from '../../test/factories.js';
import { setupApp, testDatabases, type Client, type TestContext } from '../../test/harness.js';
import { BUDGET_OFFICE_PLAN_2565, syntheticPlan } from './demo.js';
import { findPlanOfUnit } from './document.js';
import { thaiFileName } from './report.js';
import { loadPlanSeed } from './seed-loader.js';

const reason = (res: { json(): unknown }) =>
  (errorBodySchema.parse(res.json()).error.details as { reason?: string } | undefined)?.reason;

describe.each(testDatabases())('GET /api/v1/plans/:id/report on $name', (kind) => {
  let t: TestContext;
  let bdoPlan: string;
  let planA: string;
  let office: Client;
  let officerA: Client;
  let analyst4: Client;
  let analyst5: Client;
  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
    const unitA = await aUnit().inDivision(4).create(t);
    await loadPlanSeed(t.database, t.organizationId, BUDGET_OFFICE_PLAN_2565);
    await loadPlanSeed(t.database, t.organizationId, syntheticPlan(unitA, 1));
    bdoPlan = await findPlanOfUnit(t.database, t.system, 'BDO', 2565);
    planA = await findPlanOfUnit(t.database, t.system, unitA.code, 2565);
    office = await (await aUser().office().create(t)).signIn(t.app);
    officerA = await (await aUser().officerOf(unitA).create(t)).signIn(t.app);
    analyst4 = await (await aUser().analystOf(4).create(t)).signIn(t.app);
    analyst5 = await (await aUser().analystOf(5).create(t)).signIn(t.app);
  });
  afterAll(() => t?.close());

  it('answers the Budget Office’s plan as a Thai PDF with a Thai-safe file name', async () => {
    const res = await office.get(`/api/v1/plans/${bdoPlan}/report?format=pdf`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const cd = String(res.headers['content-disposition']);
    expect(cd).toMatch(/^attachment; filename="action-plan-BDO-2565\.pdf"; filename\*=UTF-8''/);
    expect(decodeURIComponent(cd.split("UTF-8''")[1]!)).toBe(
      'แผนปฏิบัติการ-2565-สำนักงบประมาณกรุงเทพมหานคร.pdf',
    );
    expect(cd).toMatch(/^[\x20-\x7e]+$/);
  });

  it('answers XLSX with Thai sheet names and the budget as a number; pdf is the default', async () => {
    const res = await officerA.get(`/api/v1/plans/${planA}/report?format=xlsx`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    expect(wb.worksheets.map((w) => w.name)).toContain('สรุปโครงการและงบประมาณ');
    const bdo = await office.get(`/api/v1/plans/${bdoPlan}/report?format=xlsx`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(bdo.rawPayload as never);
    expect(wb2.getWorksheet('สรุปโครงการและงบประมาณ')!.getColumn(4).values).toContain(10991500);
    const pdf = await analyst4.get(`/api/v1/plans/${planA}/report`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });

  it('is 404 outside the reader’s scope, 400 for a bad format or id, 401 signed out', async () => {
    const other = await analyst5.get(`/api/v1/plans/${planA}/report?format=pdf`);
    expect(other.statusCode).toBe(404);
    expect(reason(other)).toBe('plan_not_found');
    expect((await officerA.get(`/api/v1/plans/${bdoPlan}/report`)).statusCode).toBe(404);
    const bad = await office.get(`/api/v1/plans/${bdoPlan}/report?format=docx`);
    expect(bad.statusCode).toBe(400);
    expect((await office.get(`/api/v1/plans/not-a-uuid/report`)).statusCode).toBe(400);
    expect((await office.get(`/api/v1/plans/%00/report`)).statusCode).toBe(400);
    const none = await office.get(`/api/v1/plans/00000000-0000-4000-8000-000000000000/report`);
    expect(none.statusCode).toBe(404);
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/plans/${bdoPlan}/report` });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('the report’s Thai file name', () => {
  it('keeps Thai, drops separators and control characters', () => {
    expect(thaiFileName('สำนัก/งบ\\ประมาณ\u0000 "ทดสอบ"', 2565, '.pdf')).toBe(
      'แผนปฏิบัติการ-2565-สำนัก-งบ-ประมาณ-ทดสอบ.pdf',
    );
    expect(thaiFileName('///', 2565, '.xlsx')).toBe('แผนปฏิบัติการ-2565.xlsx');
  });
});
