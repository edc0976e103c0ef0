import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionPlanDocument, ActionPlanIndicator } from '@pbis/core';
import { queryRows } from '../../db/client.js';
import { withSystemScope } from '../../db/scoped.js';
import { renderActionPlanPdf } from '../../reports/action-plan/index.js';
import {
  budgetOfficePlan2565 as seed,
  KPI1_NAME,
  KPI2_NAME,
  KPI3_NAME,
} from '../../seed/budget-office-plan-2565.js';
import { aUnit } from '../../test/factories.js';
import { setupApp, testDatabases, type TestContext } from '../../test/harness.js';
import { BUDGET_OFFICE_PLAN_2565, syntheticPlan } from './demo.js';
import { actionPlanDocument, findPlanOfUnit, SYNTHETIC_NOTE_TH } from './document.js';
import { loadPlanSeed } from './seed-loader.js';

const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const squash = (s: string): string => s.replace(/\s+/g, '');
/** kpi-2 is computed by the execution module in the database (the demo says so); the seed types it. */
const entered = (i: ActionPlanIndicator) => {
  const { source: _s, computedFrom: _c, ...rest } = i;
  return rest;
};

describe.each(testDatabases())('the action-plan document from the database on $name', (kind) => {
  let t: TestContext;
  let planId: string;
  let doc: ActionPlanDocument;
  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
    await loadPlanSeed(t.database, t.organizationId, BUDGET_OFFICE_PLAN_2565);
    planId = await findPlanOfUnit(t.database, t.system, 'BDO', 2565);
    doc = await actionPlanDocument(t.database, t.system, planId);
  });
  afterAll(() => t?.close());

  it('finds the plan by unit code or exact Thai name, and says which unit or plan is missing', async () => {
    expect(await findPlanOfUnit(t.database, t.system, seed.unit.nameTh, '2565')).toBe(planId);
    await expect(findPlanOfUnit(t.database, t.system, 'NO-SUCH', 2565)).rejects.toMatchObject({
      code: 'not_found',
      details: { reason: 'unit_not_found' },
    });
    await expect(findPlanOfUnit(t.database, t.system, 'BDO', 2564)).rejects.toMatchObject({
      code: 'not_found',
      details: { reason: 'plan_not_found' },
    });
  });

  it('matches the seed in every key figure: totals, indicators, targets, criteria, work plans', () => {
    const { indicators, sourceIssues, ...rest } = doc;
    const { indicators: seedIndicators, sourceIssues: seedIssues, ...seedRest } = seed;
    expect(rest).toEqual(seedRest);
    expect(indicators.map(entered)).toEqual(seedIndicators.map(entered));
    expect(indicators.find((i) => i.id === 'kpi-2')).toMatchObject({
      source: 'computed',
      computedFrom: 'execution.carry_over_without_obligation',
    });
    expect(doc.budgetSummary.map((g) => g.statedTotalSatang)).toEqual([1_099_150_000n, null]);
    expect(doc.workPlans.find((w) => w.id === 'wp-2')!.steps.map((s) => s.stepWeight)).toEqual([
      '20',
      '20',
      '40',
      '10',
      '10',
    ]);
    // The transcription's own inconsistencies stay, and the parts printed from it are named.
    expect(sourceIssues.slice(0, -1)).toEqual(seedIssues);
    expect(sourceIssues.at(-1)).toMatchObject({ code: 'transcribed_parts' });
  });

  it('prints what users changed since: budgets, targets, names, steps, removed projects', async () => {
    const run = (q: ReturnType<typeof sql>) =>
      withSystemScope(t.database, (tx) => queryRows(tx, q));
    await run(
      sql`update plan_project set budget_satang = 1200000000 where action_plan_id = ${planId} and budget_satang = 1099150000`,
    );
    await run(
      sql`update indicator_target set value = 4 where fiscal_year = 2565 and indicator_id = (select id from indicator where action_plan_id = ${planId} and code = '1')`,
    );
    await run(
      sql`update indicator set name_th = 'ตัวชี้วัดที่แก้ไขแล้ว' where action_plan_id = ${planId} and code = '3'`,
    );
    const changed = await actionPlanDocument(t.database, t.system, planId);
    expect(changed.budgetSummary[0]!.statedTotalSatang).toBe(1_200_000_000n);
    const kpi1 = changed.indicators.find((i) => i.id === 'kpi-1')!;
    expect(kpi1.targets.find((x) => x.fiscalYear === 2565)).toMatchObject({ value: '4' });
    expect(kpi1.targetTh).toBe('ระดับ 4');
    const kpi3 = changed.indicators.find((i) => i.number === '3')!;
    expect(kpi3.nameTh).toBe('ตัวชี้วัดที่แก้ไขแล้ว');
    expect(
      changed.keyIndicators.flatMap((g) => g.items).find((x) => x.indicatorId === kpi3.id)?.nameTh,
    ).toBe('ตัวชี้วัดที่แก้ไขแล้ว');
    // Undo, so the PDF below prints the seed's figures.
    await run(
      sql`update plan_project set budget_satang = 1099150000 where action_plan_id = ${planId} and budget_satang = 1200000000`,
    );
    await run(
      sql`update indicator_target set value = 5 where fiscal_year = 2565 and indicator_id = (select id from indicator where action_plan_id = ${planId} and code = '1')`,
    );
    await run(
      sql`update indicator set name_th = ${KPI3_NAME} where action_plan_id = ${planId} and code = '3'`,
    );
    expect(await actionPlanDocument(t.database, t.system, planId)).toEqual(doc);
  });

  it('a synthetic plan is labelled as such and has no transcription', async () => {
    const unit = await aUnit().inDivision(4).create(t);
    await loadPlanSeed(t.database, t.organizationId, syntheticPlan(unit, 3));
    const d = await actionPlanDocument(
      t.database,
      t.system,
      await findPlanOfUnit(t.database, t.system, unit.code, 2565),
    );
    expect(d.introductionTh[0]).toBe(SYNTHETIC_NOTE_TH);
    expect(d.unit.code).toBe(unit.code);
    expect(d.projects.length).toBeGreaterThan(0);
    expect(d.previousYear.components).toEqual([]);
    expect(d.sourceIssues.some((i) => i.code === 'transcribed_parts')).toBe(false);
    expect(renderActionPlanPdf(d).pages).toBeGreaterThan(0);
  });

  it.skipIf((!hasPdftotext && !process.env.CI) || kind.name !== 'pglite')(
    'its PDF reads the seed’s key figures, step weights and criteria points, no doubled syllable',
    () => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pbis-plan-db-')), 'plan.pdf');
      fs.writeFileSync(file, renderActionPlanPdf(doc).pdf);
      const text = (...args: string[]) =>
        execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
      const raw = text('-raw');
      const flat = squash(raw);
      for (const s of [
        '10,991,500.00',
        'สิบล้านเก้าแสนเก้าหมื่นหนึ่งพันห้าร้อยบาทถ้วน',
        '9.282',
        '9.157',
        KPI1_NAME,
        KPI2_NAME,
        KPI3_NAME,
      ])
        expect(flat, s).toContain(squash(s));
      for (const t of [raw, text(), text('-layout')]) {
        expect(t).not.toMatch(/หนึ่นึ่ง|ทั้ทั้ง|นึ่นึ่/);
        expect(t).not.toMatch(/([ก-ฮ][ัิีึื][่้๊๋])\1/);
      }
      const layout = text('-layout');
      const wp2 = layout.slice(layout.indexOf('กิจกรรมที่ 2 :'), layout.indexOf('กิจกรรมที่ 3 :'));
      const weights = [...wp2.matchAll(/(?:^|\s)(\d{2,3})\s+(\d{2,3})(?=\s|$)/gm)].map((m) =>
        Number(m[1]),
      );
      expect(weights).toEqual([20, 20, 40, 10, 10, 100]);
      const points = [...layout.matchAll(/^\s*([1-5])\s+ร้อยละ\s+(\d+)\s+\S.*?\s(\d+)\s*$/gm)].map(
        (m) => Number(m[3]),
      );
      expect(points.slice(0, 5)).toEqual([30, 24, 18, 12, 6]);
      expect(new Set(points)).toEqual(new Set([30, 24, 18, 12, 6, 20, 16, 14]));
      expect(squash(raw)).toContain(squash(doc.sourceIssues.at(-1)!.noteTh).slice(0, 40));
    },
  );
});
